# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The issue list of the weekly planning meeting (seed 002): every issue
standing in the way of the sales plan gets a responsible person and a
deadline; the solved ones are ticked off, the others carried over to the
next meeting until they are solved or dropped.

Carried over: an issue lives on the list of one meeting at a time
(``meeting_id``).  When a meeting of its series is held (done) or
cancelled, the series' next planned meeting takes over its open issues (at
once if that meeting exists, else when it is created, e.g. by *Next
Meeting*).  Leaving a meeting that was held still open counts one more
``carried_count``: an issue raised at one weekly meeting and solved at the
fourth was carried three times.  Leaving a cancelled meeting does not count,
nor does an issue raised outside any meeting (from a customer, a plan or a
commitment) when it first reaches a meeting's list.  Every meeting whose
list it was on is kept (``discussed_meeting_ids``) for their minutes."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

ISSUE_STATES = [("open", "Open"), ("solved", "Solved"), ("dropped", "Dropped")]
# Default time to solve an issue: by the next weekly meeting.
DEFAULT_DEADLINE_DAYS = 7
# An issue is nobody's and never due without these.
REQUIRED_FIELDS = ("name", "user_id", "date_deadline")
# Kept by the issue list itself (carrying over, closing): never written by a client.
PROTECTED_FIELDS = {
    "carried_count",
    "series_id",
    "origin_meeting_id",
    "discussed_meeting_ids",
    "date_closed",
    "date_raised",
}


class SaleCareMeetingIssue(models.Model):
    _name = "sale.care.meeting.issue"
    _description = "Sales Meeting Issue"
    _inherit = ["mail.thread", "customer.care.overdue.mixin"]
    _order = "state, date_deadline, id"
    _check_company_auto = True

    name = fields.Char(string="Issue", required=True, tracking=True)
    description = fields.Text()
    state = fields.Selection(
        ISSUE_STATES, default="open", required=True, tracking=True, copy=False, index=True
    )
    date_raised = fields.Date(
        string="Raised On", default=fields.Date.context_today, required=True, readonly=True
    )
    date_deadline = fields.Date(
        string="Deadline",
        required=True,
        tracking=True,
        default=lambda self: (
            fields.Date.context_today(self) + timedelta(days=DEFAULT_DEADLINE_DAYS)
        ),
    )
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False)
    resolution = fields.Text(
        tracking=True, copy=False, help="How the issue was solved; required to mark it solved."
    )
    drop_reason = fields.Text(
        string="Reason for Dropping",
        tracking=True,
        copy=False,
        help="Why the issue is no longer worked on; required to drop it.",
    )
    carried_count = fields.Integer(
        string="Carried",
        readonly=True,
        copy=False,
        aggregator="max",
        help="How many held meetings the issue went through without being solved.",
    )
    age_days = fields.Integer(
        string="Age (days)",
        compute="_compute_age_days",
        help="Days since the issue was raised (until it was closed).",
    )
    is_private = fields.Boolean(
        string="From a One-to-One",
        compute="_compute_is_private",
        store=True,
        help="Raised in a one-to-one: seen by its chair and salesperson, the responsible, the "
        "team leader and the sales managers only.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        required=True,
        index=True,
        tracking=True,
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('share', '=', False)]",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        index=True,
        tracking=True,
        compute="_compute_team_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
    )
    meeting_id = fields.Many2one(
        "sale.care.meeting",
        string="On the List of",
        index=True,
        ondelete="set null",
        check_company=True,
        help="The meeting whose issue list the issue is on now.",
    )
    origin_meeting_id = fields.Many2one(
        "sale.care.meeting",
        string="Raised At",
        index=True,
        readonly=True,
        ondelete="set null",
        check_company=True,
    )
    series_id = fields.Many2one(
        "sale.care.meeting.series",
        index=True,
        readonly=True,
        ondelete="set null",
        help="The meetings the issue travels through: those of its origin meeting, else the "
        "weekly planning meetings of its team.",
    )
    discussed_meeting_ids = fields.Many2many(
        "sale.care.meeting",
        "sale_care_meeting_issue_discussed_rel",
        "issue_id",
        "meeting_id",
        string="Discussed At",
        readonly=True,
        copy=False,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        index=True,
        tracking=True,
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
    )
    plan_id = fields.Many2one(
        "sale.monthly.plan", string="Monthly Plan", index="btree_not_null", check_company=True
    )
    commitment_id = fields.Many2one(
        "sale.revenue.commitment",
        string="Revenue Commitment",
        index="btree_not_null",
        check_company=True,
    )
    care_case_id = fields.Many2one(
        "customer.care.case", string="VIP Problem", index="btree_not_null", check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.depends("date_raised", "date_closed")
    @api.depends_context("date")
    def _compute_age_days(self):
        today = fields.Date.context_today(self)
        for issue in self:
            end = issue.date_closed or today
            issue.age_days = max((end - issue.date_raised).days, 0) if issue.date_raised else 0

    @api.depends("origin_meeting_id.kind")
    def _compute_is_private(self):
        for issue in self:
            issue.is_private = issue.origin_meeting_id.kind == "one_to_one"

    @api.depends("partner_id", "plan_id", "commitment_id", "meeting_id")
    def _compute_user_id(self):
        for issue in self.filtered(lambda i: not i.user_id):
            issue.user_id = (
                issue.commitment_id.user_id
                or issue.plan_id.user_id
                or issue.partner_id.commercial_partner_id.user_id
                or issue.meeting_id.salesperson_id
                or self.env.user
            )

    @api.depends("meeting_id", "plan_id", "user_id")
    def _compute_team_id(self):
        for issue in self.filtered(lambda i: not i.team_id):
            issue.team_id = (
                issue.meeting_id.team_id or issue.plan_id.team_id or issue.user_id.sale_team_id
            )

    @api.constrains("state", "resolution", "drop_reason")
    def _check_closing_reason(self):
        for issue in self:
            issue._check_closing(
                {
                    "name": issue.name,
                    "state": issue.state,
                    "resolution": issue.resolution,
                    "drop_reason": issue.drop_reason,
                }
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_protected(vals)
            self._check_required(vals, creating=True)
            self._check_closing(vals)
            if vals.get("state", "open") != "open":
                vals["date_closed"] = fields.Date.context_today(self)
            if vals.get("meeting_id"):
                vals.setdefault("origin_meeting_id", vals["meeting_id"])
            self._fold_partner(vals)
        issues = super().create(vals_list)
        issues._assign_series()
        for issue in issues.filtered("meeting_id"):
            issue.sudo().discussed_meeting_ids = [fields.Command.link(issue.meeting_id.id)]
        return issues

    def write(self, vals):
        self._check_protected(vals)
        self._check_required(vals)
        self._fold_partner(vals)
        if vals.get("state") in ("solved", "dropped"):
            for issue in self:
                issue._check_closing(
                    {
                        "name": issue.name,
                        "resolution": issue.resolution,
                        "drop_reason": issue.drop_reason,
                        **vals,
                    }
                )
            vals = {"date_closed": fields.Date.context_today(self), **vals}
        elif vals.get("state") == "open":
            vals = {"date_closed": False, **vals}
        result = super().write(vals)
        if "meeting_id" in vals:
            for issue in self.filtered("meeting_id"):
                issue.sudo().discussed_meeting_ids = [fields.Command.link(issue.meeting_id.id)]
        return result

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def action_solve(self):
        """Ask for the resolution (a dialog), then mark the issues solved."""
        return self._close_wizard("solve")

    def action_drop(self):
        """Ask why the issues are dropped (a dialog), then drop them."""
        return self._close_wizard("drop")

    def action_reopen(self):
        self.check_access("write")
        self.filtered(lambda i: i.state != "open").write({"state": "open"})
        return True

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _close_wizard(self, mode):
        self.check_access("write")
        if self.filtered(lambda i: i.state != "open"):
            raise ValidationError(self.env._("Only open issues can be solved or dropped."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Issue Solved") if mode == "solve" else self.env._("Drop Issue"),
            "res_model": "sale.care.meeting.issue.close",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_issue_ids": self.ids, "default_mode": mode},
        }

    def _solve(self, resolution):
        self.write({"state": "solved", "resolution": (resolution or "").strip()})

    def _drop(self, reason):
        self.write({"state": "dropped", "drop_reason": (reason or "").strip()})

    @api.model
    def _fold_partner(self, vals):
        """Issues are about customers, not their contacts."""
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["partner_id"] = partner.commercial_partner_id.id

    @api.model
    def _check_protected(self, vals):
        protected = PROTECTED_FIELDS & set(vals)
        if protected and not self.env.su:
            raise AccessError(
                self.env._(
                    "The issue list keeps %(fields)s itself: they cannot be written.",
                    fields=", ".join(sorted(protected)),
                )
            )

    @api.model
    def _check_required(self, vals, creating=False):
        """An issue without a responsible or a deadline is nobody's and never
        due: refused with a sentence (also over RPC, where the form's
        required marks do not stop anyone)."""
        messages = {
            "name": self.env._("Say in a few words what the issue is."),
            "user_id": self.env._(
                "Every issue needs a responsible person: who makes sure it gets solved?"
            ),
            "date_deadline": self.env._("Every issue needs a deadline: by when is it solved?"),
        }
        for fname in REQUIRED_FIELDS:
            if fname in vals and not vals[fname]:
                raise ValidationError(messages[fname])
            if creating and fname == "name" and not vals.get(fname):
                raise ValidationError(messages[fname])

    def _check_closing(self, vals):
        """Solved with a resolution, dropped with a reason."""
        state = vals.get("state")
        if state == "solved" and not (vals.get("resolution") or "").strip():
            raise ValidationError(
                self.env._(
                    "Write how the issue “%(issue)s” was solved before ticking it off.",
                    issue=vals.get("name") or "",
                )
            )
        if state == "dropped" and not (vals.get("drop_reason") or "").strip():
            raise ValidationError(
                self.env._(
                    "Write why the issue “%(issue)s” is dropped.", issue=vals.get("name") or ""
                )
            )

    def _assign_series(self):
        """The series an issue travels through: its meeting's, else the
        weekly planning meetings of its team; an issue raised outside a
        meeting goes onto the list of that series' next meeting."""
        Series = self.env["sale.care.meeting.series"]
        Meeting = self.env["sale.care.meeting"].sudo()
        for issue in self:
            meeting = issue.meeting_id or issue.origin_meeting_id
            series = meeting.series_id
            if not series and issue.team_id:
                series = Series._find_or_create("weekly", issue.team_id, company=issue.company_id)
            vals = {"series_id": series.id}
            if not issue.meeting_id and series and issue.state == "open":
                upcoming = Meeting.search(
                    [("series_id", "=", series.id), ("state", "in", ("planned", "in_progress"))],
                    order="start",
                    limit=1,
                )
                if upcoming:
                    vals["meeting_id"] = upcoming.id
            # the series and the list an issue is on follow from its origin,
            # not from the caller's rights on the meetings
            issue.sudo().write(vals)

    def _move_to_meeting(self, meeting):
        """Carry the issues over onto ``meeting``'s list; leaving a meeting
        that was held counts once more."""
        for issue in self:
            vals = {"meeting_id": meeting.id}
            if issue.meeting_id.state == "done":
                vals["carried_count"] = issue.carried_count + 1
            issue.sudo().write(vals)
