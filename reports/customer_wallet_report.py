# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Share of wallet, for pivot and graph: one row per surveyed (or requested)
market potential, with our 12-month revenue of its category from the books
(the figures component's own statement, up to today) and the potential
left to win."""

from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.customer_category_potential import POTENTIAL_STATES


class CustomerWalletReport(models.Model):
    _name = "customer.wallet.report"
    _description = "Share of Wallet Analysis"
    _auto = False
    _order = "partner_id, categ_id"
    _rec_name = "categ_id"

    state = fields.Selection(POTENTIAL_STATES, readonly=True)
    survey_date = fields.Date(readonly=True)
    potential_amount = fields.Monetary(string="Yearly Potential", readonly=True)
    revenue_12m = fields.Monetary(string="Revenue (12 months)", readonly=True)
    headroom = fields.Monetary(
        string="Potential Left",
        readonly=True,
        help="The yearly potential we do not sell yet: potential minus our 12-month revenue.",
    )
    share_of_wallet = fields.Float(
        string="Share of Wallet",
        readonly=True,
        aggregator="avg",
        help="Our 12-month revenue of the category against the customer's yearly potential; "
        "grouped, the average of the customers' shares.",
    )
    potential_id = fields.Many2one("customer.category.potential", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    tier_id = fields.Many2one("customer.tier", readonly=True)
    user_id = fields.Many2one("res.users", string="Surveyor", readonly=True)
    salesperson_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        revenue = self.env["sale.care.figures"]._revenue_query(
            None,
            SQL("CURRENT_DATE - INTERVAL '1 year' + INTERVAL '1 day'"),
            SQL("CURRENT_DATE"),
            ("company", "partner", "category"),
            None,
            all_companies=True,
        )
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT cp.id, cp.id AS potential_id, cp.partner_id, cp.categ_id,
                           cp.company_id, cp.user_id, p.user_id AS salesperson_id,
                           (p.customer_tier_id ->> cp.company_id::text)::int AS tier_id,
                           cp.state, cp.survey_date, cp.potential_amount,
                           COALESCE(r.revenue, 0) AS revenue_12m,
                           GREATEST(COALESCE(cp.potential_amount, 0) - COALESCE(r.revenue, 0), 0)
                               AS headroom,
                           CASE WHEN cp.potential_amount > 0
                                THEN COALESCE(r.revenue, 0) / cp.potential_amount END
                               AS share_of_wallet
                      FROM customer_category_potential cp
                      JOIN res_partner p ON p.id = cp.partner_id
                      LEFT JOIN (%s) r
                        ON r.company = cp.company_id
                       AND r.partner = cp.partner_id
                       AND r.category = cp.categ_id
                )
                """,
                SQL.identifier(self._table),
                revenue,
            )
        )
