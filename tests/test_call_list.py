# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A salesperson prints the customers to call today: the calls, meetings
and to-dos due today or overdue, on their customers, the customers'
contacts and opportunities, and the calls of their monthly plan."""

from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import WorkingDocumentsCommon

REPORT = "sale_customer_care.report_sale_care_call_list"
# Statements of a call list, whatever the number of customers.
QUERY_BUDGET = 24


@tagged("post_install", "-at_install")
class TestCallList(WorkingDocumentsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["report.sale_customer_care.report_sale_care_call_list"]
        cls.opportunity = cls.env["crm.lead"].search([("partner_id", "=", cls.prospect_contact.id)])
        # due today and overdue: on the customer, on its buyer, on an opportunity
        cls._activity(cls.managed, cls.salesman, "call", 0, "Confirm the delivery dates")
        cls._activity(
            cls.buyer,
            cls.salesman,
            "todo",
            -3,
            "Send the revised quotation",
            note="<p>Discount of <b>4 %</b> agreed</p>",
        )
        cls._activity(cls.opportunity, cls.salesman, "meeting", 0, "Walk through the offer")
        # a call of this month's plan, moved to today by the salesperson
        plan = cls._plan(
            month=cls.today.replace(day=1),
            lines=[
                cls._line(cls.backed_up, next_action="Visit the Danube site", planned_calls=1),
            ],
        )
        plan.action_schedule_activities()
        cls.plan_call = plan.line_ids.activity_ids
        cls.plan_call.date_deadline = cls.today
        # not on today's list: tomorrow's, an e-mail, a colleague's, one done
        cls._activity(cls.committed, cls.salesman, "call", 1, "Tomorrow's call")
        cls._activity(cls.managed, cls.salesman, "email", 0, "Mail the catalogue")
        cls._activity(cls.foreign, cls.salesman_2, "call", -1, "Sue's call")
        cls._activity(cls.foreign, cls.salesman, "call", 0, "Already called")._action_done()
        # Managed Ltd bought once: tier D, a new customer
        cls._invoice(cls.managed, 600.0, cls._days_ago(30))
        cls._evaluate(cls.managed)
        # the last time we spoke with Managed Ltd
        note = cls.managed.message_post(body="Visited the plant", message_type="comment")
        note.date = datetime.combine(cls.today - relativedelta(days=10), time(15))

    def _call_list(self, user=None, day=None):
        values = self.Report.with_user(user or self.salesman)._get_report_values(
            None, {"user_ids": (user or self.salesman).ids, "date": str(day or self.today)}
        )
        (call_list,) = values["call_lists"]
        return call_list

    def test_customers_to_call_today_overdue_first(self):
        call_list = self._call_list()
        rows = call_list["rows"]
        self.assertEqual(
            [row["name"] for row in rows],
            ["Managed Ltd", "Backed Up Ltd", "Prospect Ltd"],
            "the overdue customer first, then today's by name",
        )
        self.assertEqual([row["number"] for row in rows], [1, 2, 3])
        self.assertEqual(call_list["activity_count"], 4)
        self.assertEqual(call_list["overdue_count"], 1)

        managed, backed_up, prospect = rows
        # two activities on the same customer: one row, the overdue one first
        self.assertEqual(
            [(i["type"], i["summary"], i["overdue"]) for i in managed["items"]],
            [
                ("To-Do", "Send the revised quotation", True),
                ("Call", "Confirm the delivery dates", False),
            ],
        )
        self.assertEqual(managed["items"][0]["note"], "Discount of 4 % agreed")
        self.assertEqual(managed["items"][0]["deadline"], self.today - relativedelta(days=3))
        # the activity on the buyer names whom to call, with her phone
        self.assertEqual(managed["contact"], "Mai Nguyen")
        self.assertEqual(managed["function"], "Buyer")
        self.assertEqual(managed["phone"], "+84 90 111 2222")
        self.assertEqual(managed["last_date"], self.today - relativedelta(days=10))
        self.assertEqual(managed["last_kind"], "Note or message")
        self.assertEqual(managed["tier"], self.tier_d.name)
        self.assertEqual(managed["stage"], "New Customer")
        # the plan's call: the next action of the plan line is the purpose
        self.assertEqual(backed_up["items"][0]["next_action"], "Visit the Danube site")
        self.assertEqual(backed_up["items"][0]["type"], "Call")
        # the meeting on the opportunity: its customer, the contact of the opportunity
        self.assertEqual(prospect["contact"], "Petra Prospect")
        self.assertEqual(prospect["items"][0]["opportunity"], "Pumps for the new plant")
        self.assertEqual(prospect["items"][0]["type"], "Meeting")

    def test_another_day(self):
        """Tomorrow's list: tomorrow's call, and what is still open from today."""
        call_list = self._call_list(day=self.today + relativedelta(days=1))
        names = [row["name"] for row in call_list["rows"]]
        self.assertIn("Committed Ltd", names)
        self.assertEqual(call_list["overdue_count"], 4, "today's three and the to-do")

    def test_printed_from_the_menu(self):
        action = self.env.ref("sale_customer_care.action_sale_care_call_list_wizard")
        wizard_form = Form(self.env[action.res_model].with_user(self.salesman))
        self.assertEqual(wizard_form.user_id, self.salesman, "my own call list by default")
        self.assertEqual(wizard_form.date, self.today)
        wizard = wizard_form.save()
        report_action = wizard.action_print()
        self.assertEqual(report_action["report_name"], REPORT)
        text = self._pdf_text(
            REPORT, report_action["context"]["active_ids"], report_action["data"], self.salesman
        )
        for expected in (
            f"Call list of {self.salesman.name}",
            "3 customers, 4 activities",
            "1 overdue",
            "Managed Ltd",
            "Mai Nguyen",
            "+84 90 111 2222",
            "overdue since",
            "Send the revised",
            "Discount of 4 % agreed",
            "Walk through the",
            "Opportunity: Pumps for the new",
            "Visit the Danube site",
            "Outcome",
            "Printed on",
        ):
            self.assertIn(expected, text)
        for absent in ("Committed Ltd", "Someone Else's Ltd", "Mail the catalogue", "Sue's call"):
            self.assertNotIn(absent, text)

    def test_an_empty_day(self):
        text = self._pdf_text(REPORT, self.manager.ids, {"date": str(self.today)}, self.manager)
        self.assertIn("No call, meeting or to-do is due today or overdue.", text)

    def test_whose_call_list(self):
        Wizard = self.env["sale.care.call.list.wizard"]
        self.assertEqual(
            Wizard.with_user(self.salesman).new({}).allowed_user_ids._origin, self.salesman
        )
        self.assertEqual(
            Wizard.with_user(self.team_leader).new({}).allowed_user_ids._origin,
            self.team_leader | self.salesman | self.salesman_2,
            "the team leader: their own and their team's",
        )
        self.assertIn(
            self.salesman_2, Wizard.with_user(self.manager).new({}).allowed_user_ids._origin
        )

        # a salesperson prints their own only: refused before anything is read
        wizard = Wizard.with_user(self.salesman).create({"user_id": self.salesman_2.id})
        with self.assertRaisesRegex(AccessError, "Sue Salesman"):
            wizard.action_print()
        with self.assertRaises(AccessError):
            self._pdf_text(REPORT, self.salesman_2.ids, {}, self.salesman)
        # the team leader prints their team's, not someone outside it
        outsider = self._user("care_outsider", "Otto Outsider")
        self.assertTrue(self._call_list(self.salesman, self.today), "allowed for their own")
        values = self.Report.with_user(self.team_leader)._get_report_values(
            self.salesman.ids, {"date": str(self.today)}
        )
        self.assertEqual(len(values["call_lists"][0]["rows"]), 3)
        with self.assertRaises(AccessError):
            self.Report.with_user(self.team_leader)._get_report_values(outsider.ids, {})
        # managers print anyone's
        values = self.Report.with_user(self.manager)._get_report_values(outsider.ids, {})
        self.assertFalse(values["call_lists"][0]["rows"])
        # users without Sales rights print none, not even their own
        employee = self._user("care_employee", "Erik Employee", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.Report.with_user(employee)._get_report_values(employee.ids, {})

    def test_a_company_the_caller_does_not_work_for(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        self.manager.company_ids = [Command.link(other.id)]
        with self.assertRaisesRegex(AccessError, "do not work for"):
            self.Report.with_user(self.salesman)._get_report_values(
                self.salesman.ids, {"company_id": other.id}
            )
        values = self.Report.with_user(self.manager)._get_report_values(
            self.salesman.ids, {"company_id": other.id}
        )
        self.assertFalse(values["call_lists"][0]["rows"], "nothing of the other company")

    def test_set_based(self):
        """The same statements for today's 3 customers as for tomorrow's 14."""
        for index in range(10):
            customer = self._customer(f"Extra {index}", user_id=self.salesman.id)
            contact = self.env["res.partner"].create(
                {"name": f"Contact {index}", "parent_id": customer.id, "phone": "+1 555"}
            )
            self._activity(contact, self.salesman, "call", 1, f"Call {index}")
        days = (self.today, self.today + relativedelta(days=1))
        for day in days:  # caches warm (activity types, rules, groups)
            self.env.invalidate_all()
            self._call_list(day=day)
        counts = []
        for day, rows in zip(days, (3, 14), strict=True):
            self.env.invalidate_all()
            with self.assertQueryCount(QUERY_BUDGET):
                before = self.env.cr.sql_log_count
                call_list = self._call_list(day=day)
                counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(len(call_list["rows"]), rows)
        self.assertEqual(counts[0], counts[1], "3 customers or 14: the same statements")
