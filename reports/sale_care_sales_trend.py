# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sales against the same days a year before, live from the books: the
figures of the Customer Care dashboard (issue 11 §4).

One row per company, day, product category, customer, salesperson and sales
team, from the figures component's statement
(``sale.care.figures._revenue_trend_query``): each day's revenue, and the
revenue of the same day a year before.  A pivot filtered on a period (the
dashboard's month, a quarter...) shows the period's revenue beside the same
period last year, and the change, without a second copy of the books: the
filter on the date reaches the invoice dates of both sides.

Why not the Sales Analysis: its rows are snapshots of one user's opening
(a run), dropped after a day; a dashboard needs figures that are there for
every manager whenever it opens."""

from odoo import fields, models, tools
from odoo.tools import SQL

SALES_USERS = "sales_team.group_sale_salesman"


class SaleCareSalesTrend(models.Model):
    _name = "sale.care.sales.trend"
    _inherit = ["sale.care.revenue.change.mixin"]
    _description = "Sales against Last Year"
    _revenue_compare_field = "revenue_last_year"
    _auto = False
    _order = "date desc, id"

    date = fields.Date(
        readonly=True,
        help="The invoice date; for the revenue of last year, the same day a year later.",
    )
    revenue = fields.Monetary(
        readonly=True,
        groups=SALES_USERS,
        help="Posted invoices minus credit notes, untaxed, in company currency.",
    )
    revenue_last_year = fields.Monetary(
        string="Same Period Last Year",
        readonly=True,
        groups=SALES_USERS,
        help="The revenue of the same days a year before.",
    )
    revenue_change = fields.Monetary(string="Change", readonly=True, groups=SALES_USERS)
    revenue_change_percent = fields.Float(
        string="Change %",
        readonly=True,
        digits=(16, 1),
        groups=SALES_USERS,
        help="The change against the same period last year, from the sums of each group; "
        "empty when nothing was sold then.",
    )
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    state_id = fields.Many2one("res.country.state", readonly=True)
    country_id = fields.Many2one("res.country", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT t.id, t.date, t.company AS company_id, t.category AS categ_id,
                           t.partner AS partner_id, t.salesperson AS user_id, t.team AS team_id,
                           cp.state_id, cp.country_id,
                           t.revenue, t.revenue_last_year,
                           t.revenue - t.revenue_last_year AS revenue_change,
                           %s AS revenue_change_percent
                      FROM (%s) AS t
                      LEFT JOIN res_partner cp ON cp.id = t.partner
                )
                """,
                SQL.identifier(self._table),
                self._change_percent_sql(SQL("t.revenue"), SQL("t.revenue_last_year")),
                self.env["sale.care.figures"]._revenue_trend_query(),
            )
        )
