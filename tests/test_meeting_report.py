# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The manager prints the meeting report, from a plan or for the team and a
week, and reads it on paper."""

import shutil
import subprocess
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import MonthlyPlanCommon

REPORT = "sale_customer_care.action_report_sale_care_meeting"


@tagged("post_install", "-at_install")
class TestMeetingReport(MonthlyPlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["report.sale_customer_care.report_sale_care_meeting"]
        month = cls.month
        # the managed customer ordered and was invoiced; the prospect did not
        order = cls._order(cls.managed)
        order.date_order = datetime.combine(month + relativedelta(days=3), time(10))
        cls._invoice(cls.managed, 1500.0, month + relativedelta(days=3))
        cls._invoice(cls.backed_up, 800.0, month - relativedelta(days=2))  # last month
        cls._invoice(cls.backed_up, 650.0, month - relativedelta(years=1))  # a year ago
        # pipes fell against the same month last year
        cls._invoice(cls.managed, 900.0, month - relativedelta(years=1), product=cls.pipe)
        cls._invoice(cls.managed, 100.0, month + relativedelta(days=1), product=cls.pipe)
        cls._evaluate()
        cls.draft_commitment = cls.env["sale.revenue.commitment"].create(
            {
                "name": "Danube framework",
                "partner_id": cls.backed_up.id,
                "user_id": cls.salesman.id,
                "date_start": month,
                "date_end": month + relativedelta(years=1, days=-1),
                "amount": 50000.0,
            }
        )
        cls.plan = cls.Plan.create(
            {
                "user_id": cls.salesman.id,
                "date": month,
                "line_ids": [
                    (0, 0, {"partner_id": cls.managed.id, "expected_revenue": 2000.0}),
                    (
                        0,
                        0,
                        {
                            "partner_id": cls.backed_up.id,
                            "expected_revenue": 1000.0,
                            "next_action": "Visit the Danube site",
                            "planned_calls": 2,
                        },
                    ),
                    (0, 0, {"partner_id": cls.prospect.id, "expected_revenue": 0.0}),
                ],
            }
        )

    def _sections(self, meeting):
        return {section["user"]: section for section in meeting["sections"]}

    def test_report_values_for_a_plan(self):
        note = self.prospect.message_post(body="Met at the fair", message_type="comment")
        note.sudo().date = datetime.combine(self.month + relativedelta(days=12), time(15))
        self.plan.action_schedule_activities()  # planned, not yet an approach
        values = self.Report._get_report_values(self.plan.ids)
        (meeting,) = values["meetings"]
        section = self._sections(meeting)[self.salesman]
        self.assertAlmostEqual(section["expected"], 3000.0)
        self.assertAlmostEqual(section["achieved"], 1600.0, msg="1,500 pumps + 100 pipes")
        self.assertAlmostEqual(section["percent"], 100.0 * 1600 / 3000)
        self.assertEqual([r["partner"] for r in section["ordered"]], [self.managed])
        not_ordered = {r["partner"]: r for r in section["not_ordered"]}
        self.assertIn(self.backed_up, not_ordered)
        self.assertAlmostEqual(not_ordered[self.backed_up]["last_month"], 800.0)
        self.assertAlmostEqual(not_ordered[self.backed_up]["last_year"], 650.0)
        self.assertEqual(not_ordered[self.backed_up]["next_action"], "Visit the Danube site")
        self.assertFalse(not_ordered[self.backed_up]["approached"])
        self.assertTrue(not_ordered[self.prospect]["approached"])
        self.assertEqual(not_ordered[self.prospect]["last_interaction"], note.date.date())
        self.assertIn(self.prospect, [r["partner"] for r in section["new_customers"]])
        growth = {row["commitment"]: row for row in section["commitments"]}
        self.assertEqual(set(growth), {self.draft_commitment, self.commitment})
        self.assertTrue(growth[self.draft_commitment]["to_sign"], "a draft is still to sign")
        self.assertFalse(growth[self.commitment]["to_sign"])
        self.assertGreater(
            growth[self.commitment]["time_percent"],
            self.commitment.progress,
            "nothing invoiced half-way through: running behind",
        )
        falling = {row["category"]: row for row in meeting["falling_categories"]}
        self.assertIn(self.categ_pipes, falling)
        self.assertAlmostEqual(falling[self.categ_pipes]["change"], -100.0 * 800 / 900)
        self.assertNotIn(self.categ_pumps, falling)

    def test_falling_categories_compare_only_the_days_that_happened(self):
        """A month that has not started has nothing to compare (it listed
        every category as falling by 100 %); a month still running compares
        its first days with the same days last year."""
        next_month = self.today.replace(day=1) + relativedelta(months=1)
        # a year before next month, both categories sold
        self._invoice(self.managed, 700.0, next_month - relativedelta(years=1), product=self.pipe)
        self._invoice(self.managed, 300.0, next_month - relativedelta(years=1))
        meeting = self.Report._prepare_meeting(
            self.salesman, next_month, next_month + relativedelta(day=31), self.company
        )
        self.assertEqual(meeting["falling_categories"], [])
        self.assertLess(meeting["compared_until"], meeting["date_from"])
        html = self._html(next_month)
        self.assertIn("The period has not started yet", html)
        self.assertNotIn("Same period last year", html, "no empty table of categories")

        # this month: pipes sold on the first day last year and again today;
        # pumps sold last year after today's date only: not yet comparable
        this_month = self.today.replace(day=1)
        year_ago = this_month - relativedelta(years=1)
        self._invoice(self.managed, 400.0, year_ago, product=self.pipe)
        self._invoice(self.managed, 100.0, this_month, product=self.pipe)
        later = self.today + relativedelta(days=1) - relativedelta(years=1)
        if later.month == year_ago.month:
            self._invoice(self.managed, 5000.0, later)
        meeting = self.Report._prepare_meeting(
            self.salesman, this_month, this_month + relativedelta(day=31), self.company
        )
        self.assertEqual(meeting["compared_until"], self.today)
        falling = {row["category"]: row for row in meeting["falling_categories"]}
        self.assertAlmostEqual(falling[self.categ_pipes]["before"], 400.0)
        self.assertAlmostEqual(falling[self.categ_pipes]["now"], 100.0)
        self.assertNotIn(self.categ_pumps, falling, "last year's later days are not compared")
        html = self._html(this_month)
        self.assertIn("Same period last year", html)
        if self.today < this_month + relativedelta(day=31):
            self.assertIn("The period is still running", html)

    def _html(self, month):
        """The team meeting report of ``month`` as the wizard prints it."""
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            REPORT,
            [],
            data={
                "date_from": str(month),
                "date_to": str(month + relativedelta(day=31)),
                "company_id": self.company.id,
                "user_ids": self.salesman.ids,
            },
        )
        return html.decode()

    def test_a_week_gets_its_share_of_the_month(self):
        monday = self.month + relativedelta(days=7 - self.month.weekday())
        meeting = self.Report._prepare_meeting(
            self.salesman, monday, monday + relativedelta(days=6), self.company
        )
        section = self._sections(meeting)[self.salesman]
        days_in_month = (self.month + relativedelta(day=31)).day
        self.assertAlmostEqual(section["expected"], 3000.0 * 7 / days_in_month)

    def test_wizard_for_the_team_and_a_week(self):
        form = Form(self.env["sale.care.meeting.report.wizard"].with_user(self.team_leader))
        form.team_id = self.team
        form.period = "week"
        form.date = self.month + relativedelta(days=10)
        wizard = form.save()
        self.assertEqual(wizard.date_from.weekday(), 0)
        self.assertEqual((wizard.date_to - wizard.date_from).days, 6)
        self.assertTrue(wizard.date_from <= wizard.date <= wizard.date_to)
        self.assertIn(self.salesman, wizard.user_ids)
        self.assertIn(self.salesman_2, wizard.user_ids)
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "sale_customer_care.report_sale_care_meeting")
        self.assertEqual(action["data"]["user_ids"], wizard.user_ids.ids)
        form.period = "month"
        wizard = form.save()
        self.assertEqual(wizard.date_from, self.month)
        self.assertEqual(wizard.date_to, self.month + relativedelta(day=31))

        wizard.user_ids = False
        with self.assertRaisesRegex(UserError, "at least one salesperson"):
            wizard.action_print()

    def _pdf_text(self, res_ids=None, data=None):
        self.assertTrue(shutil.which("pdftotext"), "poppler-utils is part of the test setup")
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, res_ids, data=data)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        return subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()

    def test_pdf_of_a_plan(self):
        text = self._pdf_text(self.plan.ids)
        for expected in (
            "Monthly sales meeting",
            "Expected and achieved revenue",
            self.salesman.name,
            "Customers that ordered",
            "Managed Ltd",
            "Customers that did not order",
            "Visit the Danube site",
            "New customers",
            "Prospect Ltd",
            "Danube framework",
            "To sign",
            "Behind",
            "Pipes",
        ):
            self.assertIn(expected, text)

    def test_pdf_prints_long_customer_names_whole(self):
        long_name = "Rostocker Hafenservice und Schiffsausruestung GmbH Niederlassung Nord"
        customer = self._customer(long_name, user_id=self.salesman.id)
        self.plan.write(
            {"line_ids": [(0, 0, {"partner_id": customer.id, "expected_revenue": 10.0})]}
        )
        words = self._pdf_text(self.plan.ids).split()
        self.assertNotIn("…", " ".join(words))
        for word in ("Schiffsausruestung", "Niederlassung", "Nord"):
            self.assertIn(word, words, "every word of the name is printed (wrapped)")

    def test_pdf_for_the_team(self):
        wizard = self.env["sale.care.meeting.report.wizard"].create(
            {"team_id": self.team.id, "period": "month", "date": self.month}
        )
        text = self._pdf_text(data=wizard._report_data())
        self.assertIn(self.salesman.name, text)
        self.assertIn(self.salesman_2.name, text)
        self.assertIn("Total", text)

    def test_a_salesperson_prints_their_own_meeting_only(self):
        secret = self._plan(
            user=self.salesman_2,
            lines=[{"partner_id": self.foreign.id, "next_action": "Undercut Sam's price"}],
        )
        Report = self.Report.with_user(self.salesman)
        (meeting,) = Report._get_report_values(self.plan.ids)["meetings"]
        self.assertEqual([s["user"] for s in meeting["sections"]], [self.salesman])
        data = {
            "user_ids": self.salesman.ids,
            "date_from": str(self.month),
            "date_to": str(self.month_end),
            "company_id": self.company.id,
        }
        (meeting,) = Report._get_report_values([], data)["meetings"]
        rows = [row for s in meeting["sections"] for row in s["ordered"] + s["not_ordered"]]
        self.assertNotIn("Undercut Sam's price", [row["next_action"] for row in rows])
        # a colleague's plan, a meeting with a colleague, the whole team: refused
        with self.assertRaises(AccessError):
            Report._get_report_values(secret.ids)
        with self.assertRaisesRegex(AccessError, self.salesman_2.name):
            Report._get_report_values([], {**data, "user_ids": self.salesman_2.ids})
        wizard = (
            self.env["sale.care.meeting.report.wizard"]
            .with_user(self.salesman)
            .create({"team_id": self.team.id, "period": "month", "date": self.month})
        )
        with self.assertRaisesRegex(AccessError, "teams you lead"):
            wizard.action_print()
        # the team leader prints the whole team
        wizard.with_user(self.team_leader).action_print()
        Report.with_user(self.team_leader)._get_report_values(secret.ids)

    def test_the_company_of_the_report_is_one_the_user_works_for(self):
        other = self.setup_other_company(name="Elsewhere Ltd")["company"]
        data = {
            "user_ids": self.manager.ids,
            "date_from": str(self.month),
            "date_to": str(self.month_end),
            "company_id": other.id,
        }
        with self.assertRaisesRegex(AccessError, "Elsewhere Ltd"):
            self.Report.with_user(self.manager)._get_report_values([], data)
        wizard = (
            self.env["sale.care.meeting.report.wizard"]
            .with_user(self.manager)
            .create({"period": "month", "date": self.month, "company_id": other.id})
        )
        with self.assertRaisesRegex(AccessError, "Elsewhere Ltd"):
            wizard.action_print()

    def test_no_meeting_report_without_sales_rights(self):
        employee = new_test_user(self.env, "care_report_employee", "base.group_user")
        data = {
            "user_ids": employee.ids,
            "date_from": str(self.month),
            "date_to": str(self.month_end),
            "company_id": self.company.id,
        }
        with self.assertRaises(AccessError):
            self.Report.with_user(employee)._get_report_values([], data)
        with self.assertRaises(AccessError):
            self.Report.with_user(employee)._get_report_values(self.plan.ids)
