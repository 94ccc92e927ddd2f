# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The sales head's meetings (seed 002): the 15-minute morning meeting, the
Friday planning meeting with its issue list, the monthly meeting, the
one-to-ones and the joint customer visits.  Each meeting has its agenda,
built from the books and the plans (``sale.care.meeting.agenda``), its
minutes, its issues, and a calendar event kept in step with it (invitations
and reminders come from Odoo Calendar)."""

from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .sale_care_meeting_series import MEETING_KINDS, PERSONAL_KINDS

MEETING_STATES = [
    ("planned", "Planned"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
# Duration of each kind, in hours (seed 002: 10-20 min, 60 min, 90 min, 30 min).
KIND_DURATIONS = {
    "daily": 0.25,
    "weekly": 1.0,
    "monthly": 1.5,
    "one_to_one": 0.5,
    "joint_visit": 1.0,
}
# When a new meeting of each kind starts by default (the chair's time): the
# morning meeting at 9, the weekly planning meeting on Friday at 17 (seed 002).
KIND_HOURS = {"daily": 9, "weekly": 17, "monthly": 9, "one_to_one": 10, "joint_visit": 10}
FRIDAY = 4
# A meeting lasts less than a day (in hours).
MAX_DURATION = 24.0
# What the meeting's calendar event mirrors.
EVENT_FIELDS = {"name", "start", "duration", "user_id", "attendee_ids", "partner_id", "state"}
# Kept by the meeting itself: never written by a client (an event named by a
# client would be rewritten as the meeting's, past its own rights).
PROTECTED_FIELDS = {"series_id", "event_id", "discussed_issue_ids"}


class SaleCareMeeting(models.Model):
    _name = "sale.care.meeting"
    _description = "Sales Meeting"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "start desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    kind = fields.Selection(
        MEETING_KINDS, required=True, default="weekly", tracking=True, index=True
    )
    state = fields.Selection(
        MEETING_STATES, default="planned", required=True, tracking=True, copy=False, index=True
    )
    start = fields.Datetime(
        required=True,
        tracking=True,
        default=lambda self: self._default_start(
            self.env.context.get("default_kind") or "weekly", self.env.user
        ),
    )
    duration = fields.Float(
        compute="_compute_duration",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="In hours; defaults from the kind: 15 minutes for the daily meeting, an hour for "
        "the weekly one, an hour and a half for the monthly one, half an hour for a "
        "one-to-one.",
    )
    stop = fields.Datetime(string="End", compute="_compute_stop", store=True)
    date = fields.Date(
        string="Day",
        compute="_compute_date",
        store=True,
        index=True,
        help="The day of the meeting, in its chair's time zone.",
    )
    minutes = fields.Html(
        help="What was said and decided: the decisions of the meeting, sent to the attendees "
        "with the agenda and the issue list."
    )
    agenda_html = fields.Html(
        string="Agenda",
        compute="_compute_agenda_html",
        sanitize=False,
        help="Built from the plans, the books and the activities for the meeting's day.",
    )
    open_issue_count = fields.Integer(compute="_compute_issue_counts")
    overdue_issue_count = fields.Integer(compute="_compute_issue_counts")
    series_id = fields.Many2one(
        "sale.care.meeting.series",
        readonly=True,
        index=True,
        copy=False,
        ondelete="restrict",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self._default_team(),
    )
    user_id = fields.Many2one(
        "res.users",
        string="Chair",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    salesperson_id = fields.Many2one(
        "res.users",
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
        help="The salesperson of a one-to-one, or accompanied on a joint visit.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        index=True,
        tracking=True,
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
        help="The customer visited (joint visits).",
    )
    attendee_ids = fields.Many2many(
        "res.users",
        "sale_care_meeting_attendee_rel",
        "meeting_id",
        "user_id",
        string="Attendees",
        compute="_compute_attendee_ids",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('share', '=', False)]",
    )
    event_id = fields.Many2one(
        "calendar.event", string="Calendar Event", readonly=True, copy=False, ondelete="set null"
    )
    issue_ids = fields.One2many(
        "sale.care.meeting.issue",
        "meeting_id",
        string="Issues",
        help="The issue list of the meeting: the open issues of its series and the ones raised "
        "here.",
    )
    discussed_issue_ids = fields.Many2many(
        "sale.care.meeting.issue",
        "sale_care_meeting_issue_discussed_rel",
        "meeting_id",
        "issue_id",
        string="Issues Discussed",
        readonly=True,
        copy=False,
        help="Every issue that was on this meeting's list, including those carried on to a "
        "later meeting.",
    )
    pending_plan_ids = fields.Many2many(
        "sale.monthly.plan",
        string="Plans to Approve",
        compute="_compute_pending_plan_ids",
        help="Next month's plans of the attendees, submitted and waiting for approval.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.depends("kind", "team_id", "salesperson_id", "partner_id")
    def _compute_name(self):
        # stored for search, in the language of whoever saved it; the
        # display name follows the reader's language
        for meeting in self:
            meeting.name = meeting._meeting_label()

    @api.depends_context("lang")
    @api.depends("kind", "team_id", "salesperson_id", "partner_id")
    def _compute_display_name(self):
        for meeting in self:
            meeting.display_name = meeting._meeting_label()

    def _meeting_label(self):
        self.ensure_one()
        label = dict(self._fields["kind"]._description_selection(self.env)).get(self.kind, "")
        if self.kind == "joint_visit" and self.partner_id:
            who = self.partner_id.name
            if self.salesperson_id:
                who = f"{who} ({self.salesperson_id.name})"
        elif self.kind in PERSONAL_KINDS:
            who = self.salesperson_id.name
        else:
            who = self.team_id.name
        return f"{label}: {who}" if who else label

    @api.depends("kind")
    def _compute_duration(self):
        for meeting in self:
            meeting.duration = KIND_DURATIONS.get(meeting.kind, 1.0)

    @api.depends("start", "duration")
    def _compute_stop(self):
        for meeting in self:
            # a half-typed duration (zero, negative, absurd) is refused on save
            hours = meeting.duration if 0 < (meeting.duration or 0) <= MAX_DURATION else 0
            meeting.stop = meeting.start and meeting.start + timedelta(hours=hours)

    @api.depends("start", "user_id.tz")
    def _compute_date(self):
        for meeting in self:
            meeting.date = meeting._local_date() if meeting.start else False

    @api.depends("kind", "team_id", "user_id", "salesperson_id")
    def _compute_attendee_ids(self):
        for meeting in self:
            if meeting.kind in PERSONAL_KINDS:
                meeting.attendee_ids = meeting.user_id | meeting.salesperson_id
            else:
                team = meeting.team_id
                meeting.attendee_ids = (team.member_ids | team.user_id | meeting.user_id).filtered(
                    lambda u: not u.share
                )

    @api.depends("issue_ids.state", "issue_ids.date_deadline")
    @api.depends_context("date")
    def _compute_issue_counts(self):
        for meeting in self:
            open_issues = meeting.issue_ids.filtered(lambda i: i.state == "open")
            meeting.open_issue_count = len(open_issues)
            meeting.overdue_issue_count = len(open_issues.filtered("is_overdue"))

    @api.depends("kind", "start", "team_id", "attendee_ids", "salesperson_id", "partner_id")
    @api.depends_context("uid", "lang")
    def _compute_agenda_html(self):
        Agenda = self.env["sale.care.meeting.agenda"]
        for meeting in self:
            meeting.agenda_html = Agenda._render(meeting)

    @api.depends("kind", "start", "attendee_ids", "team_id")
    @api.depends_context("uid")
    def _compute_pending_plan_ids(self):
        Agenda = self.env["sale.care.meeting.agenda"]
        for meeting in self:
            meeting.pending_plan_ids = Agenda._pending_plans(meeting)

    @api.onchange("kind")
    def _onchange_kind_start(self):
        """A new meeting starts when meetings of its kind usually do."""
        for meeting in self.filtered(lambda m: not m._origin and m.kind):
            meeting.start = self._default_start(meeting.kind, meeting.user_id or self.env.user)

    @api.onchange("partner_id")
    def _onchange_partner_id_salesperson(self):
        for meeting in self.filtered(lambda m: m.kind == "joint_visit" and m.partner_id):
            meeting.salesperson_id = meeting.salesperson_id or meeting.partner_id.user_id

    @api.constrains("kind", "salesperson_id", "partner_id", "duration")
    def _check_kind_requirements(self):
        for meeting in self:
            meeting._check_values(
                {
                    "kind": meeting.kind,
                    "salesperson_id": meeting.salesperson_id.id,
                    "partner_id": meeting.partner_id.id,
                    "duration": meeting.duration,
                }
            )

    @api.model_create_multi
    def create(self, vals_list):
        # the series below is found or created past the caller's rights: the
        # caller must at least be one who creates meetings
        self.check_access("create")
        Series = self.env["sale.care.meeting.series"]
        for vals in vals_list:
            self._check_protected(vals)
            kind = vals.setdefault("kind", self.env.context.get("default_kind") or "weekly")
            self._check_values({"duration": KIND_DURATIONS.get(kind, 1.0), **vals})
            team = self.env["crm.team"].browse(vals.get("team_id")) or self._default_team()
            if not team:
                raise ValidationError(self.env._("Pick the sales team whose meeting this is."))
            vals["team_id"] = team.id
            chair = self.env["res.users"].browse(vals.get("user_id")) or self.env.user
            if not vals.get("start"):
                vals["start"] = self._default_start(kind, chair)
            if kind == "joint_visit" and not vals.get("salesperson_id"):
                partner = self.env["res.partner"].browse(vals["partner_id"])
                vals["salesperson_id"] = partner.commercial_partner_id.user_id.id
            salesperson = self.env["res.users"].browse(vals.get("salesperson_id"))
            company = self.env["res.company"].browse(vals.get("company_id")) or (
                team.company_id or self.env.company
            )
            vals["company_id"] = company.id
            # the series is derived from the meeting, never picked by the client
            vals["series_id"] = Series._find_or_create(kind, team, salesperson, company).id
        meetings = super().create(vals_list)
        for meeting in meetings:
            meeting.message_subscribe(partner_ids=meeting.attendee_ids.partner_id.ids)
        meetings._sync_event()
        meetings.filtered(lambda m: m.state in ("planned", "in_progress"))._take_over_issues()
        return meetings

    def write(self, vals):
        self._check_protected(vals)
        closing = (
            self.filtered(lambda m: m.state in ("planned", "in_progress"))
            if vals.get("state") in ("done", "cancelled")
            else self.browse()
        )
        result = super().write(vals)
        if {"kind", "team_id", "salesperson_id"} & set(vals):
            self._update_series()
        if "attendee_ids" in vals:
            for meeting in self:
                meeting.message_subscribe(partner_ids=meeting.attendee_ids.partner_id.ids)
        if EVENT_FIELDS & set(vals):
            self._sync_event()
        if closing:
            closing._hand_over_issues()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_held(self):
        if self.filtered(lambda m: m.state == "done" or m.discussed_issue_ids):
            raise UserError(
                self.env._(
                    "A meeting that was held or has issues stays as a record: cancel it instead."
                )
            )

    def unlink(self):
        events = self.event_id
        result = super().unlink()
        # the calendar event belongs to the meeting: it goes with it
        events.sudo().unlink()
        return result

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def action_start(self):
        self._check_state(("planned",), self.env._("Only a planned meeting can start."))
        self.write({"state": "in_progress"})
        return True

    def action_done(self):
        self._check_state(
            ("planned", "in_progress"),
            self.env._("Only a planned or running meeting can be marked done."),
        )
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        self._check_state(
            ("planned", "in_progress"),
            self.env._("Only a planned or running meeting can be cancelled."),
        )
        self.write({"state": "cancelled"})
        return True

    def action_reset(self):
        self._check_state(
            ("cancelled",), self.env._("Only a cancelled meeting can be planned again.")
        )
        self.write({"state": "planned"})
        return True

    def action_next_meeting(self):
        """At the end of a meeting: mark it done and open the next meeting of
        its series (created when there is none yet, a week later for a
        weekly meeting, the next working day for a daily one...), which
        takes over the open issues."""
        self.ensure_one()
        self._check_state(
            ("in_progress", "done"),
            self.env._("Start the meeting first: the next one is planned at its end."),
        )
        if self.state == "in_progress":
            self.action_done()
        later = self.search(
            [
                ("series_id", "=", self.series_id.id),
                ("start", ">", self.start),
                ("state", "in", ("planned", "in_progress")),
            ],
            order="start",
            limit=1,
        )
        return (later or self._create_next())._action_open()

    def action_send_minutes(self):
        """The minutes (agenda figures, decisions, issue list) as a PDF, to
        the attendees, from the chatter's composer."""
        self.ensure_one()
        self.check_access("write")
        template = self.env.ref(
            "sale_customer_care.mail_template_sale_care_meeting_minutes", raise_if_not_found=False
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send Minutes"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_composition_mode": "comment",
                "default_template_id": template.id if template else False,
                "force_email": True,
            },
        }

    def action_print_minutes(self):
        self.check_access("read")
        report = self.env.ref("sale_customer_care.action_report_sale_care_meeting_minutes")
        return report.report_action(self)

    def action_view_series(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.care.meeting.series",
            "view_mode": "form",
            "views": [(False, "form")],
            "res_id": self.series_id.id,
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _check_values(self, vals):
        """Refuse, with a sentence, what a meeting of its kind cannot be."""
        kind = vals.get("kind")
        if kind == "one_to_one" and not vals.get("salesperson_id"):
            raise ValidationError(
                self.env._("A one-to-one is with a salesperson: pick who you talk with.")
            )
        if kind == "joint_visit" and not vals.get("partner_id"):
            raise ValidationError(
                self.env._("A joint visit is at a customer's: pick the customer you visit.")
            )
        if "duration" in vals and (vals["duration"] or 0) <= 0:
            raise ValidationError(self.env._("A meeting lasts some minutes: give it a duration."))
        if "duration" in vals and vals["duration"] > MAX_DURATION:
            raise ValidationError(
                self.env._("A meeting lasts at most a day: give it a shorter duration.")
            )

    @api.model
    def _check_protected(self, vals):
        protected = PROTECTED_FIELDS & set(vals)
        if protected and not self.env.su:
            raise AccessError(
                self.env._(
                    "A meeting keeps %(fields)s itself: they cannot be written.",
                    fields=", ".join(sorted(protected)),
                )
            )

    def _check_state(self, states, message):
        if self.filtered(lambda m: m.state not in states):
            raise UserError(message)

    @api.model
    def _default_team(self):
        user = self.env.user
        led = self.env["crm.team"].search(
            [("user_id", "=", user.id), ("company_id", "in", (False, self.env.company.id))],
            limit=1,
        )
        return led or user.sale_team_id

    @api.model
    def _default_start(self, kind, user):
        """When a new meeting of ``kind`` starts by default, as a UTC
        datetime: the next working day at the kind's hour (the weekly
        planning meeting on the next Friday), in ``user``'s time zone."""
        tz = pytz.timezone(user.tz or self.env.context.get("tz") or "UTC")
        now = datetime.now(tz)
        day = now.date()
        hour = KIND_HOURS.get(kind, 9)
        if kind == "weekly":
            day += timedelta(days=(FRIDAY - day.weekday()) % 7)
        elif kind == "monthly":
            day = day.replace(day=1) + relativedelta(months=1)
        if (day, hour) <= (now.date(), now.hour):
            day += timedelta(days=7 if kind == "weekly" else 1)
        return self._to_utc(self._working_day(day), hour, tz)

    def _next_start(self):
        """The start of the series' next meeting, at the same time of day:
        the next working day for a daily meeting, a week later for a weekly
        meeting or a joint visit, two weeks for a one-to-one (seed 002: twice
        a month), a month for the monthly meeting."""
        self.ensure_one()
        tz = pytz.timezone(self.user_id.tz or "UTC")
        local = pytz.utc.localize(self.start).astimezone(tz)
        day = local.date()
        if self.kind == "daily":
            day = self._working_day(day + timedelta(days=1))
        elif self.kind == "monthly":
            day = self._working_day(day + relativedelta(months=1))
        else:
            day += timedelta(days=14 if self.kind == "one_to_one" else 7)
        return self._to_utc(day, local.time(), tz)

    @api.model
    def _to_utc(self, day, at, tz):
        if isinstance(at, int):
            at = time(at)
        return tz.localize(datetime.combine(day, at)).astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _working_day(self, day):
        """``day``, or the Monday after when it falls on a weekend."""
        if day.weekday() >= 5:
            day += timedelta(days=7 - day.weekday())
        return day

    def _local_date(self):
        """The meeting's day in its chair's time zone."""
        self.ensure_one()
        tz = pytz.timezone(self.user_id.tz or "UTC")
        return pytz.utc.localize(self.start).astimezone(tz).date()

    def _create_next(self):
        """The next meeting of the series, after this one."""
        self.ensure_one()
        return self.create(
            {
                "kind": self.kind,
                "team_id": self.team_id.id,
                "user_id": self.user_id.id,
                "salesperson_id": self.salesperson_id.id,
                "partner_id": self.partner_id.id,
                "start": self._next_start(),
                "duration": self.duration,
                "attendee_ids": [fields.Command.set(self.attendee_ids.ids)],
                "company_id": self.company_id.id,
            }
        )

    def _action_open(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "res_id": self.id,
        }

    def _update_series(self):
        Series = self.env["sale.care.meeting.series"]
        for meeting in self:
            series = Series._find_or_create(
                meeting.kind, meeting.team_id, meeting.salesperson_id, meeting.company_id
            )
            if series != meeting.series_id:
                # the series is derived from the meeting's kind, team and person
                meeting.sudo().series_id = series

    def _take_over_issues(self):
        """The open issues of the series reach this meeting: those left on
        an earlier meeting that was held (done: carried once more) or
        cancelled, and those raised outside any meeting (first time on a
        list).  Called when a meeting is created and when an earlier one
        of its series is done or cancelled."""
        Issue = self.env["sale.care.meeting.issue"].sudo()
        for meeting in self.sorted("start"):
            issues = Issue.search(
                [
                    ("series_id", "=", meeting.series_id.id),
                    ("state", "=", "open"),
                    ("meeting_id", "!=", meeting.id),
                    "|",
                    ("meeting_id", "=", False),
                    "&",
                    ("meeting_id.state", "in", ("done", "cancelled")),
                    ("meeting_id.start", "<", meeting.start),
                ]
            )
            # the issues of the series follow its meetings: the caller may
            # change this meeting (create or write just checked it), whoever
            # owns the issues
            issues._move_to_meeting(meeting)

    def _hand_over_issues(self):
        """A meeting is over (done or cancelled): the next planned meeting of
        its series, if there is one already, takes over the open issues."""
        for meeting in self:
            later = self.sudo().search(
                [
                    ("series_id", "=", meeting.series_id.id),
                    ("start", ">", meeting.start),
                    ("state", "in", ("planned", "in_progress")),
                ],
                order="start",
                limit=1,
            )
            later._take_over_issues()

    def _event_values(self):
        """The calendar event as the meeting says it should be."""
        self.ensure_one()
        description = self.env._(
            "%(kind)s of %(team)s, chaired by %(chair)s. The agenda, the issue list and the "
            "minutes are on the meeting in Sales › Customer Care › Sales Meetings.",
            kind=dict(self._fields["kind"]._description_selection(self.env))[self.kind],
            team=self.team_id.name,
            chair=self.user_id.name,
        )
        return {
            "name": self.name,
            "start": self.start,
            "stop": self.stop,
            "allday": False,
            "user_id": self.user_id.id,
            "partner_ids": self.attendee_ids.partner_id,
            "location": self.partner_id.contact_address_inline if self.partner_id else False,
            "privacy": "private" if self.kind == "one_to_one" else "public",
            "active": self.state != "cancelled",
            "description": description,
        }

    def _sync_event(self):
        """Create or update the calendar events of the meetings, writing only
        what differs (the event writes its meeting back the same way: no
        loop).  The event mirrors the meeting, which the caller was allowed
        to change: written as superuser, whoever organises it."""
        Event = self.env["calendar.event"].sudo().with_context(skip_contact_description=True)
        model_id = self.env["ir.model"]._get_id(self._name)
        for meeting in self:
            vals = meeting._event_values()
            event = meeting.event_id.sudo().with_context(active_test=False)
            if not event:
                if meeting.state == "cancelled":
                    continue
                vals["partner_ids"] = [fields.Command.set(vals["partner_ids"].ids)]
                event = Event.create({**vals, "res_model_id": model_id, "res_id": meeting.id})
                meeting.sudo().event_id = event
                continue
            changes = {}
            for fname, value in vals.items():
                if fname == "description":
                    continue  # the chair may have written to the attendees there
                current = event[fname]
                if fname == "partner_ids":
                    if current != value:
                        changes[fname] = [fields.Command.set(value.ids)]
                elif isinstance(current, models.BaseModel):
                    if current.id != (value or False):
                        changes[fname] = value
                elif (current or False) != (value or False):
                    changes[fname] = value
            if changes:
                event.write(changes)

    def _follow_event(self, event):
        """The event was moved in the calendar: the meeting follows, with the
        caller's rights (who may not change the meeting may not move it)."""
        for meeting in self:
            vals = {}
            if event.start != meeting.start:
                vals["start"] = event.start
            if event.stop and event.start and event.stop != meeting.stop:
                vals["duration"] = (event.stop - event.start).total_seconds() / 3600.0
            if vals:
                meeting.write(vals)

    def _minutes_agenda(self):
        """The agenda's values for the minutes (as the reader may see them)."""
        self.ensure_one()
        return self.env["sale.care.meeting.agenda"]._get_values(self)

    def _minutes_issues(self):
        """Every issue on the meeting's list, open ones first."""
        self.ensure_one()
        issues = self.discussed_issue_ids | self.issue_ids
        return issues.sorted(lambda i: (i.state != "open", i.date_deadline, i.id))
