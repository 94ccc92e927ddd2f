# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class CustomerTierHistory(models.Model):
    _name = "customer.tier.history"
    _inherit = "customer.care.history.mixin"
    _description = "Customer Tier Change"

    old_tier_id = fields.Many2one("customer.tier", ondelete="set null")
    new_tier_id = fields.Many2one("customer.tier", ondelete="set null")
