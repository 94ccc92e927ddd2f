# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The plan form as a salesperson fills it: a new plan proposes a month not
planned yet, last month's plan can be copied, scheduling the activities says
what it did and skips public holidays, and the "rework" To-Do of a returned
plan is done once the plan goes on."""

from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
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

    def test_copy_last_month(self):
        """A new month starts from the previous plan: its customers with
        what was expected and planned, and their next actions."""
        previous = self._plan(
            lines=[
                self._line(self.managed, 2500.0, planned_calls=3, next_action="Quote the pumps"),
                self._line(self.prospect, 0.0, planned_meetings=1),
            ]
        )
        this_month = self.month + relativedelta(months=1)
        plan = self._plan(month=this_month, lines=[self._line(self.prospect, 700.0)])
        action = plan.with_user(self.salesman).action_copy_previous_month()
        self.assertIn("1 customers copied from", action["params"]["message"])
        copied = plan.line_ids.filtered(lambda line: line.partner_id == self.managed)
        self.assertEqual(copied.expected_revenue, 2500.0)
        self.assertEqual(copied.planned_calls, 3)
        self.assertEqual(copied.next_action, "Quote the pumps")
        kept = plan.line_ids.filtered(lambda line: line.partner_id == self.prospect)
        self.assertEqual(kept.expected_revenue, 700.0, "a customer already planned is kept")
        action = plan.with_user(self.salesman).action_copy_previous_month()
        self.assertEqual(action["params"]["type"], "info")
        with self.assertRaisesRegex(UserError, "no plan before"):
            previous.with_user(self.salesman).action_copy_previous_month()
        plan.action_submit()
        with self.assertRaisesRegex(UserError, "Only a draft plan"):
            plan.with_user(self.salesman).action_copy_previous_month()

    def test_duplicate_goes_to_a_month_not_planned_yet(self):
        plan = self._plan(lines=[self._line(self.managed, 900.0)])
        copy = plan.with_user(self.salesman).copy()
        self.assertNotEqual(copy.date, plan.date)
        self.assertEqual(copy.state, "draft")
        self.assertEqual(copy.line_ids.expected_revenue, 900.0)

    def test_schedule_activities_skips_public_holidays(self):
        month = self.today.replace(day=1) + relativedelta(months=1)
        calendar = self.company.resource_calendar_id
        calendar.tz = "UTC"
        plan = self._plan(month=month, lines=[self._line(self.managed, planned_calls=40)])
        working = plan._month_working_days()
        holiday = working[2]
        self.env["resource.calendar.leaves"].create(
            {
                "name": "National Day",
                "calendar_id": calendar.id,
                "company_id": self.company.id,
                "date_from": datetime.combine(holiday, time.min),
                "date_to": datetime.combine(holiday, time(23, 59, 59)),
            }
        )
        self.assertEqual(plan._month_working_days(), [d for d in working if d != holiday])
        plan.with_user(self.salesman).action_schedule_activities()
        deadlines = set(plan.line_ids.activity_ids.mapped("date_deadline"))
        self.assertNotIn(holiday, deadlines)
        self.assertTrue(all(d.weekday() < 5 for d in deadlines))
        self.assertEqual(len(plan.line_ids.activity_ids), 40)

    def test_the_rework_todo_is_done_once_the_plan_goes_on(self):
        plan = self._plan(lines=[self._line(self.managed)])
        plan.action_submit()
        plan.with_user(self.team_leader)._return_to_draft("Add the prospects of the fair")
        rework = plan.activity_ids.filtered(lambda a: a.user_id == self.salesman)
        self.assertEqual(rework.summary, "Rework your plan")
        plan.with_user(self.salesman).action_submit()
        self.assertFalse(plan.activity_ids, "done when the salesperson submits again")
        self.assertFalse(rework.active, "marked done, kept as history")

        plan.with_user(self.team_leader)._return_to_draft("Still missing the fair")
        self.assertTrue(plan.activity_ids)
        plan.with_user(self.team_leader).action_approve()
        self.assertFalse(plan.activity_ids, "done when the leader approves the draft")
