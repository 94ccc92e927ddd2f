# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The salesperson's month (seed 000, part B): the customers to approach or
care for, what each should bring, and the calls, meetings and tasks planned,
read back against the books in the weekly and monthly meetings."""

from datetime import datetime, time

from babel.dates import format_skeleton
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.misc import babel_locale_parse

# Planned activity counts of a line -> the activity type they become.
PLANNED_ACTIVITY_TYPES = {
    "planned_calls": "mail.mail_activity_data_call",
    "planned_meetings": "mail.mail_activity_data_meeting",
    "planned_tasks": "mail.mail_activity_data_todo",
}

# What may still change on the lines of an approved plan.
APPROVED_PLAN_EDITABLE = {"next_action"}


def format_month(env, date):
    """``date``'s month and year as the reader's language writes them
    ("December 2026", "2026. december", "tháng 12 năm 2026")."""
    if not date:
        return ""
    locale = babel_locale_parse(env.lang or env.user.lang or "en_US")
    return format_skeleton("yMMMM", date, locale=locale)


# The To-Do a returned plan gives its salesperson; done when the plan goes on.
REWORK_ACTIVITY_TYPE = "sale_customer_care.mail_activity_type_plan_rework"

# Plan fields that follow their own rules (chatter, activities).
PLAN_FREE_FIELDS = {"message_follower_ids", "message_main_attachment_id", "activity_ids"}


class SaleMonthlyPlan(models.Model):
    _name = "sale.monthly.plan"
    _description = "Monthly Sales Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, user_id"
    _check_company_auto = True

    _unique_user_month = models.Constraint(
        "UNIQUE(user_id, date, company_id)",
        "A salesperson has one plan per month: open the existing plan instead.",
    )

    name = fields.Char(compute="_compute_name", store=True)
    date = fields.Date(
        string="Month",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self._first_unplanned_month(self.env.user, self.env.company),
        help="Stored as the first day of the month.",
    )
    date_end = fields.Date(string="Month End", compute="_compute_date_end")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("closed", "Closed"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    return_reason = fields.Text(
        tracking=True, copy=False, readonly=True, help="Why the plan was last sent back."
    )
    note = fields.Html()
    amount_expected = fields.Monetary(
        string="Expected", compute="_compute_amount_expected", store=True
    )
    amount_committed = fields.Monetary(string="Committed", compute="_compute_achievement")
    amount_achieved = fields.Monetary(string="Achieved", compute="_compute_achievement")
    achieved_percent = fields.Float(string="Achieved (%)", compute="_compute_achievement")
    ordered_count = fields.Integer(string="Customers Ordered", compute="_compute_achievement")
    line_count = fields.Integer(
        string="Planned Customers", compute="_compute_amount_expected", store=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    can_edit = fields.Boolean(
        compute="_compute_can_edit",
        help="The current user may change this plan now: its salesperson while it is a draft "
        "(only the next actions once approved), its team leader and sales managers until it "
        "is closed.",
    )
    can_choose_salesperson = fields.Boolean(
        compute="_compute_can_edit",
        help="The current user may plan for someone else: a team leader for their team, a "
        "sales manager for anyone.",
    )
    line_ids = fields.One2many("sale.monthly.plan.line", "plan_id", string="Customers", copy=True)

    @api.depends("user_id", "date")
    def _compute_name(self):
        # stored for search and sorting, in the language of whoever saved it;
        # the display name follows the reader's language
        for plan in self:
            plan.name = f"{format_month(self.env, plan.date)} - {plan.user_id.name or ''}"

    @api.depends_context("lang")
    @api.depends("user_id", "date")
    def _compute_display_name(self):
        for plan in self:
            plan.display_name = f"{format_month(self.env, plan.date)} - {plan.user_id.name or ''}"

    @api.depends("date")
    def _compute_date_end(self):
        for plan in self:
            plan.date_end = plan.date and plan.date + relativedelta(day=31)

    @api.depends("user_id")
    def _compute_team_id(self):
        for plan in self.filtered("user_id"):
            plan.team_id = plan.user_id.sale_team_id

    @api.depends_context("uid")
    @api.depends("state", "user_id", "team_id")
    def _compute_can_edit(self):
        user = self.env.user
        manager = self.env.su or user.has_group("sales_team.group_sale_manager")
        leads_a_team = manager or bool(
            self.env["crm.team"].search_count([("user_id", "=", user.id)], limit=1)
        )
        for plan in self:
            approver = manager or plan.team_id.user_id == user
            plan.can_choose_salesperson = leads_a_team
            plan.can_edit = plan.state != "closed" and (
                approver or (plan.user_id == user and plan.state in ("draft", "approved"))
            )

    @api.depends("line_ids.expected_revenue")
    def _compute_amount_expected(self):
        for plan in self:
            plan.amount_expected = sum(plan.line_ids.mapped("expected_revenue"))
            plan.line_count = len(plan.line_ids)

    @api.depends("line_ids.expected_revenue", "line_ids.partner_id", "date")
    def _compute_achievement(self):
        # the lines of all the plans compute together, one set of queries per month
        for plan in self:
            lines = plan.line_ids
            plan.amount_committed = sum(lines.mapped("committed_revenue"))
            # a customer also planned by a colleague counts once for the team
            plan.amount_achieved = sum(lines.mapped("counted_revenue"))
            plan.ordered_count = len(lines.filtered("has_ordered"))
            plan.achieved_percent = (
                100.0 * plan.amount_achieved / plan.amount_expected if plan.amount_expected else 0.0
            )

    @api.onchange("user_id")
    def _onchange_user_id_month(self):
        # a new plan for another salesperson who planned that month already:
        # their first month not planned yet
        for plan in self.filtered(lambda p: not p._origin and p.user_id and p.company_id):
            if plan.date and self.search_count(
                [
                    ("user_id", "=", plan.user_id.id),
                    ("company_id", "=", plan.company_id.id),
                    ("date", "=", plan.date.replace(day=1)),
                ],
                limit=1,
            ):
                plan.date = self._first_unplanned_month(plan.user_id, plan.company_id)

    @api.constrains("date", "user_id", "company_id")
    def _check_user_company(self):
        for plan in self:
            if plan.company_id not in plan.user_id.company_ids:
                raise ValidationError(
                    self.env._(
                        "%(user)s does not work for %(company)s: pick one of its salespeople.",
                        user=plan.user_id.name,
                        company=plan.company_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_month(vals)
        if not self.env.su:
            Users = self.env["res.users"]
            for vals in vals_list:
                if vals.get("user_id", self.env.uid) != self.env.uid:
                    team = (
                        self.env["crm.team"].browse(vals["team_id"])
                        if vals.get("team_id")
                        else Users.browse(vals["user_id"]).sale_team_id
                    )
                    self._check_may_plan_for(Users.browse(vals["user_id"]), team)
        return super().create(vals_list)

    def write(self, vals):
        self._normalize_month(vals)
        changed = set(vals) - PLAN_FREE_FIELDS
        if changed and not self.env.su:
            # a state written by hand is checked like its button first: an
            # approval by its own salesperson is refused as such
            self._check_state_change(vals)
            self._check_user_may_edit(changed)
            if vals.get("user_id"):
                salesperson = self.env["res.users"].browse(vals["user_id"])
                for plan in self.filtered(lambda p: p.user_id != salesperson):
                    plan._check_may_plan_for(salesperson, plan.team_id)
            closed = self.filtered(lambda p: p.state == "closed")
            if closed:
                raise UserError(
                    self.env._(
                        "The plan %(plan)s is closed and can no longer be changed.",
                        plan=closed[0].name,
                    )
                )
            # the salesperson of an approved plan only updates its lines' next actions
            approved = self.filtered(lambda p: p.state == "approved")
            if approved and changed - {"line_ids"}:
                approved._check_approver(
                    self.env._(
                        "The plan %(plan)s is approved: only the next actions can change. Ask "
                        "your team leader to return it to draft for anything else.",
                        plan=approved[0].name,
                    )
                )
        return super().write(vals)

    def copy_data(self, default=None):
        # a duplicate is a new draft for the first month not planned yet
        # (the same month would break the one-plan-per-month rule)
        default = dict(default or {})
        vals_list = super().copy_data(default)
        if "date" not in default:
            for plan, vals in zip(self, vals_list, strict=True):
                vals["date"] = self._first_unplanned_month(plan.user_id, plan.company_id)
        return vals_list

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if self.filtered(lambda p: p.state != "draft"):
            raise UserError(self.env._("Only draft plans can be deleted."))

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def action_submit(self):
        self._check_state("draft", self.env._("Only draft plans can be submitted."))
        self._check_has_lines()
        self.write({"state": "submitted"})
        self._close_rework_activities(self.env._("Plan submitted again."))

    def action_approve(self):
        self._check_state(
            ("draft", "submitted"), self.env._("Only draft or submitted plans can be approved.")
        )
        self._check_approver()
        self._check_has_lines()
        self.write({"state": "approved", "return_reason": False})
        self._close_rework_activities(self.env._("Plan approved."))

    def action_return(self):
        """Open the wizard asking why the plan goes back to its salesperson."""
        self._check_state(
            ("submitted", "approved"),
            self.env._("Only submitted or approved plans can be returned."),
        )
        self._check_approver()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Return Plan"),
            "res_model": "sale.monthly.plan.return",
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_ids": self.ids},
        }

    def _return_to_draft(self, reason):
        """Send plans back to draft with the reason (tracked, and the
        salesperson gets a To-Do to rework it)."""
        self._check_state(
            ("submitted", "approved"),
            self.env._("Only submitted or approved plans can be returned."),
        )
        self._check_approver()
        if not (reason or "").strip():
            raise UserError(self.env._("Please say why the plan goes back to the salesperson."))
        self.write({"state": "draft", "return_reason": reason.strip()})
        for plan in self:
            plan.activity_schedule(
                REWORK_ACTIVITY_TYPE,
                user_id=plan.user_id.id,
                summary=self.env._("Rework your plan"),
                note=reason,
            )

    def action_close(self):
        self._check_state("approved", self.env._("Only approved plans can be closed."))
        self._check_approver()
        self.write({"state": "closed"})

    def action_propose_lines(self):
        """Fill draft plans with the salesperson's customers: the ones they
        care for as account manager or backup during the month, the partners
        of their open opportunities and of their active commitments; skip
        customers already planned."""
        self._check_state("draft", self.env._("Lines can only be proposed for a draft plan."))
        # the proposal reads every care team, opportunity and commitment of the
        # salesperson (sudo): only for plans the caller may change
        self.check_access("write")
        Line = self.env["sale.monthly.plan.line"]
        vals_list = []
        for plan in self:
            partners = plan._proposable_partners() - plan.line_ids.partner_id
            if not partners:
                continue
            expected = plan._expected_defaults(partners)
            vals_list += [
                {
                    "plan_id": plan.id,
                    "partner_id": partner.id,
                    "expected_revenue": expected.get(partner.id, 0.0),
                    **Line._default_activity_counts(partner),
                }
                for partner in partners.sorted("name")
            ]
        Line.create(vals_list)
        return True

    def action_copy_previous_month(self):
        """Start a draft plan from the salesperson's previous plan: its
        customers with what was expected and planned of them and their next
        actions; customers already in this plan are kept as they are."""
        self.ensure_one()
        self._check_state("draft", self.env._("Only a draft plan can be filled from another one."))
        self._check_user_may_edit({"line_ids"})
        previous = self.search(
            [
                ("user_id", "=", self.user_id.id),
                ("company_id", "=", self.company_id.id),
                ("date", "<", self.date),
            ],
            order="date desc",
            limit=1,
        )
        if not previous:
            raise UserError(
                self.env._(
                    "%(user)s has no plan before %(month)s to copy from.",
                    user=self.user_id.name,
                    month=format_month(self.env, self.date),
                )
            )
        copied = previous.line_ids.filtered(
            lambda line: line.partner_id not in self.line_ids.partner_id
        )
        self.env["sale.monthly.plan.line"].create(
            [
                {
                    "plan_id": self.id,
                    "partner_id": line.partner_id.id,
                    "sequence": line.sequence,
                    "expected_revenue": line.expected_revenue,
                    "planned_calls": line.planned_calls,
                    "planned_meetings": line.planned_meetings,
                    "planned_tasks": line.planned_tasks,
                    "next_action": line.next_action,
                }
                for line in copied
            ]
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if copied else "info",
                "message": self.env._(
                    "%(count)s customers copied from %(plan)s.",
                    count=len(copied),
                    plan=previous.name,
                )
                if copied
                else self.env._(
                    "Every customer of %(plan)s is already in this plan.", plan=previous.name
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_schedule_activities(self):
        """Turn the planned counts into real activities on the customers,
        for the salesperson, spread over the working days left in the month.
        Running it again only adds what is still missing."""
        self._check_state(
            ("draft", "submitted", "approved"),
            self.env._("Activities cannot be scheduled for a closed plan."),
        )
        self.check_access("write")
        activities = self.line_ids._schedule_activities()
        if activities:
            message = self.env._(
                "%(count)s activities scheduled on the planned customers.",
                count=len(activities),
            )
        else:
            message = self.env._(
                "Nothing to schedule: every planned call, meeting and task already has its "
                "activity."
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if activities else "info",
                "message": message,
                # and the form reloads, showing the lines' scheduled activities
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_print_meeting_report(self):
        self.check_access("read")
        return self.env.ref("sale_customer_care.action_report_sale_care_meeting").report_action(
            self
        )

    def action_view_activities(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("mail.mail_activity_action")
        action["domain"] = [("care_plan_line_id.plan_id", "=", self.id)]
        action["context"] = {"active_test": False}
        return action

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _normalize_month(self, vals):
        if vals.get("date"):
            vals["date"] = fields.Date.to_date(vals["date"]).replace(day=1)

    @api.model
    def _first_unplanned_month(self, user, company):
        """The first month, from this one on, ``user`` has no plan for in
        ``company``: a new plan never defaults to a month already planned."""
        month = fields.Date.context_today(self).replace(day=1)
        planned = set(
            self.search(
                [
                    ("user_id", "=", user.id),
                    ("company_id", "=", company.id),
                    ("date", ">=", month),
                ]
            ).mapped("date")
        )
        while month in planned:
            month += relativedelta(months=1)
        return month

    def _check_user_may_edit(self, field_names):
        """Refuse with a sentence what the record rules would refuse with
        Odoo's generic access error: a colleague's plan, or one's own plan
        while the team leader reviews it (or once approved, anything but the
        next actions, checked in ``write`` / ``_check_lines_editable``)."""
        if self.env.su:
            return
        user = self.env.user
        for plan in self:
            if plan.can_edit or plan.state in ("closed", "approved"):
                continue  # closed and approved plans have their own sentences
            if plan.user_id != user:
                raise AccessError(
                    self.env._(
                        "The plan %(plan)s belongs to %(user)s: only they, the leader of "
                        "their team and sales managers can change it.",
                        plan=plan.name,
                        user=plan.user_id.name,
                    )
                )
            raise UserError(
                self.env._(
                    "The plan %(plan)s is submitted: your team leader is reviewing it. Ask "
                    "them to return it to draft if it needs changes.",
                    plan=plan.name,
                )
            )

    def _check_may_plan_for(self, salesperson, team):
        """Plans are made by the salesperson, the leader of their team or a
        sales manager: refused with a sentence for anyone else."""
        user = self.env.user
        leads_their_team = team and team.user_id == user and salesperson in team.member_ids
        if salesperson == user or leads_their_team:
            return
        self.env["res.users"]._care_require_manager(
            self.env._(
                "You can only make plans for yourself and the members of the team you lead, "
                "not for %(user)s: ask their team leader or a sales manager.",
                user=salesperson.name,
            )
        )

    def _close_rework_activities(self, feedback):
        """The "Rework your plan" To-Do is done once the plan goes on."""
        self.activity_feedback([REWORK_ACTIVITY_TYPE], feedback=feedback)

    def _check_state(self, states, message):
        states = (states,) if isinstance(states, str) else states
        if self.filtered(lambda p: p.state not in states):
            raise UserError(message)

    def _check_has_lines(self):
        empty = self.filtered(lambda p: not p.line_ids)
        if empty:
            raise UserError(
                self.env._(
                    "The plan %(plan)s has no customers yet: add them (or use Propose Lines) "
                    "before sending it on.",
                    plan=empty[0].name,
                )
            )

    def _check_lines_editable(self, field_names=None):
        """Lines change while the plan is in draft or submitted; on an
        approved plan only the next actions; never on a closed one.
        ``field_names`` None means lines are added or removed."""
        if self.env.su:
            return
        self._check_user_may_edit(field_names or {"line_ids"})
        for plan in self:
            if plan.state == "closed":
                raise UserError(
                    self.env._(
                        "The plan %(plan)s is closed and can no longer be changed.", plan=plan.name
                    )
                )
            if plan.state == "approved" and (
                field_names is None or set(field_names) - APPROVED_PLAN_EDITABLE
            ):
                raise UserError(
                    self.env._(
                        "The plan %(plan)s is approved: only the next actions can change. Ask "
                        "your team leader to return it to draft for anything else.",
                        plan=plan.name,
                    )
                )

    def _check_approver(self, message=None):
        """Sales managers approve, return and close any plan; a team leader
        the plans of the team they lead, except their own.  No record rule
        can say it: the salesperson writes the same plan, only not its state."""
        user = self.env.user
        others = self.filtered(lambda p: p.team_id.user_id != user or p.user_id == user)
        if not others:
            return
        self.env["res.users"]._care_require_manager(
            message
            or self.env._(
                "Only the leader of %(team)s or a sales manager can approve, return "
                "or close the plan %(plan)s.",
                team=others[0].team_id.name or self.env._("the sales team"),
                plan=others[0].name,
            )
        )

    def _check_state_change(self, vals):
        """The workflow holds however the state is written (a button or a
        plain ``write`` over RPC): the salesperson submits a draft, the
        approver does everything else."""
        if "return_reason" in vals:
            self._check_approver()
        if "state" not in vals:
            return
        moving = self.filtered(lambda p: p.state != vals["state"])
        if vals["state"] == "submitted":
            moving._check_state("draft", self.env._("Only draft plans can be submitted."))
        else:
            moving._check_approver()

    def _proposable_partners(self):
        self.ensure_one()
        Partner = self.env["res.partner"]
        members = (
            self.env["customer.care.member"]
            .sudo()
            .search(
                [
                    ("user_id", "=", self.user_id.id),
                    ("company_id", "=", self.company_id.id),
                    ("layer", "in", ("1", "2")),
                    ("state", "=", "confirmed"),
                    ("date_start", "<=", self.date_end),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">", self.date),
                ]
            )
        )
        leads = (
            self.env["crm.lead"]
            .sudo()
            .search(
                [
                    ("user_id", "=", self.user_id.id),
                    ("type", "=", "opportunity"),
                    ("won_status", "=", "pending"),
                    ("partner_id", "!=", False),
                    ("company_id", "in", (False, self.company_id.id)),
                ]
            )
        )
        commitments = (
            self.env["sale.revenue.commitment"]
            .sudo()
            .search(
                [
                    ("user_id", "=", self.user_id.id),
                    ("company_id", "=", self.company_id.id),
                    ("state", "=", "active"),
                    ("date_start", "<=", self.date_end),
                    ("date_end", ">=", self.date),
                ]
            )
        )
        partners = (
            members.partner_id | leads.partner_id.commercial_partner_id | commitments.partner_id
        )
        return Partner.browse(partners.ids)

    def _expected_defaults(self, partners):
        """``{partner_id: expected}``: the average monthly revenue of the
        three months before the plan's month, or the month's share of the
        customer's active commitments when that is more."""
        self.ensure_one()
        start = self.date - relativedelta(months=3)
        revenue = self.env["sale.care.figures"].get_revenue_by_partner(
            partners, start, self.date - relativedelta(days=1), company=self.company_id
        )
        committed = self.env["sale.revenue.commitment"]._monthly_share_by_partner(
            partners.ids, self.date, self.company_id
        )
        return {
            partner.id: round(
                max(revenue.get(partner.id, 0.0) / 3.0, committed.get(partner.id, 0.0)),
                self.currency_id.decimal_places,
            )
            for partner in partners
        }

    def _month_working_days(self, today=None):
        """The working days of the plan's month, from today on when the month
        has started: the days the company's working schedule works, public
        holidays (its global time off) excluded, Monday to Friday without a
        schedule; the last day of the month when none are left."""
        self.ensure_one()
        today = today or fields.Date.context_today(self)
        start = max(self.date, today)
        calendar = self.company_id.resource_calendar_id
        off = {}
        if calendar and start <= self.date_end:
            off = calendar._get_unusual_days(
                datetime.combine(start, time.min),
                datetime.combine(self.date_end, time.max),
                self.company_id,
            )
        days = []
        day = start
        while day <= self.date_end:
            day_off = off.get(fields.Date.to_string(day), day.weekday() >= 5)
            if not day_off:
                days.append(day)
            day += relativedelta(days=1)
        return days or [max(self.date_end, today)]

    @api.model
    def _group_by_month(self, lines):
        """``{(month, company): lines}`` to compute figures one month at a time."""
        return lines.grouped(lambda line: (line.plan_id.date, line.plan_id.company_id))
