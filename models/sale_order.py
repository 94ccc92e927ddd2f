# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    care_member_ids = fields.One2many(
        related="partner_id.commercial_partner_id.care_member_ids", string="Care Team"
    )
    customer_tier_id = fields.Many2one(
        related="partner_id.commercial_partner_id.customer_tier_id", string="Customer Tier"
    )

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders._care_subscribe_team()
        return orders

    def write(self, vals):
        result = super().write(vals)
        if vals.get("partner_id"):
            self._care_subscribe_team()
        return result

    def _care_subscribe_team(self):
        """The whole care team follows the customer's quotations and orders.
        (The salesperson already defaults to the account manager: Odoo takes
        the partner's salesperson, kept equal to the care team's layer 1.)"""
        for order in self:
            users = order.sudo().partner_id.commercial_partner_id.care_member_ids.user_id
            if users:
                order.sudo().message_subscribe(partner_ids=users.partner_id.ids)

    def action_confirm(self):
        result = super().action_confirm()
        # The first confirmed order makes a prospect a customer ("traditional
        # customer") at once, without waiting for the periodic evaluation.
        prospects = self.partner_id.commercial_partner_id.filtered(
            lambda p: p.relationship_stage in (False, "potential", "approaching", "dormant")
        )
        if prospects:
            self.env["customer.care.evaluation"].sudo().evaluate_partners(prospects)
        return result
