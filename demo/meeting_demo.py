# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo of the meeting rhythm (seed 002) of the Distribution team, relative to
today: the last four Friday planning meetings held, with their minutes and an
issue list in motion (solved, dropped, carried three times and more, overdue,
raised from a customer between meetings), the next one planned; the morning
meetings of the last two weeks; last month's meeting; the one-to-ones of
every salesperson (one overdue: the team leader has a reminder); joint
visits.  Made through the models as the team leader would, so that the
series, the carried issues and the calendar events are the real thing."""

from datetime import timedelta

import pytz
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models

MODULE = "sale_customer_care"

# Weekly issues: (raised at week 1-4, title, responsible, days to the deadline,
# customer key, closed at week, "solved"/"dropped", resolution or reason).
# The week after the fourth is the meeting planned next.
WEEKLY_ISSUES = [
    (
        1,
        "Spare seals out of stock: Saigon Water waits for 40 sets",
        "bao",
        5,
        "saigon_water",
        None,
        None,
        None,
    ),
    (
        1,
        "Price list for the Hungarian distributors is outdated",
        "anna",
        7,
        None,
        2,
        "solved",
        "New price list sent to the twelve distributors; Anna called the five largest.",
    ),
    (
        2,
        "Framework agreement with Hanoi Industrial Park still not signed",
        "dung",
        21,
        "hanoi_industrial",
        None,
        None,
        None,
    ),
    (
        2,
        "Book the stand at the spring trade fair",
        "csaba",
        10,
        None,
        3,
        "dropped",
        "The organiser cancelled the fair; the budget goes to customer visits instead.",
    ),
    (
        3,
        "Bayern Haustechnik asks for German-language pump manuals",
        "csaba",
        7,
        "bayern_haustechnik",
        4,
        "solved",
        "The manufacturer sent the German manuals; Csaba delivered them with the order.",
    ),
    (
        3,
        "Two quotations to Budapest contractors overdue",
        "anna",
        4,
        "budapest_epuletgepeszet",
        None,
        None,
        None,
    ),
    (
        4,
        "Deliveries to the Hanoi site late three times",
        "lead",
        10,
        "hanoi_industrial",
        None,
        None,
        None,
    ),
]

WEEKLY_MINUTES = [
    (
        "<p><strong>Plan:</strong> the team is at 80 % of the month's plan; Bảo ahead, "
        "Dung behind.</p>"
        "<p><strong>Decided:</strong> Bảo chases the seal supplier daily until the 40 sets ship; "
        "Anna updates the price list before Tuesday.</p>"
    ),
    (
        "<p><strong>Plan:</strong> two large orders from Saigon Water and Duna Közművek "
        "invoiced.</p>"
        "<p><strong>Decided:</strong> Dung meets the Hanoi Industrial board about the framework "
        "agreement; Csaba books the fair stand if the budget allows.</p>"
    ),
    (
        "<p><strong>Plan:</strong> behind on pipes and fittings; electrical on plan.</p>"
        "<p><strong>Decided:</strong> no trade fair this spring; every salesperson plans two "
        "extra visits to pipe customers. Anna sends the two open quotations this week.</p>"
    ),
    (
        "<p><strong>Plan:</strong> the month closes at about plan; the seals are still missing.</p>"
        "<p><strong>Decided:</strong> Long calls the logistics partner about the late deliveries "
        "to Hanoi; the seals stay on the list until they are on site.</p>"
    ),
]

# One-to-ones: (salesperson, days ago, notes); every salesperson talked with
# the team leader, Dung more than 15 days ago (the leader has a reminder).
ONE_TO_ONES = [
    (
        "anna",
        27,
        (
            "Anna is ahead with the Hungarian utilities. Wants to learn the inverter range "
            "to sell it with the pumps."
        ),
    ),
    (
        "anna",
        13,
        (
            "Danube contract on track. Inverter training booked for next month. Needs help "
            "with the two Budapest contractors who do not answer."
        ),
    ),
    (
        "bao",
        12,
        (
            "Saigon Water is unhappy about the seals; Bảo keeps them informed daily. Good work "
            "on the new Mekong customer."
        ),
    ),
    (
        "csaba",
        11,
        (
            "German customers want documentation in German; Csaba collects what is missing. "
            "Would like a second visit day per week."
        ),
    ),
    (
        "dung",
        20,
        (
            "The Hanoi framework agreement takes long: the board changed. Dung asks for a joint "
            "visit with the team leader."
        ),
    ),
]

DAILY_MINUTES = [
    "Calls planned: 14. Anna follows up the Budapest quotations; Bảo calls the seal supplier.",
    "Two meetings today (Duna Közművek, Mekong Aqua). Overdue calls: Dung catches up today.",
    "Yesterday: 11 calls done, one order from Bayern. Today: visits in Hanoi.",
]


class SaleCareDemo(models.AbstractModel):
    _inherit = "sale.care.demo"

    @api.model
    def _generate_meetings(self):
        """The Distribution team's meetings (once)."""
        team = self._demo_ref("demo_team_distribution")
        Meeting = self.env["sale.care.meeting"]
        if Meeting.search_count([("team_id", "=", team.id)], limit=1):
            return False
        company = self.env.ref("base.main_company")
        lead = self._demo_ref("demo_user_lead")
        # the team leader's day, in the leader's time zone
        demo = self._demo_env(company).with_context(no_mail_to_attendees=True, tz=lead.tz)
        today = fields.Date.context_today(demo)
        people = {key: self._demo_ref(xmlid) for key, xmlid in self._demo_salespeople().items()}
        people["lead"] = lead
        demo._demo_weekly_meetings(team, lead, people, today)
        demo._demo_daily_meetings(team, lead, today)
        demo._demo_monthly_meetings(team, lead, today)
        demo._demo_one_to_ones(team, lead, people, today)
        demo._demo_joint_visits(team, lead, people, today)
        # the daily reminders as the cron gives them this morning
        Series = self.env["sale.care.meeting.series"].sudo()
        Series._ensure_one_to_one_series()
        for series in Series.search([("team_id", "=", team.id)]):
            if series.kind == "weekly":
                series._remind_weekly(today)
            elif series.kind == "one_to_one":
                series._remind_one_to_one(today)
        return True

    @api.model
    def _demo_weekly_meetings(self, team, lead, people, today):
        """Four Friday planning meetings held, the next one planned; the issue
        list moves from one to the next."""
        Meeting = self.env["sale.care.meeting"]
        Issue = self.env["sale.care.meeting.issue"]
        next_friday = today + timedelta(days=(4 - today.weekday()) % 7)
        fridays = [next_friday - timedelta(weeks=weeks) for weeks in (4, 3, 2, 1)]
        customers = self._demo_meeting_customers()
        hanoi_commitment = self.env["sale.revenue.commitment"].search(
            [("partner_id", "=", customers["hanoi_industrial"].id)], limit=1
        )
        meeting = Meeting.create(
            {
                "kind": "weekly",
                "team_id": team.id,
                "user_id": lead.id,
                "start": self._demo_meeting_start(lead, fridays[0], 17),
            }
        )
        issues = {}
        for week, friday in enumerate(fridays, start=1):
            for raised, title, who, days, customer, closed, how, text in WEEKLY_ISSUES:
                if raised == week:
                    issue = Issue.create(
                        {
                            "name": title,
                            "meeting_id": meeting.id,
                            "user_id": people[who].id,
                            "date_deadline": friday + timedelta(days=days),
                            "partner_id": customers[customer].id if customer else False,
                            "commitment_id": hanoi_commitment.id
                            if customer == "hanoi_industrial" and who == "dung"
                            else False,
                        }
                    )
                    issue.date_raised = friday
                    issues[title] = issue
                if closed == week:
                    issue = issues[title]
                    if how == "solved":
                        issue._solve(text)
                    else:
                        issue._drop(text)
                    issue.date_closed = friday
            meeting.write({"minutes": Markup(WEEKLY_MINUTES[week - 1]), "state": "done"})
            meeting = meeting._create_next()
        # raised from a customer between two meetings: on the next meeting's list
        Issue.create(
            {
                "name": "Ha Long Bay Cruise: the quotation waits for the technical data",
                "user_id": people["dung"].id,
                "partner_id": customers["ha_long_cruise"].id,
                "team_id": team.id,
                "date_deadline": today + timedelta(days=5),
            }
        )
        return meeting

    @api.model
    def _demo_daily_meetings(self, team, lead, today):
        """The morning meetings of the last two weeks, and the next one."""
        Meeting = self.env["sale.care.meeting"]
        day, held = today - timedelta(days=14), 0
        while day < today:
            if day.weekday() < 5:
                Meeting.create(
                    {
                        "kind": "daily",
                        "team_id": team.id,
                        "user_id": lead.id,
                        "start": self._demo_meeting_start(lead, day, 9),
                        "minutes": Markup("<p>%s</p>") % DAILY_MINUTES[held % len(DAILY_MINUTES)],
                        "state": "done",
                    }
                )
                held += 1
            day += timedelta(days=1)
        Meeting.create(
            {
                "kind": "daily",
                "team_id": team.id,
                "user_id": lead.id,
                "start": self._demo_meeting_start(lead, Meeting._working_day(today), 9),
            }
        )

    @api.model
    def _demo_monthly_meetings(self, team, lead, today):
        """Last monthly meeting held (the first working day of this month, or
        of the last one), the next one planned."""
        Meeting = self.env["sale.care.meeting"]
        first = Meeting._working_day(today.replace(day=1))
        if first >= today:
            first = Meeting._working_day(today.replace(day=1) - relativedelta(months=1))
        Meeting.create(
            {
                "kind": "monthly",
                "team_id": team.id,
                "user_id": lead.id,
                "start": self._demo_meeting_start(lead, first, 9),
                "minutes": Markup(
                    "<p><strong>Best:</strong> Nguyễn Gia Bảo, above plan thanks to Saigon "
                    "Water.</p>"
                    "<p><strong>Lagging:</strong> Phạm Thị Dung; a joint visit to Hanoi "
                    "Industrial Park and a weekly check of her calls.</p>"
                    "<p><strong>Plans:</strong> Anna's and Csaba's approved; Bảo's submitted; "
                    "Dung adds the trade-fair prospects.</p>"
                ),
                "state": "done",
            }
        )
        Meeting.create(
            {
                "kind": "monthly",
                "team_id": team.id,
                "user_id": lead.id,
                "start": self._demo_meeting_start(
                    lead, Meeting._working_day(first + relativedelta(months=1)), 9
                ),
            }
        )

    @api.model
    def _demo_one_to_ones(self, team, lead, people, today):
        Meeting = self.env["sale.care.meeting"]
        Issue = self.env["sale.care.meeting.issue"]
        for who, days, notes in ONE_TO_ONES:
            day = Meeting._working_day(today - timedelta(days=days))
            if day >= today:
                day -= timedelta(days=3)
            meeting = Meeting.create(
                {
                    "kind": "one_to_one",
                    "team_id": team.id,
                    "user_id": lead.id,
                    "salesperson_id": people[who].id,
                    "start": self._demo_meeting_start(lead, day, 10),
                    "minutes": Markup("<p>%s</p>") % notes,
                }
            )
            if who == "anna" and days < 20:
                issue = Issue.create(
                    {
                        "name": "Training on the inverter range",
                        "meeting_id": meeting.id,
                        "user_id": people["anna"].id,
                        "date_deadline": today + timedelta(days=20),
                    }
                )
                issue.date_raised = day
            meeting.state = "done"
        Meeting.create(
            {
                "kind": "one_to_one",
                "team_id": team.id,
                "user_id": lead.id,
                "salesperson_id": people["bao"].id,
                "start": self._demo_meeting_start(
                    lead, Meeting._working_day(today + timedelta(days=2)), 10
                ),
            }
        )

    @api.model
    def _demo_joint_visits(self, team, lead, people, today):
        Meeting = self.env["sale.care.meeting"]
        customers = self._demo_meeting_customers()
        Meeting.create(
            {
                "kind": "joint_visit",
                "team_id": team.id,
                "user_id": lead.id,
                "partner_id": customers["saigon_water"].id,
                "salesperson_id": people["bao"].id,
                "start": self._demo_meeting_start(
                    lead, Meeting._working_day(today - timedelta(days=8)), 14
                ),
                "minutes": Markup(
                    "<p>Met the purchasing manager and the technical director. They accept a "
                    "partial delivery of the seals; the booster station tender comes next "
                    "quarter.</p>"
                ),
                "state": "done",
            }
        )
        Meeting.create(
            {
                "kind": "joint_visit",
                "team_id": team.id,
                "user_id": lead.id,
                "partner_id": customers["hanoi_industrial"].id,
                "salesperson_id": people["dung"].id,
                "start": self._demo_meeting_start(
                    lead, Meeting._working_day(today + timedelta(days=4)), 14
                ),
            }
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _demo_meeting_start(self, user, day, hour):
        return self.env["sale.care.meeting"]._to_utc(day, hour, pytz.timezone(user.tz or "UTC"))

    @api.model
    def _demo_meeting_customers(self):
        keys = (
            "saigon_water",
            "hanoi_industrial",
            "bayern_haustechnik",
            "budapest_epuletgepeszet",
            "ha_long_cruise",
        )
        return {key: self._demo_ref(f"demo_customer_{key}") for key in keys}

    @api.model
    def _demo_salespeople(self):
        return {
            "anna": "demo_user_anna",
            "bao": "demo_user_bao",
            "csaba": "demo_user_csaba",
            "dung": "demo_user_dung",
        }
