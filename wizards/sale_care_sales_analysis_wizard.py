# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The periods of the Sales Analysis: a period (last month, this month, last
quarter, year to date, last 12 months or any range) against the same period
a year before, the period just before, or any other range."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..reports.sale_care_sales_analysis_run import (
    COMPARISONS,
    DEFAULT_COMPARISON,
    DEFAULT_PERIOD,
    PERIODS,
)


class SaleCareSalesAnalysisWizard(models.TransientModel):
    _name = "sale.care.sales.analysis.wizard"
    _description = "Sales Analysis Periods"

    period = fields.Selection(PERIODS, required=True, default=DEFAULT_PERIOD)
    date_from = fields.Date(
        string="From",
        compute="_compute_dates",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    date_to = fields.Date(
        string="To",
        compute="_compute_dates",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    comparison = fields.Selection(
        COMPARISONS, string="Compared With", required=True, default=DEFAULT_COMPARISON
    )
    compare_from = fields.Date(
        string="Compared From",
        compute="_compute_compare_dates",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    compare_to = fields.Date(
        string="Compared To",
        compute="_compute_compare_dates",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    user_ids = fields.Many2many(
        "res.users",
        string="Salespeople",
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        help="Only the invoices and orders of these salespeople; leave empty for everyone.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.model
    def default_get(self, fields_list):
        """The periods of the analysis it is opened from (a run of the user's
        own, read as the user), else the defaults."""
        values = super().default_get(fields_list)
        run_id = self.env.context.get("sale_care_analysis_run_id")
        if not isinstance(run_id, int):
            return values
        # searched as the user: another user's run is not found
        run = self.env["sale.care.sales.analysis.run"].search([("id", "=", run_id)])
        if run:
            values.update(
                {
                    key: run[key]
                    for key in ("period", "comparison", "date_from", "date_to")
                    if key in fields_list
                }
            )
            if "compare_from" in fields_list and run.comparison == "custom":
                values.update(compare_from=run.compare_from, compare_to=run.compare_to)
            if "user_ids" in fields_list:
                values["user_ids"] = [fields.Command.set(run.user_ids.ids)]
            if "company_id" in fields_list:
                values["company_id"] = run.company_id.id
        return values

    @api.depends("period")
    def _compute_dates(self):
        today = fields.Date.context_today(self)
        Run = self.env["sale.care.sales.analysis.run"]
        for wizard in self:
            dates = Run._period_dates(wizard.period, today)
            if dates:
                wizard.date_from, wizard.date_to = dates

    @api.depends("comparison", "date_from", "date_to")
    def _compute_compare_dates(self):
        Run = self.env["sale.care.sales.analysis.run"]
        for wizard in self:
            dates = Run._comparison_dates(wizard.comparison, wizard.date_from, wizard.date_to)
            if dates:
                wizard.compare_from, wizard.compare_to = dates

    def action_open(self):
        """Read the figures of both periods and show them."""
        self.ensure_one()
        if self.date_to < self.date_from or self.compare_to < self.compare_from:
            raise UserError(self.env._("A period of the sales analysis ends before it starts."))
        return self.env["sale.care.sales.analysis.run"]._open_analysis(
            self.date_from,
            self.date_to,
            self.compare_from,
            self.compare_to,
            company=self.company_id,
            salespeople=self.user_ids,
            period=self.period,
            comparison=self.comparison,
        )
