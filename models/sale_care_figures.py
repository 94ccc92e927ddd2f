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

from dateutil.relativedelta import relativedelta

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
    # the drill-down of the sales analysis (issue 11): the salesperson and
    # team of the sale order a delivery comes from, the region of the customer
    "salesperson": SQL("so.user_id"),
    "team": SQL("so.team_id"),
    "state": SQL("dcp.state_id"),
    "country": SQL("dcp.country_id"),
}

# Group-by keys of the period comparison: what revenue and deliveries share.
COMPARISON_GROUPBY = ("partner", "category", "salesperson", "team", "state", "country")


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
        joins = self._revenue_joins(keys)
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

    @api.model
    def _revenue_joins(self, keys):
        """What ``account_move_line aml`` joins for the group-by ``keys``."""
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
        return joins

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
        keys = self._check_groupby(groupby, DELIVERY_GROUPBY)
        move_date = SQL("(sm.date AT TIME ZONE 'UTC')::date")
        query = self._delivery_query(
            keys,
            self._delivered_quantity(),
            [
                *self._date_conditions(move_date, date_from, date_to),
                *self._partner_conditions(SQL("dp.commercial_partner_id"), partners),
            ],
            company,
        )
        return self._fetch(query)

    @api.model
    def _delivered_quantity(self, condition=None):
        """The signed quantity of ``stock_move sm`` in the product's unit
        (deliveries minus returns), summed where ``condition`` holds."""
        quantity = SQL(
            "CASE WHEN dest.usage = 'customer' THEN 1 ELSE -1 END"
            " * sm.quantity * mu.factor / pu.factor"
        )
        if condition is None:
            return SQL("SUM(%s)::float AS quantity", quantity)
        return SQL("(SUM(%s) FILTER (WHERE %s))::float", quantity, condition)

    @api.model
    def _delivery_query(self, keys, measures, where, company, with_order=False):
        """The grouped statement over done customer deliveries and returns of
        ``company``: ``keys`` of :data:`DELIVERY_GROUPBY`, then ``measures``
        (SQL select items), filtered by ``where`` (SQL conditions);
        ``with_order`` joins the sale order ``so`` of each move for them."""
        company = company or self.env.company
        select = [SQL("%s AS %s", DELIVERY_GROUPBY[k], SQL.identifier(k)) for k in keys]
        joins = []
        if {"state", "country"} & set(keys):
            joins.append(SQL("LEFT JOIN res_partner dcp ON dcp.id = dp.commercial_partner_id"))
        if with_order or {"salesperson", "team"} & set(keys):
            joins.append(
                SQL(
                    "LEFT JOIN sale_order_line sol ON sol.id = sm.sale_line_id "
                    "LEFT JOIN sale_order so ON so.id = sol.order_id"
                )
            )
        return SQL(
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
              %(joins)s
             WHERE %(where)s
             %(group_by)s
            """,
            select=SQL(", ").join([*select, measures]),
            joins=SQL(" ").join(joins),
            where=SQL(" AND ").join(
                [
                    SQL("sm.state = 'done'"),
                    SQL("sm.company_id = %s", company.id),
                    SQL("(dest.usage = 'customer') <> (src.usage = 'customer')"),
                    *where,
                ]
            ),
            group_by=self._group_by_clause(len(keys)),
        )

    # ------------------------------------------------------------------
    # Two periods side by side (the sales analysis)
    # ------------------------------------------------------------------
    @api.private
    @api.model
    def get_revenue_comparison(
        self,
        period,
        comparison,
        groupby=("category",),
        partners=None,
        salespeople=None,
        company=None,
        scope=None,
    ):
        """Revenue (as :meth:`get_invoiced_revenue`) and delivered quantities
        (as :meth:`get_delivered_quantities`) of two periods side by side,
        in one statement.

        :param period: ``(date_from, date_to)``, both ends included
        :param comparison: ``(date_from, date_to)`` of the period compared with
        :param groupby: keys of :data:`COMPARISON_GROUPBY`
        :param salespeople: users or user ids: only their invoices and orders
            (None: all)
        :param scope: ``(partner_ids, user_ids)``: only the invoices and
            deliveries of these customers or of these salespeople (what a
            salesperson with "own documents" may see); None: all
        :return: list of dicts with the group keys, ``revenue``,
            ``revenue_compare``, ``quantity`` and ``quantity_compare``
        """
        query = self._comparison_query(
            period, comparison, groupby, partners, salespeople, company, scope
        )
        self._no_jit()
        return self._fetch(query)

    @api.model
    def _comparison_query(
        self,
        period,
        comparison,
        groupby,
        partners=None,
        salespeople=None,
        company=None,
        scope=None,
    ):
        """The statement of :meth:`get_revenue_comparison`: invoice lines (by
        invoice date) and stock moves (by move date) of the two periods'
        days, each side grouped on its own, then both summed per group.  The
        region (``state``, ``country``) is the customer's: read once per
        customer after grouping, not once per line."""
        keys = self._check_groupby(groupby, dict.fromkeys(COMPARISON_GROUPBY))
        region = [k for k in keys if k in ("state", "country")]
        inner = [k for k in keys if k not in region]
        if region and "partner" not in inner:
            inner.append("partner")
        company = company or self.env.company

        # the line's own copies of its move's date, state and company: the
        # index of sale.care.sales.analysis.init() reads the two periods' lines
        invoice_date = SQL("aml.invoice_date")
        in_period = self._range_condition(invoice_date, *period)
        in_comparison = self._range_condition(invoice_date, *comparison)
        revenue = SQL(
            "SELECT %s FROM account_move_line aml %s WHERE %s %s",
            SQL(", ").join(
                [
                    *(SQL("%s AS %s", REVENUE_GROUPBY[k], SQL.identifier(k)) for k in inner),
                    SQL("SUM(-aml.balance) FILTER (WHERE %s) AS revenue", in_period),
                    SQL("SUM(-aml.balance) FILTER (WHERE %s) AS revenue_compare", in_comparison),
                    SQL("0.0 AS quantity, 0.0 AS quantity_compare"),
                ]
            ),
            SQL(" ").join(self._revenue_joins(inner)),
            SQL(" AND ").join(
                [
                    *self._revenue_line_conditions(),
                    SQL("aml.parent_state = 'posted'"),
                    SQL("aml.company_id = %s", company.id),
                    # from the first day to the last (the index on the date),
                    # then the days of the two periods only
                    *self._date_conditions(
                        invoice_date, min(period[0], comparison[0]), max(period[1], comparison[1])
                    ),
                    SQL("(%s OR %s)", in_period, in_comparison),
                    *self._partner_conditions(SQL("am.commercial_partner_id"), partners),
                    *self._id_conditions(SQL("am.invoice_user_id"), salespeople),
                    *self._scope_conditions(
                        SQL("am.commercial_partner_id"), SQL("am.invoice_user_id"), scope
                    ),
                ]
            ),
            self._group_by_clause(len(inner)),
        )
        # a move is dated to the second: compared as timestamps, the index on
        # the date serves
        move_date = SQL("sm.date")
        in_period = self._range_condition(move_date, *period, timestamp=True)
        in_comparison = self._range_condition(move_date, *comparison, timestamp=True)
        delivered = self._delivery_query(
            inner,
            SQL(
                "0.0, 0.0, %s, %s",
                self._delivered_quantity(in_period),
                self._delivered_quantity(in_comparison),
            ),
            [
                SQL("(%s OR %s)", in_period, in_comparison),
                *self._partner_conditions(SQL("dp.commercial_partner_id"), partners),
                *self._id_conditions(SQL("so.user_id"), salespeople),
                *self._scope_conditions(SQL("dp.commercial_partner_id"), SQL("so.user_id"), scope),
            ],
            company,
            with_order=salespeople is not None or scope is not None,
        )
        columns = {k: SQL("figures.%s", SQL.identifier(k)) for k in inner}
        columns.update((k, SQL("cp.%s", SQL.identifier(f"{k}_id"))) for k in region)
        return SQL(
            """
            SELECT %(select)s
              FROM (%(revenue)s UNION ALL %(delivered)s) AS figures
              %(join)s
             %(group_by)s
            """,
            select=SQL(", ").join(
                [
                    *(SQL("%s AS %s", columns[k], SQL.identifier(k)) for k in keys),
                    SQL("COALESCE(SUM(figures.revenue), 0.0)::float AS revenue"),
                    SQL("COALESCE(SUM(figures.revenue_compare), 0.0)::float AS revenue_compare"),
                    SQL("COALESCE(SUM(figures.quantity), 0.0)::float AS quantity"),
                    SQL("COALESCE(SUM(figures.quantity_compare), 0.0)::float AS quantity_compare"),
                ]
            ),
            revenue=revenue,
            delivered=delivered,
            join=(SQL("LEFT JOIN res_partner cp ON cp.id = figures.partner") if region else SQL()),
            group_by=self._group_by_clause(len(keys)),
        )

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

    @api.model
    def _interaction_sources(self):
        """``(model, join)``: where a customer's interactions are logged, on
        the customer (its contacts included) and on its opportunities; the
        join gives ``p``, the partner the record belongs to."""
        return (
            ("res.partner", SQL("JOIN res_partner p ON p.id = x.res_id")),
            (
                "crm.lead",
                SQL("JOIN crm_lead l ON l.id = x.res_id JOIN res_partner p ON p.id = l.partner_id"),
            ),
        )

    @api.model
    def _interaction_message_branches(self, partners, date_to, columns=None):
        """The statements of the messages and notes logged by hand and the
        activities marked done on the customers up to ``date_to``, one per
        :meth:`_interaction_sources`, with ``partner_id``, ``at``, ``kind``
        and the extra ``columns`` (SQL, each with a leading comma)."""
        branches = []
        for model, join in self._interaction_sources():
            conditions = [
                *self._partner_conditions(SQL("p.commercial_partner_id"), partners),
                *self._date_conditions(SQL("x.date::date"), None, date_to),
            ]
            branches.append(
                SQL(
                    """
                    SELECT p.commercial_partner_id AS partner_id, x.date AS at,
                           CASE WHEN x.mail_activity_type_id IS NULL THEN 'message'
                                ELSE 'activity' END AS kind %s
                      FROM mail_message x %s
                     WHERE x.model = %s
                       AND (x.message_type IN ('comment', 'email')
                            OR x.mail_activity_type_id IS NOT NULL)
                       AND %s
                    """,
                    columns or SQL(),
                    join,
                    model,
                    SQL(" AND ").join([SQL("TRUE"), *conditions]),
                )
            )
        return branches

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
        branches = self._interaction_message_branches(partners, date_to)
        if include_planned:
            for model, join in self._interaction_sources():
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

    # Working documents (issue 12): the interactions of a customer profile
    @api.private
    @api.model
    def get_interaction_history(self, partners, date_to=None, limit=5):
        """The ``limit`` last interactions with each customer (its contacts
        and its opportunities included) up to ``date_to``: messages and notes
        logged by hand (``message``) and activities marked done
        (``activity``), newest first, as :meth:`get_last_interactions` counts
        them.  One statement for any number of customers.

        :return: ``{commercial_partner_id: [{"date", "kind", "body",
            "subject", "activity_type_id", "author_id"}, ...]}``
        """
        branches = self._interaction_message_branches(
            partners,
            date_to,
            SQL(
                ", x.id AS message_id, x.body, x.subject,"
                " x.mail_activity_type_id AS activity_type_id, x.author_id"
            ),
        )
        query = SQL(
            """
            SELECT partner_id, at::date AS date, kind, body, subject, activity_type_id, author_id
              FROM (SELECT interaction.*,
                           row_number() OVER (PARTITION BY partner_id
                                              ORDER BY at DESC, message_id DESC) AS rank
                      FROM (%s) AS interaction) AS ranked
             WHERE rank <= %s
             ORDER BY partner_id, at DESC, message_id DESC
            """,
            SQL(" UNION ALL ").join(branches),
            limit,
        )
        history = {}
        for row in self._fetch(query):
            history.setdefault(row.pop("partner_id"), []).append(row)
        return history

    # ------------------------------------------------------------------
    # Customers at risk: reorder rhythm per customer and category
    # ------------------------------------------------------------------
    @api.model
    def _risk_category_facts(self, date_to, recent_months, company=None, partners=None):
        """What the risk signals are decided on, per commercial customer and
        product category, over the 24 months ending on ``date_to``:

        * ``invoice_days``: distinct dates of posted customer invoices with a
          line of the category (several invoices of one day are one purchase);
        * ``last_date``: the last of them;
        * ``rhythm``: the median of the days between consecutive ones
          (``lag()`` + ``percentile_cont(0.5)``; None with a single date);
        * ``revenue``: invoices minus credit notes of the category (credit
          notes change the revenue, never the rhythm: a return is no purchase);
        * ``recent`` / ``previous``: the same revenue over the last
          ``recent_months`` months and over the same months a year before.

        One grouped statement for every customer of ``company`` (or the
        commercial partner ids ``partners``).

        :return: ``{(partner_id, categ_id): (invoice_days, last_date, rhythm,
            revenue, recent, previous)}``
        """
        company = company or self.env.company
        date_from = date_to - relativedelta(months=24) + relativedelta(days=1)
        recent_from = date_to - relativedelta(months=recent_months) + relativedelta(days=1)
        previous_to = date_to - relativedelta(years=1)
        previous_from = recent_from - relativedelta(years=1)
        query = SQL(
            """
            WITH line AS (
                SELECT am.commercial_partner_id AS partner_id, pt.categ_id,
                       am.invoice_date, am.move_type, -aml.balance AS amount
                  FROM account_move_line aml
                  JOIN account_move am ON am.id = aml.move_id
                  JOIN product_product pp ON pp.id = aml.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 WHERE %(where)s
            ), purchase AS (
                SELECT partner_id, categ_id, invoice_date,
                       invoice_date - lag(invoice_date) OVER (
                           PARTITION BY partner_id, categ_id ORDER BY invoice_date) AS gap
                  FROM line
                 WHERE move_type = 'out_invoice'
                 GROUP BY partner_id, categ_id, invoice_date
            ), rhythm AS (
                SELECT partner_id, categ_id, COUNT(*) AS invoice_days,
                       MAX(invoice_date) AS last_date,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS rhythm
                  FROM purchase
                 GROUP BY partner_id, categ_id
            ), revenue AS (
                SELECT partner_id, categ_id, SUM(amount) AS revenue,
                       SUM(amount) FILTER (WHERE invoice_date >= %(recent_from)s) AS recent,
                       SUM(amount) FILTER (WHERE invoice_date BETWEEN %(previous_from)s
                                                                  AND %(previous_to)s) AS previous
                  FROM line
                 GROUP BY partner_id, categ_id
            )
            SELECT r.partner_id, r.categ_id, r.invoice_days, r.last_date, r.rhythm::float,
                   COALESCE(v.revenue, 0)::float, COALESCE(v.recent, 0)::float,
                   COALESCE(v.previous, 0)::float
              FROM rhythm r
              JOIN revenue v ON v.partner_id = r.partner_id AND v.categ_id = r.categ_id
            """,
            where=SQL(" AND ").join(
                [
                    *self._revenue_line_conditions(),
                    SQL("am.company_id = %s", company.id),
                    *self._date_conditions(SQL("am.invoice_date"), date_from, date_to),
                    *self._partner_conditions(SQL("am.commercial_partner_id"), partners),
                ]
            ),
            recent_from=recent_from,
            previous_from=previous_from,
            previous_to=previous_to,
        )
        return {
            (partner_id, categ_id): tuple(values)
            for partner_id, categ_id, *values in self._fetch(query, as_dict=False)
        }

    @api.model
    def _risk_signal_revenue(self, signals, days_after_close=90):
        """``{signal_id: revenue}``: what each risk signal's customer was
        invoiced in the signal's category (credit notes deducted), in the
        signal's company, after the last purchase the signal saw (late and
        stopped: an invoice posted late but dated before the signal counts),
        or from the day it was raised (falling), up to ``days_after_close``
        days after the signal was closed: the revenue that came back.  One
        statement for any number of signals."""
        if not signals:
            return {}
        query = SQL(
            """
            SELECT s.id, SUM(-aml.balance)::float
              FROM customer_risk_signal s
              JOIN account_move am
                ON am.commercial_partner_id = s.partner_id
               AND am.company_id = s.company_id
               AND am.invoice_date > CASE WHEN s.kind = 'falling' THEN s.date_raised - 1
                                          ELSE s.date_last_purchase END
               AND (s.date_closed IS NULL OR am.invoice_date <= s.date_closed + %s)
              JOIN account_move_line aml ON aml.move_id = am.id
              JOIN product_product pp ON pp.id = aml.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id AND pt.categ_id = s.categ_id
             WHERE s.id = ANY(%s) AND %s
             GROUP BY s.id
            """,
            days_after_close,
            signals.ids,
            SQL(" AND ").join(self._revenue_line_conditions()),
        )
        return dict(self._fetch(query, as_dict=False))

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
    # The Customer Care dashboard (issue 11 §4): a day against the same day
    # a year before, for an SQL view
    # ------------------------------------------------------------------
    @api.model
    def _revenue_trend_query(self):
        """The statement of an SQL view (every company): the revenue per
        company, invoice date, product category, customer (commercial
        entity), salesperson and sales team of the invoice, twice: as it is
        (``revenue``), and dated a year later as the revenue of the same day
        a year before (``revenue_last_year``).  Filtered on its ``date``, a
        period gives its revenue beside the revenue of the same days a year
        before (the filter reaches the invoice dates of both sides).  Rows of
        the two sides stay apart, one measure zero; ``id`` is the first line
        id of the group, doubled (plus one for last year's side): unique."""
        keys = ("company", "category", "partner", "salesperson", "team")
        select = [SQL("%s AS %s", REVENUE_GROUPBY[k], SQL.identifier(k)) for k in keys]
        where = SQL(" AND ").join(self._revenue_line_conditions())
        joins = SQL(" ").join(self._revenue_joins(keys))
        # each day twice: as itself, and a year later as last year's revenue
        sides = (
            """SELECT MIN(aml.id) * 2 AS id, am.invoice_date AS date, %s,
                      SUM(-aml.balance) AS revenue, 0.0 AS revenue_last_year
                 FROM account_move_line aml %s
                WHERE %s
                GROUP BY am.invoice_date, %s""",
            """SELECT MIN(aml.id) * 2 + 1, (am.invoice_date + interval '1 year')::date, %s,
                      0.0, SUM(-aml.balance)
                 FROM account_move_line aml %s
                WHERE %s
                GROUP BY am.invoice_date, %s""",
        )
        groupby = SQL(", ").join(REVENUE_GROUPBY[k] for k in keys)
        return SQL(" UNION ALL ").join(
            SQL(side, SQL(", ").join(select), joins, where, groupby) for side in sides
        )

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
    def _no_jit(self):
        """No JIT compilation for the rest of the transaction: PostgreSQL
        would compile the few hundred expressions of the comparison's plan
        for longer (over a second on the benchmark) than it runs."""
        self.env.cr.execute(SQL("SET LOCAL jit = off"))

    @api.model
    def _range_condition(self, column, date_from, date_to, timestamp=False):
        """``column`` within ``date_from`` .. ``date_to`` (both days
        included); ``timestamp``: the column is a UTC datetime."""
        if timestamp:
            return SQL("(%s >= %s::date AND %s < %s::date + 1)", column, date_from, column, date_to)
        return SQL("%s BETWEEN %s AND %s", column, date_from, date_to)

    @api.model
    def _id_conditions(self, column, ids):
        """``column`` in ``ids`` (a recordset or a list of ids), or no
        condition for None."""
        if ids is None:
            return []
        if isinstance(ids, models.BaseModel):
            ids = ids.ids
        return [SQL("%s = ANY(%s)", column, sorted(set(ids)))]

    @api.model
    def _scope_conditions(self, partner_column, user_column, scope):
        """``scope`` (``(partner_ids, user_ids)``): the partner in the first
        or the user in the second; no condition for None."""
        if scope is None:
            return []
        partner_ids, user_ids = scope
        return [
            SQL(
                "(%s = ANY(%s) OR %s = ANY(%s))",
                partner_column,
                sorted(set(partner_ids)),
                user_column,
                sorted(set(user_ids)),
            )
        ]

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
