# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models
from odoo.exceptions import UserError


class SaleMonthlyPlanReturn(models.TransientModel):
    _name = "sale.monthly.plan.return"
    _description = "Return a Monthly Plan to its Salesperson"

    reason = fields.Text(required=True)
    plan_ids = fields.Many2many("sale.monthly.plan", string="Plans", required=True)

    def action_confirm(self):
        # the plans are read as the caller: the ones out of their sight are not there
        if not self.plan_ids:
            raise UserError(self.env._("There is no plan of yours to return: open it first."))
        self.plan_ids._return_to_draft(self.reason)
        return {"type": "ir.actions.act_window_close"}
