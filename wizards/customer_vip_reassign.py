# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import UserError


class CustomerVipReassign(models.TransientModel):
    """A manager gives VIP customers to another interviewer, with a reason."""

    _name = "customer.vip.reassign"
    _description = "Reassign VIP Customers"

    reason = fields.Text(
        required=True,
        help="Why: e.g. the assigned person keeps others away from the customer, is leaving, "
        "or has too many interviews.",
    )
    member_ids = fields.Many2many("customer.vip.member", string="Customers", required=True)
    user_id = fields.Many2one(
        "res.users", string="New Interviewer", required=True, domain="[('share', '=', False)]"
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "customer.vip.member" and "member_ids" in (
            fields_list
        ):
            values.setdefault("member_ids", [fields.Command.set(self.env.context["active_ids"])])
        return values

    def action_confirm(self):
        self.ensure_one()
        self.env["customer.vip.member"]._check_manager()
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason of the reassignment."))
        members = self.member_ids.filtered(lambda m: m.user_id != self.user_id)
        if not members:
            raise UserError(
                self.env._(
                    "These customers are already assigned to %(user)s.", user=self.user_id.name
                )
            )
        self.env["customer.vip.reassignment"].sudo().create(
            [
                {
                    "member_id": member.id,
                    "old_user_id": member.user_id.id,
                    "new_user_id": self.user_id.id,
                    "reason": self.reason,
                }
                for member in members
            ]
        )
        for member in members:
            member.message_post(
                body=self.env._(
                    "Reassigned from %(old)s to %(new)s: %(reason)s",
                    old=member.user_id.name or self.env._("nobody"),
                    new=self.user_id.name,
                    reason=self.reason,
                )
            )
        members.with_context(vip_reassign=True).write({"user_id": self.user_id.id})
        # the planned meeting goes with the customer
        members.activity_id.write({"user_id": self.user_id.id})
        return {"type": "ir.actions.act_window_close"}
