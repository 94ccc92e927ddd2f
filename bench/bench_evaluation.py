# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the customer tier and stage evaluation.

Builds a synthetic company (by default 20,000 commercial customers and
1,000,000 posted customer invoice lines over 24 months, inserted in bulk with
SQL and committed), then, inside one transaction that is rolled back at the
end, measures:

* the single grouped SQL aggregate of the invoiced revenue per customer over
  the last 12 months (the figure the tiers are based on), best of 3;
* ``customer.care.evaluation._evaluate_all()`` in the cold state (no tier nor
  stage yet: every customer changes) and in the steady state (nothing
  changes), with the number of SQL queries and of batches;
* the partner-by-partner baseline (``evaluate_partners(partner)`` for each
  partner of a sample), extrapolated to all customers;
* the number of queries of ``evaluate_partners`` for growing sets of partners.

Run it as a script that builds its own registry::

    python3 bench/bench_evaluation.py -c odoo.conf -d DB [--customers 2000 ...]

or in Odoo's shell (options in ``BENCH_ARGS``)::

    BENCH_ARGS="--customers 2000 --lines 100000" \\
        odoo shell -c odoo.conf -d DB --no-http < bench/bench_evaluation.py

``bench/run`` does all of it on a throwaway PostgreSQL cluster.
"""

import argparse
import cProfile
import io
import math
import os
import pstats
import re
import shlex
import sys
import threading
import time
from ast import literal_eval
from contextlib import contextmanager

MARK = "BENCH-CARE"  # ref of the synthetic customers
DEFAULT_CUSTOMERS = 20_000
DEFAULT_LINES = 1_000_000


def parse_args(argv):
    env = os.environ.get
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", help="odoo.conf (script mode)")
    parser.add_argument("-d", "--database", help="database (script mode)")
    parser.add_argument(
        "--customers", type=int, default=int(env("BENCH_CUSTOMERS", DEFAULT_CUSTOMERS))
    )
    parser.add_argument("--lines", type=int, default=int(env("BENCH_LINES", DEFAULT_LINES)))
    parser.add_argument(
        "--lines-per-invoice", type=int, default=10, help="average number of product lines"
    )
    parser.add_argument(
        "--prospects", type=float, default=0.10, help="share of customers without invoices"
    )
    parser.add_argument("--refunds", type=float, default=0.05, help="share of credit notes")
    parser.add_argument(
        "--orders", type=int, default=None, help="confirmed sale orders (default customers/4)"
    )
    parser.add_argument("--products", type=int, default=50)
    parser.add_argument(
        "--contacts", type=int, default=1, help="contacts (child partners) per customer"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=int(env("BENCH_REPEAT", 2)),
        help="cold evaluations to run (best one kept)",
    )
    parser.add_argument(
        "--baseline-sample",
        type=int,
        default=int(env("BENCH_BASELINE", 500)),
        help="partners evaluated one at a time for the baseline",
    )
    parser.add_argument(
        "--scaling",
        default=env("BENCH_SCALING", "1000,2000,4000,8000"),
        help="comma-separated partner counts for the query-count scaling",
    )
    parser.add_argument(
        "--profile", action="store_true", help="profile one cold evaluate_all (cProfile)"
    )
    parser.add_argument(
        "--queries", action="store_true", help="list the most frequent queries of evaluate_all"
    )
    parser.add_argument("--build-only", action="store_true", help="build the data, measure nothing")
    return parser.parse_args(argv)


def say(message):
    print(message, flush=True)


@contextmanager
def stopwatch():
    """Yields a dict filled with ``seconds`` and ``queries`` (of the thread's
    cursor counter) and ``sql`` (seconds spent in PostgreSQL)."""
    from odoo import sql_db

    thread = threading.current_thread()
    thread.query_time = 0.0
    result = {}
    queries = sql_db.sql_counter
    start = time.perf_counter()
    try:
        yield result
    finally:
        result["seconds"] = time.perf_counter() - start
        result["queries"] = sql_db.sql_counter - queries
        result["sql"] = thread.query_time
        del thread.query_time


@contextmanager
def no_commit(cr):
    """Make any commit inside the block fail loudly."""

    def refuse():
        raise RuntimeError("the benchmark must not commit while measuring")

    cr.commit = refuse
    try:
        yield
    finally:
        del cr.commit


# ----------------------------------------------------------------------
# The synthetic company
# ----------------------------------------------------------------------
def ensure_accounting(env, company):
    if not company.chart_template:
        say("loading the generic chart of accounts")
        env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
        env.cr.commit()
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
    )
    receivable = env["account.account"].search(
        [("account_type", "=", "asset_receivable"), ("company_ids", "in", company.id)],
        order="code",
        limit=1,
    )
    income = journal.default_account_id
    if not (journal and receivable and income):
        raise RuntimeError(f"{company.name} has no sale journal or accounts")
    return journal, income, receivable


def bench_customer_count(env):
    env.cr.execute("SELECT COUNT(*) FROM res_partner WHERE ref LIKE %s", [MARK + "-%"])
    return env.cr.fetchone()[0]


def build_company(env, args):
    """Insert the customers, invoices, orders and opportunities; commit."""
    cr = env.cr
    company = env.ref("base.main_company")
    journal, income, receivable = ensure_accounting(env, company)
    categories = env["product.category"].create(
        [{"name": f"Bench category {i}"} for i in range(1, 6)]
    )
    products = env["product.product"].create(
        [
            {
                "name": f"Bench product {i}",
                "categ_id": categories[i % len(categories)].id,
                "list_price": 20 + 10 * i,
                "type": "consu",
            }
            for i in range(1, args.products + 1)
        ]
    )
    env.flush_all()
    today = _today(env)
    moves = max(1, round(args.lines / args.lines_per_invoice))
    buyers = max(1, round(args.customers * (1 - args.prospects)))
    orders = args.customers // 4 if args.orders is None else args.orders
    params = {
        "company": company.id,
        "currency": company.currency_id.id,
        "journal": journal.id,
        "income": income.id,
        "receivable": receivable.id,
        "user": env.ref("base.user_admin").id,
        "today": today,
        "customers": args.customers,
        "buyers": buyers,
        "moves": moves,
        "avg": args.lines_per_invoice,
        "refunds": args.refunds,
        "orders": orders,
        "contacts": args.contacts,
        "mark": MARK,
    }
    cr.execute("SELECT setseed(0.42)")
    steps = [
        ("customers", SQL_CUSTOMERS),
        ("contacts", SQL_CONTACTS),
        ("products", None),
        ("invoices", SQL_MOVES),
        ("invoice lines", SQL_LINES),
        ("receivable lines", SQL_RECEIVABLE_LINES),
        ("invoice totals", SQL_MOVE_TOTALS),
        ("sale orders", SQL_ORDERS),
        ("opportunities", SQL_OPPORTUNITIES),
    ]
    cr.execute(
        """
        CREATE TEMP TABLE bench_product AS
        SELECT ROW_NUMBER() OVER (ORDER BY pp.id)::int AS idx, pp.id, pt.uom_id, pt.name
          FROM product_product pp JOIN product_template pt ON pt.id = pp.product_tmpl_id
         WHERE pp.id = ANY(%s)
        """,
        [products.ids],
    )
    params["products"] = len(products)
    for label, query in steps:
        if query is None:
            continue
        start = time.perf_counter()
        cr.execute(query, params)
        say(f"  {label:<18} {cr.rowcount:>10,} rows  {time.perf_counter() - start:7.1f} s")
    cr.execute("DROP TABLE bench_customer, bench_move, bench_product")
    cr.commit()
    start = time.perf_counter()
    analyze(cr)
    say(f"  {'VACUUM ANALYZE':<18} {'':>10}       {time.perf_counter() - start:7.1f} s")
    env.invalidate_all()


def analyze(cr):
    """VACUUM ANALYZE the bulk-loaded tables (outside any transaction), as
    autovacuum would do on a live database."""
    cnx = cr._cnx
    cnx.autocommit = True
    try:
        for table in ("res_partner", "account_move", "account_move_line", "sale_order", "crm_lead"):
            cr.execute(f"VACUUM ANALYZE {table}")
    finally:
        cnx.autocommit = False


def _today(env):
    from odoo import fields

    return fields.Date.context_today(env["res.partner"])


SQL_CUSTOMERS = """
    CREATE TEMP TABLE bench_customer AS
    SELECT g AS idx, nextval('res_partner_id_seq')::int AS id,
           'Bench Customer ' || lpad(g::text, 6, '0') AS name
      FROM generate_series(1, %(customers)s) g;
    INSERT INTO res_partner (
        id, name, complete_name, commercial_company_name, ref, company_id, commercial_partner_id,
        is_company, type, active, partner_share, employee, customer_rank, supplier_rank,
        autopost_bills, lang, color, email, city, create_uid, write_uid, create_date, write_date)
    SELECT c.id, c.name, c.name, c.name, %(mark)s || '-' || c.idx, %(company)s, c.id,
           TRUE, 'contact', TRUE, TRUE, FALSE, 1 + c.idx %% 5, 0,
           'ask', 'en_US', 0, 'customer' || c.idx || '@example.com', 'Bench City',
           1, 1, now() - interval '3 years', now() - interval '3 years'
      FROM bench_customer c
"""

SQL_CONTACTS = """
    INSERT INTO res_partner (
        name, complete_name, commercial_company_name, parent_id, company_id,
        commercial_partner_id, is_company, type, active, partner_share, employee,
        customer_rank, supplier_rank, autopost_bills, lang, color, create_uid, write_uid,
        create_date, write_date)
    SELECT 'Contact ' || k || ' of ' || c.idx, c.name || ', Contact ' || k || ' of ' || c.idx,
           c.name, c.id, %(company)s, c.id, FALSE, 'contact', TRUE, TRUE, FALSE, 0, 0, 'ask',
           'en_US', 0, 1, 1, now() - interval '3 years', now() - interval '3 years'
      FROM bench_customer c CROSS JOIN generate_series(1, %(contacts)s) k
"""

# Invoices: the first `buyers` customers buy, the busiest ones (low index)
# far more than the others (index ~ buyers * u^2), so that the customers
# spread over all the tiers and stages.
SQL_MOVES = """
    CREATE TEMP TABLE bench_move AS
    SELECT nextval('account_move_id_seq')::int AS id, g,
           (1 + floor(%(buyers)s * power(random(), 2)))::int AS cidx,
           (%(today)s::date - floor(random() * 730)::int) AS invoice_date,
           random() < %(refunds)s AS refund,
           (1 + floor(random() * (2 * %(avg)s - 1)))::int AS n_lines
      FROM generate_series(1, %(moves)s) g;
    ALTER TABLE bench_move
      ADD COLUMN name varchar, ADD COLUMN prefix varchar, ADD COLUMN sign int;
    UPDATE bench_move
       SET prefix = CASE WHEN refund THEN 'BRINV/' ELSE 'BINV/' END,
           name = CASE WHEN refund THEN 'BRINV/' ELSE 'BINV/' END || lpad(g::text, 7, '0'),
           sign = CASE WHEN refund THEN 1 ELSE -1 END;
    INSERT INTO account_move (
        id, name, sequence_prefix, sequence_number, journal_id, company_id, currency_id, state,
        move_type, auto_post, date, invoice_date, invoice_date_due, partner_id,
        commercial_partner_id, invoice_partner_display_name, payment_state, invoice_user_id,
        invoice_currency_rate, posted_before, checked, made_sequence_gap, is_move_sent,
        always_tax_exigible, create_uid, write_uid, create_date, write_date)
    SELECT m.id, m.name, m.prefix, m.g, %(journal)s, %(company)s, %(currency)s, 'posted',
           CASE WHEN m.refund THEN 'out_refund' ELSE 'out_invoice' END, 'no', m.invoice_date,
           m.invoice_date, m.invoice_date + 30, c.id, c.id, c.name, 'not_paid', %(user)s,
           1.0, TRUE, TRUE, FALSE, FALSE, FALSE, %(user)s, %(user)s, m.invoice_date,
           m.invoice_date
      FROM bench_move m JOIN bench_customer c ON c.idx = m.cidx
"""

SQL_LINES = """
    INSERT INTO account_move_line (
        move_id, journal_id, company_id, company_currency_id, account_id, currency_id,
        partner_id, product_id, product_uom_id, move_name, parent_state, name, display_type,
        sequence, date, invoice_date, quantity, price_unit, discount, price_subtotal,
        price_total, debit, credit, balance, amount_currency, amount_residual,
        amount_residual_currency, tax_base_amount, reconciled, create_uid, write_uid,
        create_date, write_date)
    SELECT m.id, %(journal)s, %(company)s, %(currency)s, %(income)s, %(currency)s, c.id, p.id,
           p.uom_id, m.name, 'posted', p.name->>'en_US', 'product', 10 + l.seq, m.invoice_date,
           m.invoice_date, l.qty, l.price, 0, l.qty * l.price, l.qty * l.price,
           CASE WHEN m.refund THEN l.qty * l.price ELSE 0 END,
           CASE WHEN m.refund THEN 0 ELSE l.qty * l.price END,
           m.sign * l.qty * l.price, m.sign * l.qty * l.price, 0, 0, 0, FALSE,
           %(user)s, %(user)s, m.invoice_date, m.invoice_date
      FROM bench_move m
      JOIN bench_customer c ON c.idx = m.cidx
      CROSS JOIN LATERAL (
            SELECT s AS seq, 1 + floor(random() * 10)::int AS qty,
                   round((20 + random() * 480)::numeric, 2) AS price,
                   1 + floor(random() * %(products)s)::int AS pidx
              FROM generate_series(1, m.n_lines) s) l
      JOIN bench_product p ON p.idx = l.pidx
"""

SQL_RECEIVABLE_LINES = """
    INSERT INTO account_move_line (
        move_id, journal_id, company_id, company_currency_id, account_id, currency_id,
        partner_id, move_name, parent_state, name, display_type, sequence, date, invoice_date,
        date_maturity, quantity, price_unit, discount, price_subtotal, price_total, debit,
        credit, balance, amount_currency, amount_residual, amount_residual_currency,
        tax_base_amount, reconciled, create_uid, write_uid, create_date, write_date)
    SELECT m.id, %(journal)s, %(company)s, %(currency)s, %(receivable)s, %(currency)s, c.id,
           m.name, 'posted', m.name, 'payment_term', 10000, m.invoice_date, m.invoice_date,
           m.invoice_date + 30, 1, 0, 0, 0, 0, GREATEST(-t.balance, 0), GREATEST(t.balance, 0),
           -t.balance, -t.balance, -t.balance, -t.balance, 0, FALSE,
           %(user)s, %(user)s, m.invoice_date, m.invoice_date
      FROM bench_move m
      JOIN bench_customer c ON c.idx = m.cidx
      JOIN (SELECT move_id, SUM(balance) AS balance
              FROM account_move_line
             WHERE move_id >= (SELECT MIN(id) FROM bench_move)
             GROUP BY move_id) t ON t.move_id = m.id
"""

SQL_MOVE_TOTALS = """
    UPDATE account_move am
       SET amount_untaxed = abs(t.balance), amount_total = abs(t.balance),
           amount_residual = abs(t.balance), amount_tax = 0, amount_tax_signed = 0,
           amount_untaxed_signed = -t.balance, amount_total_signed = -t.balance,
           amount_residual_signed = -t.balance, amount_untaxed_in_currency_signed = -t.balance,
           amount_total_in_currency_signed = -t.balance
      FROM (SELECT move_id, SUM(balance) AS balance
              FROM account_move_line
             WHERE display_type = 'product' AND move_id >= (SELECT MIN(id) FROM bench_move)
             GROUP BY move_id) t
     WHERE am.id = t.move_id
"""

SQL_ORDERS = """
    INSERT INTO sale_order (
        name, state, company_id, partner_id, partner_invoice_id, partner_shipping_id,
        date_order, picking_policy, currency_id, currency_rate, user_id, amount_untaxed,
        amount_tax, amount_total, invoice_status, create_uid, write_uid, create_date,
        write_date)
    SELECT 'BSO' || lpad(o.g::text, 6, '0'), 'sale', %(company)s, c.id, c.id, c.id,
           o.at, 'direct', %(currency)s, 1.0, %(user)s, o.amount, 0, o.amount, 'invoiced',
           %(user)s, %(user)s, o.at, o.at
      FROM (SELECT g, (1 + floor(random() * %(customers)s))::int AS cidx,
                   %(today)s::timestamp + interval '12 hours'
                       - floor(random() * 730)::int * interval '1 day' AS at,
                   round((100 + random() * 9900)::numeric, 2) AS amount
              FROM generate_series(1, %(orders)s) g) o
      JOIN bench_customer c ON c.idx = o.cidx
"""

# An open opportunity for a third of the prospects (customers without invoices).
SQL_OPPORTUNITIES = """
    INSERT INTO crm_lead (
        name, type, partner_id, active, won_status, company_id, user_id, probability,
        create_uid, write_uid, create_date, write_date)
    SELECT 'Bench opportunity ' || c.idx, 'opportunity', c.id, TRUE, 'pending', %(company)s,
           %(user)s, 20, %(user)s, %(user)s, now(), now()
      FROM bench_customer c
     WHERE c.idx > %(buyers)s AND c.idx %% 3 = 0
"""


def data_figures(env):
    cr = env.cr
    cr.execute(
        """
        SELECT (SELECT COUNT(*) FROM res_partner WHERE ref LIKE %(mark)s),
               (SELECT COUNT(*) FROM account_move
                 WHERE move_type IN ('out_invoice', 'out_refund') AND state = 'posted'),
               (SELECT COUNT(*) FROM account_move WHERE move_type = 'out_refund'),
               (SELECT COUNT(*) FROM account_move_line WHERE display_type = 'product'),
               (SELECT COUNT(*) FROM account_move_line),
               (SELECT COUNT(*) FROM sale_order WHERE state = 'sale'),
               (SELECT COUNT(*) FROM res_partner)
        """,
        {"mark": MARK + "-%"},
    )
    return dict(
        zip(
            ("customers", "moves", "refunds", "product_lines", "all_lines", "orders", "partners"),
            cr.fetchone(),
            strict=True,
        )
    )


# ----------------------------------------------------------------------
# Measures
# ----------------------------------------------------------------------
AGGREGATE = """
    SELECT am.commercial_partner_id, SUM(-aml.balance)
      FROM account_move_line aml
      JOIN account_move am ON am.id = aml.move_id
     WHERE am.state = 'posted'
       AND am.move_type IN ('out_invoice', 'out_refund')
       AND aml.display_type = 'product'
       AND am.company_id = %s
       AND am.invoice_date >= %s AND am.invoice_date <= %s
     GROUP BY 1
"""


def time_aggregate(env, company, runs=3):
    today = _today(env)
    date_from = env["res.partner"]._care_12m_start(today)
    best, rows = math.inf, 0
    for _i in range(runs):
        with stopwatch() as watch:
            env.cr.execute(AGGREGATE, [company.id, date_from, today])
            rows = len(env.cr.fetchall())
        best = min(best, watch["seconds"])
    figures = env["sale.care.figures"]
    best_component = math.inf
    for _i in range(runs):
        with stopwatch() as watch:
            figures.get_revenue_by_partner(None, date_from, today, company)
        best_component = min(best_component, watch["seconds"])
    return best, rows, best_component


def evaluation_batches(env):
    Evaluation = env["customer.care.evaluation"]
    from odoo.addons.sale_customer_care.models.customer_care_evaluation import BATCH_SIZE

    counts = [len(Evaluation._scope_ids(domain)) for _c, domain in Evaluation._evaluation_scopes()]
    return sum(math.ceil(count / BATCH_SIZE) for count in counts), sum(counts)


def change_counts(env):
    cr = env.cr
    cr.execute(
        """
        SELECT (SELECT COUNT(*) FROM customer_tier_history),
               (SELECT COUNT(*) FROM customer_stage_history),
               (SELECT COUNT(*) FROM mail_message WHERE model = 'res.partner')
        """
    )
    return cr.fetchone()


def evaluate_all(env):
    """One ``evaluate_all`` with every write flushed, measured."""
    before = change_counts(env)
    with stopwatch() as watch:
        count = env["customer.care.evaluation"]._evaluate_all()
        env.flush_all()
    after = change_counts(env)
    watch["evaluated"] = count
    watch["tier_changes"] = after[0] - before[0]
    watch["stage_changes"] = after[1] - before[1]
    watch["messages"] = after[2] - before[2]
    return watch


def reset(env):
    """Back to the committed cold state: no tier, no stage, no history."""
    env.cr.rollback()
    env.invalidate_all()


def distribution(env):
    env.cr.execute(
        """
        SELECT COALESCE(t.code, '-'),
               COALESCE(p.relationship_stage ->> COALESCE(p.company_id, %s)::text, '-'),
               COUNT(*)
          FROM res_partner p
          LEFT JOIN customer_tier t
                 ON t.id = (p.customer_tier_id ->> COALESCE(p.company_id, %s)::text)::int
         WHERE p.ref LIKE %s
         GROUP BY 1, 2
        """,
        [env.company.id, env.company.id, MARK + "-%"],
    )
    tiers, stages = {}, {}
    for tier, stage, count in env.cr.fetchall():
        tiers[tier] = tiers.get(tier, 0) + count
        stages[stage] = stages.get(stage, 0) + count
    return tiers, stages


def customer_ids(env):
    env.cr.execute("SELECT id FROM res_partner WHERE ref LIKE %s ORDER BY id", [MARK + "-%"])
    return [row[0] for row in env.cr.fetchall()]


def baseline(env, sample_size):
    """Partner by partner through the ORM, on an evenly spread sample."""
    ids = customer_ids(env)
    step = max(1, len(ids) // max(1, sample_size))
    sample = ids[::step][:sample_size]
    Evaluation = env["customer.care.evaluation"]
    Partner = env["res.partner"]
    with stopwatch() as watch:
        for partner_id in sample:
            Evaluation._evaluate_partners(Partner.browse(partner_id))
        env.flush_all()
    watch["partners"] = len(sample)
    return watch


def scaling(env, sizes):
    from odoo.addons.sale_customer_care.models.customer_care_evaluation import BATCH_SIZE

    ids = customer_ids(env)
    rows = []
    for size in sizes:
        if size > len(ids):
            continue
        reset(env)
        partners = env["res.partner"].browse(ids[:size])
        with stopwatch() as watch:
            env["customer.care.evaluation"]._evaluate_partners(partners)
            env.flush_all()
        rows.append((size, math.ceil(size / BATCH_SIZE), watch["queries"], watch["seconds"]))
    return rows


def query_shapes(env, limit=15):
    """The most frequent statements of one cold ``evaluate_all``."""
    reset(env)
    shapes = {}

    def hook(cr, query, params, start, delay):
        text = query.decode() if isinstance(query, bytes) else str(query)
        key = re.sub(r"\s+", " ", text).strip()[:140]
        count, seconds = shapes.get(key, (0, 0.0))
        shapes[key] = (count + 1, seconds + delay)

    thread = threading.current_thread()
    hooks = getattr(thread, "query_hooks", ())
    thread.query_hooks = (*hooks, hook)
    try:
        evaluate_all(env)
    finally:
        thread.query_hooks = hooks
    top = sorted(shapes.items(), key=lambda item: -item[1][0])[:limit]
    return "\n".join(
        f"{count:>7} {1000 * seconds:>9.0f} ms  {key}" for key, (count, seconds) in top
    )


def profile_evaluation(env, limit=30):
    reset(env)
    profiler = cProfile.Profile()
    profiler.enable()
    evaluate_all(env)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(limit)
    out.write("\n--- by own time ---\n")
    stats.sort_stats("tottime").print_stats(limit)
    return out.getvalue()


# ----------------------------------------------------------------------
# Growth (issue 11 §3)
# ----------------------------------------------------------------------
def measure_growth(env, company, runs=3):
    """After the evaluation (tiers set): the ranking statement, the growth
    step of the monthly run (top customers and the whitespace snapshot) first
    and steady, the live whitespace question for all top customers, and the
    screens as the web client opens them (Customer Growth pivot, Whitespace
    list grouped by customer, the whitespace of one customer's tab)."""
    today = _today(env)
    Evaluation = env["customer.care.evaluation"]
    Whitespace = env["customer.whitespace"]
    date_from = env["res.partner"]._care_12m_start(today)
    best_ranks, ranked = math.inf, 0
    for _i in range(runs):
        with stopwatch() as watch:
            ranked = len(env["sale.care.figures"].get_customer_ranks(date_from, today, company))
        best_ranks = min(best_ranks, watch["seconds"])
    with stopwatch() as first:
        Evaluation._evaluate_growth(company)
        env.flush_all()
    with stopwatch() as steady:
        Evaluation._evaluate_growth(company)
        env.flush_all()
    env.cr.execute(
        "SELECT COUNT(*) FILTER (WHERE top_customer ->> %(c)s = 'top1'),"
        "       COUNT(*) FILTER (WHERE top_customer ->> %(c)s = 'top2')"
        "  FROM res_partner WHERE id = commercial_partner_id",
        {"c": str(company.id)},
    )
    top1, top2 = env.cr.fetchone()
    top_ids = Evaluation._read_top_customers(company).keys()
    best_live, rows = math.inf, []
    for _i in range(runs):
        with stopwatch() as watch:
            rows = Whitespace._whitespace(list(top_ids), company)
        best_live = min(best_live, watch["seconds"])
    admin = env.ref("base.user_admin")
    History = env["customer.stage.history"].with_user(admin)
    with stopwatch() as pivot:
        History.formatted_read_group(
            [("transition", "!=", "first")], ["date:month", "transition"], ["__count"]
        )
    Screen = Whitespace.with_user(admin)
    spec = {
        "partner_id": {"fields": {"display_name": {}}},
        "categ_id": {"fields": {"display_name": {}}},
        "tier_share": {},
        "typical_revenue": {},
        "survey_state": {},
    }
    with stopwatch() as screen:
        Screen.web_read_group([], ["partner_id"], aggregates=["typical_revenue:sum"])
        Screen.web_search_read([], spec, limit=80)
    partner = Screen.search([], limit=1).partner_id or env["res.partner"].browse(list(top_ids)[:1])
    env.invalidate_all()
    with stopwatch() as tab:
        partner.with_user(admin).care_whitespace_ids.read(list(spec))
    return [
        ("figures.get_customer_ranks", f"{best_ranks:.3f} s", f"{ranked:,} ranked, best of 3"),
        (
            "growth step, first run",
            f"{first['seconds']:.2f} s",
            f"{first['queries']} queries: top 5 % {top1:,}, top 5-10 % {top2:,}",
        ),
        (
            "growth step, steady state",
            f"{steady['seconds']:.2f} s",
            f"{steady['queries']} queries (nothing changes)",
        ),
        (
            "whitespace, live, all top customers",
            f"{best_live:.3f} s",
            f"{len(rows):,} rows for {len(top_ids):,} customers, best of 3",
        ),
        ("Customer Growth pivot (month x transition)", f"{pivot['seconds']:.3f} s", ""),
        (
            "Whitespace list opens",
            f"{screen['seconds']:.3f} s",
            "groups by customer + first 80 rows (the snapshot)",
        ),
        ("a customer's whitespace tab", f"{tab['seconds']:.3f} s", f"{tab['queries']} queries"),
    ]


# ----------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------
def measure_coverage(env):
    """Care teams for every synthetic customer (bulk SQL: layer 1 for all,
    a backup for half, a supervisor for one in ten), then the time of the
    coverage recompute and of the Care Coverage view as the web client opens
    it: groups by tier, then the first page of 80 rows."""
    users = env["res.users"].create(
        [
            {
                "name": f"Bench salesperson {i}",
                "login": f"bench-sales-{i}",
                "group_ids": [(4, env.ref("sales_team.group_sale_salesman").id)],
            }
            for i in range(4)
        ]
    )
    user_ids = users.ids
    ids = customer_ids(env)
    env.flush_all()
    env.cr.execute(
        """
        INSERT INTO customer_care_member
               (partner_id, user_id, layer, date_start, state, company_id, create_date, write_date)
        SELECT p.id, (%(users)s)[1 + (n + shift) %% 4], layer, CURRENT_DATE - 30, 'confirmed',
               p.company_id, now(), now()
          FROM (SELECT id, company_id, row_number() OVER (ORDER BY id) AS n
                  FROM res_partner WHERE id = ANY(%(ids)s)) p
          CROSS JOIN (VALUES ('1', 0), ('2', 1), ('3', 2)) AS l(layer, shift)
         WHERE layer = '1' OR (layer = '2' AND n %% 2 = 0) OR (layer = '3' AND n %% 10 = 0)
        """,
        {"users": user_ids, "ids": ids},
    )
    members = env.cr.rowcount
    env.cr.execute(
        "UPDATE res_partner p SET user_id = m.user_id FROM customer_care_member m"
        " WHERE m.partner_id = p.id AND m.layer = '1' AND p.id = ANY(%s)",
        [ids],
    )
    env.invalidate_all()
    partners = env["res.partner"].browse(ids)
    with stopwatch() as recompute:
        partners._care_recompute_coverage()
        env.flush_all()
    action = env["ir.actions.act_window"]._for_xml_id("sale_customer_care.action_care_coverage")
    domain = literal_eval(action["domain"]) + [("care_coverage_ok", "=", False)]
    Partner = env["res.partner"].with_user(env.ref("base.user_admin"))
    spec = {
        "complete_name": {},
        "customer_tier_id": {"fields": {"display_name": {}}},
        "user_id": {"fields": {"display_name": {}}},
        "care_layer_count": {},
        "care_min_layers": {},
        "care_member_ids": {"fields": {"display_name": {}}},
        "relationship_stage": {},
    }
    timings = []
    for _attempt in range(3):
        env.invalidate_all()
        with stopwatch() as view:
            groups = Partner.web_read_group(
                domain, ["customer_tier_id"], aggregates=["care_layer_count:sum"]
            )
            page = Partner.web_search_read(domain, spec, limit=80)
            Partner.web_read_group(domain, ["user_id"], aggregates=["care_layer_count:sum"])
        timings.append(view["seconds"])
    return {
        "members": members,
        "recompute": recompute["seconds"],
        "view": min(timings),
        "under_covered": sum(g["__count"] for g in groups["groups"]),
        "page": len(page["records"]),
    }


def run(env, args):
    from odoo.addons.sale_customer_care.models.customer_care_evaluation import BATCH_SIZE

    cr = env.cr
    company = env.ref("base.main_company")
    results = []

    def row(label, value, note=""):
        results.append((label, value, note))

    existing = bench_customer_count(env)
    if existing:
        say(f"reusing the {existing:,} synthetic customers already in the database")
        build_seconds = None
    else:
        say(f"building {args.customers:,} customers and ~{args.lines:,} invoice lines")
        start = time.perf_counter()
        build_company(env, args)
        build_seconds = time.perf_counter() - start
    data = data_figures(env)
    if build_seconds is not None:
        row("build time", f"{build_seconds:.1f} s", "bulk SQL, committed, VACUUM ANALYZE")
    row("customers (commercial)", f"{data['customers']:,}")
    row("partners (all)", f"{data['partners']:,}")
    row("posted invoices / refunds", f"{data['moves']:,} / {data['refunds']:,}")
    row("invoice product lines", f"{data['product_lines']:,}", f"{data['all_lines']:,} lines")
    row("confirmed sale orders", f"{data['orders']:,}")
    if args.build_only:
        return print_table(results)

    cr.rollback()
    with no_commit(cr):
        say("timing the grouped SQL aggregate (best of 3)")
        aggregate, groups, component = time_aggregate(env, company)
        row("SQL aggregate, best of 3", f"{aggregate:.3f} s", f"{groups:,} customers")
        row("figures.get_revenue_by_partner", f"{component:.3f} s", "all partners, best of 3")

        batches, in_scope = evaluation_batches(env)
        cold = None
        for attempt in range(max(1, args.repeat)):
            reset(env)
            say(f"evaluate_all, cold state (run {attempt + 1}/{max(1, args.repeat)})")
            watch = evaluate_all(env)
            say(f"  {watch['seconds']:.2f} s, {watch['queries']} queries")
            if cold is None or watch["seconds"] < cold["seconds"]:
                cold = watch
        say("evaluate_all, steady state (the periodic run: nothing changes)")
        steady = evaluate_all(env)
        tiers, stages = distribution(env)

        row("customers evaluated", f"{cold['evaluated']:,}", f"{in_scope:,} in scope")
        row("batches (BATCH_SIZE)", f"{batches}", f"BATCH_SIZE = {BATCH_SIZE}")
        runs = [
            (f"cold (best of {max(1, args.repeat)})", cold),
            ("steady state", steady),
        ]
        for label, watch in runs:
            report_evaluation(row, label, watch, batches, aggregate)
        row("tiers after evaluation", "", ", ".join(f"{k} {v}" for k, v in sorted(tiers.items())))
        row("stages after evaluation", "", ", ".join(f"{k} {v}" for k, v in sorted(stages.items())))

        say("growth: top customers, whitespace, Customer Growth and Whitespace views")
        for label, value, note in measure_growth(env, company):
            row(label, value, note)

        say("care coverage: memberships, recompute, coverage view")
        coverage = measure_coverage(env)
        row("care memberships (bulk SQL)", f"{coverage['members']:,}", "layers 1 / 2 / 3")
        row("coverage recompute, all customers", f"{coverage['recompute']:.2f} s")
        row(
            "Care Coverage view opens",
            f"{coverage['view']:.3f} s",
            f"{coverage['under_covered']:,} under-covered; groups + first {coverage['page']} rows"
            " (target < 1 s)",
        )

        if args.baseline_sample:
            reset(env)
            say(f"baseline: evaluate_partners one partner at a time ({args.baseline_sample})")
            base = baseline(env, args.baseline_sample)
            per_partner = base["seconds"] / base["partners"]
            extrapolated = per_partner * in_scope
            speedup = extrapolated / cold["seconds"]
            row(
                "baseline one by one",
                f"{base['seconds']:.2f} s",
                f"{base['partners']} partners, {base['queries'] / base['partners']:.1f} "
                f"queries and {1000 * per_partner:.1f} ms each",
            )
            row("  extrapolated", f"{extrapolated:.1f} s", f"for {in_scope:,} customers")
            row(
                "speed-up vs cold evaluate_all",
                f"{speedup:.1f}x",
                "target >= 20x " + ("OK" if speedup >= 20 else "MISSED"),
            )

        sizes = [int(s) for s in args.scaling.split(",") if s.strip()]
        say(f"query-count scaling of evaluate_partners on {sizes}")
        for size, size_batches, queries, seconds in scaling(env, sizes):
            row(
                f"evaluate_partners({size:,})",
                f"{queries} queries",
                f"{size_batches} batch(es), {queries / size_batches:.1f} per batch, "
                f"{seconds:.2f} s",
            )

        shapes = query_shapes(env) if args.queries else None
        profile = profile_evaluation(env) if args.profile else None
        reset(env)
    print_table(results)
    if shapes:
        say("\nMost frequent statements of one cold evaluate_all (count, total time):\n")
        say(shapes)
    if profile:
        say("\ncProfile of one cold evaluate_all:\n")
        say(profile)


def report_evaluation(row, label, watch, batches, aggregate):
    ratio = watch["seconds"] / aggregate
    row(
        f"evaluate_all {label}",
        f"{watch['seconds']:.2f} s",
        f"{ratio:.1f}x the aggregate (target <= 2x: {'OK' if ratio <= 2 else 'MISSED'})",
    )
    row(
        "  SQL time / queries",
        f"{watch['sql']:.2f} s",
        f"{watch['queries']} queries, {watch['queries'] / max(1, batches):.1f} per batch",
    )
    row(
        "  changes logged",
        f"{watch['tier_changes'] + watch['stage_changes']:,}",
        f"{watch['tier_changes']:,} tiers, {watch['stage_changes']:,} stages, "
        f"{watch['messages']:,} chatter messages",
    )


def print_table(results):
    width = max(len(label) for label, _v, _n in results)
    value_width = max(len(value) for _l, value, _n in results)
    say("\n" + "=" * 100)
    say("sale_customer_care evaluation benchmark")
    say("=" * 100)
    for label, value, note in results:
        say(f"{label:<{width}}  {value:>{value_width}}  {note}".rstrip())
    say("=" * 100)


def main(argv, parse=None, bench=None, http=False):
    """Script mode: a registry of its own, one transaction rolled back at
    the end. ``parse`` and ``bench`` default to this benchmark's; ``http``
    keeps Odoo's HTTP options (for a benchmark that serves report assets)."""
    args = (parse or parse_args)(argv)
    if not (args.config and args.database):
        sys.exit("script mode needs -c ODOO_CONF -d DATABASE (or run it in odoo shell)")
    import odoo  # noqa: F401  (sets up the odoo namespace and the addons path hooks)
    from odoo import api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.config, "-d", args.database, *([] if http else ["--no-http"])])
    threading.current_thread().dbname = args.database
    registry = Registry(args.database)
    cr = registry.cursor()
    try:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        env = env(context=env["res.users"].context_get())
        (bench or run)(env, args)
    finally:
        cr.rollback()
        cr.close()


if __name__ == "__main__":
    if "env" in globals():  # odoo shell: `env` is given, the options come from BENCH_ARGS
        run(globals()["env"], parse_args(shlex.split(os.environ.get("BENCH_ARGS", ""))))
    else:
        main(sys.argv[1:])
