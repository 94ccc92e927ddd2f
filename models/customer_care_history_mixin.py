# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class CustomerCareHistoryMixin(models.AbstractModel):
    """What every logged change of a customer's classification has: whose,
    when, by whom, and whether the evaluation or a person decided it."""

    _name = "customer.care.history.mixin"
    _description = "Customer Classification Change"
    _order = "date desc, id desc"

    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    reason = fields.Selection(
        [("automatic", "Automatic evaluation"), ("manual", "Manual")],
        required=True,
        default="manual",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users", string="Changed by", default=lambda self: self.env.user, index=True
    )
