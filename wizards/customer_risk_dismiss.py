# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models
from odoo.exceptions import UserError


class CustomerRiskDismiss(models.TransientModel):
    _name = "customer.risk.dismiss"
    _description = "Dismiss Customers at Risk"

    reason = fields.Text(required=True)
    signal_ids = fields.Many2many("customer.risk.signal", string="Signals", required=True)

    def action_confirm(self):
        # the signals are read as the caller: the ones out of their sight are not there
        if not self.signal_ids:
            raise UserError(self.env._("Select the customers at risk to dismiss first."))
        self.signal_ids._dismiss(self.reason)
        return {"type": "ir.actions.act_window_close"}
