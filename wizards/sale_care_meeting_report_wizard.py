# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class SaleCareMeetingReportWizard(models.TransientModel):
    _name = "sale.care.meeting.report.wizard"
    _description = "Print the Sales Meeting Report"

    period = fields.Selection(
        [("week", "Week"), ("month", "Month"), ("custom", "Custom")],
        required=True,
        default="week",
    )
    date = fields.Date(
        string="Period Containing",
        required=True,
        default=fields.Date.context_today,
        help="Any day of the week or month to report on.",
    )
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
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        default=lambda self: self.env.user.sale_team_id,
        check_company=True,
    )
    user_ids = fields.Many2many(
        "res.users",
        string="Salespeople",
        compute="_compute_user_ids",
        store=True,
        readonly=False,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.depends("period", "date")
    def _compute_dates(self):
        for wizard in self:
            if not wizard.date or wizard.period == "custom":
                continue
            if wizard.period == "month":
                wizard.date_from = wizard.date.replace(day=1)
                wizard.date_to = wizard.date + relativedelta(day=31)
            else:
                wizard.date_from = wizard.date - relativedelta(days=wizard.date.weekday())
                wizard.date_to = wizard.date_from + relativedelta(days=6)

    @api.depends("team_id")
    def _compute_user_ids(self):
        for wizard in self:
            team = wizard.team_id
            wizard.user_ids = (team.member_ids | team.user_id) if team else self.env.user

    def _check_input(self):
        """Salespeople and a period, and the caller may read them: refused
        here already, not only when the PDF (or the analysis) is opened."""
        self.ensure_one()
        if not self.user_ids:
            raise UserError(self.env._("Pick at least one salesperson for the meeting report."))
        if self.date_to < self.date_from:
            raise UserError(self.env._("The meeting period ends before it starts."))
        self.env["report.sale_customer_care.report_sale_care_meeting"]._check_meeting_access(
            self.user_ids, self.company_id
        )

    def action_print(self):
        self._check_input()
        return self.env.ref("sale_customer_care.action_report_sale_care_meeting").report_action(
            None, data=self._report_data()
        )

    def action_open_sales_analysis(self):
        """The falling categories of the meeting, drilled down: the Sales
        Analysis of the meeting's period and salespeople against the same
        period last year (issue 11)."""
        self._check_input()  # the same people as the report, refused as there
        # only the days that have happened, against the same days a year
        # before (as the meeting report compares): a week or month still
        # running would fall by -100 % on the days to come
        date_to = min(self.date_to, fields.Date.context_today(self))
        if date_to < self.date_from:
            raise UserError(
                self.env._("The period has not started yet: there is nothing to analyse.")
            )
        Run = self.env["sale.care.sales.analysis.run"]
        compare_from, compare_to = Run._comparison_dates("last_year", self.date_from, date_to)
        return Run._open_analysis(
            self.date_from,
            date_to,
            compare_from,
            compare_to,
            company=self.company_id,
            salespeople=self.user_ids,
            comparison="last_year",
        )

    def _report_data(self):
        self.ensure_one()
        return {
            "user_ids": self.user_ids.ids,
            "date_from": fields.Date.to_string(self.date_from),
            "date_to": fields.Date.to_string(self.date_to),
            "company_id": self.company_id.id,
        }
