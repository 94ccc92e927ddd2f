# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError


class CustomerRiskAssign(models.TransientModel):
    _name = "customer.risk.assign"
    _description = "Assign Actions on Customers at Risk"

    activity_type = fields.Selection(
        [("call", "Call"), ("todo", "To-Do")], string="Action", required=True, default="call"
    )
    date_deadline = fields.Date(
        string="Due Date",
        required=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=3),
    )
    note = fields.Text(string="Instructions")
    signal_ids = fields.Many2many("customer.risk.signal", string="Signals", required=True)

    def action_confirm(self):
        # the signals are read as the caller: the ones out of their sight are not there
        if not self.signal_ids:
            raise UserError(self.env._("Select the customers at risk to assign first."))
        self.signal_ids._assign_activities(self.activity_type, self.date_deadline, self.note)
        return {"type": "ir.actions.act_window_close"}
