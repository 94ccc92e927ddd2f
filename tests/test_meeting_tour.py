# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The team leader runs the demo's Friday planning meeting in the browser
(static/tests/tours/sale_care_meeting_tour.js): starts it, ticks the seals
solved, adds an issue, and goes on to the next meeting, which took the open
issues over."""

from datetime import timedelta

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestMeetingTour(HttpCase):
    def test_leader_runs_the_weekly_meeting(self):
        lead = self.env.ref("sale_customer_care.demo_user_lead")
        lead.tour_enabled = False
        team = self.env.ref("sale_customer_care.demo_team_distribution")
        Meeting = self.env["sale.care.meeting"]
        meeting = Meeting.search(
            [("team_id", "=", team.id), ("kind", "=", "weekly"), ("state", "=", "planned")]
        )
        self.assertEqual(len(meeting), 1, "the demo plans the next Friday meeting")
        seals = meeting.issue_ids.filtered(lambda i: i.name.startswith("Spare seals"))
        self.assertTrue(seals.is_overdue)
        carried = {issue: issue.carried_count for issue in meeting.issue_ids - seals}

        self.start_tour("/odoo", "sale_customer_care_weekly_meeting", login="care.lead")
        self.env.invalidate_all()  # what the browser wrote

        self.assertEqual(meeting.state, "done")
        self.assertEqual(seals.state, "solved")
        self.assertEqual(seals.resolution, "The 40 sets are on site since Wednesday")
        following = Meeting.search(
            [("series_id", "=", meeting.series_id.id), ("start", ">", meeting.start)]
        )
        self.assertEqual(following.start, meeting.start + timedelta(weeks=1))
        self.assertEqual(following.state, "planned")
        new = following.issue_ids.filtered(lambda i: i.origin_meeting_id == meeting)
        self.assertEqual(new.name, "Catalogue of the new pump range missing")
        self.assertEqual(new.user_id, self.env.ref("sale_customer_care.demo_user_anna"))
        self.assertEqual(new.carried_count, 1)
        for issue, count in carried.items():
            self.assertEqual(issue.meeting_id, following)
            self.assertEqual(issue.carried_count, count + 1)
        self.assertIn(seals, meeting.issue_ids, "ticked off where it was solved")
