# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One opening of the Sales Analysis (seed 000 C: which product lines fall or
rise, in which regions, with which salespeople and customers).

A run holds what the manager asked for (a period, the period it is compared
with, the company, optionally some salespeople) and owns the rows of
``sale.care.sales.analysis`` read for it from the books by one grouped
statement of ``sale.care.figures`` when the analysis opens.  Every drill
level of the pivot, graph and list then groups these rows only: the books
are read once per opening, not once per click.  Runs are the user's own
(record rules) and the autovacuum drops them after a day."""

import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date

_logger = logging.getLogger(__name__)

PERIODS = [
    ("last_month", "Last Month"),
    ("this_month", "This Month"),
    ("last_quarter", "Last Quarter"),
    ("this_year", "Year to Date"),
    ("last_12_months", "Last 12 Months"),
    ("custom", "Custom"),
]

COMPARISONS = [
    ("last_year", "Same Period Last Year"),
    ("previous", "Previous Period"),
    ("custom", "Custom"),
]

# The default of the menu: the last complete month against the same month a
# year before (see _default_periods).
DEFAULT_PERIOD = "last_month"
DEFAULT_COMPARISON = "last_year"

# Runs older than this are dropped by the autovacuum (with their rows).
RUN_MAX_HOURS = 24

# A run of this many rows or more, and more than this share of the rows the
# table's statistics know of, refreshes them (see _fill).
ANALYZE_ABOVE = 5000
ANALYZE_SHARE = 0.2

# The temporary table of a run's figures, between the grouped statement and
# the rows (see _fill).
FILL_TABLE = SQL.identifier("sale_care_sales_analysis_fill")

# The URL path of the menu's action (action_sale_care_sales_analysis_open): the
# analysis keeps it, so that a reload opens it again on the default periods.
ANALYSIS_PATH = "sales-analysis"


class SaleCareSalesAnalysisRun(models.Model):
    _name = "sale.care.sales.analysis.run"
    _description = "Sales Analysis Periods"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name")
    period = fields.Selection(PERIODS, required=True, default=DEFAULT_PERIOD, readonly=True)
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    comparison = fields.Selection(
        COMPARISONS,
        string="Compared With",
        required=True,
        default=DEFAULT_COMPARISON,
        readonly=True,
    )
    compare_from = fields.Date(string="Compared From", required=True, readonly=True)
    compare_to = fields.Date(string="Compared To", required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    user_ids = fields.Many2many(
        "res.users",
        string="Salespeople",
        readonly=True,
        help="Only the invoices and orders of these salespeople; all when empty.",
    )

    @api.depends("date_from", "date_to", "compare_from", "compare_to", "user_ids")
    def _compute_name(self):
        for run in self:
            name = self.env._(
                "%(period)s vs %(comparison)s",
                period=run._format_range(run.date_from, run.date_to),
                comparison=run._format_range(run.compare_from, run.compare_to),
            )
            if run.user_ids:
                name = f"{name} ({', '.join(run.user_ids.sorted('name').mapped('name'))})"
            run.name = name

    # ------------------------------------------------------------------
    # Periods
    # ------------------------------------------------------------------
    @api.model
    def _period_dates(self, period, today):
        """``(date_from, date_to)`` of a named period ending by ``today``;
        None for ``custom``."""
        month = today.replace(day=1)
        if period == "last_month":
            start = month - relativedelta(months=1)
            return start, month - timedelta(days=1)
        if period == "this_month":
            return month, today
        if period == "last_quarter":
            quarter = month.replace(month=month.month - (month.month - 1) % 3)
            start = quarter - relativedelta(months=3)
            return start, quarter - timedelta(days=1)
        if period == "this_year":
            return today.replace(month=1, day=1), today
        if period == "last_12_months":
            return today - relativedelta(years=1) + timedelta(days=1), today
        return None

    @api.model
    def _comparison_dates(self, comparison, date_from, date_to):
        """``(compare_from, compare_to)``: the same days a year before
        (``last_year``, a month end stays a month end), or as many days, or
        whole months, just before (``previous``); None for ``custom``."""
        if not (date_from and date_to) or comparison == "custom":
            return None
        if comparison == "last_year":
            compare_to = date_to - relativedelta(years=1)
            if self._is_month_end(date_to):
                compare_to += relativedelta(day=31)
            return date_from - relativedelta(years=1), compare_to
        if date_from.day == 1 and self._is_month_end(date_to):
            months = (date_to.year - date_from.year) * 12 + date_to.month - date_from.month + 1
            return date_from - relativedelta(months=months), date_from - timedelta(days=1)
        return date_from - (date_to - date_from) - timedelta(days=1), date_from - timedelta(days=1)

    @api.model
    def _default_periods(self, today=None):
        """The analysis opens on the last complete month against the same
        month a year before: a month's books are complete once it is over,
        two months of the same season compare like with like, and it is the
        month the monthly sales meeting reviews (seed 002).  Year to date
        would hide this month's fall in the year's total, and is a few days
        long in January."""
        today = today or fields.Date.context_today(self)
        date_from, date_to = self._period_dates(DEFAULT_PERIOD, today)
        compare_from, compare_to = self._comparison_dates(DEFAULT_COMPARISON, date_from, date_to)
        return {
            "period": DEFAULT_PERIOD,
            "comparison": DEFAULT_COMPARISON,
            "date_from": date_from,
            "date_to": date_to,
            "compare_from": compare_from,
            "compare_to": compare_to,
        }

    # ------------------------------------------------------------------
    # Opening the analysis
    # ------------------------------------------------------------------
    @api.model
    def _action_open_default(self):
        """The menu: the default periods, in the user's current company."""
        return self._open_analysis(**self._default_periods())

    @api.model
    def _open_analysis(
        self,
        date_from,
        date_to,
        compare_from,
        compare_to,
        company=None,
        salespeople=None,
        period="custom",
        comparison="custom",
    ):
        """Read the figures of the two periods into a new run of the current
        user and return the window action showing them."""
        company = company or self.env.company
        self._check_analysis_access(company)
        if date_to < date_from or compare_to < compare_from:
            raise UserError(self.env._("A period of the sales analysis ends before it starts."))
        scope = self.env["sale.care.sales.analysis"]._own_scope()
        # runs are read-only to their owners: they are created here only,
        # after the caller was checked, with the caller as their owner
        run = (
            self.sudo()
            .with_company(company)
            .create(
                {
                    "period": period,
                    "comparison": comparison,
                    "date_from": date_from,
                    "date_to": date_to,
                    "compare_from": compare_from,
                    "compare_to": compare_to,
                    "company_id": company.id,
                    "user_ids": [fields.Command.set(salespeople.ids if salespeople else [])],
                }
            )
        )
        run._fill(scope)
        return run.sudo(False)._action_view()

    @api.model
    def _check_analysis_access(self, company):
        """Salespeople and managers, in a company they work for (the user's
        own companies, not the ones a client names in its context)."""
        self.env["res.users"]._care_require_group(
            "sales_team.group_sale_salesman",
            self.env._("Only salespeople and sales managers can open the sales analysis."),
        )
        self.env["res.users"]._care_require_company(
            company,
            self.env._(
                "You do not work for %(company)s: you cannot analyse its sales.",
                company=company.display_name,
            ),
        )

    def _fill(self, scope=None):
        """The rows of the run: one grouped statement of the figures
        component (revenue and deliveries of both periods per product
        category, customer, salesperson and team), inserted as it comes.
        ``scope``: see ``sale.care.figures.get_revenue_comparison``; the
        record rules say the same when the rows are read.

        :return: the number of rows"""
        self.ensure_one()
        Line = self.env["sale.care.sales.analysis"]
        comparison = self.env["sale.care.figures"]._comparison_query(
            (self.date_from, self.date_to),
            (self.compare_from, self.compare_to),
            ("category", "partner", "salesperson", "team", "state", "country"),
            salespeople=self.user_ids if self.user_ids else None,
            company=self.company_id,
            scope=scope,
        )
        self.env.flush_all()
        cr = self.env.cr
        self.env["sale.care.figures"]._no_jit()
        # PostgreSQL runs an INSERT ... SELECT in one process, but a CREATE
        # TABLE AS SELECT in parallel: the grouped statement fills a
        # temporary table (2-3 times faster on the benchmark), then its rows
        # are copied as they are
        cr.execute(SQL("CREATE TEMPORARY TABLE %s ON COMMIT DROP AS %s", FILL_TABLE, comparison))
        cr.execute(
            SQL(
                """
                INSERT INTO %(table)s (
                    run_id, company_id, categ_id, partner_id, user_id, team_id, state_id,
                    country_id, revenue, revenue_compare, revenue_change,
                    revenue_change_percent, quantity, quantity_compare, quantity_change)
                SELECT %(run)s, %(company)s, f.category, f.partner, f.salesperson, f.team,
                       f.state, f.country, f.revenue, f.revenue_compare,
                       f.revenue - f.revenue_compare,
                       %(percent)s,
                       f.quantity, f.quantity_compare, f.quantity - f.quantity_compare
                  FROM %(fill)s AS f
                """,
                table=SQL.identifier(Line._table),
                run=self.id,
                company=self.company_id.id,
                percent=Line._change_percent_sql(SQL("f.revenue"), SQL("f.revenue_compare")),
                fill=FILL_TABLE,
            )
        )
        count = cr.rowcount
        cr.execute(SQL("DROP TABLE %s", FILL_TABLE))
        # PostgreSQL plans the drill levels from the table's statistics: a run
        # that they do not know of once took 100,000 rows for one and nested
        # loops grouped them (1.4 s a level on the benchmark instead of
        # 0.1 s). A large run refreshes them, unless the table is so much
        # larger that it counts little (the autovacuum then does it soon,
        # see the table's settings in sale.care.sales.analysis.init)
        cr.execute(SQL("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", Line._table))
        known = cr.fetchone()[0]
        if count >= ANALYZE_ABOVE and count > ANALYZE_SHARE * known:
            cr.execute(SQL("ANALYZE %s", SQL.identifier(Line._table)))
        return count

    def _action_view(self):
        """The views of the run's rows: the pivot by product category, the
        largest fall first."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale_customer_care.action_sale_care_sales_analysis"
        )
        action.pop("id", None)
        name = self.env._("Sales Analysis: %(name)s", name=self.name)
        action.update(
            name=name,
            display_name=name,  # the breadcrumb's
            path=ANALYSIS_PATH,
            domain=[("run_id", "=", self.id)],
            context={
                "sale_care_analysis_run_id": self.id,
                "search_default_group_categ": 1,
                "pivot_measures": [
                    "revenue_compare",
                    "revenue",
                    "revenue_change",
                    "revenue_change_percent",
                    "quantity_compare",
                    "quantity",
                ],
            },
        )
        return action

    @api.model
    def _format_range(self, date_from, date_to):
        """A period as people say it, short for the breadcrumb: "Nov 2026",
        "Jul 2026 - Sep 2026", "2025", else both days."""
        if not (date_from and date_to):
            return ""
        if date_from.day == 1 and self._is_month_end(date_to):
            if date_from.month == date_to.month and date_from.year == date_to.year:
                return format_date(self.env, date_from, date_format="MMM y")
            if date_from.month == 1 and date_to.month == 12 and date_from.year == date_to.year:
                return str(date_from.year)
            return self.env._(
                "%(start)s - %(end)s",
                start=format_date(self.env, date_from, date_format="MMM y"),
                end=format_date(self.env, date_to, date_format="MMM y"),
            )
        return self.env._(
            "%(start)s - %(end)s",
            start=format_date(self.env, date_from),
            end=format_date(self.env, date_to),
        )

    @api.model
    def _is_month_end(self, day):
        return day == day + relativedelta(day=31)

    @api.autovacuum
    def _gc_runs(self):
        """Drop the runs of more than a day ago and their rows (and the rows
        of runs gone some other way: the rows' table has no foreign key)."""
        limit = fields.Datetime.now() - timedelta(hours=RUN_MAX_HOURS)
        runs = self.sudo().search([("create_date", "<", limit)])
        self.env.cr.execute(
            SQL(
                """
                DELETE FROM %(rows)s r
                 WHERE r.run_id = ANY(%(old)s)
                    OR NOT EXISTS (SELECT 1 FROM %(runs)s WHERE id = r.run_id)
                """,
                rows=SQL.identifier(self.env["sale.care.sales.analysis"]._table),
                old=runs.ids,
                runs=SQL.identifier(self._table),
            )
        )
        runs.unlink()
        _logger.info("Sales analysis: %s old runs dropped", len(runs))
