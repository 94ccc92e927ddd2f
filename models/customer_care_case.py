# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The problem register (seed 001): a dissatisfied customer's problem stays
open until the person responsible reports it solved; then the supplier comes
back and follows up in person."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

CASE_STATES = [
    ("open", "Open"),
    ("in_progress", "In Progress"),
    ("solved", "Solved"),
    ("cancelled", "Cancelled"),
]
FOLLOW_UP_DAYS = 7


class CustomerCareCase(models.Model):
    _name = "customer.care.case"
    _description = "Customer Problem"
    _inherit = ["mail.thread", "mail.activity.mixin", "customer.care.overdue.mixin"]
    _order = "state, date_deadline, id desc"
    _overdue_states = ("open", "in_progress")
    _check_company_auto = True

    name = fields.Char(string="Problem", required=True, tracking=True)
    description = fields.Text(tracking=True)
    state = fields.Selection(
        CASE_STATES, default="open", required=True, tracking=True, copy=False, index=True
    )
    date_open = fields.Date(
        string="Opened On", default=fields.Date.context_today, required=True, readonly=True
    )
    date_deadline = fields.Date(
        string="Deadline",
        required=True,
        tracking=True,
        default=lambda self: (
            fields.Date.context_today(self)
            + timedelta(days=self.env.company.care_case_deadline_days)
        ),
    )
    date_solved = fields.Date(string="Solved On", readonly=True, copy=False, tracking=True)
    resolution = fields.Text(
        string="Resolution Report",
        tracking=True,
        copy=False,
        help="What was done to solve the problem; required to mark it solved.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
    )
    interview_id = fields.Many2one(
        "customer.vip.interview",
        string="Origin Interview",
        index=True,
        readonly=True,
        ondelete="set null",
        check_company=True,
    )
    programme_id = fields.Many2one(
        "customer.vip.programme",
        related="interview_id.programme_id",
        store=True,
        index=True,
        string="Programme",
    )
    interviewer_id = fields.Many2one(related="interview_id.user_id", string="Interviewer")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    follow_up_activity_id = fields.Many2one(
        "mail.activity", string="Follow-up Meeting", readonly=True, copy=False, ondelete="set null"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.constrains("date_open", "date_deadline")
    def _check_deadline(self):
        for case in self:
            if case.date_open and case.date_deadline and case.date_deadline < case.date_open:
                raise ValidationError(
                    self.env._(
                        "The deadline of a problem of %(customer)s cannot be before the day it "
                        "was opened (%(date)s).",
                        customer=case.partner_id.display_name,
                        date=format_date(self.env, case.date_open),
                    )
                )

    @api.constrains("state", "resolution")
    def _check_resolution(self):
        for case in self:
            if case.state == "solved" and not (case.resolution or "").strip():
                raise ValidationError(
                    self.env._(
                        "Write in the resolution report what was done for %(customer)s before "
                        "marking the problem solved.",
                        customer=case.partner_id.display_name,
                    )
                )

    def _check_resolution_before_solving(self):
        for case in self:
            if not (case.resolution or "").strip():
                raise ValidationError(
                    self.env._(
                        "Write in the resolution report what was done for %(customer)s before "
                        "marking the problem solved.",
                        customer=case.partner_id.display_name,
                    )
                )

    def write(self, vals):
        if vals.get("state") == "solved":
            self._check_can_solve()
            if "resolution" not in vals:
                self._check_resolution_before_solving()
            vals = {"date_solved": fields.Date.context_today(self), **vals}
        elif vals.get("state") == "cancelled":
            self.env["res.users"]._care_require_manager(
                self.env._("Only a sales manager can cancel a problem.")
            )
        elif vals.get("state") in ("open", "in_progress"):
            vals = {"date_solved": False, **vals}
        newly_solved = (
            self.filtered(lambda c: c.state != "solved")
            if vals.get("state") == "solved"
            else self.browse()
        )
        result = super().write(vals)
        if newly_solved:
            newly_solved._schedule_follow_up()
        return result

    def action_start(self):
        self.filtered(lambda c: c.state == "open").write({"state": "in_progress"})
        return True

    def action_solve(self):
        self.write({"state": "solved"})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_reopen(self):
        self.filtered(lambda c: c.state in ("solved", "cancelled")).write({"state": "open"})
        return True

    def _check_can_solve(self):
        """The responsible reports their own problems solved; a sales manager
        any problem (a record rule cannot compare the state written)."""
        others = self.filtered(lambda c: c.user_id != self.env.user)
        if others:
            self.env["res.users"]._care_require_manager(
                self.env._(
                    "Only %(user)s (responsible) or a sales manager can report the problem of "
                    "%(customer)s solved.",
                    user=others[0].user_id.name,
                    customer=others[0].partner_id.display_name,
                )
            )

    def _schedule_follow_up(self):
        """The supplier came back: a meeting with the customer for the
        interviewer (the responsible when there was no interview)."""
        today = fields.Date.context_today(self)
        meeting = self.env.ref("mail.mail_activity_data_meeting")
        model_id = self.env["ir.model"]._get_id("res.partner")
        activities = (
            self.env["mail.activity"]
            .sudo()
            .create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": case.partner_id.id,
                        "activity_type_id": meeting.id,
                        "user_id": (case.interview_id.user_id or case.user_id).id,
                        "date_deadline": today + timedelta(days=FOLLOW_UP_DAYS),
                        "summary": self.env._("Follow-up: %(problem)s", problem=case.name),
                        "note": self.env._(
                            "The problem is solved (%(resolution)s). Meet the customer and "
                            "check in person that it stays solved.",
                            resolution=case.resolution,
                        ),
                    }
                    for case in self
                ]
            )
        )
        for case, activity in zip(self, activities, strict=True):
            case.sudo().follow_up_activity_id = activity
