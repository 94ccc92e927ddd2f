# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "customer.care.document.mixin"]

    # The salesperson of a new quotation already defaults to the account
    # manager: Odoo takes the partner's salesperson, kept equal to layer 1.

    def action_confirm(self):
        result = super().action_confirm()
        # The first confirmed order makes a prospect a customer ("traditional
        # customer") at once, without waiting for the periodic evaluation: on
        # the books of the order's company. The caller confirmed the orders
        # (checked by Odoo); the stage is written as the evaluation writes it.
        for company, orders in self.grouped("company_id").items():
            prospects = (
                orders.partner_id.commercial_partner_id.sudo()
                .with_company(company)
                .filtered(
                    lambda p: p.relationship_stage in (False, "potential", "approaching", "dormant")
                )
            )
            if prospects:
                self.env["customer.care.evaluation"].sudo()._evaluate_partners(prospects, company)
        return result
