# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sales Analysis: revenue and delivered quantities of a period against a
comparison period, per product category, customer (a commercial entity, with
its state and country), salesperson and sales team, for pivot, graph and list.

The rows belong to a ``sale.care.sales.analysis.run`` (one opening of the
analysis) and are written by it only, from one grouped statement of
``sale.care.figures``; the views group them at every drill level.  The
change in % of a group is computed from the group's sums, not summed.

The table is the model's own (``_auto = False``, made by :meth:`init`):
snapshots of openings, written in bulk, it has no foreign keys, which would
check each of the tens of thousands of rows of an opening eight times (7.6 s
of 13 s for two years to date on the benchmark).

:meth:`_compare` gives the same figures straight from the books, as plain
rows, for reports."""

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import create_index

# The drill-down keys of _compare: the figures component's key -> field here.
COMPARE_KEYS = {
    "category": "categ_id",
    "state": "state_id",
    "country": "country_id",
    "salesperson": "user_id",
    "team": "team_id",
    "partner": "partner_id",
}


class SaleCareSalesAnalysis(models.Model):
    _name = "sale.care.sales.analysis"
    _inherit = ["sale.care.revenue.change.mixin"]
    _description = "Sales Analysis"
    _order = "revenue_change, id"
    _auto = False
    _log_access = False

    revenue = fields.Monetary(
        readonly=True,
        groups="sales_team.group_sale_salesman",
        help="Posted invoices minus credit notes of the period, untaxed, in company currency.",
    )
    revenue_compare = fields.Monetary(
        string="Compared Revenue",
        readonly=True,
        groups="sales_team.group_sale_salesman",
        help="The same for the period compared with.",
    )
    revenue_change = fields.Monetary(
        string="Change", readonly=True, groups="sales_team.group_sale_salesman"
    )
    revenue_change_percent = fields.Float(
        string="Change %",
        readonly=True,
        digits=(16, 1),
        groups="sales_team.group_sale_salesman",
        help="The change against the compared revenue; empty when nothing was sold then.",
    )
    quantity = fields.Float(
        string="Delivered",
        readonly=True,
        digits="Product Unit",
        groups="sales_team.group_sale_salesman",
        help="Quantities delivered to the customers in the period minus their returns, "
        "in the products' units.",
    )
    quantity_compare = fields.Float(
        string="Compared Delivered",
        readonly=True,
        digits="Product Unit",
        groups="sales_team.group_sale_salesman",
    )
    quantity_change = fields.Float(
        string="Delivered Change",
        readonly=True,
        digits="Product Unit",
        groups="sales_team.group_sale_salesman",
    )
    run_id = fields.Many2one(
        "sale.care.sales.analysis.run", string="Periods", required=True, readonly=True
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
        """The table of the rows, made again empty on each install and
        update: its rows are snapshots of openings, kept a day at most (an
        opening from before an update shows nothing; the menu opens a new
        one), and the table follows the fields without migrations.

        And an index for the books: the revenue of two periods is read from
        the invoice lines of those days only
        (``sale.care.figures._comparison_query``); a covering index of the
        posted product lines by company and invoice date lets PostgreSQL read
        them from the index alone.  Without it each opening scans every
        invoice line of the books (their largest table): opening last month
        then costs as much as opening two years, and grows with the history;
        with it the cost follows the periods asked for."""
        cr = self.env.cr
        table = SQL.identifier(self._table)
        cr.execute(SQL("DROP TABLE IF EXISTS %s", table))
        cr.execute(
            SQL(
                """
                CREATE TABLE %s (
                    id SERIAL PRIMARY KEY,
                    run_id INTEGER NOT NULL,
                    company_id INTEGER,
                    categ_id INTEGER,
                    partner_id INTEGER,
                    user_id INTEGER,
                    team_id INTEGER,
                    state_id INTEGER,
                    country_id INTEGER,
                    revenue NUMERIC,
                    revenue_compare NUMERIC,
                    revenue_change NUMERIC,
                    revenue_change_percent NUMERIC,
                    quantity NUMERIC,
                    quantity_compare NUMERIC,
                    quantity_change NUMERIC
                )
                """,
                table,
            )
        )
        create_index(cr, f"{self._table}_run_id_index", self._table, ["run_id"])
        # rows come and go by the tens of thousands: statistics soon after
        cr.execute(
            SQL(
                "ALTER TABLE %s SET (autovacuum_analyze_scale_factor = 0.02,"
                " autovacuum_analyze_threshold = 5000, autovacuum_vacuum_scale_factor = 0.05)",
                table,
            )
        )
        create_index(
            cr,
            "account_move_line_sale_care_revenue_idx",
            "account_move_line",
            ["company_id", "invoice_date", "move_id", "product_id", "balance"],
            where="display_type = 'product' AND parent_state = 'posted'",
        )

    @api.model
    def _own_scope(self):
        """What a salesperson with "own documents" sees of the books, as the
        record rules of this model say it: ``(partner_ids, user_ids)``, the
        customers they care for (any layer) and their own sales; None for
        "all documents", managers and the superuser."""
        if self.env.su or self.env.user.has_group("sales_team.group_sale_salesman_all_leads"):
            return None
        # the customers whose care team the user is on, whatever the
        # memberships' own rules: the rule of the analysis reads them so
        partners = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    (
                        "care_history_ids",
                        "any",
                        [("user_id", "=", self.env.uid), ("is_current", "=", True)],
                    )
                ]
            )
        )
        return partners.ids, self.env.user.ids

    @api.model
    def _compare(
        self,
        period,
        comparison,
        groupby=("category",),
        salespeople=None,
        company=None,
        limit=None,
    ):
        """The analysis straight from the books, for a report: one row per
        group, the largest fall first.  Reads only (no run, no rows).

        :param period: ``(date_from, date_to)``
        :param comparison: ``(date_from, date_to)`` compared with
        :param groupby: keys of :data:`COMPARE_KEYS` (``category``, ``state``,
            ``country``, ``salesperson``, ``team``, ``partner``)
        :param salespeople: ``res.users``: only their invoices and orders
        :param limit: the first rows only
        :return: list of dicts: the group's records under the names of the
            fields of this model (``categ_id``, ``partner_id``...),
            ``revenue``, ``revenue_compare``, ``revenue_change``,
            ``revenue_change_percent`` (None when nothing was sold in the
            compared period), ``quantity``, ``quantity_compare``,
            ``quantity_change``

        The caller gets what the analysis shows them: refused without Sales
        rights or outside their companies, their own figures only with "own
        documents" (:meth:`_own_scope`).
        """
        company = company or self.env.company
        self.env["sale.care.sales.analysis.run"]._check_analysis_access(company)
        keys = list(groupby)
        unknown = set(keys) - set(COMPARE_KEYS)
        if unknown:
            raise ValueError(f"Unknown group-by keys {sorted(unknown)}; use {sorted(COMPARE_KEYS)}")
        # the figures read the books past record rules: the caller was just
        # checked, and the scope keeps "own documents" to their own figures
        rows = self.env["sale.care.figures"].get_revenue_comparison(
            period,
            comparison,
            keys,
            salespeople=salespeople,
            company=company,
            scope=self._own_scope(),
        )
        records = {}
        for key in keys:
            comodel = self.env[self._fields[COMPARE_KEYS[key]].comodel_name]
            ids = {row[key] for row in rows if row[key]}
            records[key] = {record.id: record for record in comodel.browse(sorted(ids))}
            records[key][None] = comodel
        result = []
        for row in rows:
            revenue, compare = row["revenue"], row["revenue_compare"]
            values = {COMPARE_KEYS[key]: records[key][row[key] or None] for key in keys}
            values.update(
                revenue=revenue,
                revenue_compare=compare,
                revenue_change=revenue - compare,
                revenue_change_percent=(
                    round(100.0 * (revenue - compare) / abs(compare), 1) if compare else None
                ),
                quantity=row["quantity"],
                quantity_compare=row["quantity_compare"],
                quantity_change=row["quantity"] - row["quantity_compare"],
            )
            result.append(values)
        result.sort(key=lambda values: values["revenue_change"])
        return result[:limit] if limit else result
