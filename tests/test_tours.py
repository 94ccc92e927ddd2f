# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The main flows as the demo's people walk them in the browser (tours in
static/tests/tours/): a salesperson's month, a team leader's approval and
team meeting report, a sales manager's handover."""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.anna = cls.env.ref("sale_customer_care.demo_user_anna")
        cls.bao = cls.env.ref("sale_customer_care.demo_user_bao")
        cls.lead = cls.env.ref("sale_customer_care.demo_user_lead")
        (cls.anna | cls.lead).tour_enabled = False
        cls.Plan = cls.env["sale.monthly.plan"]
        cls.month = fields.Date.context_today(cls.anna).replace(day=1)

    def test_salesperson_month(self):
        # the demo planned Anna's month already: the new plan is for the next
        self.assertTrue(
            self.Plan.search([("user_id", "=", self.anna.id), ("date", "=", self.month)])
        )
        before = self.Plan.search([("user_id", "=", self.anna.id)])

        self.start_tour("/odoo", "sale_customer_care_salesperson_month", login="care.anna")

        plan = self.Plan.search([("user_id", "=", self.anna.id)]) - before
        self.assertEqual(len(plan), 1)
        self.assertEqual(plan.date, self.month + relativedelta(months=1))
        self.assertEqual(plan.state, "submitted")
        self.assertTrue(plan.line_ids, "Propose Lines proposed nothing")
        activities = self.env["mail.activity"].search(
            [("care_plan_line_id", "in", plan.line_ids.ids)]
        )
        self.assertEqual(
            len(activities),
            sum(plan.line_ids.mapped("planned_calls"))
            + sum(plan.line_ids.mapped("planned_meetings"))
            + sum(plan.line_ids.mapped("planned_tasks")),
        )
        self.assertEqual(activities.user_id, self.anna)

    def test_leader_approval_and_meeting_report(self):
        plan = self.Plan.search([("user_id", "=", self.bao.id), ("date", "=", self.month)])
        self.assertEqual(plan.state, "submitted")
        self.assertEqual(plan.team_id.user_id, self.lead)

        self.start_tour("/odoo", "sale_customer_care_leader_approval", login="care.lead")

        self.assertEqual(plan.state, "approved")

    def test_manager_hands_over_a_leaving_salesperson(self):
        csaba = self.env.ref("sale_customer_care.demo_user_csaba")
        dung = self.env.ref("sale_customer_care.demo_user_dung")
        manager = self.env.ref("sale_customer_care.demo_user_manager")
        manager.tour_enabled = False
        Member = self.env["customer.care.member"]
        current = [("user_id", "=", csaba.id), ("is_current", "=", True)]
        customers = Member.search(current).partner_id
        self.assertTrue(customers, "the demo's Csaba cares for customers")

        self.start_tour("/odoo", "sale_customer_care_handover", login="care.manager")

        log = self.env["customer.care.handover.log"].search(
            [("from_user_id", "=", csaba.id)], order="id desc", limit=1
        )
        self.assertTrue(log)
        self.assertFalse(Member.search(current), "Csaba cares for nobody any more")
        taken = Member.search([("user_id", "=", dung.id), ("is_current", "=", True)])
        self.assertEqual(customers - taken.partner_id, self.env["res.partner"])
