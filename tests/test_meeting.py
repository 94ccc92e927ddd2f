# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The team leader's meetings (seed 002): each kind with its duration, its
series and its next meeting, a calendar event that moves with it (and it
with the event), reminders when the rhythm breaks, an agenda whose figures
are those the leader would compute by hand from the plans, the invoices and
the activities, who may read what (another salesperson's one-to-one is
refused), and the minutes on paper."""

import subprocess
from datetime import timedelta
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import format_date, html2plaintext

from .common import MeetingCommon

MINUTES = "sale_customer_care.report_sale_care_meeting_minutes"


@tagged("post_install", "-at_install")
class TestMeeting(MeetingCommon):
    # ------------------------------------------------------------------
    # Kinds, series, next meetings
    # ------------------------------------------------------------------
    def test_each_kind_has_its_duration_and_series(self):
        Meeting = self.Meeting.with_user(self.team_leader)
        expected = {"daily": 0.25, "weekly": 1.0, "monthly": 1.5, "one_to_one": 0.5}
        for kind, duration in expected.items():
            with self.subTest(kind=kind):
                form = Form(Meeting)
                form.kind = kind
                if kind == "one_to_one":
                    form.salesperson_id = self.salesman
                self.assertEqual(form.duration, duration)
                self.assertEqual(form.team_id, self.team, "the team the leader leads")
                meeting = form.save()
                self.assertEqual(meeting.stop - meeting.start, timedelta(hours=duration))
                self.assertEqual(meeting.series_id.kind, kind)
        weekly = Meeting.search([("kind", "=", "weekly"), ("team_id", "=", self.team.id)])
        self.assertEqual(weekly.start.weekday(), 4, "the planning meeting is on Friday")
        self.assertEqual(weekly.start.hour, 17)
        self.assertEqual(weekly.attendee_ids, self.team_leader | self.salesman | self.salesman_2)
        one_to_one = Meeting.search([("kind", "=", "one_to_one")]).filtered(
            lambda m: m.team_id == self.team
        )
        self.assertEqual(one_to_one.attendee_ids, self.team_leader | self.salesman)
        self.assertEqual(one_to_one.series_id.salesperson_id, self.salesman)
        # a joint visit with a customer: an hour with its salesperson
        form = Form(Meeting)
        form.kind = "joint_visit"
        form.partner_id = self.managed
        self.assertEqual(form.salesperson_id, self.salesman)
        visit = form.save()
        self.assertEqual(
            (visit.duration, visit.attendee_ids), (1.0, self.team_leader | self.salesman)
        )
        # a second weekly meeting joins the same series
        other = self._meeting(day=self.friday + timedelta(weeks=5))
        self.assertEqual(other.series_id, weekly.series_id)

    def test_next_meeting_of_each_kind(self):
        friday = self.friday
        cases = [
            ("daily", {}, friday + timedelta(days=3)),  # Monday
            ("weekly", {}, friday + timedelta(weeks=1)),
            ("one_to_one", {"salesperson_id": self.salesman.id}, friday + timedelta(weeks=2)),
            ("joint_visit", {"partner_id": self.managed.id}, friday + timedelta(weeks=1)),
        ]
        for kind, vals, day in cases:
            with self.subTest(kind=kind):
                meeting = self._meeting(kind, hour=9, **vals)
                meeting.with_user(self.team_leader).action_start()
                action = meeting.with_user(self.team_leader).action_next_meeting()
                following = self.Meeting.browse(action["res_id"])
                self.assertEqual(meeting.state, "done")
                self.assertEqual(following.start, self._at(day, 9))
                self.assertEqual(following.series_id, meeting.series_id)
                self.assertEqual(following.salesperson_id, meeting.salesperson_id)
                self.assertEqual(following.partner_id, meeting.partner_id)
        monthly = self._meeting("monthly", day=self.month.replace(day=2), hour=9)
        monthly.with_user(self.team_leader).action_done()
        following = self.Meeting.browse(
            monthly.with_user(self.team_leader).action_next_meeting()["res_id"]
        )
        expected = self.month.replace(day=2) + relativedelta(months=1)
        while expected.weekday() >= 5:
            expected += timedelta(days=1)
        self.assertEqual(following.start, self._at(expected, 9))
        with self.assertRaisesRegex(UserError, "Start the meeting first"):
            following.with_user(self.team_leader).action_next_meeting()

    def test_bad_input_is_refused_and_writes_nothing(self):
        Meeting = self.Meeting.with_user(self.team_leader)
        before = (self.Meeting.search_count([]), self.Series.search_count([]))
        base = {"team_id": self.team.id, "start": self._at(self.friday)}
        for vals, message in (
            ({"kind": "one_to_one"}, "with a salesperson"),
            ({"kind": "joint_visit"}, "pick the customer"),
            ({"kind": "weekly", "duration": 0}, "duration"),
            ({"kind": "daily", "duration": -0.25}, "duration"),
            ({"kind": "monthly", "duration": 30.0}, "at most a day"),
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(ValidationError, message):
                Meeting.create({**base, **vals})
        self.assertEqual((self.Meeting.search_count([]), self.Series.search_count([])), before)
        meeting = self._meeting()
        with self.assertRaisesRegex(ValidationError, "duration"):
            meeting.with_user(self.team_leader).duration = 0
        with self.assertRaisesRegex(ValidationError, "with a salesperson"):
            meeting.with_user(self.team_leader).kind = "one_to_one"
        # what the database holds (the failed writes left nothing behind)
        self.env.cr.execute(
            "SELECT kind, duration FROM sale_care_meeting WHERE id = %s", [meeting.id]
        )
        self.assertEqual(self.env.cr.fetchone(), ("weekly", 1.0))

    # ------------------------------------------------------------------
    # Calendar
    # ------------------------------------------------------------------
    def test_the_calendar_event_follows_the_meeting_and_the_meeting_the_event(self):
        meeting = self._meeting(day=self.today + timedelta(days=2))
        event = meeting.event_id
        self.assertTrue(event)
        self.assertEqual((event.start, event.stop), (meeting.start, meeting.stop))
        self.assertEqual(event.user_id, self.team_leader, "the chair organises it")
        self.assertEqual(
            event.partner_ids, (self.team_leader | self.salesman | self.salesman_2).partner_id
        )
        self.assertEqual((event.res_model, event.res_id), (meeting._name, meeting.id))
        self.assertEqual(event.name, meeting.name)
        self.assertFalse(
            self.env["mail.activity"].search(
                [("res_model", "=", meeting._name), ("res_id", "=", meeting.id)]
            ),
            "no reminder activity of the event on the meeting itself",
        )

        # the meeting moves and shrinks: so does the event
        meeting.with_user(self.team_leader).write(
            {"start": meeting.start + timedelta(hours=1), "duration": 0.5}
        )
        self.assertEqual((event.start, event.stop), (meeting.start, meeting.stop))
        meeting.with_user(self.team_leader).attendee_ids = [Command.unlink(self.salesman_2.id)]
        self.assertEqual(event.partner_ids, (self.team_leader | self.salesman).partner_id)

        # dragged in the calendar by the chair: the meeting follows
        new_start = meeting.start + timedelta(days=1)
        event.with_user(self.team_leader).write(
            {"start": new_start, "stop": new_start + timedelta(minutes=90)}
        )
        self.assertEqual((meeting.start, meeting.duration), (new_start, 1.5))

        # a salesperson may not move the team's meeting through the calendar
        with self.assertRaises(AccessError):
            event.with_user(self.salesman).write(
                {
                    "start": new_start + timedelta(days=1),
                    "stop": new_start + timedelta(days=1, hours=1),
                }
            )
        self.assertEqual(meeting.start, new_start)

        # cancelled: the event leaves the calendar; planned again: it is back
        meeting.with_user(self.team_leader).action_cancel()
        self.assertFalse(event.active)
        meeting.with_user(self.team_leader).action_reset()
        self.assertTrue(event.active)

        # the event deleted in the calendar: the meeting is cancelled
        event.with_user(self.team_leader).unlink()
        self.assertEqual(meeting.state, "cancelled")
        self.assertFalse(meeting.event_id)

    def test_a_one_to_one_event_is_private(self):
        meeting = self._meeting("one_to_one", salesperson_id=self.salesman.id)
        self.assertEqual(meeting.event_id.privacy, "private")
        self.assertEqual(meeting.event_id.with_user(self.salesman_2).display_name, "Busy")

    # ------------------------------------------------------------------
    # Reminders
    # ------------------------------------------------------------------
    def _run_reminders(self, day):
        """The daily cron on ``day``, its commits replaced by a no-op."""
        cron = type(self.env["ir.cron"])
        with (
            patch.object(cron, "_commit_progress", lambda *args, **kwargs: 1000.0),
            patch.object(fields.Date, "context_today", lambda *args, **kwargs: day),
        ):
            self.Series._cron_remind_chairs()

    def _reminders(self, series):
        return self.env["mail.activity"].search(
            [("res_model", "=", series._name), ("res_id", "in", series.ids)]
        )

    def test_reminders_weekly_meeting_not_held(self):
        cron = self.env.ref("sale_customer_care.ir_cron_sale_care_meeting_reminders")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        held = self._meeting()
        held.with_user(self.team_leader).action_done()
        series = held.series_id
        monday_after = self.friday + timedelta(days=3)
        self._run_reminders(monday_after)
        self.assertFalse(self._reminders(series), "held last week: nothing to remind")
        # the week after, nothing was held
        monday = monday_after + timedelta(weeks=1)
        self._run_reminders(monday)
        reminder = self._reminders(series)
        self.assertEqual(reminder.user_id, self.team_leader, "the chair is reminded")
        self.assertIn("No weekly planning meeting of Team East", reminder.summary)
        self._run_reminders(monday + timedelta(days=1))
        self._run_reminders(monday + timedelta(days=2))
        self.assertEqual(len(self._reminders(series)), 1, "once, not every day")

    def test_reminders_one_to_one_overdue(self):
        daily = self._meeting("daily")
        daily.with_user(self.team_leader).action_done()
        talk = self._meeting("one_to_one", day=self.friday, salesperson_id=self.salesman.id)
        talk.with_user(self.team_leader).action_done()
        self._run_reminders(self.friday + timedelta(days=10))
        series = self.Series.search([("kind", "=", "one_to_one"), ("team_id", "=", self.team.id)])
        self.assertEqual(series.salesperson_id, self.salesman | self.salesman_2)
        self.assertFalse(self._reminders(series), "10 days: not yet")
        later = self.friday + timedelta(days=15)
        self._run_reminders(later)
        self._run_reminders(later + timedelta(days=1))
        reminders = self._reminders(series)
        self.assertEqual(len(reminders), 1, "once for this gap")
        self.assertEqual(reminders.res_id, talk.series_id.id)
        self.assertEqual(reminders.user_id, self.team_leader)
        self.assertIn(self.salesman.name, reminders.summary)
        # salesman_2's clock started with the series, when the cron first ran
        self.assertEqual(
            series.filtered(lambda s: s.salesperson_id == self.salesman_2).reminded_on, False
        )

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    def test_salespeople_see_their_team_and_their_own_one_to_ones(self):
        weekly = self._meeting()
        west = self.Meeting.with_user(self.manager).create(
            {"kind": "weekly", "team_id": self.other_team.id, "start": self._at(self.friday)}
        )
        talk = self._meeting(
            "one_to_one",
            salesperson_id=self.salesman.id,
            minutes="<p>Wants to lead the Hanoi account</p>",
        )
        private_issue = self._issue(talk, user=self.salesman, name="Training on inverters")
        for user in (self.salesman, self.salesman_2):
            visible = self.Meeting.with_user(user).search([])
            self.assertIn(weekly, visible)
            self.assertNotIn(west, visible, "another team's meetings")
        self.assertIn(talk, self.Meeting.with_user(self.salesman).search([]))
        self.assertIn("Hanoi", talk.with_user(self.salesman).minutes)
        # another salesperson's one-to-one notes are refused
        self.assertNotIn(talk, self.Meeting.with_user(self.salesman_2).search([]))
        with self.assertRaises(AccessError):
            talk.with_user(self.salesman_2).read(["minutes"])
        with self.assertRaises(AccessError):
            private_issue.with_user(self.salesman_2).read(["name"])
        self.assertNotIn(private_issue, self.Issue.with_user(self.salesman_2).search([]))
        # salespeople attend, the leader changes the meeting
        with self.assertRaises(AccessError):
            weekly.with_user(self.salesman).write({"minutes": "<p>Mine</p>"})
        with self.assertRaises(AccessError):
            weekly.with_user(self.salesman).action_done()
        with self.assertRaises(AccessError):
            self.Meeting.with_user(self.salesman).create(
                {"kind": "weekly", "team_id": self.team.id, "user_id": self.team_leader.id}
            )
        weekly.with_user(self.team_leader).minutes = "<p>Decided</p>"
        # nobody hands the meeting someone else's event to rewrite
        board = self.env["calendar.event"].create(
            {"name": "Board", "start": self._at(self.today), "stop": self._at(self.today, 18)}
        )
        for vals in ({"event_id": board.id}, {"series_id": False}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                weekly.with_user(self.team_leader).write(vals)
        with self.assertRaises(AccessError):
            self._meeting(day=self.today, event_id=board.id)
        self.assertEqual(board.name, "Board")
        # the leader of another team reads it ("all documents"), changes it not
        other_leader = self._user(
            "care_leader_west", "Wes Leader", groups="sales_team.group_sale_salesman_all_leads"
        )
        self.assertEqual(weekly.with_user(other_leader).minutes, "<p>Decided</p>")
        with self.assertRaises(AccessError):
            weekly.with_user(other_leader).write({"minutes": "<p>Not mine</p>"})
        with self.assertRaises(AccessError):
            talk.with_user(other_leader).read(["minutes"])

    def test_a_salesperson_sees_their_own_row_of_the_agenda(self):
        self._plan(self.salesman, lines=[self._line(self.managed, 3100.0)])
        self._plan(self.salesman_2, lines=[self._line(self.backed_up, 1550.0)])
        meeting = self._meeting(day=self.month + timedelta(days=14))
        full = html2plaintext(meeting.with_user(self.team_leader).agenda_html)
        self.assertIn(self.salesman.name, full)
        self.assertIn(self.salesman_2.name, full)
        own = html2plaintext(meeting.with_user(self.salesman).agenda_html)
        self.assertIn(self.salesman.name, own)
        self.assertNotIn(self.salesman_2.name, own)
        self.assertIn("Only your own figures", own)

    # ------------------------------------------------------------------
    # Agenda figures against hand-computed ones
    # ------------------------------------------------------------------
    def test_weekly_agenda_plan_against_achieved(self):
        day = self.month + timedelta(days=14)  # the 15th: its week is in the month
        monday = day - timedelta(days=day.weekday())
        month_days = self.month_end.day
        self._plan(
            self.salesman,
            lines=[
                self._line(self.managed, 3100.0),
                self._line(self.committed, 1000.0),
                self._line(self.prospect, 620.0),
                # backed_up is salesman_2's customer: it counts for them
                self._line(self.backed_up, 900.0),
            ],
        )
        self._plan(self.salesman_2, lines=[self._line(self.backed_up, 1550.0)])
        self._invoice(self.managed, 1000.0, monday)
        self._invoice(self.managed, 500.0, self.month + timedelta(days=1))  # before the week
        self._invoice(self.backed_up, 700.0, monday + timedelta(days=1), user=self.salesman_2)
        self._invoice(self.committed, 200.0, self.month + timedelta(days=24))  # after the week
        self._invoice(self.managed, 9999.0, self.month - timedelta(days=3))  # month before
        meeting = self._meeting(day=day, hour=9)
        agenda = meeting.with_user(self.team_leader)._minutes_agenda()
        rows = {row["user"]: row for row in agenda["rows"]}
        self.assertEqual(agenda["week_from"], monday)
        week_share = 7 / month_days
        sam, sue = rows[self.salesman], rows[self.salesman_2]
        self.assertAlmostEqual(sam["week"]["expected"], (3100 + 1000 + 620 + 900) * week_share)
        self.assertAlmostEqual(sam["week"]["achieved"], 1000.0)
        self.assertAlmostEqual(sue["week"]["expected"], 1550 * week_share)
        self.assertAlmostEqual(sue["week"]["achieved"], 700.0)
        self.assertAlmostEqual(sam["month"]["expected"], 5620.0)
        self.assertAlmostEqual(sam["month"]["achieved"], 1000.0 + 500.0 + 200.0)
        self.assertAlmostEqual(sam["month"]["percent"], 100.0 * 1700 / 5620)
        self.assertAlmostEqual(sue["month"]["achieved"], 700.0)
        self.assertAlmostEqual(
            agenda["month_totals"]["achieved"], 2400.0, msg="backed_up counted once"
        )
        # the framework agreement runs behind its time: on the agenda
        self.assertEqual([c["commitment"] for c in agenda["commitments"]], [self.commitment])
        issue = self._issue(meeting, deadline_days=-2)
        agenda = meeting._minutes_agenda()
        self.assertEqual(agenda["issues"], {"count": 1, "overdue": 1, "carried": 0})
        self.assertEqual(issue.meeting_id, meeting)

    def test_weekly_agenda_of_a_week_across_two_months(self):
        previous = self.month - relativedelta(months=1)
        self._plan(self.salesman, lines=[self._line(self.managed, 3000.0)])
        self._plan(self.salesman, month=previous, lines=[self._line(self.managed, 6200.0)])
        day = self.month
        monday = day - timedelta(days=day.weekday())
        days_before = (self.month - monday).days
        meeting = self._meeting(day=day, hour=9)
        row = meeting._minutes_agenda()["rows"][0]
        previous_days = (self.month - previous).days
        expected = 6200.0 * days_before / previous_days + 3000.0 * (7 - days_before) / (
            self.month_end.day
        )
        self.assertAlmostEqual(row["week"]["expected"], expected)

    def test_monthly_agenda_best_lagging_and_plans_to_approve(self):
        # held on the 3rd: it reviews last month and approves this month's plans
        day = self.today.replace(day=3)
        self._plan(self.salesman, lines=[self._line(self.managed, 1000.0)])
        self._plan(self.salesman_2, lines=[self._line(self.backed_up, 1000.0)])
        self._invoice(self.managed, 1200.0, self.month + timedelta(days=4))
        self._invoice(self.backed_up, 500.0, self.month + timedelta(days=4), user=self.salesman_2)
        this_month = self.today.replace(day=1)
        submitted = self._plan(self.salesman, month=this_month, lines=[self._line(self.managed)])
        submitted.with_user(self.salesman).action_submit()
        draft = self._plan(self.salesman_2, month=this_month, lines=[self._line(self.backed_up)])
        meeting = self._meeting("monthly", day=day, hour=9)
        agenda = meeting._minutes_agenda()
        self.assertEqual(agenda["month_from"], self.month)
        rows = {row["user"]: row for row in agenda["rows"]}
        self.assertAlmostEqual(rows[self.salesman]["percent"], 120.0)
        self.assertAlmostEqual(rows[self.salesman_2]["percent"], 50.0)
        self.assertEqual([row["user"] for row in agenda["best"]], [self.salesman])
        self.assertEqual([row["user"] for row in agenda["lagging"]], [self.salesman_2])
        self.assertEqual(
            {row["user"]: row["plan"] for row in agenda["next_plans"]},
            {self.salesman: submitted, self.salesman_2: draft},
        )
        self.assertEqual(agenda["risks"], [], "no risk signal yet")
        # a customer of the team at risk: on the agenda, with its owner
        signal = (
            self.env["customer.risk.signal"]
            .sudo()
            .create(
                {
                    "partner_id": self.managed.id,
                    "categ_id": self.categ_pumps.id,
                    "kind": "stopped",
                    "date_since": self.today - timedelta(days=40),
                    "user_id": self.salesman.id,
                    "revenue_at_risk": 2500.0,
                }
            )
        )
        meeting.invalidate_recordset()
        risks = meeting._minutes_agenda()["risks"]
        self.assertEqual(
            [(row["partner"], row["user"]) for row in risks], [(self.managed, self.salesman)]
        )
        self.assertEqual(risks[0]["revenue"], 2500.0)
        self.assertEqual(risks[0]["reason"], signal.explanation)
        # the plans waiting for approval, approved from the meeting
        pending = meeting.with_user(self.team_leader).pending_plan_ids
        self.assertEqual(pending, submitted)
        pending.action_approve()
        self.assertEqual(submitted.state, "approved")
        text = html2plaintext(meeting.with_user(self.team_leader).agenda_html)
        self.assertIn("Best", text)
        self.assertIn("Lagging", text)

    def _activity(self, user, deadline, done_on=None, partner=None):
        activity = (partner or self.managed).activity_schedule(
            "mail.mail_activity_data_call", date_deadline=deadline, user_id=user.id
        )
        if done_on:
            activity._action_done()
            activity.date_done = done_on
        return activity

    def test_daily_agenda_activities(self):
        # a Monday meeting: "the day before" is the Friday before
        monday = self.friday + timedelta(days=3)
        friday = self.friday
        self._activity(self.salesman, friday, done_on=friday)
        self._activity(self.salesman, friday - timedelta(days=3), done_on=friday)
        self._activity(self.salesman, friday, done_on=friday - timedelta(days=1))  # Thursday
        self._activity(self.salesman, monday)  # today
        self._activity(self.salesman, monday, done_on=monday)  # done this morning: still today's
        self._activity(self.salesman, friday - timedelta(days=1))  # overdue
        self._activity(self.salesman, friday, done_on=monday)  # overdue until this morning
        self._activity(self.salesman_2, monday + timedelta(days=1))  # tomorrow: not on it
        meeting = self._meeting("daily", day=monday, hour=9)
        agenda = meeting._minutes_agenda()
        self.assertEqual(agenda["previous_day"], friday)
        rows = {row["user"]: row for row in agenda["rows"]}
        counts = {key: len(rows[self.salesman][key]) for key in ("done", "today", "overdue")}
        self.assertEqual(counts, {"done": 2, "today": 2, "overdue": 2})
        self.assertEqual(
            {key: len(rows[self.salesman_2][key]) for key in ("done", "today", "overdue")},
            {"done": 0, "today": 0, "overdue": 0},
        )
        self.assertEqual(agenda["totals"], {"done": 2, "today": 2, "overdue": 2})

    def test_one_to_one_agenda(self):
        day = self.today
        self._plan(self.salesman, month=day.replace(day=1), lines=[self._line(self.managed, 800.0)])
        self._invoice(self.managed, 200.0, day.replace(day=1))
        self._activity(self.salesman, day - timedelta(days=5), done_on=day - timedelta(days=5))
        self._activity(self.salesman, day - timedelta(days=4), done_on=day - timedelta(days=6))
        self._activity(self.salesman, day - timedelta(days=9), done_on=day - timedelta(days=7))
        self._activity(self.salesman, day - timedelta(days=60), done_on=day - timedelta(days=40))
        self._activity(self.salesman, day - timedelta(days=2))  # overdue
        self._activity(self.salesman_2, day - timedelta(days=2))  # someone else's
        earlier = self._meeting(
            "one_to_one",
            day=day - timedelta(days=14),
            salesperson_id=self.salesman.id,
            minutes="<p>Wants to learn the inverter range</p>",
        )
        earlier.with_user(self.team_leader).action_done()
        others = self._meeting(
            "one_to_one",
            day=day - timedelta(days=14),
            salesperson_id=self.salesman_2.id,
            minutes="<p>Sue's private notes</p>",
        )
        others.with_user(self.team_leader).action_done()
        owned = self._issue(earlier, user=self.salesman, name="Inverter training")
        self._issue(others, user=self.salesman_2, name="Sue's issue")
        meeting = self._meeting("one_to_one", day=day, hour=23, salesperson_id=self.salesman.id)
        agenda = meeting._minutes_agenda()
        self.assertAlmostEqual(agenda["plan"]["expected"], 800.0)
        self.assertAlmostEqual(agenda["plan"]["achieved"], 200.0)
        self.assertEqual((agenda["done_count"], agenda["on_time_count"]), (3, 2))
        self.assertAlmostEqual(agenda["on_time_percent"], 200.0 / 3)
        self.assertEqual(agenda["overdue_count"], 1)
        self.assertEqual(agenda["owned_issues"], owned)
        self.assertEqual(agenda["previous"], earlier)
        text = html2plaintext(meeting.with_user(self.salesman).agenda_html)
        self.assertIn("inverter range", text)
        self.assertNotIn("Sue's private notes", text)

    def test_the_agenda_reads_the_books_once_for_all_customers(self):
        """Set-based: as many queries for four customers as for sixteen."""
        day = self.month + timedelta(days=14)

        def agenda_queries(count):
            partners = self.env["res.partner"].concat(
                *[self._customer(f"Budget {count} {i}") for i in range(count)]
            )
            self.env["res.partner"].browse(partners.ids).write({"user_id": self.salesman.id})
            for partner in partners:
                self._invoice(partner, 100.0, day)
            plan = self._plan(lines=[self._line(p, 100.0) for p in partners])
            meeting = self._meeting(day=day, hour=9 + count % 8).with_user(self.team_leader)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            agenda = meeting._minutes_agenda()
            queries = self.env.cr.sql_log_count - before
            self.assertAlmostEqual(agenda["rows"][0]["month"]["achieved"], 100.0 * count)
            plan.unlink()
            return queries

        agenda_queries(2)  # the caches of rules and groups warm
        self.assertEqual(agenda_queries(4), agenda_queries(16))

    # ------------------------------------------------------------------
    # Minutes
    # ------------------------------------------------------------------
    def test_minutes_pdf(self):
        self._plan(self.salesman, lines=[self._line(self.managed, 3100.0)])
        meeting = self._meeting(day=self.month + timedelta(days=14), hour=9)
        meeting.with_user(self.team_leader).minutes = "<p>Sam visits the plant on Tuesday.</p>"
        issue = self._issue(meeting, name="Spare seals out of stock", deadline_days=-1)
        solved = self._issue(meeting, user=self.salesman_2, name="Price list outdated")
        solved.with_user(self.salesman_2).write({"state": "solved", "resolution": "Sent"})
        meeting.with_user(self.team_leader).action_done()
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(self.team_leader)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(MINUTES, meeting.ids)
        )
        self.assertEqual(kind, "pdf")
        fonts = subprocess.run(
            ["pdffonts", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        self.assertIn("DejaVuSans", fonts)
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        self.assertIn(f"Minutes: {meeting.name}", text)
        self.assertIn(self.company.name, text)
        self.assertIn("Plan against achieved", text)
        self.assertIn("Sam visits the plant on Tuesday.", text)
        self.assertIn("Issue list", text)
        for line in (issue, solved):
            self.assertIn(line.name, text)
            self.assertIn(line.user_id.name, text)
        env = self.env(user=self.team_leader)
        self.assertIn(format_date(env, issue.date_deadline), text)
        self.assertIn("(overdue)", text)
        pages = text.count("\f")
        self.assertRegex(text, rf"\b{pages} ?/ ?{pages}\b", "page x / y")
        # another salesperson's one-to-one is refused on paper too
        talk = self._meeting("one_to_one", salesperson_id=self.salesman.id)
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.salesman_2)._render_qweb_html(
                MINUTES, talk.ids
            )

    def test_send_minutes_to_the_attendees(self):
        meeting = self._meeting()
        meeting.with_user(self.team_leader).write({"minutes": "<p>Decided</p>", "state": "done"})
        self._issue(meeting, name="Spare seals out of stock")
        action = meeting.with_user(self.team_leader).action_send_minutes()
        composer = Form(
            self.env[action["res_model"]]
            .with_user(self.team_leader)
            .with_context(**action["context"])
        )
        self.assertEqual(
            set(composer.partner_ids.ids), set((self.salesman | self.salesman_2).partner_id.ids)
        )
        self.assertIn("Minutes: ", composer.subject)
        self.assertIn("Spare seals out of stock", composer.body)
        self.assertEqual(len(composer.attachment_ids), 1, "the minutes as PDF")
        composer.save()._action_send_mail()
        message = meeting.message_ids[0]
        self.assertEqual(message.partner_ids, (self.salesman | self.salesman_2).partner_id)
        self.assertTrue(message.attachment_ids.name.startswith("Minutes"))
        with self.assertRaises(AccessError):
            meeting.with_user(self.salesman).action_send_minutes()
