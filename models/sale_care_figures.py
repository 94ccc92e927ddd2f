# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one place where the addon turns accounting, sales and inventory records
into numbers.  Every other feature (tiers, stages, plans, analysis, VIP) asks
this component; none of them reads ``account.move.line`` on its own.

Each method takes a set of partners (a recordset of any contacts, folded into
their commercial entity, or a list of commercial partner ids), a date range
and optional group-by keys, runs exactly one grouped SQL statement and
returns plain values.  Figures are always those of one company, in that
company's currency.

The figures read the books with plain SQL, past every access right and record
rule: the component is internal API (``@api.private``, never callable over
RPC).  Its callers (fields, reports, actions) check who asks before they ask
it.
"""

from odoo import api, models
from odoo.tools import SQL

# Group-by keys of the revenue query: key -> SQL expression.
REVENUE_GROUPBY = {
    "partner": SQL("am.commercial_partner_id"),
    "category": SQL("pt.categ_id"),
    "product": SQL("aml.product_id"),
    "salesperson": SQL("am.invoice_user_id"),
    "team": SQL("am.team_id"),
    "state": SQL("cp.state_id"),
    "country": SQL("cp.country_id"),
    "month": SQL("date_trunc('month', am.invoice_date)::date"),
    "company": SQL("am.company_id"),
}

# Group-by keys of the delivered-quantity query.
DELIVERY_GROUPBY = {
    "partner": SQL("dp.commercial_partner_id"),
    "category": SQL("pt.categ_id"),
    "product": SQL("sm.product_id"),
    "month": SQL("date_trunc('month', sm.date)::date"),
}


class SaleCareFigures(models.AbstractModel):
    _name = "sale.care.figures"
    _description = "Customer Care Sales Figures"

    # ------------------------------------------------------------------
    # Revenue (accounting)
    # ------------------------------------------------------------------
    @api.private
    @api.model
    def get_invoiced_revenue(
        self, partners=None, date_from=None, date_to=None, groupby=("partner",), company=None
    ):
        """Invoiced revenue: untaxed, in company currency, posted customer
        invoices minus credit notes, dated by invoice date (both ends included).

        :param partners: ``res.partner`` recordset, or None for all partners
        :param groupby: keys of :data:`REVENUE_GROUPBY`
        :return: list of dicts, one per group, with the group keys (ids or
            first day of month) and ``revenue``
        """
        query = self._revenue_query(partners, date_from, date_to, groupby, company)
        return self._fetch(query)

    @api.private
    @api.model
    def get_revenue_by_partner(self, partners, date_from=None, date_to=None, company=None):
        """``{commercial_partner_id: revenue}`` for the range."""
        query = self._revenue_query(partners, date_from, date_to, ("partner",), company)
        return dict(self._fetch(query, as_dict=False))

    @api.model
    def _revenue_query(self, partners, date_from, date_to, groupby, company, all_companies=False):
        """The revenue statement itself; ``all_companies`` (for SQL analysis
        views, grouped by ``company``) drops the company filter."""
        company = company or self.env.company
        keys = self._check_groupby(groupby, REVENUE_GROUPBY)
        select = [SQL("%s AS %s", REVENUE_GROUPBY[k], SQL.identifier(k)) for k in keys]
        select.append(SQL("SUM(-aml.balance)::float AS revenue"))
        joins = [SQL("JOIN account_move am ON am.id = aml.move_id")]
        if {"category"} & set(keys):
            joins.append(
                SQL(
                    "LEFT JOIN product_product pp ON pp.id = aml.product_id "
                    "LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id"
                )
            )
        if {"state", "country"} & set(keys):
            joins.append(SQL("JOIN res_partner cp ON cp.id = am.commercial_partner_id"))
        where = [
            *self._revenue_line_conditions(),
            *([] if all_companies else [SQL("am.company_id = %s", company.id)]),
            *self._date_conditions(SQL("am.invoice_date"), date_from, date_to),
            *self._partner_conditions(SQL("am.commercial_partner_id"), partners),
        ]
        return SQL(
            "SELECT %s FROM account_move_line aml %s WHERE %s %s",
            SQL(", ").join(select),
            SQL(" ").join(joins),
            SQL(" AND ").join(where),
            self._group_by_clause(len(keys)),
        )

    @api.private
    @api.model
    def get_commitment_revenue(self, commitments):
        """``{commitment_id: revenue}``: the invoiced revenue of each revenue
        commitment's customer within its period and company, restricted to
        its product categories (subcategories included) when it has any.
        One statement for any number of commitments."""
        if not commitments:
            return {}
        query = SQL(
            """
            SELECT c.id, SUM(-aml.balance)::float
              FROM sale_revenue_commitment c
              JOIN account_move am
                ON am.commercial_partner_id = c.partner_id
               AND am.company_id = c.company_id
               AND am.invoice_date BETWEEN c.date_start AND c.date_end
              JOIN account_move_line aml ON aml.move_id = am.id
              LEFT JOIN product_product pp ON pp.id = aml.product_id
              LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
              LEFT JOIN product_category pc ON pc.id = pt.categ_id
             WHERE c.id = ANY(%s)
               AND %s
               AND (
                    NOT EXISTS (SELECT 1 FROM sale_revenue_commitment_categ_rel r
                                 WHERE r.commitment_id = c.id)
                    OR EXISTS (SELECT 1 FROM sale_revenue_commitment_categ_rel r
                                 JOIN product_category rc ON rc.id = r.categ_id
                                WHERE r.commitment_id = c.id
                                  AND pc.parent_path LIKE rc.parent_path || '%%')
               )
             GROUP BY c.id
            """,
            commitments.ids,
            SQL(" AND ").join(self._revenue_line_conditions()),
        )
        return dict(self._fetch(query, as_dict=False))

    # ------------------------------------------------------------------
    # Invoices and orders (counts and dates)
    # ------------------------------------------------------------------
    @api.private
    @api.model
    def get_invoice_stats(self, partners=None, date_from=None, date_to=None, company=None):
        """Per commercial partner: ``invoice_count`` (posted customer invoices
        dated in the range) and ``first_invoice_date`` / ``last_invoice_date``
        (ever, up to ``date_to``).  Credit notes are not invoices here.

        :return: ``{commercial_partner_id: {...}}``
        """
        company = company or self.env.company
        in_range = SQL(" AND ").join(
            [SQL("TRUE"), *self._date_conditions(SQL("am.invoice_date"), date_from, date_to)]
        )
        query = SQL(
            """
            SELECT am.commercial_partner_id AS partner_id,
                   COUNT(*) FILTER (WHERE %(in_range)s) AS invoice_count,
                   MIN(am.invoice_date) AS first_invoice_date,
                   MAX(am.invoice_date) AS last_invoice_date
              FROM account_move am
             WHERE %(where)s
             GROUP BY am.commercial_partner_id
            """,
            in_range=in_range,
            where=SQL(" AND ").join(
                [
                    SQL("am.state = 'posted'"),
                    SQL("am.move_type = 'out_invoice'"),
                    SQL("am.company_id = %s", company.id),
                    *self._date_conditions(SQL("am.invoice_date"), None, date_to),
                    *self._partner_conditions(SQL("am.commercial_partner_id"), partners),
                ]
            ),
        )
        return {
            partner_id: {
                "invoice_count": count,
                "first_invoice_date": first,
                "last_invoice_date": last,
            }
            for partner_id, count, first, last in self._fetch(query, as_dict=False)
        }

    @api.private
    @api.model
    def get_order_stats(self, partners=None, date_from=None, date_to=None, company=None):
        """Per commercial partner: ``order_count`` (confirmed sale orders with
        an order date in the range) and ``first_order_date`` /
        ``last_order_date`` (ever, up to ``date_to``).

        :return: ``{commercial_partner_id: {...}}``
        """
        company = company or self.env.company
        order_date = SQL("(so.date_order AT TIME ZONE 'UTC')::date")
        in_range = SQL(" AND ").join(
            [SQL("TRUE"), *self._date_conditions(order_date, date_from, date_to)]
        )
        query = SQL(
            """
            SELECT p.commercial_partner_id AS partner_id,
                   COUNT(*) FILTER (WHERE %(in_range)s) AS order_count,
                   MIN(%(order_date)s) AS first_order_date,
                   MAX(%(order_date)s) AS last_order_date
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
             WHERE %(where)s
             GROUP BY p.commercial_partner_id
            """,
            in_range=in_range,
            order_date=order_date,
            where=SQL(" AND ").join(
                [
                    SQL("so.state = 'sale'"),
                    SQL("so.company_id = %s", company.id),
                    *self._date_conditions(order_date, None, date_to),
                    *self._partner_conditions(SQL("p.commercial_partner_id"), partners),
                ]
            ),
        )
        return {row.pop("partner_id"): row for row in self._fetch(query)}

    @api.private
    @api.model
    def get_first_order_salespeople(self, partners=None, company=None):
        """Who brought each customer in: ``{commercial_partner_id: user_id}``,
        the salesperson of the customer's first confirmed sale order (by order
        date, then id).  Customers whose first order has no salesperson are
        left out.  One statement for any number of customers."""
        company = company or self.env.company
        query = SQL(
            """
            SELECT DISTINCT ON (p.commercial_partner_id)
                   p.commercial_partner_id, so.user_id
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
             WHERE %s
             ORDER BY p.commercial_partner_id, so.date_order, so.id
            """,
            SQL(" AND ").join(
                [
                    SQL("so.state = 'sale'"),
                    SQL("so.company_id = %s", company.id),
                    *self._partner_conditions(SQL("p.commercial_partner_id"), partners),
                ]
            ),
        )
        return {
            partner_id: user_id
            for partner_id, user_id in self._fetch(query, as_dict=False)
            if user_id
        }

    # ------------------------------------------------------------------
    # Delivered quantities (inventory)
    # ------------------------------------------------------------------
    @api.private
    @api.model
    def get_delivered_quantities(
        self, partners=None, date_from=None, date_to=None, groupby=("category",), company=None
    ):
        """Quantities delivered to customers (done moves into a customer
        location, minus done returns from one), in the product's unit of
        measure, dated by the move's date.

        :return: list of dicts with the group keys and ``quantity``
        """
        company = company or self.env.company
        keys = self._check_groupby(groupby, DELIVERY_GROUPBY)
        select = [SQL("%s AS %s", DELIVERY_GROUPBY[k], SQL.identifier(k)) for k in keys]
        select.append(
            SQL(
                "SUM(CASE WHEN dest.usage = 'customer' THEN 1 ELSE -1 END"
                " * sm.quantity * mu.factor / pu.factor)::float AS quantity"
            )
        )
        move_date = SQL("(sm.date AT TIME ZONE 'UTC')::date")
        query = SQL(
            """
            SELECT %(select)s
              FROM stock_move sm
              JOIN stock_location src ON src.id = sm.location_id
              JOIN stock_location dest ON dest.id = sm.location_dest_id
              JOIN product_product pp ON pp.id = sm.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              JOIN uom_uom mu ON mu.id = sm.product_uom
              JOIN uom_uom pu ON pu.id = pt.uom_id
              LEFT JOIN stock_picking sp ON sp.id = sm.picking_id
              LEFT JOIN res_partner dp ON dp.id = COALESCE(sp.partner_id, sm.partner_id)
             WHERE %(where)s
             %(group_by)s
            """,
            select=SQL(", ").join(select),
            where=SQL(" AND ").join(
                [
                    SQL("sm.state = 'done'"),
                    SQL("sm.company_id = %s", company.id),
                    SQL("(dest.usage = 'customer') <> (src.usage = 'customer')"),
                    *self._date_conditions(move_date, date_from, date_to),
                    *self._partner_conditions(SQL("dp.commercial_partner_id"), partners),
                ]
            ),
            group_by=self._group_by_clause(len(keys)),
        )
        return self._fetch(query)

    # ------------------------------------------------------------------
    # Pipeline and interactions (CRM, chatter, activities)
    # ------------------------------------------------------------------
    @api.private
    @api.model
    def get_open_opportunity_counts(self, partners=None, company=None):
        """``{commercial_partner_id: number of open opportunities}``: active
        opportunities neither won nor lost."""
        company = company or self.env.company
        query = SQL(
            """
            SELECT p.commercial_partner_id AS partner_id, COUNT(*) AS count
              FROM crm_lead l
              JOIN res_partner p ON p.id = l.partner_id
             WHERE %s
             GROUP BY p.commercial_partner_id
            """,
            SQL(" AND ").join(
                [
                    SQL("l.active"),
                    SQL("l.type = 'opportunity'"),
                    SQL("l.won_status = 'pending'"),
                    SQL("(l.company_id = %s OR l.company_id IS NULL)", company.id),
                    *self._partner_conditions(SQL("p.commercial_partner_id"), partners),
                ]
            ),
        )
        return {row["partner_id"]: row["count"] for row in self._fetch(query)}

    @api.private
    @api.model
    def get_last_interactions(self, partners=None, date_to=None, include_planned=True):
        """The last interaction with each customer (its contacts and its
        opportunities included) up to ``date_to``: a message or note logged by
        hand (``message``), an activity marked done (``activity``) or, unless
        ``include_planned`` is False, an activity planned (``planned``, dated
        by its creation).

        :return: ``{commercial_partner_id: {"date": date, "kind": str}}``
        """
        branches = []
        for model, join in (
            ("res.partner", SQL("JOIN res_partner p ON p.id = x.res_id")),
            (
                "crm.lead",
                SQL("JOIN crm_lead l ON l.id = x.res_id JOIN res_partner p ON p.id = l.partner_id"),
            ),
        ):
            conditions = [
                *self._partner_conditions(SQL("p.commercial_partner_id"), partners),
                *self._date_conditions(SQL("x.date::date"), None, date_to),
            ]
            branches.append(
                SQL(
                    """
                    SELECT p.commercial_partner_id AS partner_id, x.date AS at,
                           CASE WHEN x.mail_activity_type_id IS NULL THEN 'message'
                                ELSE 'activity' END AS kind
                      FROM mail_message x %s
                     WHERE x.model = %s
                       AND (x.message_type IN ('comment', 'email')
                            OR x.mail_activity_type_id IS NOT NULL)
                       AND %s
                    """,
                    join,
                    model,
                    SQL(" AND ").join([SQL("TRUE"), *conditions]),
                )
            )
            if not include_planned:
                continue
            conditions = [
                *self._partner_conditions(SQL("p.commercial_partner_id"), partners),
                *self._date_conditions(SQL("x.create_date::date"), None, date_to),
            ]
            branches.append(
                SQL(
                    """
                    SELECT p.commercial_partner_id, x.create_date, 'planned'
                      FROM mail_activity x %s
                     WHERE x.res_model = %s AND x.active AND %s
                    """,
                    join,
                    model,
                    SQL(" AND ").join([SQL("TRUE"), *conditions]),
                )
            )
        query = SQL(
            """
            SELECT DISTINCT ON (partner_id) partner_id, at::date AS date, kind
              FROM (%s) AS interaction
             ORDER BY partner_id, at DESC
            """,
            SQL(" UNION ALL ").join(branches),
        )
        return {
            row["partner_id"]: {"date": row["date"], "kind": row["kind"]}
            for row in self._fetch(query)
        }

    # ------------------------------------------------------------------
    # Growth: the ranking of customers (top customers, issue 11)
    # ------------------------------------------------------------------
    @api.private
    @api.model
    def get_customer_ranks(self, date_from=None, date_to=None, company=None):
        """Every customer of ``company`` with a posted invoice dated in the
        range, ranked three ways in one statement (two grouped subqueries and
        ``percent_rank`` windows):

        * ``revenue``: invoiced revenue (invoices minus credit notes);
        * ``invoice_count``: posted customer invoices;
        * ``buying_months``: the purchase frequency, distinct calendar months
          with an invoice (a customer buying every month beats one buying
          twenty times in one month).

        Each ``*_rank`` is the share of the other ranked customers that come
        before this one (``percent_rank``: 0 for the first, 1 for the last).
        Ties are decided by the other measures (revenue, then invoices, then
        months), then by the older customer record (lower id), so that every
        customer has its own rank and a "top 5 %" never grows with ties.

        :return: ``{commercial_partner_id: {revenue, invoice_count,
            buying_months, revenue_rank, invoice_rank, frequency_rank}}``
        """
        company = company or self.env.company
        revenue = self._revenue_query(None, date_from, date_to, ("partner",), company)
        # the two grouped subqueries are stacked and grouped again rather than
        # joined: PostgreSQL cannot tell the join is one-to-one, estimates
        # millions of rows and spends more time compiling (JIT) than running
        query = SQL(
            """
            WITH figures AS (
                SELECT partner, revenue, 0 AS invoice_count, 0 AS buying_months
                  FROM (%(revenue)s) r
                 UNION ALL
                SELECT am.commercial_partner_id, 0.0, COUNT(*),
                       COUNT(DISTINCT date_trunc('month', am.invoice_date))
                  FROM account_move am
                 WHERE %(where)s
                 GROUP BY am.commercial_partner_id
            ),
            ranked AS (
                SELECT partner, SUM(revenue) AS revenue, SUM(invoice_count)::int AS invoice_count,
                       SUM(buying_months)::int AS buying_months
                  FROM figures
                 GROUP BY partner
                HAVING SUM(invoice_count) > 0
            )
            SELECT partner, revenue, invoice_count, buying_months,
                   percent_rank() OVER (ORDER BY revenue DESC, invoice_count DESC,
                                                 buying_months DESC, partner) AS revenue_rank,
                   percent_rank() OVER (ORDER BY invoice_count DESC, revenue DESC,
                                                 buying_months DESC, partner) AS invoice_rank,
                   percent_rank() OVER (ORDER BY buying_months DESC, invoice_count DESC,
                                                 revenue DESC, partner) AS frequency_rank
              FROM ranked
            """,
            revenue=revenue,
            where=SQL(" AND ").join(
                [
                    SQL("am.state = 'posted'"),
                    SQL("am.move_type = 'out_invoice'"),
                    SQL("am.company_id = %s", company.id),
                    *self._date_conditions(SQL("am.invoice_date"), date_from, date_to),
                ]
            ),
        )
        return {row.pop("partner"): row for row in self._fetch(query)}

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _revenue_line_conditions(self):
        """What makes an ``account_move_line aml`` of ``account_move am``
        revenue: a product line of a posted customer invoice or credit note
        (its ``-balance`` is the untaxed amount in company currency)."""
        return [
            SQL("am.state = 'posted'"),
            SQL("am.move_type IN ('out_invoice', 'out_refund')"),
            SQL("aml.display_type = 'product'"),
        ]

    @api.model
    def _check_groupby(self, groupby, allowed):
        keys = tuple(groupby or ())
        unknown = set(keys) - set(allowed)
        if unknown:
            raise ValueError(f"Unknown group-by keys {sorted(unknown)}; use {sorted(allowed)}")
        return keys

    @api.model
    def _group_by_clause(self, count):
        if not count:
            return SQL()
        return SQL("GROUP BY %s", SQL(", ".join(str(i) for i in range(1, count + 1))))

    @api.model
    def _date_conditions(self, column, date_from, date_to):
        conditions = []
        if date_from:
            conditions.append(SQL("%s >= %s", column, date_from))
        if date_to:
            conditions.append(SQL("%s <= %s", column, date_to))
        return conditions

    @api.model
    def _partner_conditions(self, column, partners):
        """``partners``: a recordset (folded into commercial entities), a list
        of commercial partner ids, or None for every partner."""
        if partners is None:
            return []
        if isinstance(partners, models.BaseModel):
            partners = partners.commercial_partner_id.ids
        return [SQL("%s = ANY(%s)", column, sorted(set(partners)))]

    @api.model
    def _fetch(self, query, as_dict=True):
        self.env.flush_all()
        self.env.cr.execute(query)
        return self.env.cr.dictfetchall() if as_dict else self.env.cr.fetchall()
