# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Whitespace (seed 000 C, "growth of new product lines for big customers"):
the product categories that most customers of a top customer's tier buy and
it does not.

The rule, for a company and the last 12 months: a category is whitespace for a
top customer when at least ``care_whitespace_share`` % (50 % by default) of
the customers of its tier bought it (positive revenue, invoices minus credit
notes) and the customer did not.  "Typical revenue" is the median 12-month
revenue of the category among the tier's buyers: what the customer could be
worth in it.

``_whitespace`` answers the question live, in one statement, for any set of
customers (the monthly report).  The Whitespace list and the partner's tab
read a snapshot of it, refreshed by the evaluation (the monthly run and
"Re-evaluate now") right after the tiers and top customers it is built on:
the question aggregates the 12 months of invoice lines of the whole company
(README, Benchmark), which a list would run on every page, count and group,
and a partner form on every opening, while the
snapshot is an indexed read that supports record rules, filters, group-by and
buttons.  It is as old as the last evaluation, like the tiers."""

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

SURVEY_STATES = [
    ("none", "Not Surveyed"),
    ("requested", "Survey Requested"),
    ("surveyed", "Surveyed"),
]


class CustomerWhitespace(models.Model):
    _name = "customer.whitespace"
    _description = "Customer Whitespace"
    _order = "date desc, partner_id, tier_share desc, typical_revenue desc, id"
    _rec_name = "categ_id"
    _check_company_auto = True

    date = fields.Date(string="Evaluated On", readonly=True, index=True)
    tier_size = fields.Integer(
        string="Customers in Tier",
        readonly=True,
        aggregator="max",
        help="Customers of the tier in the company.",
    )
    tier_buyers = fields.Integer(
        string="Buyers in Tier",
        readonly=True,
        aggregator="max",
        help="Customers of the tier who bought the category over the last 12 months.",
    )
    tier_share = fields.Float(
        string="Share of Tier Buying",
        readonly=True,
        aggregator="avg",
        help="The share of the customers of the tier who bought the category over the last "
        "12 months.",
    )
    typical_revenue = fields.Monetary(
        readonly=True,
        help="The median 12-month revenue of the category among the tier's buyers: what the "
        "customer could be worth in it.",
    )
    survey_state = fields.Selection(
        SURVEY_STATES,
        string="Survey",
        compute="_compute_survey_state",
        search="_search_survey_state",
    )
    share_of_wallet = fields.Float(
        string="Share of Wallet",
        related="potential_id.share_of_wallet",
        help="Our 12-month revenue of the category against the surveyed yearly potential.",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="cascade"
    )
    tier_id = fields.Many2one("customer.tier", readonly=True, ondelete="cascade")
    categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        readonly=True,
        index="btree_not_null",
        help="The customer's salesperson at the evaluation.",
    )
    potential_id = fields.Many2one(
        "customer.category.potential",
        string="Market Potential",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The survey of the customer's capacity in this category, once requested.",
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.depends("potential_id.state")
    def _compute_survey_state(self):
        for row in self:
            row.survey_state = row.potential_id.state or "none"

    def _search_survey_state(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        states = set(value)
        domain = Domain("potential_id.state", "in", list(states - {"none"}))
        if "none" in states:
            domain |= Domain("potential_id", "=", False)
        return domain if operator == "in" else ~domain

    def action_request_survey(self):
        """Send a salesperson to survey this customer's capacity in this
        category (managers; the wizard lets them choose who and when)."""
        self.ensure_one()
        Request = self.env["customer.survey.request"]
        Request._check_requester()
        return Request._action_open(self.partner_id, self.categ_id)

    # ------------------------------------------------------------------
    # The question, live, and its snapshot
    # ------------------------------------------------------------------
    @api.model
    def _whitespace(self, partners, company, today=None):
        """The whitespace of ``partners`` (commercial partners, a recordset or
        ids; usually the top customers) on ``company``'s books over the 12
        months ending ``today``: one statement, whatever their number.

        :return: list of dicts ``partner_id``, ``tier_id``, ``categ_id``,
            ``tier_size``, ``tier_buyers``, ``tier_share`` (0-1),
            ``typical_revenue``, per customer the most shared category first
        """
        ids = partners.ids if isinstance(partners, models.BaseModel) else list(partners)
        if not ids:
            return []
        today = today or fields.Date.context_today(self)
        self.env.flush_all()
        self.env.cr.execute(self._whitespace_query(ids, company, today))
        return self.env.cr.dictfetchall()

    @api.model
    def _refresh(self, company, partner_ids, today):
        """Replace ``company``'s snapshot by the whitespace of ``partner_ids``
        (its top customers): two statements, whatever the number of rows,
        each row linked to the potential of its customer and category if one
        was requested.  Written in SQL as a whole: nothing refers to the rows."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(SQL("DELETE FROM customer_whitespace WHERE company_id = %s", company.id))
        if partner_ids:
            cr.execute(
                SQL(
                    """
                    INSERT INTO customer_whitespace (
                        company_id, date, partner_id, tier_id, categ_id, user_id, tier_size,
                        tier_buyers, tier_share, typical_revenue, potential_id,
                        create_uid, create_date, write_uid, write_date)
                    SELECT %(company)s, %(today)s, w.partner_id, w.tier_id, w.categ_id, p.user_id,
                           w.tier_size, w.tier_buyers, w.tier_share, w.typical_revenue, cp.id,
                           %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM (%(whitespace)s) w
                      JOIN res_partner p ON p.id = w.partner_id
                      LEFT JOIN customer_category_potential cp
                             ON cp.partner_id = w.partner_id
                            AND cp.categ_id = w.categ_id
                            AND cp.company_id = %(company)s
                    """,
                    company=company.id,
                    today=today,
                    uid=self.env.uid,
                    now=fields.Datetime.now(),
                    whitespace=self._whitespace_query(partner_ids, company, today),
                )
            )
        self.invalidate_model()

    @api.model
    def _whitespace_query(self, partner_ids, company, today):
        """The whitespace statement: the 12-month revenue per customer and
        category (``sale.care.figures``, the books), the tiers of the
        company's customers, the share of each tier buying each category and
        its median revenue, then the categories the customers do not buy."""
        date_from = self.env["res.partner"]._care_12m_start(today)
        revenue = self.env["sale.care.figures"]._revenue_query(
            None, date_from, today, ("partner", "category"), company
        )
        key = str(company.id)
        return SQL(
            """
            WITH revenue AS (%(revenue)s),
            tier AS (
                SELECT p.id AS partner, (p.customer_tier_id ->> %(key)s)::int AS tier_id
                  FROM res_partner p
                 WHERE p.active
                   AND p.id = p.commercial_partner_id
                   AND (p.company_id IS NULL OR p.company_id = %(company)s)
                   AND p.customer_tier_id ->> %(key)s IS NOT NULL
            ),
            size AS (SELECT tier_id, COUNT(*) AS customers FROM tier GROUP BY tier_id),
            buyers AS (
                SELECT t.tier_id, r.category, COUNT(*) AS buyers,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY r.revenue) AS typical_revenue
                  FROM revenue r
                  JOIN tier t ON t.partner = r.partner
                 WHERE r.revenue > 0 AND r.category IS NOT NULL
                 GROUP BY t.tier_id, r.category
            )
            SELECT t.partner AS partner_id, t.tier_id, b.category AS categ_id,
                   s.customers AS tier_size, b.buyers AS tier_buyers,
                   b.buyers::float / s.customers AS tier_share, b.typical_revenue
              FROM tier t
              JOIN size s ON s.tier_id = t.tier_id
              JOIN buyers b ON b.tier_id = t.tier_id
             WHERE t.partner = ANY(%(partners)s)
               AND b.buyers * 100 >= %(share)s * s.customers
               AND NOT EXISTS (SELECT 1 FROM revenue r
                                WHERE r.partner = t.partner
                                  AND r.category = b.category
                                  AND r.revenue > 0)
             ORDER BY t.partner, tier_share DESC, b.typical_revenue DESC, b.category
            """,
            revenue=revenue,
            key=key,
            company=company.id,
            partners=sorted(set(partner_ids)),
            share=company.care_whitespace_share,
        )
