# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The rhythm of a sales team (seed 002): its daily, weekly and monthly
meetings, and the one-to-ones and joint visits of each salesperson, each a
series.  A series is found or created by the meeting itself (team, kind and,
for one-to-ones and joint visits, the salesperson): nobody manages series by
hand.  Its open issues travel from one meeting to the next, and the daily
cron reminds the chair when the rhythm breaks."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

MEETING_KINDS = [
    ("daily", "Daily Meeting"),
    ("weekly", "Weekly Planning"),
    ("monthly", "Monthly Meeting"),
    ("one_to_one", "One-to-One"),
    ("joint_visit", "Joint Visit"),
]
# Kinds whose series belongs to one salesperson.
PERSONAL_KINDS = ("one_to_one", "joint_visit")

# A salesperson without a one-to-one for this many days: the chair is reminded.
ONE_TO_ONE_REMINDER_DAYS = 15


class SaleCareMeetingSeries(models.Model):
    _name = "sale.care.meeting.series"
    _description = "Sales Meeting Series"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "team_id, kind, salesperson_id"
    _check_company_auto = True

    _unique_key = models.UniqueIndex(
        "(company_id, team_id, kind, COALESCE(salesperson_id, 0))",
        "A sales team has one series of each kind (one per salesperson for one-to-ones and "
        "joint visits).",
    )

    name = fields.Char(compute="_compute_name", store=True)
    kind = fields.Selection(MEETING_KINDS, required=True, readonly=True)
    active = fields.Boolean(default=True)
    last_meeting_date = fields.Datetime(
        string="Last Meeting", compute="_compute_meeting_dates", help="The last meeting held."
    )
    next_meeting_date = fields.Datetime(
        string="Next Meeting", compute="_compute_meeting_dates", help="The next meeting planned."
    )
    open_issue_count = fields.Integer(
        string="Number of Open Issues", compute="_compute_open_issue_count"
    )
    reminded_on = fields.Date(
        readonly=True,
        copy=False,
        help="When the chair was last reminded that the rhythm broke (a weekly meeting not "
        "held, a one-to-one overdue): a reminder is given once, not every day.",
    )
    team_id = fields.Many2one(
        "crm.team", string="Sales Team", required=True, index=True, readonly=True
    )
    salesperson_id = fields.Many2one("res.users", index=True, readonly=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    meeting_ids = fields.One2many("sale.care.meeting", "series_id", string="Meetings")
    issue_ids = fields.One2many(
        "sale.care.meeting.issue",
        "series_id",
        string="Open Issues",
        domain=[("state", "=", "open")],
    )

    @api.depends("kind", "team_id", "salesperson_id")
    def _compute_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for series in self:
            parts = [kinds.get(series.kind, ""), series.team_id.name or ""]
            if series.salesperson_id:
                parts[1] = series.salesperson_id.name
            series.name = " – ".join(part for part in parts if part)

    def _compute_meeting_dates(self):
        Meeting = self.env["sale.care.meeting"]
        last = dict(
            Meeting._read_group(
                [("series_id", "in", self.ids), ("state", "=", "done")],
                ["series_id"],
                ["start:max"],
            )
        )
        upcoming = dict(
            Meeting._read_group(
                [("series_id", "in", self.ids), ("state", "in", ("planned", "in_progress"))],
                ["series_id"],
                ["start:min"],
            )
        )
        for series in self:
            series.last_meeting_date = last.get(series, False)
            series.next_meeting_date = upcoming.get(series, False)

    def _compute_open_issue_count(self):
        counts = dict(
            self.env["sale.care.meeting.issue"]._read_group(
                [("series_id", "in", self.ids), ("state", "=", "open")],
                ["series_id"],
                ["__count"],
            )
        )
        for series in self:
            series.open_issue_count = counts.get(series, 0)

    @api.ondelete(at_uninstall=False)
    def _unlink_without_meetings(self):
        held = self.sudo().meeting_ids  # whoever may see them
        if held:
            raise UserError(
                self.env._(
                    "The series %(series)s has meetings: archive it instead of deleting it.",
                    series=held[0].series_id.name,
                )
            )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _find_or_create(self, kind, team, salesperson=None, company=None):
        """The series of ``kind`` for ``team`` (and ``salesperson`` for the
        personal kinds), created when it does not exist yet.  Internal: the
        caller creates or plans a meeting of it, which its own rights decide."""
        company = company or team.company_id or self.env.company
        if kind not in PERSONAL_KINDS:
            salesperson = None
        domain = [
            ("company_id", "=", company.id),
            ("team_id", "=", team.id),
            ("kind", "=", kind),
            ("salesperson_id", "=", salesperson.id if salesperson else False),
        ]
        # a series is a key, not a document: found and created past the
        # caller's rights (the meeting they create is checked on its own)
        Series = self.sudo().with_context(active_test=False)
        series = Series.search(domain, limit=1)
        if not series:
            series = Series.create(
                {
                    "kind": kind,
                    "team_id": team.id,
                    "salesperson_id": salesperson.id if salesperson else False,
                    "company_id": company.id,
                }
            )
        elif not series.active:
            series.active = True
        return series.sudo(self.env.su)

    @api.model
    def _cron_remind_chairs(self):
        """Daily: the chair gets a To-Do when their team's weekly planning
        meeting was not held last week (checked from Monday on, for the
        week before), and when a salesperson of their team has had no
        one-to-one for :data:`ONE_TO_ONE_REMINDER_DAYS` days.  Each gap is
        reminded once (``reminded_on``), however often the cron runs;
        progress is committed series by series."""
        today = fields.Date.context_today(self)
        Series = self.sudo()
        self._ensure_one_to_one_series()
        weekly = Series.search([("kind", "=", "weekly")], order="id")
        personal = Series.search([("kind", "=", "one_to_one")], order="id")
        cron = self.env["ir.cron"]
        cron._commit_progress(remaining=len(weekly) + len(personal))
        for series in weekly:
            series._remind_weekly(today)
            if not cron._commit_progress(1):
                return
        for series in personal:
            series._remind_one_to_one(today)
            if not cron._commit_progress(1):
                return

    @api.model
    def _ensure_one_to_one_series(self):
        """A one-to-one series for every salesperson of the teams that hold
        meetings, so that the reminder clock runs for each of them."""
        Series = self.sudo()
        groups = (
            self.env["sale.care.meeting"]
            .sudo()
            ._read_group(
                [("kind", "in", ("daily", "weekly", "monthly")), ("state", "!=", "cancelled")],
                ["team_id"],
            )
        )
        for (team,) in groups:
            for user in team.member_ids - team.user_id:
                if user.share or not user.active:
                    continue
                Series._find_or_create("one_to_one", team, user, team.company_id)

    def _remind_weekly(self, today):
        """Remind the chair once when no weekly meeting was held last week."""
        self.ensure_one()
        monday = today - timedelta(days=today.weekday())
        last_monday = monday - timedelta(days=7)
        if self.reminded_on and self.reminded_on >= monday:
            return  # already reminded this week
        Meeting = self.env["sale.care.meeting"].sudo()
        first = Meeting.search(
            [("series_id", "=", self.id), ("state", "!=", "cancelled")], order="start", limit=1
        )
        if not first or first._local_date() > last_monday + timedelta(days=6):
            return  # the series started after last week
        held = Meeting.search(
            [("series_id", "=", self.id), ("state", "=", "done")], order="start desc", limit=1
        )
        if held and held._local_date() >= last_monday:
            return
        chair = self._chair()
        self._remind(
            chair,
            self.env._(
                "No weekly planning meeting of %(team)s last week",
                team=self.team_id.name,
            ),
            self.env._(
                "The weekly planning meeting of %(team)s was not held in the week of %(week)s. "
                "Plan the next one, or mark the one held as done.",
                team=self.team_id.name,
                week=format_date(self.env, last_monday),
            ),
            today,
        )

    def _remind_one_to_one(self, today):
        """Remind the chair once per gap when the salesperson has had no
        one-to-one for ONE_TO_ONE_REMINDER_DAYS days (counted from the last
        one held, or from the series' start)."""
        self.ensure_one()
        user = self.salesperson_id
        if not user or not user.active or user not in self.team_id.member_ids:
            return
        held = (
            self.env["sale.care.meeting"]
            .sudo()
            .search(
                [
                    ("kind", "=", "one_to_one"),
                    ("salesperson_id", "=", user.id),
                    ("company_id", "=", self.company_id.id),
                    ("state", "=", "done"),
                ],
                order="start desc",
                limit=1,
            )
        )
        since = held._local_date() if held else self.create_date.date()
        if (today - since).days < ONE_TO_ONE_REMINDER_DAYS:
            return
        if self.reminded_on and self.reminded_on >= since:
            return  # reminded for this gap already
        self._remind(
            self._chair(),
            self.env._("One-to-one with %(user)s", user=user.name),
            self.env._(
                "%(user)s has had no one-to-one since %(date)s. Talk about their sales, what "
                "goes well and where they need help (recommended: twice a month).",
                user=user.name,
                date=format_date(self.env, since),
            ),
            today,
        )

    def _chair(self):
        """Who chairs the series: the chair of its last meeting, else the
        team's leader."""
        self.ensure_one()
        last = (
            self.env["sale.care.meeting"]
            .sudo()
            .search([("series_id", "=", self.id)], order="start desc", limit=1)
        )
        return last.user_id or self.team_id.user_id

    def _remind(self, chair, summary, note, today):
        self.ensure_one()
        if chair:
            self.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=today,
                summary=summary,
                note=note,
                user_id=chair.id,
            )
        self.sudo().reminded_on = today

    def action_new_meeting(self):
        """The series' next meeting: the one planned if there is one, else a
        new one after the last (its open issues taken over), else an empty
        form for the first.  The rights of the meeting decide."""
        self.ensure_one()
        self.check_access("read")
        meetings = self.meeting_ids.sorted("start")
        upcoming = meetings.filtered(lambda m: m.state in ("planned", "in_progress"))[:1]
        if upcoming:
            return upcoming._action_open()
        if meetings:
            return meetings[-1]._create_next()._action_open()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.care.meeting",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {
                "default_kind": self.kind,
                "default_team_id": self.team_id.id,
                "default_salesperson_id": self.salesperson_id.id,
                "default_company_id": self.company_id.id,
            },
        }
