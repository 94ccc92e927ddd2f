# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A salesperson plans last month, the team leader approves it, and the plan
is read back against real posted invoices and confirmed orders."""

from datetime import datetime, time

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import MonthlyPlanCommon


@tagged("post_install", "-at_install")
class TestMonthlyPlan(MonthlyPlanCommon):
    def test_plan_is_one_per_salesperson_and_month(self):
        with Form(self.Plan.with_user(self.salesman)) as form:
            form.date = self.month + relativedelta(days=14)
        plan = form.record
        self.assertEqual(plan.date, self.month, "the month is stored as its first day")
        self.assertEqual(plan.user_id, self.salesman)
        self.assertEqual(plan.team_id, self.team, "the salesperson's team by default")
        self.assertIn(plan.date.strftime("%Y"), plan.name)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self._plan(month=self.month + relativedelta(days=3))
        self._plan(month=self.month - relativedelta(months=1))  # another month is fine
        self._plan(user=self.salesman_2)  # another salesperson too

    def test_propose_lines(self):
        self._invoice(self.managed, 300.0, self.month - relativedelta(days=1))
        self._invoice(self.managed, 600.0, self.month - relativedelta(months=3))
        self._invoice(self.managed, 5000.0, self.month - relativedelta(months=3, days=1))
        self._evaluate()
        plan = self._plan().with_user(self.salesman)
        plan.action_propose_lines()
        lines = {line.partner_id: line for line in plan.line_ids}
        self.assertEqual(
            set(lines),
            {self.managed, self.backed_up, self.prospect, self.committed},
            "layer 1 and 2 customers, open opportunities (as companies) and commitments",
        )
        self.assertAlmostEqual(
            lines[self.managed].expected_revenue,
            300.0,
            msg="(300 + 600) / 3: the month before the last three is not counted",
        )
        self.assertAlmostEqual(
            lines[self.committed].expected_revenue, 1000.0, msg="12,000 over 12 months"
        )
        self.assertEqual(lines[self.prospect].planned_meetings, 1, "meet the prospects")
        self.assertEqual(lines[self.managed].planned_calls, 1)
        self.assertEqual(lines[self.managed].stage_planned, self.managed.relationship_stage)
        self.assertEqual(lines[self.managed].tier_planned_id, self.managed.customer_tier_id)

        # proposing again adds nothing; a customer added by hand stays once
        plan.action_propose_lines()
        self.assertEqual(len(plan.line_ids), 4)
        plan.action_submit()
        with self.assertRaisesRegex(UserError, "draft"):
            plan.action_propose_lines()

    def test_snapshot_keeps_the_stage_at_planning(self):
        plan = self._plan(lines=[self._line(self.prospect)])
        line = plan.line_ids
        self.assertEqual(line.stage_planned, self.prospect.relationship_stage)
        self._invoice(self.prospect, 100.0, self.today)
        self._evaluate(self.prospect)
        self.assertEqual(self.prospect.relationship_stage, "new")
        self.assertEqual(line.stage_now, "new")
        self.assertNotEqual(line.stage_planned, "new", "the snapshot does not move")

    def test_achievement_from_the_books(self):
        customer = self.managed
        self._invoice(customer, 1000.0, self.month)  # first day of the month
        self._invoice(customer, 500.0, self.month_end)  # last day
        self._invoice(customer, 200.0, self.month + relativedelta(days=9), refund=True)
        self._invoice(customer, 999.0, self.month + relativedelta(days=3), post=False)
        self._invoice(customer, 300.0, self.month - relativedelta(days=1))  # last month
        self._invoice(customer, 400.0, self.month_end + relativedelta(days=1))  # next month
        self._invoice(customer, 700.0, self.month - relativedelta(years=1, days=-5))
        cancelled = self._invoice(customer, 800.0, self.month + relativedelta(days=5))
        cancelled.button_draft()
        cancelled.button_cancel()

        ordered = self._order(self.backed_up)
        ordered.date_order = datetime.combine(self.month + relativedelta(days=4), time(10))
        quotation = self._order(self.prospect, confirm=False)
        quotation.date_order = datetime.combine(self.month + relativedelta(days=4), time(10))
        late = self._order(self.committed)
        late.date_order = datetime.combine(self.month_end + relativedelta(days=1), time(10))

        plan = self._plan(
            lines=[
                self._line(customer, 2000.0),
                self._line(self.backed_up, 500.0),
                self._line(self.prospect, 0.0),
                self._line(self.committed, 1000.0),
            ]
        )
        lines = {line.partner_id: line for line in plan.line_ids}
        line = lines[customer]
        self.assertAlmostEqual(line.actual_revenue, 1300.0, msg="1,000 + 500 - 200")
        self.assertAlmostEqual(line.achieved_percent, 65.0)
        self.assertAlmostEqual(line.revenue_last_month, 300.0)
        self.assertAlmostEqual(line.revenue_last_year, 700.0)
        self.assertTrue(lines[self.backed_up].has_ordered)
        self.assertFalse(lines[self.prospect].has_ordered, "a quotation is not an order")
        self.assertFalse(lines[self.committed].has_ordered, "ordered the day after the month")
        self.assertFalse(line.has_ordered)
        self.assertAlmostEqual(lines[self.committed].committed_revenue, 1000.0)

        self.assertAlmostEqual(plan.amount_expected, 3500.0)
        self.assertAlmostEqual(plan.amount_achieved, 1300.0)
        self.assertAlmostEqual(plan.amount_committed, 1000.0)
        self.assertAlmostEqual(plan.achieved_percent, 100.0 * 1300 / 3500)
        self.assertEqual(plan.ordered_count, 1)

        analysis = self.env["sale.monthly.plan.analysis"].search([("plan_id", "=", plan.id)])
        self.assertAlmostEqual(sum(analysis.mapped("expected_revenue")), 3500.0)
        self.assertAlmostEqual(sum(analysis.mapped("actual_revenue")), 1300.0)

    def test_last_interaction_within_the_month(self):
        plan = self._plan(lines=[self._line(self.managed, planned_calls=1)])
        message = self.managed.message_post(body="Visited the workshop", message_type="comment")
        message.sudo().date = datetime.combine(self.month + relativedelta(days=10), time(9))
        later = self.managed.message_post(body="Called again", message_type="comment")
        later.sudo().date = datetime.combine(self.month_end + relativedelta(days=2), time(9))
        plan.action_schedule_activities()  # planning a call is not talking to the customer
        line = plan.line_ids
        self.assertEqual(line.last_interaction_date, self.month + relativedelta(days=10))
        self.assertEqual(line.last_interaction_kind, "message")

    def test_only_active_commitments_count(self):
        self.env["sale.revenue.commitment"].create(
            {
                "name": "Draft",
                "partner_id": self.committed.id,
                "date_start": self.month,
                "date_end": self.month_end,
                "amount": 99000.0,
            }
        )
        plan = self._plan(lines=[self._line(self.committed)])
        self.assertAlmostEqual(plan.line_ids.committed_revenue, 1000.0)
        self.commitment.action_close()
        plan.line_ids.invalidate_recordset()
        self.assertAlmostEqual(plan.line_ids.committed_revenue, 0.0)

    def test_bad_input_is_refused_and_writes_nothing(self):
        plan = self._plan(lines=[self._line(self.managed)])
        with self.assertRaises(ValidationError):
            plan.write(
                {
                    "line_ids": [
                        Command.update(plan.line_ids.id, {"expected_revenue": 500.0}),
                        Command.create(self._line(self.prospect, -10.0)),
                    ]
                }
            )
        self.assertEqual(plan.line_ids.partner_id, self.managed)
        self.assertAlmostEqual(plan.line_ids.expected_revenue, 1000.0)
        with self.assertRaises(ValidationError):
            plan.line_ids.planned_calls = -1
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            plan.write({"line_ids": [Command.create(self._line(self.managed))]})
        other = self.setup_other_company(name="Other Co")["company"]
        with self.assertRaisesRegex(ValidationError, "does not work for"):
            self.Plan.create(
                {"user_id": self.salesman.id, "date": self.month, "company_id": other.id}
            )

    def test_workflow(self):
        # as in real life: with tracking
        self.env = self.env(
            context=dict(self.env.context, tracking_disable=False, mail_notrack=False)
        )
        empty = self._plan(user=self.salesman_2).with_user(self.salesman_2)
        with self.assertRaisesRegex(UserError, "no customers"):
            empty.action_submit()
        with self.assertRaisesRegex(UserError, "no customers"):
            empty.with_user(self.manager).action_approve()

        plan = self._plan(lines=[self._line(self.managed)]).with_user(self.salesman)
        self.env.cr.precommit.run()  # created in an earlier request: its changes are tracked
        plan.action_submit()
        self.assertEqual(plan.state, "submitted")
        with self.assertRaises(AccessError):
            plan.action_approve()
        with self.assertRaises(AccessError):
            plan.with_user(self.salesman_2).action_approve()

        plan.with_user(self.team_leader).action_approve()
        self.assertEqual(plan.state, "approved")

        # on an approved plan the salesperson only updates next actions
        plan.line_ids.next_action = "Send the catalogue"
        with self.assertRaisesRegex(UserError, "approved"):
            plan.line_ids.expected_revenue = 5.0
        with self.assertRaisesRegex(UserError, "approved"):
            plan.write({"line_ids": [Command.create(self._line(self.prospect))]})

        # the leader sends it back with a reason
        action = plan.with_user(self.team_leader).action_return()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.team_leader)
            .with_context(**action["context"])
        )
        wizard.reason = "Add the prospects of the fair"
        wizard.save().action_confirm()
        self.assertEqual(plan.state, "draft")
        self.assertEqual(plan.return_reason, "Add the prospects of the fair")
        todo = plan.activity_ids.filtered(lambda a: a.user_id == self.salesman)
        self.assertEqual(todo.note and "fair" in str(todo.note), True)
        self.env.cr.precommit.run()
        plan.invalidate_recordset(["message_ids"])
        tracked = plan.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "return_reason"
        )
        self.assertTrue(tracked, "the reason is tracked in the chatter")

        plan.action_submit()
        plan.with_user(self.manager).action_approve()
        self.assertFalse(plan.return_reason)
        with self.assertRaises(AccessError):
            plan.action_close()
        plan.with_user(self.team_leader).action_close()
        self.assertEqual(plan.state, "closed")
        with self.assertRaisesRegex(UserError, "closed"):
            plan.with_user(self.manager).note = "Too late"
        with self.assertRaisesRegex(UserError, "closed"):
            plan.line_ids.with_user(self.manager).next_action = "Too late"
        with self.assertRaises(UserError):
            plan.with_user(self.manager).unlink()


@tagged("post_install", "-at_install")
class TestMonthlyPlanAccess(MonthlyPlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan_sam = cls.env["sale.monthly.plan"].create(
            {
                "user_id": cls.salesman.id,
                "date": cls.month,
                "line_ids": [Command.create({"partner_id": cls.managed.id})],
            }
        )
        cls.plan_sue = cls.env["sale.monthly.plan"].create(
            {
                "user_id": cls.salesman_2.id,
                "date": cls.month,
                "line_ids": [Command.create({"partner_id": cls.foreign.id})],
            }
        )
        cls.outsider_leader = cls._user(
            "care_other_leader",
            "Olga Other Leader",
            groups="sales_team.group_sale_salesman_all_leads",
        )

    def test_salesperson_sees_and_edits_only_own_draft_plans(self):
        Plan = self.Plan.with_user(self.salesman)
        self.assertEqual(Plan.search([]), self.plan_sam)
        with self.assertRaises(AccessError):
            self.plan_sue.with_user(self.salesman).read(["name"])
        with self.assertRaises(AccessError):
            self.plan_sue.line_ids.with_user(self.salesman).read(["expected_revenue"])
        self.plan_sam.with_user(self.salesman).line_ids.expected_revenue = 1200.0
        self.plan_sam.with_user(self.salesman).action_submit()
        # refused with a sentence, not Odoo's generic access error
        with self.assertRaisesRegex(UserError, "submitted: your team leader is reviewing it"):
            self.plan_sam.with_user(self.salesman).note = "changed after submitting"
        with self.assertRaisesRegex(UserError, "submitted: your team leader is reviewing it"):
            self.plan_sam.line_ids.with_user(self.salesman).expected_revenue = 1.0
        with self.assertRaisesRegex(UserError, "submitted: your team leader is reviewing it"):
            self.plan_sam.with_user(self.salesman).write(
                {"line_ids": [Command.create({"partner_id": self.prospect.id})]}
            )
        with self.assertRaises(AccessError):
            self.plan_sam.with_user(self.salesman).unlink()
        with self.assertRaisesRegex(AccessError, "only make plans for yourself.*Sue Salesman"):
            Plan.create(
                {"user_id": self.salesman_2.id, "date": self.month + relativedelta(months=1)}
            )
        self.assertEqual(self.plan_sam.line_ids.expected_revenue, 1200.0, "nothing written")

    def test_the_form_shows_what_the_user_may_change(self):
        """Lines of a submitted plan are read-only on screen for its
        salesperson (they were editable, then refused on save); the team
        leader still edits them; only leaders and managers pick someone
        else as salesperson."""
        self.plan_sam.action_submit()
        as_sam = self.plan_sam.with_user(self.salesman)
        as_leader = self.plan_sam.with_user(self.team_leader)
        self.assertFalse(as_sam.can_edit)
        self.assertFalse(as_sam.can_choose_salesperson)
        self.assertTrue(as_leader.can_edit)
        self.assertTrue(as_leader.can_choose_salesperson)
        self.assertTrue(self.plan_sam.with_user(self.manager).can_edit)
        form = self.env["sale.monthly.plan"].get_view(view_type="form")["arch"]
        self.assertIn('name="line_ids" readonly="not can_edit"', form)
        self.assertIn("readonly=\"state != 'draft' or not can_choose_salesperson\"", form)
        # Meeting Report on an unsaved plan used to save an empty plan first
        self.assertRegex(form, r'name="action_print_meeting_report"[^>]*invisible="not id"')

    def test_a_plan_or_a_line_cannot_be_moved_to_a_colleague(self):
        draft = self.Plan.create(
            {
                "user_id": self.salesman.id,
                "date": self.month + relativedelta(months=2),
                "line_ids": [Command.create({"partner_id": self.managed.id})],
            }
        )
        sue_draft = self.Plan.create(
            {"user_id": self.salesman_2.id, "date": self.month + relativedelta(months=1)}
        )
        with self.assertRaisesRegex(AccessError, "only make plans for yourself.*Sue Salesman"):
            draft.with_user(self.salesman).user_id = self.salesman_2
        with self.assertRaisesRegex(AccessError, "belongs to Sue Salesman"):
            draft.line_ids.with_user(self.salesman).plan_id = sue_draft
        self.assertEqual(draft.user_id, self.salesman)
        self.assertEqual(draft.line_ids.plan_id, draft)
        # the team leader plans for the members of the team they lead
        draft.with_user(self.team_leader).user_id = self.salesman_2.id
        self.assertEqual(draft.user_id, self.salesman_2)

    def test_team_leader_approves_own_team_only(self):
        (self.plan_sam | self.plan_sue).action_submit()
        leader_plans = self.Plan.with_user(self.team_leader).search([])
        self.assertIn(self.plan_sam, leader_plans)
        (self.plan_sam | self.plan_sue).with_user(self.team_leader).action_approve()
        self.assertEqual(set((self.plan_sam | self.plan_sue).mapped("state")), {"approved"})

        other = self._plan(
            month=self.month + relativedelta(months=1), lines=[self._line(self.managed)]
        )
        other.team_id = False
        other.action_submit()
        # another leader reads every plan, but only approves the team they lead
        self.assertIn(other, self.Plan.with_user(self.outsider_leader).search([]))
        with self.assertRaises(AccessError):
            other.with_user(self.outsider_leader).action_approve()
        with self.assertRaises(AccessError):
            other.with_user(self.team_leader).action_approve()

    def test_manager_does_everything(self):
        Plan = self.Plan.with_user(self.manager)
        self.assertTrue(self.plan_sam | self.plan_sue <= Plan.search([]))
        (self.plan_sam | self.plan_sue).with_user(self.manager).action_approve()
        self.plan_sue.with_user(self.manager).action_close()
        new = Plan.create(
            {"user_id": self.salesman.id, "date": self.month + relativedelta(months=2)}
        )
        new.unlink()

    def test_analysis_follows_the_plans(self):
        Analysis = self.env["sale.monthly.plan.analysis"]
        self.assertEqual(Analysis.with_user(self.salesman).search([]).plan_id, self.plan_sam)
        self.assertEqual(
            Analysis.with_user(self.manager)
            .search([("plan_id", "in", (self.plan_sam | self.plan_sue).ids)])
            .plan_id,
            self.plan_sam | self.plan_sue,
        )


@tagged("post_install", "-at_install")
class TestMonthlyPlanActivities(MonthlyPlanCommon):
    def test_schedule_activities_is_idempotent(self):
        month = self.today.replace(day=1)
        plan = self._plan(
            month=month,
            lines=[
                self._line(self.managed, planned_calls=2, planned_meetings=1, planned_tasks=1),
                self._line(self.prospect, planned_calls=0, planned_meetings=1),
            ],
        ).with_user(self.salesman)
        line = plan.line_ids.filtered(lambda ln: ln.partner_id == self.managed)
        plan.action_schedule_activities()
        activities = self.env["mail.activity"].search(
            [("care_plan_line_id", "in", plan.line_ids.ids)]
        )
        self.assertEqual(len(activities), 5)
        self.assertEqual(set(activities.user_id.mapped("id")), {self.salesman.id})
        self.assertEqual(set(activities.mapped("res_model")), {"res.partner"})
        mine = activities.filtered(lambda a: a.res_id == self.managed.id)
        self.assertEqual(
            sorted(mine.activity_type_id.mapped("id")),
            sorted(
                [
                    self.env.ref("mail.mail_activity_data_call").id,
                    self.env.ref("mail.mail_activity_data_meeting").id,
                    self.env.ref("mail.mail_activity_data_todo").id,
                ]
            ),
        )
        self.assertEqual(len(mine.filtered(lambda a: a.activity_type_id.name == "Call")), 2)
        month_end = month + relativedelta(day=31)
        for activity in activities:
            self.assertTrue(max(month, self.today) <= activity.date_deadline <= month_end)
        working = [d for d in activities.mapped("date_deadline") if d.weekday() < 5]
        if any(d.weekday() < 5 for d in plan._month_working_days()):
            self.assertEqual(len(working), 5, "only working days when some are left")
        self.assertEqual(line.activities_scheduled, 4)

        # twice adds nothing, a done activity still counts
        plan.action_schedule_activities()
        mine[0].action_feedback(feedback="Talked to the buyer")
        plan.action_schedule_activities()
        self.assertEqual(
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search_count([("care_plan_line_id", "in", plan.line_ids.ids)]),
            5,
        )
        line.invalidate_recordset()
        self.assertEqual(line.activities_done, 1)
        self.assertEqual(line.activities_scheduled, 4)

        # planning one more call schedules exactly one more
        line.planned_calls = 3
        plan.action_schedule_activities()
        line.invalidate_recordset()
        self.assertEqual(line.activities_scheduled, 5)

    def test_no_activities_for_a_closed_plan(self):
        plan = self._plan(lines=[self._line(self.managed, planned_calls=1)])
        plan.action_approve()
        plan.action_close()
        with self.assertRaisesRegex(UserError, "closed"):
            plan.action_schedule_activities()


@tagged("post_install", "-at_install")
class TestMonthlyPlanQueries(MonthlyPlanCommon):
    COMPUTED = [
        "actual_revenue",
        "committed_revenue",
        "has_ordered",
        "revenue_last_month",
        "revenue_last_year",
        "last_interaction_date",
        "activities_done",
        "stage_now",
        "tier_now_id",
    ]

    def _plan_of(self, count, user):
        partners = self.env["res.partner"].create(
            [{"name": f"Customer {user.login} {i:03d}", "is_company": True} for i in range(count)]
        )
        for partner in partners[:20]:
            self._invoice(partner, 100.0, self.month + relativedelta(days=2))
        return self._plan(user=user, lines=[self._line(p) for p in partners])

    def _read_columns(self, plan):
        self.env.invalidate_all(flush=True)  # as the plan's form opens: nothing in cache
        plan.line_ids.read(self.COMPUTED)
        plan.read(["amount_expected", "amount_achieved", "achieved_percent", "amount_committed"])

    def test_plan_columns_take_a_bounded_number_of_queries(self):
        small = self._plan_of(10, self.salesman)
        large = self._plan_of(300, self.salesman_2)
        self._read_columns(small)  # warm-up: caches, access rules
        # the same budget for 10 and 300 lines: the number of lines does not change the queries
        for plan in (small, large):
            with self.assertQueryCount(accountman=15):
                self._read_columns(plan)
