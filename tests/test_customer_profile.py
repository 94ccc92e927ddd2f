# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer profile, one page per customer: who the customer is for us,
what it bought in 24 months by product category, what is coming and what we
said to each other, printed by those who care for it."""

from datetime import datetime, time

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import WorkingDocumentsCommon

REPORT = "sale_customer_care.report_customer_profile"
# Statements of a profile (HTML), whatever the number of customers (two of them
# read its open issues and risk signals).
QUERY_BUDGET = 37


@tagged("post_install", "-at_install")
class TestCustomerProfile(WorkingDocumentsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["report.sale_customer_care.report_customer_profile"]
        cls.quarter = cls.today.replace(month=3 * ((cls.today.month - 1) // 3) + 1, day=1)
        cls.first_quarter = cls.quarter - relativedelta(months=21)
        # 24 months of books: pumps in the first and the current quarter, pipes
        # last quarter (a credit note takes some back), nothing older counts
        cls._invoice(cls.managed, 1000.0, cls.first_quarter)
        cls._invoice(cls.managed, 2500.0, cls.quarter)
        cls._invoice(cls.managed, 400.0, cls.quarter - relativedelta(months=2), product=cls.pipe)
        cls._invoice(
            cls.managed, 100.0, cls.quarter - relativedelta(days=1), product=cls.pipe, refund=True
        )
        cls._invoice(cls.managed, 9999.0, cls.first_quarter - relativedelta(days=1))
        cls._evaluate(cls.managed | cls.backed_up)
        # six confirmed orders (the five last are shown) and a quotation
        cls.orders = cls.env["sale.order"]
        for days in (60, 50, 40, 30, 20, 10):
            order = cls._order(cls.managed, quantity=days / 10)
            order.date_order = datetime.combine(cls._days_ago(days), time(9))
            cls.orders |= order
        cls.quotation = cls._order(cls.managed, confirm=False)
        # an open opportunity, a lost one
        Lead = cls.env["crm.lead"]
        Lead.create(
            {
                "name": "Pumps for the second plant",
                "type": "opportunity",
                "partner_id": cls.buyer.id,
                "user_id": cls.salesman.id,
                "expected_revenue": 18000.0,
            }
        )
        Lead.create(
            {
                "name": "Valves we lost",
                "type": "opportunity",
                "partner_id": cls.managed.id,
                "user_id": cls.salesman.id,
            }
        ).action_set_lost()
        # a framework agreement running, one cancelled
        Commitment = cls.env["sale.revenue.commitment"]
        cls.commitment = Commitment.create(
            {
                "name": "Pump framework",
                "partner_id": cls.managed.id,
                "user_id": cls.salesman.id,
                "date_start": cls.quarter,
                "date_end": cls.quarter + relativedelta(years=1, days=-1),
                "amount": 10000.0,
            }
        )
        cls.commitment.action_activate()
        cancelled = Commitment.create(
            {
                "name": "Old framework",
                "partner_id": cls.managed.id,
                "user_id": cls.salesman.id,
                "date_start": cls.quarter - relativedelta(years=3),
                "date_end": cls.quarter - relativedelta(years=2, days=1),
                "amount": 5000.0,
            }
        )
        cancelled.with_user(cls.manager).action_cancel()
        # the care team: the salesman (account manager) and a backup
        cls._member(cls.salesman_2, "2", cls.managed)
        # what we said to each other: six notes and a call done
        for days in (90, 80, 70, 60, 50):
            cls._note(cls.managed, f"Old note {days}", days)
        cls._note(cls.buyer, Markup("Mai asked for <b>spare seals</b>"), 3)
        call = cls._activity(cls.managed, cls.salesman, "call", -2, "Delivery dates")
        messages, _next = call._action_done(feedback="Two pumps in January")
        messages.date = datetime.combine(cls._days_ago(2), time(11))
        # the latest VIP interview (an older one is not shown)
        programme = cls.env["customer.vip.programme"].create({"year": cls.today.year + 1})
        member = cls.env["customer.vip.member"].create(
            {"programme_id": programme.id, "partner_id": cls.managed.id}
        )
        Interview = cls.env["customer.vip.interview"]
        for days, satisfaction, prospects in ((200, 3, "Old prospects"), (20, 4, "A second plant")):
            interview = Interview.create(
                {
                    "member_id": member.id,
                    "user_id": cls.salesman.id,
                    "date": cls._days_ago(days),
                    "satisfaction": satisfaction,
                    "services_used": "Delivery to site\nTechnical advice",
                    "expansion_prospects": prospects,
                }
            )
            interview.action_done()

    @classmethod
    def _note(cls, partner, body, days):
        message = partner.message_post(body=body, message_type="comment")
        message.date = datetime.combine(cls._days_ago(days), time(16))
        return message

    def _profile(self, partner=None, user=None):
        values = self.Report.with_user(user or self.salesman)._get_report_values(
            (partner or self.managed).ids
        )
        (profile,) = values["profiles"]
        return profile

    def test_profile_values(self):
        profile = self._profile()
        self.assertEqual(profile["tier"], self.tier_d)
        self.assertFalse(profile["tier_locked"])
        self.assertEqual(profile["stage"], "Loyal")
        self.assertEqual(
            [(m.layer, m.user_id) for m in profile["members"]],
            [("1", self.salesman), ("2", self.salesman_2)],
        )
        # revenue: 8 quarters, the current one last, by category
        quarters = profile["revenue"]["quarters"]
        self.assertEqual(len(quarters), 8)
        self.assertEqual(quarters[0]["start"], self.first_quarter)
        self.assertEqual(quarters[-1]["start"], self.quarter)
        self.assertEqual(
            quarters[-1]["label"], f"Q{(self.quarter.month - 1) // 3 + 1} {self.quarter.year}"
        )
        rows = {row["category"]: row for row in profile["categories"]}
        self.assertEqual(list(rows), ["Pumps", "Pipes"], "the biggest category first")
        self.assertEqual(rows["Pumps"]["amounts"], [1000.0] + [0.0] * 6 + [2500.0])
        self.assertEqual(rows["Pipes"]["amounts"], [0.0] * 6 + [300.0, 0.0])
        self.assertEqual(profile["revenue_total"]["total"], 3800.0, "9,999 is older than 24 months")
        # the five last confirmed orders, newest first
        newest = self.orders.sorted("date_order", reverse=True)[:5]
        self.assertEqual(profile["orders"], list(newest))
        self.assertEqual(
            [lead.name for lead in profile["opportunities"]], ["Pumps for the second plant"]
        )
        self.assertEqual(profile["commitments"], [self.commitment])
        self.assertEqual(profile["commitments"][0].invoiced_amount, 2500.0)
        # the five last interactions, newest first, with who and what
        interactions = profile["interactions"]
        self.assertEqual(len(interactions), 5)
        self.assertEqual(interactions[0]["date"], self._days_ago(2))
        self.assertEqual(interactions[0]["kind"], "Call")
        self.assertIn("Delivery dates", interactions[0]["summary"])
        self.assertIn("Two pumps in January", interactions[0]["summary"])
        self.assertEqual(interactions[1]["summary"], "Mai asked for spare seals", "the buyer's")
        self.assertEqual(interactions[1]["kind"], "Note or message")
        self.assertEqual(interactions[-1]["summary"], "Old note 70")
        # the latest done interview
        self.assertEqual(profile["interview"].expansion_prospects, "A second plant")

    def test_pdf_one_page_per_customer(self):
        self._member(self.salesman, "2", self.foreign)
        text = self._pdf_text(REPORT, (self.managed | self.foreign).ids, user=self.salesman)
        self.assertEqual(text.count("\f"), 2, "one page each")
        first, second = text.split("\f")[:2]
        for expected in (
            "Customer profile: Managed Ltd",
            "Account Manager",
            self.salesman_2.name,
            "Revenue by product category, last 24 months",
            "Pumps",
            "Pipes",
            self.orders[-1].name,
            "Pumps for the second plant",
            "Pump framework",
            "Last interactions",
            "Two pumps in January",
            "VIP interview of",
            "A second plant",
        ):
            self.assertIn(expected, first)
        # pdftotext -layout may join "4 / 5" to "4/5"
        self.assertRegex(first, r"Satisfaction\s+4 ?/ ?5")
        self.assertRegex(first, r"\b1 ?/ ?2\b")
        for absent in (self.quotation.name, "Valves we lost", "Old framework", "Old prospects"):
            self.assertNotIn(absent, first)
        self.assertIn("Customer profile: Someone Else's Ltd", second)
        self.assertIn("No invoice in the last 24 months.", second)
        self.assertRegex(second, r"\b2 ?/ ?2\b")

    def test_who_prints_which_customer(self):
        # the salesperson who cares for the customer: yes; a colleague's: no
        self.assertTrue(self._profile(self.managed, self.salesman))
        self.assertTrue(self._profile(self.backed_up, self.salesman), "as its backup")
        with self.assertRaisesRegex(AccessError, "Someone Else's Ltd"):
            self._profile(self.foreign, self.salesman)
        with self.assertRaises(AccessError):
            self._pdf_text(REPORT, (self.managed | self.foreign).ids, user=self.salesman)
        # team leaders and managers: every customer
        self.assertTrue(self._profile(self.foreign, self.team_leader))
        self.assertTrue(self._profile(self.foreign, self.manager))
        # no Sales rights, no profile
        employee = self._user("care_employee", "Erik Employee", groups="base.group_user")
        with self.assertRaises(AccessError):
            self._profile(self.managed, employee)
        # printed from a contact: its company's profile
        self.assertEqual(self._profile(self.buyer)["partner"], self.managed)

    def test_interview_for_those_who_may_read_it(self):
        """The interview is read as the caller: the care team sees it, a
        salesperson outside it does not (the interview's record rules)."""
        report = self.Report.with_user(self.salesman_2)
        self.assertEqual(
            report._last_interviews(self.managed, self.company)[self.managed.id].satisfaction, 4
        )
        self.managed.care_history_ids.filtered(
            lambda m: m.user_id == self.salesman_2
        ).date_end = self.today
        self.env.invalidate_all()
        self.assertFalse(report._last_interviews(self.managed, self.company))

    def test_open_issues_and_risk_signals(self):
        """The customer's open issues of the meetings' issue list and its
        open risk signals, as the caller may read them."""
        issue = self.env["sale.care.meeting.issue"].create(
            {
                "name": "Seals delivered late",
                "partner_id": self.managed.id,
                "user_id": self.salesman.id,
                "team_id": self.team.id,
                "date_deadline": self.today - relativedelta(days=1),
            }
        )
        self.env["sale.care.meeting.issue"].create(
            {
                "name": "Solved long ago",
                "partner_id": self.managed.id,
                "user_id": self.salesman.id,
                "team_id": self.team.id,
                "date_deadline": self.today,
            }
        ).sudo().write({"state": "solved", "resolution": "Done"})
        signal = (
            self.env["customer.risk.signal"]
            .sudo()
            .create(
                {
                    "partner_id": self.managed.id,
                    "categ_id": self.categ_pumps.id,
                    "kind": "late",
                    "date_since": self.today - relativedelta(days=20),
                    "user_id": self.salesman.id,
                    "revenue_at_risk": 900.0,
                }
            )
        )
        profile = self._profile()
        self.assertEqual([row["name"] for row in profile["issues"]], [issue.name])
        self.assertTrue(profile["issues"][0]["overdue"])
        self.assertEqual(len(profile["risks"]), 1)
        self.assertEqual(profile["risks"][0]["date"], signal.date_since)
        text = self._pdf_text(REPORT, self.managed.ids)
        self.assertIn("Open issues", text)
        self.assertIn("Seals delivered late", text)
        self.assertNotIn("Solved long ago", text)
        self.assertIn("Risk signals", text)

    def test_same_statements_for_one_and_ten_customers(self):
        customers = self.managed
        for index in range(9):
            customer = self._customer(f"Customer {index}", user_id=self.salesman.id)
            self._invoice(customer, 100.0 * (index + 1), self._days_ago(40))
            self._invoice(customer, 50.0, self._days_ago(400), product=self.pipe)
            order = self._order(customer)
            order.date_order = fields.Datetime.now()
            self._note(customer, f"Note {index}", 5)
            customers |= customer
        self._evaluate(customers)
        Report = self.env["ir.actions.report"].with_user(self.manager)
        for partners in (self.managed, customers):  # caches warm (rules, groups)
            self.env.invalidate_all()
            Report._render_qweb_html(REPORT, partners.ids)
        counts = []
        for partners in (self.managed, customers):
            self.env.invalidate_all()
            with self.subTest(customers=len(partners)), self.assertQueryCount(QUERY_BUDGET):
                before = self.env.cr.sql_log_count
                html, _kind = Report._render_qweb_html(REPORT, partners.ids)
                counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(html.count(b"Customer profile: "), len(partners))
        self.assertEqual(counts[0], counts[1], "one customer or ten: the same statements")
