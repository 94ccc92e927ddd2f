# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The agenda of a sales meeting, built from the data for the meeting's day
(seed 002):

- daily: each salesperson's activities done the working day before, planned
  for the day, and overdue;
- weekly: plan against achieved per salesperson for the week and the month,
  the revenue commitments running behind, the open issues;
- monthly: the month reviewed against plan per salesperson, the best and the
  lagging ones, next month's plans waiting for approval, the customers at
  risk;
- one-to-one: the salesperson's month against plan, activities done on time,
  open issues they own, the notes of the previous one-to-ones;
- joint visit: the customer's revenue, last interaction, open opportunities
  and open issues.

Every figure is read for all the meeting's salespeople at once: plans and
revenue through the meeting report (``_prepare_meeting``, which reads the
books through ``sale.care.figures`` and counts a customer planned by two
salespeople once), activities in one statement.  The chair, the team's
leader, "all documents" salespeople and managers see everyone's rows; a
salesperson sees their own (as in the meeting report)."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, models

# Salespeople under this share of their plan are lagging (monthly meeting).
LAGGING_PERCENT = 80.0
# customers at risk listed on a monthly agenda, the largest revenue at risk first
RISK_ROWS = 15
# Activities listed per salesperson and heading on the daily agenda (the
# counts are complete).
DAILY_LIST_LIMIT = 5
# The window of the one-to-one's "activities done on time".
ON_TIME_WINDOW_DAYS = 30
# Previous one-to-ones whose notes the agenda repeats.
PREVIOUS_NOTES = 3
# The monthly meeting in the first half of a month reviews the month before;
# later, its own month.
MONTHLY_REVIEW_DAY = 15

MEETING_REPORT = "report.sale_customer_care.report_sale_care_meeting"


class SaleCareMeetingAgenda(models.AbstractModel):
    _name = "sale.care.meeting.agenda"
    _description = "Sales Meeting Agenda"

    @api.model
    def _render(self, meeting):
        """The agenda as HTML (the meeting form and the minutes share the
        template)."""
        values = self._get_values(meeting)
        if not values:
            return False
        return self.env["ir.qweb"]._render(
            "sale_customer_care.sale_care_meeting_agenda",
            {
                "agenda": values,
                "meeting": meeting,
                "blocks": self.env["sale.care.report"]._blocks,
                "in_minutes": False,
            },
        )

    @api.model
    def _get_values(self, meeting):
        """Everything the agenda shows, as plain values; {} while the
        meeting is too empty to say anything (a new form)."""
        if not (meeting.kind and meeting.start and meeting.team_id and meeting.company_id):
            return {}
        day = meeting._local_date()
        values = {
            "kind": meeting.kind,
            "day": day,
            "company": meeting.company_id,
            "currency": meeting.company_id.currency_id,
            "partial": False,
        }
        builder = {
            "daily": self._daily,
            "weekly": self._weekly,
            "monthly": self._monthly,
            "one_to_one": self._one_to_one,
            "joint_visit": self._joint_visit,
        }[meeting.kind]
        values.update(builder(meeting, day))
        return values

    # ------------------------------------------------------------------
    # Who the agenda is about, as the reader may see it
    # ------------------------------------------------------------------
    @api.model
    def _people(self, meeting):
        """The salespeople the agenda covers: a one-to-one's or joint visit's
        salesperson, else the attendees except the chair."""
        if meeting.kind in ("one_to_one", "joint_visit"):
            people = meeting.salesperson_id
        else:
            people = meeting.attendee_ids - meeting.user_id
        return people.filtered(lambda u: not u.share).sorted("name")

    @api.model
    def _visible(self, meeting, people):
        """``(people, partial)``: the rows the reader may see.  Leaders of the
        meeting's team, "all documents" salespeople and managers read every
        salesperson's figures; anyone else their own."""
        if self.env.su:
            return people, False
        user = self.env.user
        if meeting.company_id not in user.company_ids:
            visible = people.browse()
        elif user.has_group("sales_team.group_sale_salesman_all_leads"):
            visible = people
        elif meeting.team_id.user_id == user:
            visible = people & (meeting.team_id.member_ids | user)
        else:
            visible = people & user
        return visible, visible != people

    # ------------------------------------------------------------------
    # Daily
    # ------------------------------------------------------------------
    @api.model
    def _daily(self, meeting, day):
        people, partial = self._visible(meeting, self._people(meeting))
        previous = self._previous_working_day(day)
        rows = {user: {"user": user, "done": [], "today": [], "overdue": []} for user in people}
        if people:
            # activities of any document of the salespeople: read past the
            # documents' rules, for the people the reader may see (above)
            activities = (
                self.env["mail.activity"]
                .sudo()
                .with_context(active_test=False)
                .search_fetch(
                    [
                        ("user_id", "in", people.ids),
                        "|",
                        "&",
                        ("date_done", ">=", previous),
                        ("date_done", "<", day),
                        "&",
                        ("date_deadline", "<=", day),
                        "|",
                        ("active", "=", True),
                        ("date_done", ">=", day),
                    ],
                    [
                        "user_id",
                        "date_deadline",
                        "date_done",
                        "active",
                        "summary",
                        "activity_type_id",
                        "res_name",
                    ],
                    order="date_deadline, id",
                )
            )
            for activity in activities:
                row = rows[activity.user_id]
                if activity.date_done and previous <= activity.date_done < day:
                    row["done"].append(activity)
                elif activity.date_deadline == day:
                    row["today"].append(activity)
                elif activity.date_deadline < day:
                    row["overdue"].append(activity)
        return {
            "partial": partial,
            "previous_day": previous,
            "limit": DAILY_LIST_LIMIT,
            "rows": list(rows.values()),
            "totals": {
                key: sum(len(row[key]) for row in rows.values())
                for key in ("done", "today", "overdue")
            },
        }

    # ------------------------------------------------------------------
    # Weekly
    # ------------------------------------------------------------------
    @api.model
    def _weekly(self, meeting, day):
        people, partial = self._visible(meeting, self._people(meeting))
        week_from = day - timedelta(days=day.weekday())
        week_to = week_from + timedelta(days=6)
        month_from = day.replace(day=1)
        month_to = month_from + relativedelta(day=31)
        week = self._plan_figures(people, week_from, week_to, meeting.company_id)
        month = self._plan_figures(people, month_from, month_to, meeting.company_id)
        rows = [
            {
                "user": user,
                "plan_state": month["rows"][user]["plan_state"],
                "week": week["rows"][user],
                "month": month["rows"][user],
            }
            for user in people
        ]
        return {
            "partial": partial,
            "week_from": week_from,
            "week_to": week_to,
            "month_from": month_from,
            "rows": rows,
            "week_totals": week["totals"],
            "month_totals": month["totals"],
            "commitments": [c for c in month["commitments"] if not c["to_sign"]],
            "to_sign": [c for c in month["commitments"] if c["to_sign"]],
            "issues": self._open_issues(meeting),
        }

    # ------------------------------------------------------------------
    # Monthly
    # ------------------------------------------------------------------
    @api.model
    def _monthly(self, meeting, day):
        people, partial = self._visible(meeting, self._people(meeting))
        month_from = self._reviewed_month(day)
        month_to = month_from + relativedelta(day=31)
        month = self._plan_figures(people, month_from, month_to, meeting.company_id)
        rows = [
            {"user": user, "plan_state": month["rows"][user]["plan_state"], **month["rows"][user]}
            for user in people
        ]
        ranked = sorted((row for row in rows if row["expected"]), key=lambda row: -row["percent"])
        best = [row for row in ranked[:1] if row["percent"] > 0]
        lagging = [row for row in ranked if row["percent"] < LAGGING_PERCENT and row not in best]
        for row in rows:
            row["best"] = row in best
            row["lagging"] = row in lagging
        next_month = month_from + relativedelta(months=1)
        return {
            "partial": partial,
            "month_from": month_from,
            "month_to": month_to,
            "next_month": next_month,
            "rows": rows,
            "totals": month["totals"],
            "best": best,
            "lagging": lagging,
            "lagging_percent": LAGGING_PERCENT,
            "next_plans": self._next_plans(people, next_month, meeting.company_id),
            "risks": self._agenda_risk_rows(meeting, people),
            "issues": self._open_issues(meeting),
        }

    @api.model
    def _agenda_risk_rows(self, meeting, people):
        """The customers at risk of the meeting's salespeople and who owns
        them, the largest revenue at risk first: ``[{"partner", "user",
        "reason", "level", "state", "revenue"}]``, at most
        :data:`RISK_ROWS`; read as the caller (record rules apply)."""
        Signal = self.env["customer.risk.signal"]
        kinds = dict(Signal._fields["kind"]._description_selection(self.env))
        states = dict(Signal._fields["state"]._description_selection(self.env))
        signals = Signal._open_signals(meeting.company_id, users=people)[:RISK_ROWS]
        return [
            {
                "partner": signal.partner_id,
                "user": signal.user_id,
                "reason": signal.explanation,
                "level": kinds.get(signal.kind, ""),
                "state": states.get(signal.state, ""),
                "revenue": signal.revenue_at_risk,
            }
            for signal in signals
        ]

    # ------------------------------------------------------------------
    # One-to-one
    # ------------------------------------------------------------------
    @api.model
    def _one_to_one(self, meeting, day):
        people, partial = self._visible(meeting, meeting.salesperson_id)
        user = people[:1]
        if not user:
            return {"partial": partial, "user": user}
        month_from = day.replace(day=1)
        month = self._plan_figures(
            user, month_from, month_from + relativedelta(day=31), meeting.company_id
        )
        window_from = day - timedelta(days=ON_TIME_WINDOW_DAYS)
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("user_id", "=", user.id),
                    "|",
                    "&",
                    ("date_done", ">=", window_from),
                    ("date_done", "<", day),
                    "&",
                    ("date_deadline", "<", day),
                    "|",
                    ("active", "=", True),
                    ("date_done", ">=", day),
                ],
                ["date_deadline", "date_done"],
            )
        )
        done = activities.filtered(lambda a: a.date_done and window_from <= a.date_done < day)
        on_time = done.filtered(lambda a: a.date_done <= a.date_deadline)
        previous = self.env["sale.care.meeting"].search(
            [
                ("kind", "=", "one_to_one"),
                ("salesperson_id", "=", user.id),
                ("company_id", "=", meeting.company_id.id),
                ("state", "=", "done"),
                ("start", "<", meeting.start),
                ("id", "!=", meeting._origin.id or 0),
            ],
            order="start desc",
            limit=PREVIOUS_NOTES,
        )
        issues = self.env["sale.care.meeting.issue"].search(
            [
                ("user_id", "=", user.id),
                ("state", "=", "open"),
                ("company_id", "=", meeting.company_id.id),
            ],
            order="date_deadline, id",
        )
        return {
            "partial": partial,
            "user": user,
            "month_from": month_from,
            "plan": month["rows"][user],
            "commitments": [c for c in month["commitments"] if not c["to_sign"]],
            "to_sign": [c for c in month["commitments"] if c["to_sign"]],
            "window_from": window_from,
            "done_count": len(done),
            "on_time_count": len(on_time),
            "on_time_percent": 100.0 * len(on_time) / len(done) if done else 0.0,
            "overdue_count": len(activities - done),
            "owned_issues": issues,
            "previous": previous,
        }

    # ------------------------------------------------------------------
    # Joint visit
    # ------------------------------------------------------------------
    @api.model
    def _joint_visit(self, meeting, day):
        partner = meeting.partner_id.commercial_partner_id
        accompanied = meeting.salesperson_id or meeting.user_id
        people, partial = self._visible(meeting, accompanied)
        if not partner or not people:
            return {"partial": partial, "partner": partner}
        company = meeting.company_id
        # the books of the visited customer, for the people the reader may
        # see the figures of (checked above)
        figures = self.env["sale.care.figures"].with_company(company)
        year_from = day.replace(month=1, day=1)
        last_year_from = year_from - relativedelta(years=1)
        revenue = figures.get_revenue_by_partner(partner, year_from, day, company=company)
        last_year = figures.get_revenue_by_partner(
            partner, last_year_from, day - relativedelta(years=1), company=company
        )
        interaction = figures.get_last_interactions(partner, date_to=day, include_planned=False)
        opportunities = figures.get_open_opportunity_counts(partner, company=company)
        issues = self.env["sale.care.meeting.issue"].search(
            [("partner_id", "=", partner.id), ("state", "=", "open")], order="date_deadline, id"
        )
        return {
            "partial": partial,
            "partner": partner,
            "revenue_ytd": revenue.get(partner.id, 0.0),
            "revenue_last_ytd": last_year.get(partner.id, 0.0),
            "last_interaction": interaction.get(partner.id, {}).get("date"),
            "opportunity_count": opportunities.get(partner.id, 0),
            "partner_issues": issues,
        }

    # ------------------------------------------------------------------
    # Shared pieces
    # ------------------------------------------------------------------
    @api.model
    def _plan_figures(self, people, date_from, date_to, company):
        """Per salesperson, expected and achieved revenue of their plans over
        the period, from the meeting report's data (a week gets its share of
        the month; a customer planned twice counts once), and the
        commitments to sign or running behind."""
        rows = {
            user: {"expected": 0.0, "achieved": 0.0, "percent": 0.0, "plan_state": False}
            for user in people
        }
        totals = {"expected": 0.0, "achieved": 0.0, "percent": 0.0}
        if not people:
            return {"rows": rows, "totals": totals, "commitments": []}
        data = self.env[MEETING_REPORT]._prepare_meeting(people, date_from, date_to, company)
        commitments = []
        for section in data["sections"]:
            plans = section["plans"].filtered(lambda p: p.date == date_from.replace(day=1))
            rows[section["user"]].update(
                expected=section["expected"],
                achieved=section["achieved"],
                percent=section["percent"],
                plan_state=plans[:1].state or False,
                plan=plans[:1],
            )
            commitments += section["commitments"]
        totals.update(
            expected=data["totals"].get("expected", 0.0),
            achieved=data["totals"].get("achieved", 0.0),
            percent=data["totals"].get("percent", 0.0),
        )
        return {"rows": rows, "totals": totals, "commitments": commitments}

    @api.model
    def _next_plans(self, people, month, company):
        """Next month's plan of each salesperson: missing, draft, submitted
        (to approve) or approved."""
        plans = self.env["sale.monthly.plan"].search(
            [("user_id", "in", people.ids), ("date", "=", month), ("company_id", "=", company.id)]
        )
        by_user = {plan.user_id: plan for plan in plans}
        return [{"user": user, "plan": by_user.get(user)} for user in people]

    @api.model
    def _pending_plans(self, meeting):
        """The plans waiting for approval that the monthly meeting approves."""
        Plan = self.env["sale.monthly.plan"]
        if meeting.kind != "monthly" or not (meeting.start and meeting.team_id):
            return Plan
        people, _partial = self._visible(meeting, self._people(meeting))
        next_month = self._reviewed_month(meeting._local_date()) + relativedelta(months=1)
        return Plan.search(
            [
                ("user_id", "in", people.ids),
                ("date", "=", next_month),
                ("company_id", "=", meeting.company_id.id),
                ("state", "=", "submitted"),
            ]
        )

    @api.model
    def _open_issues(self, meeting):
        """The issue list's counts (of a held meeting: its list then, the
        issues since carried on included)."""
        issues = (meeting.issue_ids | meeting.discussed_issue_ids).filtered(
            lambda i: i.state == "open"
        )
        return {
            "count": len(issues),
            "overdue": len(issues.filtered("is_overdue")),
            "carried": len(issues.filtered(lambda i: i.carried_count)),
        }

    @api.model
    def _reviewed_month(self, day):
        """The month a monthly meeting reviews: the month before in the
        first half of a month, else its own."""
        month = day.replace(day=1)
        if day.day <= MONTHLY_REVIEW_DAY:
            month -= relativedelta(months=1)
        return month

    @api.model
    def _previous_working_day(self, day):
        """The working day before ``day`` (Friday for a Monday)."""
        previous = day - timedelta(days=1)
        while previous.weekday() >= 5:
            previous -= timedelta(days=1)
        return previous
