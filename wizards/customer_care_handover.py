# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The care-team handover wizard: a manager chooses who leaves, who takes
over (one person or a team) and from which day, sees what would move, and
confirms.  What moves where, and the moving itself, belong to the handover log
(``customer.care.handover.log._handover_preview`` / ``_handover_execute``)."""

from collections import Counter

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..models.customer_care_handover_log import HANDOVER_MODES


class CustomerCareHandover(models.TransientModel):
    _name = "customer.care.handover"
    _description = "Customer Care Handover"

    mode = fields.Selection(
        HANDOVER_MODES,
        string="Hand Over",
        required=True,
        default="user",
    )
    handover_date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="The leaving person's memberships end on this day and their successors' start "
        "on it. Opportunities, quotations and activities move at once.",
    )
    note = fields.Text(help="Why and how, kept in the handover log.")
    line_count = fields.Integer(string="Records to Move", compute="_compute_summary")
    summary = fields.Char(compute="_compute_summary")
    blocking_reason = fields.Char(
        compute="_compute_blocking_reason",
        help="Why the handover cannot be done as filled in, shown before confirming.",
    )
    from_user_id = fields.Many2one(
        "res.users",
        string="Leaving",
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    to_user_id = fields.Many2one(
        "res.users",
        string="Taken Over By",
        domain="[('share', '=', False), ('company_ids', 'in', company_id), "
        "('id', '!=', from_user_id)]",
    )
    to_user_ids = fields.Many2many(
        "res.users",
        "customer_care_handover_to_user_rel",
        "wizard_id",
        "user_id",
        string="Team",
        domain="[('share', '=', False), ('company_ids', 'in', company_id), "
        "('id', '!=', from_user_id)]",
        help="The leaving person's customers are spread among these people, "
        "balanced by their revenue of the last 12 months.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    line_ids = fields.One2many(
        "customer.care.handover.line",
        "wizard_id",
        string="Preview",
        compute="_compute_line_ids",
        store=True,
        readonly=True,
    )

    @api.depends("from_user_id", "mode", "to_user_id", "to_user_ids", "handover_date", "company_id")
    def _compute_line_ids(self):
        Log = self.env["customer.care.handover.log"]
        for wizard in self:
            moves = (
                Log._handover_preview(
                    wizard.from_user_id._origin,
                    wizard._get_targets(),
                    wizard.handover_date,
                    wizard.company_id._origin,
                )
                if wizard.from_user_id
                else []
            )
            wizard.line_ids = [Command.clear()] + [
                Command.create(Log._handover_line_vals(move, sequence))
                for sequence, move in enumerate(moves, start=1)
            ]

    @api.depends("line_ids")
    def _compute_summary(self):
        types = dict(
            self.env["customer.care.handover.line"]
            ._fields["record_type"]
            ._description_selection(self.env)
        )
        for wizard in self:
            counts = Counter(wizard.line_ids.mapped("record_type"))
            wizard.line_count = len(wizard.line_ids)
            wizard.summary = " · ".join(
                [
                    self.env._("Customers: %(count)s", count=len(wizard.line_ids.partner_id)),
                    *(f"{label}: {counts[key]}" for key, label in types.items() if counts[key]),
                ]
            )

    @api.depends("from_user_id", "mode", "to_user_id", "to_user_ids", "handover_date", "company_id")
    def _compute_blocking_reason(self):
        """The sentence the handover would refuse with, shown while the form
        is filled in (it used to appear only after confirming)."""
        Log = self.env["customer.care.handover.log"]
        for wizard in self:
            wizard.blocking_reason = False
            if not wizard.from_user_id or not wizard.company_id:
                continue
            try:
                Log._handover_check(
                    wizard.from_user_id._origin,
                    wizard._get_targets(),
                    wizard.handover_date,
                    wizard.company_id._origin,
                    wizard.mode,
                )
            except UserError as error:
                wizard.blocking_reason = error.args[0]

    def action_confirm(self):
        """Move everything the preview shows, write the log and open it."""
        self.ensure_one()
        log = self.env["customer.care.handover.log"]._handover_execute(
            self.from_user_id,
            self._get_targets(),
            self.handover_date,
            self.company_id,
            mode=self.mode,
            note=self.note,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "customer.care.handover.log",
            "res_id": log.id,
            "views": [(False, "form")],
            "target": "current",
        }

    def _get_targets(self):
        self.ensure_one()
        return self.to_user_id._origin if self.mode == "user" else self.to_user_ids._origin


class CustomerCareHandoverLine(models.TransientModel):
    _name = "customer.care.handover.line"
    _inherit = "customer.care.handover.record.mixin"
    _description = "Customer Care Handover Preview Line"

    wizard_id = fields.Many2one(
        "customer.care.handover", required=True, index=True, ondelete="cascade"
    )
