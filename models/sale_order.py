# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

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
