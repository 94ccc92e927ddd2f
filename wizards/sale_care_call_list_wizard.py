# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

CALL_LIST_REPORT = "report.sale_customer_care.report_sale_care_call_list"


class SaleCareCallListWizard(models.TransientModel):
    _name = "sale.care.call.list.wizard"
    _description = "Print a Daily Call List"

    date = fields.Date(required=True, default=fields.Date.context_today)
    allowed_user_ids = fields.Many2many("res.users", compute="_compute_allowed_user_ids")
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        required=True,
        default=lambda self: self.env.user,
        domain="[('id', 'in', allowed_user_ids)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.depends("company_id")
    @api.depends_context("uid")
    def _compute_allowed_user_ids(self):
        Report = self.env[CALL_LIST_REPORT]
        for wizard in self:
            company = wizard.company_id or self.env.company
            wizard.allowed_user_ids = [fields.Command.set(Report._allowed_user_ids(company))]

    def action_print(self):
        self.ensure_one()
        if not self.user_id or not self.date:
            raise UserError(self.env._("Pick the salesperson and the day of the call list."))
        # refused here already, not only when the PDF is rendered
        self.env[CALL_LIST_REPORT]._check_call_list_access(self.user_id, self.company_id)
        return self.env.ref("sale_customer_care.action_report_sale_care_call_list").report_action(
            self.user_id, data=self._report_data()
        )

    def _report_data(self):
        self.ensure_one()
        return {
            "user_ids": self.user_id.ids,
            "date": fields.Date.to_string(self.date),
            "company_id": self.company_id.id,
        }
