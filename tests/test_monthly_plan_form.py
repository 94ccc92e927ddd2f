# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The plan form as a salesperson fills it: a new plan proposes a month not
planned yet, and scheduling the activities says what it did."""

from dateutil.relativedelta import relativedelta

from odoo.tests import Form, tagged

from .common import MonthlyPlanCommon


@tagged("post_install", "-at_install")
class TestMonthlyPlanForm(MonthlyPlanCommon):
    def test_new_plan_proposes_the_first_month_not_planned(self):
        this_month = self.today.replace(day=1)
        Plan = self.Plan.with_user(self.salesman)
        self.assertEqual(Form(Plan).date, this_month)

        self._plan(month=this_month)
        self._plan(month=this_month + relativedelta(months=1))
        with Form(Plan) as form:
            self.assertEqual(form.date, this_month + relativedelta(months=2))
        self.assertEqual(form.record.user_id, self.salesman)

    def test_new_plan_for_another_salesperson_skips_their_planned_month(self):
        this_month = self.today.replace(day=1)
        self._plan(month=this_month)  # the salesman's
        form = Form(self.Plan.with_user(self.team_leader))
        self.assertEqual(form.date, this_month, "the leader planned nothing yet")
        form.user_id = self.salesman
        self.assertEqual(form.date, this_month + relativedelta(months=1))
        form.user_id = self.salesman_2
        self.assertEqual(form.date, this_month + relativedelta(months=1), "a free month stays")
        plan = form.save()
        self.assertEqual(plan.user_id, self.salesman_2)

    def test_schedule_activities_says_how_many(self):
        plan = self._plan(
            month=self.today.replace(day=1),
            lines=[self._line(self.managed, planned_calls=2, planned_meetings=1)],
        ).with_user(self.salesman)
        action = plan.action_schedule_activities()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(action["params"]["type"], "success")
        self.assertIn("3 activities scheduled", action["params"]["message"])
        # the form reloads to show the lines' scheduled activities
        self.assertEqual(action["params"]["next"], {"type": "ir.actions.act_window_close"})

        action = plan.action_schedule_activities()
        self.assertEqual(action["params"]["type"], "info")
        self.assertIn("Nothing to schedule", action["params"]["message"])
