# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..models.sale_monthly_plan import format_month

MONTHLY_REPORT = "report.sale_customer_care.report_sale_care_monthly"


class SaleCareMonthlyReportWizard(models.TransientModel):
    _name = "sale.care.monthly.report.wizard"
    _description = "Print the Monthly Management Report"
    _check_company_auto = True

    month = fields.Date(
        required=True,
        default=lambda self: self._default_month(),
        help="The month to report on: last month by default, the one the monthly meeting reviews.",
    )
    # the date widget shows the month's first day ("Nov 1", no year): the
    # month in words beside it, in the reader's language
    month_label = fields.Char(string="Month Reported", compute="_compute_month_label")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    is_manager = fields.Boolean(compute="_compute_allowed_team_ids")
    allowed_team_ids = fields.Many2many("crm.team", compute="_compute_allowed_team_ids")
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        check_company=True,
        default=lambda self: self._default_team(),
        domain="[('id', 'in', allowed_team_ids)]",
        help="Only this team's plans, salespeople, customers at risk and growth; the whole "
        "company when empty (sales managers).",
    )

    @api.model
    def _default_month(self):
        return self.env[MONTHLY_REPORT]._default_month()

    @api.model
    def _default_team(self):
        """A team leader's own team; a manager reports on the whole company."""
        if self.env.user.has_group("sales_team.group_sale_manager"):
            return self.env["crm.team"]
        return self.env["crm.team"].search([("user_id", "=", self.env.uid)], limit=1)

    @api.depends("month")
    def _compute_month_label(self):
        for wizard in self:
            wizard.month_label = wizard.month and format_month(self.env, wizard.month)

    @api.depends("company_id")
    @api.depends_context("uid")
    def _compute_allowed_team_ids(self):
        """The teams the user may report on: any team of the company for a
        sales manager, the teams they lead for a team leader."""
        manager = self.env.user.has_group("sales_team.group_sale_manager")
        Team = self.env["crm.team"]
        for wizard in self:
            company = wizard.company_id or self.env.company
            domain = [("company_id", "in", (company.id, False))]
            if not manager:
                domain.append(("user_id", "=", self.env.uid))
            wizard.is_manager = manager
            wizard.allowed_team_ids = Team.search(domain)

    @api.onchange("month")
    def _onchange_month(self):
        """The first day of the month picked (the picker gives any day)."""
        if self.month and self.month.day != 1:
            self.month = self.month.replace(day=1)

    def action_print(self):
        self.ensure_one()
        month = self.month and (self.month + relativedelta(day=1))
        return self.env[MONTHLY_REPORT]._report_action(month, self.company_id, self.team_id)
