# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models


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
        self.member_ids._vip_reassign(self.user_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
