# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Plans against the books, for pivot and graph: one row per planned
customer and month, with the expected revenue from the plan and the achieved
revenue from posted invoices (the figures component's own statement)."""

from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.res_partner import RELATIONSHIP_STAGES
from ..models.sale_monthly_plan_line import REVENUE_OWNER_RANK


class SaleMonthlyPlanAnalysis(models.Model):
    _name = "sale.monthly.plan.analysis"
    _description = "Monthly Plan Analysis"
    _auto = False
    _order = "date desc"

    date = fields.Date(string="Month", readonly=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("closed", "Closed"),
        ],
        string="Plan Status",
        readonly=True,
    )
    stage_planned = fields.Selection(RELATIONSHIP_STAGES, string="Stage at Planning", readonly=True)
    expected_revenue = fields.Monetary(string="Expected", readonly=True)
    actual_revenue = fields.Monetary(
        string="Achieved",
        readonly=True,
        help="Posted invoices minus credit notes of the customer in the month, counted once "
        "for the team: a customer planned by several salespeople counts for its account "
        "manager's plan (else the plan that planned it first), zero in the others.",
    )
    revenue_counted_here = fields.Boolean(readonly=True)
    planned_calls = fields.Integer(string="Calls", readonly=True)
    planned_meetings = fields.Integer(string="Meetings", readonly=True)
    planned_tasks = fields.Integer(string="Tasks", readonly=True)
    plan_id = fields.Many2one("sale.monthly.plan", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    tier_planned_id = fields.Many2one("customer.tier", string="Tier at Planning", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        revenue = self.env["sale.care.figures"]._revenue_query(
            None, None, None, ("company", "partner", "month"), None, all_companies=True
        )
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT l.id, p.id AS plan_id, p.date, p.state, p.user_id, p.team_id,
                           p.company_id, l.partner_id, l.stage_planned, l.tier_planned_id,
                           l.expected_revenue,
                           CASE WHEN %s = 1 THEN COALESCE(r.revenue, 0) ELSE 0 END
                               AS actual_revenue,
                           %s = 1 AS revenue_counted_here,
                           l.planned_calls, l.planned_meetings, l.planned_tasks
                      FROM sale_monthly_plan_line l
                      JOIN sale_monthly_plan p ON p.id = l.plan_id
                      LEFT JOIN (%s) r
                        ON r.company = p.company_id
                       AND r.partner = l.partner_id
                       AND r.month = p.date
                )
                """,
                SQL.identifier(self._table),
                REVENUE_OWNER_RANK,
                REVENUE_OWNER_RANK,
                revenue,
            )
        )
