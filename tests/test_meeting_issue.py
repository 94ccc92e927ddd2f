# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The issue list of the weekly planning meeting, as the team leader runs it
week after week: issues raised with a responsible and a deadline, ticked off
when solved, re-dated or re-assigned, carried over to the next meeting until
they are solved or dropped, with their age and how often they were carried."""

from datetime import timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import MeetingCommon


@tagged("post_install", "-at_install")
class TestMeetingIssue(MeetingCommon):
    def _close(self, issues, mode, note, user=None):
        """Tick issues off as in the meeting form: the row's button, then the
        dialog asking how (or why)."""
        action = getattr(issues.with_user(user or self.team_leader), f"action_{mode}")()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(user or self.team_leader)
            .with_context(**action["context"])
        )
        wizard.note = note
        wizard.save().action_confirm()

    def _next(self, meeting):
        """The leader closes the meeting and opens the next one."""
        action = meeting.with_user(self.team_leader).action_next_meeting()
        return self.Meeting.browse(action["res_id"])

    def test_a_month_of_weekly_meetings(self):
        w1 = self._meeting()
        w1.with_user(self.team_leader).action_start()
        # week 1: two issues raised in the meeting form
        with Form(w1.with_user(self.team_leader)) as form:
            with form.issue_ids.new() as line:
                line.name = "Spare seals out of stock"
                line.user_id = self.salesman
                line.date_deadline = self.friday + timedelta(days=5)
            with form.issue_ids.new() as line:
                line.name = "Price list outdated"
                line.user_id = self.salesman_2
                line.date_deadline = self.friday + timedelta(days=5)
            form.minutes = "<p>Seals: Sam calls the supplier.</p>"
        seals = w1.issue_ids.filtered(lambda i: i.name == "Spare seals out of stock")
        prices = w1.issue_ids - seals
        self.assertEqual(seals.origin_meeting_id, w1)
        self.assertEqual(seals.series_id, w1.series_id)
        self.assertEqual(seals.team_id, self.team)
        self.assertEqual((seals.carried_count, prices.carried_count), (0, 0))
        self._close(prices, "solve", "New price list sent to every distributor")
        self.assertEqual(prices.state, "solved")
        self.assertEqual(prices.date_closed, self.today)

        # week 2: the next meeting takes the open issue over
        w2 = self._next(w1)
        self.assertEqual(w1.state, "done")
        self.assertEqual(w2.start, w1.start + timedelta(weeks=1))
        self.assertEqual(w2.series_id, w1.series_id)
        self.assertEqual(w2.issue_ids, seals, "only the open issue is carried over")
        self.assertEqual(w1.issue_ids, prices, "the solved issue stays ticked off where it was")
        self.assertEqual(w1.discussed_issue_ids, seals | prices, "w1's minutes show both")
        self.assertEqual(seals.carried_count, 1)
        # the responsible re-dates their issue; the leader re-assigns another
        seals.with_user(self.salesman).date_deadline = self.friday + timedelta(days=12)
        fair = self._issue(w2, name="Trade fair stand not booked", user=self.salesman)
        with Form(w2.with_user(self.team_leader)) as form, form.issue_ids.edit(1) as line:
            self.assertEqual(line.name, "Trade fair stand not booked")
            line.user_id = self.salesman_2
        self.assertEqual(fair.user_id, self.salesman_2)
        w2.with_user(self.team_leader).action_start()

        # week 3 and 4: still open, carried again
        w3 = self._next(w2)
        self.assertEqual(w3.issue_ids, seals | fair)
        self.assertEqual((seals.carried_count, fair.carried_count), (2, 1))
        self._close(fair, "drop", "The fair was cancelled", user=self.salesman_2)
        self.assertEqual(fair.state, "dropped")
        self.assertEqual(fair.drop_reason, "The fair was cancelled")
        w3.with_user(self.team_leader).action_start()
        w4 = self._next(w3)
        self.assertEqual(w4.issue_ids, seals)
        self.assertEqual(seals.carried_count, 3)
        self.assertEqual(seals.meeting_id, w4)
        self.assertEqual(seals.discussed_meeting_ids, w1 | w2 | w3 | w4)
        self.assertEqual(
            self.Issue.search([("carried_count", ">=", 3), ("team_id", "=", self.team.id)]),
            seals,
            "the filter Carried 3+ Times",
        )
        self.assertEqual(seals.age_days, (self.today - seals.date_raised).days)

        # solved at week 4: the counter stays, the next meeting has nothing
        self._close(seals, "solve", "Seals delivered", user=self.salesman)
        self.assertEqual((seals.state, seals.carried_count), ("solved", 3))
        w4.with_user(self.team_leader).action_start()
        w5 = self._next(w4)
        self.assertFalse(w5.issue_ids)
        self.assertEqual(w4.open_issue_count, 0)

    def test_next_meeting_planned_already_takes_over_when_the_meeting_ends(self):
        w1 = self._meeting()
        w2 = self._meeting(day=self.friday + timedelta(weeks=1))
        issue = self._issue(w1)
        self.assertEqual(issue.meeting_id, w1, "the next meeting waits for this one to end")
        w1.with_user(self.team_leader).action_done()
        self.assertEqual((issue.meeting_id, issue.carried_count), (w2, 1))
        # Next Meeting opens the meeting already planned, it creates no other
        action = w1.with_user(self.team_leader).action_next_meeting()
        self.assertEqual(action["res_id"], w2.id)
        self.assertEqual(self.Meeting.search_count([("series_id", "=", w1.series_id.id)]), 2)

    def test_a_cancelled_meeting_does_not_count(self):
        w1 = self._meeting()
        issue = self._issue(w1)
        w1.with_user(self.team_leader).action_cancel()
        w2 = self._meeting(day=self.friday + timedelta(weeks=1))
        self.assertEqual(issue.meeting_id, w2)
        self.assertEqual(issue.carried_count, 0, "the cancelled meeting was not held")

    def test_issues_raised_outside_a_meeting_reach_the_next_one(self):
        planned = self._meeting(day=self.today + timedelta(days=3))
        issue = self._issue(by=self.salesman, partner_id=self.managed.id)
        self.assertEqual(issue.series_id, planned.series_id, "the team's weekly meetings")
        self.assertEqual(issue.meeting_id, planned)
        self.assertEqual(issue.carried_count, 0, "first time on a list")
        # a team without weekly meetings yet: the first one takes it over
        lonely = self.Issue.with_user(self.manager).create(
            {
                "name": "No pipes in the West",
                "user_id": self.manager.id,
                "team_id": self.other_team.id,
                "date_deadline": self.today + timedelta(days=7),
            }
        )
        self.assertFalse(lonely.meeting_id)
        first = self.Meeting.with_user(self.manager).create(
            {"kind": "weekly", "team_id": self.other_team.id, "start": self._at(self.today)}
        )
        self.assertEqual(lonely.meeting_id, first)

    def test_raised_in_one_click_from_a_customer_a_plan_line_a_commitment(self):
        """The buttons open the quick form prefilled by their context."""
        action = self.env.ref("sale_customer_care.action_sale_care_meeting_issue_raise")
        quick = self.env.ref("sale_customer_care.view_sale_care_meeting_issue_form_quick")
        self.assertEqual((action.target, action.view_id), ("new", quick))
        for view, context_key in (
            ("sale_customer_care.view_partner_form_meeting_issue", "default_partner_id"),
            ("sale_customer_care.view_sale_monthly_plan_form_meeting_issue", "default_plan_id"),
            (
                "sale_customer_care.view_sale_revenue_commitment_form_meeting_issue",
                "default_commitment_id",
            ),
        ):
            arch = self.env.ref(view).arch
            self.assertIn(f'name="{action.id}"', arch)
            self.assertIn(context_key, arch)
        Issue = self.Issue.with_user(self.salesman)
        plan = self._plan(lines=[self._line(self.managed)])
        cases = [
            # a contact of the customer: the issue is about the company
            ({"default_partner_id": self.prospect_contact.id}, self.prospect, self.salesman),
            (
                {"default_partner_id": self.managed.id, "default_plan_id": plan.id},
                self.managed,
                self.salesman,
            ),
            (
                {
                    "default_commitment_id": self.commitment.id,
                    "default_partner_id": self.committed.id,
                },
                self.committed,
                self.salesman,
            ),
        ]
        for context, partner, responsible in cases:
            with self.subTest(context=context):
                form = Form(Issue.with_context(**context), view=quick)
                form.name = "Needs a visit"
                issue = form.save()
                self.assertEqual(issue.partner_id, partner)
                self.assertEqual(issue.user_id, responsible)
                self.assertEqual(issue.team_id, self.team)
                self.assertTrue(issue.date_deadline > self.today)
        self.assertEqual(Issue.search([("plan_id", "=", plan.id)]).partner_id, self.managed)

    def test_bad_input_is_refused_and_writes_nothing(self):
        w1 = self._meeting()
        before = self.Issue.search_count([])
        Issue = self.Issue.with_user(self.team_leader)
        base = {
            "name": "Seals",
            "meeting_id": w1.id,
            "user_id": self.salesman.id,
            "date_deadline": self.today,
        }
        for missing, message in (
            ("user_id", "responsible"),
            ("date_deadline", "deadline"),
            ("name", "issue is"),
        ):
            with self.subTest(missing=missing), self.assertRaisesRegex(ValidationError, message):
                Issue.create({**base, missing: False})
        self.assertEqual(self.Issue.search_count([]), before)
        issue = Issue.create(base)
        for vals, message in (
            ({"state": "solved"}, "how the issue"),
            ({"state": "solved", "resolution": "   "}, "how the issue"),
            ({"state": "dropped"}, "why the issue"),
            ({"user_id": False}, "responsible"),
            ({"date_deadline": False}, "deadline"),
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(ValidationError, message):
                issue.write(vals)
        # the dialog refuses an empty resolution the same way
        wizard = self.env["sale.care.meeting.issue.close"].with_user(self.team_leader)
        with self.assertRaisesRegex(ValidationError, "how the issue"):
            wizard.create({"issue_ids": issue.ids, "mode": "solve", "note": ""}).action_confirm()
        self.assertEqual((issue.state, issue.user_id), ("open", self.salesman))

    def test_the_responsible_solves_and_re_dates_others_cannot(self):
        w1 = self._meeting()
        issue = self._issue(w1, user=self.salesman)
        issue.with_user(self.salesman).date_deadline = self.today + timedelta(days=20)
        # a colleague of the team reads the list but does not change it
        self.assertEqual(issue.with_user(self.salesman_2).name, issue.name)
        with self.assertRaises(AccessError):
            issue.with_user(self.salesman_2).date_deadline = self.today
        with self.assertRaises(AccessError):
            self._close(issue, "solve", "Done it", user=self.salesman_2)
        # the counters are the list's own: nobody writes them
        for field, value in (("carried_count", 0), ("series_id", False)):
            with self.subTest(field=field), self.assertRaises(AccessError):
                issue.with_user(self.team_leader).write({field: value})
        self._close(issue, "solve", "Done it", user=self.salesman)
        self.assertEqual(issue.state, "solved")
        issue.with_user(self.salesman).action_reopen()
        self.assertEqual((issue.state, issue.date_closed), ("open", False))

    def test_overdue_issues(self):
        w1 = self._meeting()
        late = self._issue(w1, deadline_days=-1)
        on_time = self._issue(w1, deadline_days=1, name="Call back")
        self.assertTrue(late.is_overdue)
        self.assertFalse(on_time.is_overdue)
        self.assertEqual(
            self.Issue.search([("is_overdue", "=", True), ("team_id", "=", self.team.id)]), late
        )
        self.assertEqual(w1.overdue_issue_count, 1)
        late.with_user(self.salesman).write({"state": "solved", "resolution": "Called"})
        self.assertFalse(late.is_overdue)
