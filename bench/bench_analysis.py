# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the Sales Analysis (issue 11): opening it and each drill level.

On the synthetic company of ``bench_evaluation.py`` (built first when the
database has none), adds once and commits what the analysis drills into:
``--salespeople`` (20) salespeople in 4 sales teams, a state and country for
every customer (Vietnam, Germany, United States), each invoice given its
customer's salesperson and team, and for every customer invoice a confirmed
sale order and a done delivery with one stock move per invoice line (credit
notes get a return), dated the day before the invoice.

Then, inside one transaction rolled back at the end, as a sales manager
(record rules applied) and as a salesperson with "own documents":

* opens the analysis (the menu's default, last month against the same month
  last year, and year to date against the same days last year): the one
  statement that reads the books into the opening's rows, then the pivot's
  first level (product categories), as the web client asks for it;
* drills down the largest fall, level by level, as the pivot does when a
  header is expanded: category -> country -> state -> salesperson ->
  customer; each level is one ``formatted_read_grouping_sets`` call;
* reads ``_compare`` (the same figures straight from the books, for reports).

Each measure is the best of ``--repeat`` (3) runs, with its SQL query count.
Target: each drill level under 0.5 s.

Run it as a script::

    python3 bench/bench_analysis.py -c odoo.conf -d DB [--customers 20000 ...]

``bench/run --analysis`` does all of it on a throwaway PostgreSQL cluster.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_evaluation as base

MARK = "bench-analysis"  # login prefix of the salespeople added
MEASURES = [
    "revenue_compare:sum",
    "revenue:sum",
    "revenue_change:sum",
    "revenue_change_percent:sum",
    "quantity_compare:sum",
    "quantity:sum",
    "__count",
]
DRILL = ("categ_id", "country_id", "state_id", "user_id", "partner_id")


def parse_args(argv):
    """This benchmark's options, then those of the company builder."""
    extra = argparse.ArgumentParser(add_help=False)
    extra.add_argument("--salespeople", type=int, default=20)
    extra.add_argument("--teams", type=int, default=4)
    extra.add_argument("--analysis-repeat", type=int, default=3, help="runs per measure")
    known, rest = extra.parse_known_args(argv)
    args = base.parse_args(rest)
    for key, value in vars(known).items():
        setattr(args, key, value)
    return args


# ----------------------------------------------------------------------
# What the analysis drills into (bulk SQL, committed once)
# ----------------------------------------------------------------------
SQL_REGIONS = """
    WITH states AS (
        SELECT s.id, s.country_id, ROW_NUMBER() OVER (ORDER BY c.code, s.code) - 1 AS idx
          FROM res_country_state s JOIN res_country c ON c.id = s.country_id
         WHERE c.code IN ('VN', 'DE', 'US')
    ), customers AS (
        SELECT p.id, ROW_NUMBER() OVER (ORDER BY p.id) - 1 AS idx
          FROM res_partner p
         WHERE p.ref LIKE %(mark)s
    )
    UPDATE res_partner p
       SET state_id = s.id, country_id = s.country_id,
           user_id = (%(users)s)[1 + c.idx %% %(user_count)s]
      FROM customers c
      JOIN states s ON s.idx = c.idx %% (SELECT COUNT(*) FROM states)
     WHERE p.id = c.id OR p.parent_id = c.id
"""

SQL_INVOICE_SALESPEOPLE = """
    UPDATE account_move am
       SET invoice_user_id = p.user_id, team_id = t.team_id
      FROM res_partner p, (SELECT UNNEST(%(users)s) AS user_id, UNNEST(%(user_teams)s) AS team_id) t
     WHERE p.id = am.commercial_partner_id AND t.user_id = p.user_id
       AND am.move_type IN ('out_invoice', 'out_refund') AND p.ref LIKE %(mark)s
"""

# One confirmed order per customer invoice (same salesperson and team), one
# order line, one delivery; credit notes get a return without an order.
SQL_ORDERS = """
    CREATE TEMP TABLE bench_delivery AS
    SELECT am.id AS move_id, am.move_type = 'out_refund' AS refund, am.partner_id,
           am.invoice_user_id AS user_id, am.team_id, am.invoice_date, am.name,
           nextval('sale_order_id_seq')::int AS order_id,
           nextval('sale_order_line_id_seq')::int AS line_id,
           nextval('stock_picking_id_seq')::int AS picking_id
      FROM account_move am
      JOIN res_partner p ON p.id = am.commercial_partner_id
     WHERE am.move_type IN ('out_invoice', 'out_refund') AND am.state = 'posted'
       AND p.ref LIKE %(mark)s;
    INSERT INTO sale_order (
        id, name, state, company_id, partner_id, partner_invoice_id, partner_shipping_id,
        date_order, picking_policy, currency_id, currency_rate, user_id, team_id,
        amount_untaxed, amount_tax, amount_total, invoice_status, create_uid, write_uid,
        create_date, write_date)
    SELECT d.order_id, 'BASO' || d.order_id, 'sale', %(company)s, d.partner_id, d.partner_id,
           d.partner_id, d.invoice_date - 2, 'direct', %(currency)s, 1.0, d.user_id, d.team_id,
           0, 0, 0, 'invoiced', 1, 1, d.invoice_date - 2, d.invoice_date - 2
      FROM bench_delivery d WHERE NOT d.refund;
    INSERT INTO sale_order_line (
        id, order_id, name, product_id, product_uom_qty, price_unit, customer_lead, company_id,
        currency_id, order_partner_id, salesman_id, state, create_uid, write_uid, create_date,
        write_date)
    SELECT d.line_id, d.order_id, 'Bench line', %(product)s, 1, 0, 0, %(company)s,
           %(currency)s, d.partner_id, d.user_id, 'sale', 1, 1, d.invoice_date - 2,
           d.invoice_date - 2
      FROM bench_delivery d WHERE NOT d.refund;
    INSERT INTO stock_picking (
        id, name, picking_type_id, location_id, location_dest_id, move_type, state, partner_id,
        company_id, scheduled_date, date_done, user_id, create_uid, write_uid, create_date,
        write_date)
    SELECT d.picking_id, 'BAWH/' || d.picking_id, %(picking_type)s,
           CASE WHEN d.refund THEN %(customers)s ELSE %(stock)s END,
           CASE WHEN d.refund THEN %(stock)s ELSE %(customers)s END, 'direct', 'done',
           d.partner_id, %(company)s, d.invoice_date - 1, d.invoice_date - 1, 1, 1, 1,
           d.invoice_date - 1, d.invoice_date - 1
      FROM bench_delivery d
"""

SQL_MOVES = """
    INSERT INTO stock_move (
        company_id, product_id, product_uom, location_id, location_dest_id, location_final_id,
        partner_id, picking_id, picking_type_id, sale_line_id, state, procure_method,
        product_qty, product_uom_qty, quantity, picked, date, reference, create_uid,
        write_uid, create_date, write_date)
    SELECT %(company)s, aml.product_id, aml.product_uom_id,
           CASE WHEN d.refund THEN %(customers)s ELSE %(stock)s END,
           CASE WHEN d.refund THEN %(stock)s ELSE %(customers)s END,
           CASE WHEN d.refund THEN %(stock)s ELSE %(customers)s END,
           d.partner_id, d.picking_id, %(picking_type)s,
           CASE WHEN d.refund THEN NULL ELSE d.line_id END, 'done', 'make_to_stock',
           aml.quantity, aml.quantity, aml.quantity, TRUE,
           d.invoice_date - 1 + time '10:00', d.name, 1, 1, d.invoice_date - 1,
           d.invoice_date - 1
      FROM bench_delivery d
      JOIN account_move_line aml ON aml.move_id = d.move_id AND aml.display_type = 'product'
"""


def build_analysis_data(env, args):
    """Salespeople, teams, regions, deliveries: once, committed."""
    from odoo import Command

    cr = env.cr
    company = env.ref("base.main_company")
    salesman = env.ref("sales_team.group_sale_salesman")
    users = env["res.users"].create(
        [
            {
                "name": f"Bench Analysis Salesperson {i:02d}",
                "login": f"{MARK}-{i:02d}",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "group_ids": [Command.set(salesman.ids)],
            }
            for i in range(args.salespeople)
        ]
    )
    teams = env["crm.team"].create(
        [{"name": f"Bench Analysis Team {t}", "company_id": company.id} for t in range(args.teams)]
    )
    for index, user in enumerate(users):
        teams[index % len(teams)].member_ids |= user
    env.flush_all()
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    params = {
        "mark": base.MARK + "-%",
        "users": users.ids,
        "user_count": len(users),
        "user_teams": [teams[index % len(teams)].id for index in range(len(users))],
        "company": company.id,
        "currency": company.currency_id.id,
        "product": env["product.product"].search([("name", "like", "Bench product")], limit=1).id,
        "picking_type": warehouse.out_type_id.id,
        "stock": warehouse.lot_stock_id.id,
        "customers": env.ref("stock.stock_location_customers").id,
    }
    for label, query in (
        ("regions and salespeople", SQL_REGIONS),
        ("invoice salespeople", SQL_INVOICE_SALESPEOPLE),
        ("orders and pickings", SQL_ORDERS),
        ("stock moves", SQL_MOVES),
    ):
        start = time.perf_counter()
        cr.execute(query, params)
        base.say(f"  {label:<24} {cr.rowcount:>10,} rows  {time.perf_counter() - start:7.1f} s")
    cr.execute("DROP TABLE bench_delivery")
    cr.commit()
    cnx = cr._cnx
    cnx.autocommit = True
    try:
        for table in ("res_partner", "account_move", "sale_order", "stock_picking", "stock_move"):
            cr.execute(f"VACUUM ANALYZE {table}")
    finally:
        cnx.autocommit = False
    env.invalidate_all()


def analysis_data_figures(env):
    env.cr.execute(
        """
        SELECT (SELECT COUNT(*) FROM stock_move WHERE state = 'done'),
               (SELECT COUNT(*) FROM res_users WHERE login LIKE %s),
               (SELECT COUNT(*) FROM res_partner WHERE ref LIKE %s AND state_id IS NOT NULL)
        """,
        [MARK + "-%", base.MARK + "-%"],
    )
    return env.cr.fetchone()


# ----------------------------------------------------------------------
# Measures
# ----------------------------------------------------------------------
def best_of(repeat, func):
    """``(result, watch)`` of the fastest of ``repeat`` calls."""
    best = None
    for _i in range(repeat):
        with base.stopwatch() as watch:
            result = func()
        if best is None or watch["seconds"] < best[1]["seconds"]:
            best = (result, watch)
    return best


def drill(env, user, action, repeat):
    """Open the pivot's first level, then expand the largest fall at each
    level, as the web client does; ``[(label, watch, groups)]``."""
    Analysis = env["sale.care.sales.analysis"].with_user(user).with_context(action["context"])
    domain = list(action["domain"])
    path, rows = [], []
    for level, groupby in enumerate(DRILL):
        path.append(groupby)
        sets = [[], list(path)] if level == 0 else [list(path)]

        def read(domain=domain, sets=sets):
            env.invalidate_all()
            return Analysis.formatted_read_grouping_sets(domain, sets, MEASURES)

        result, watch = best_of(repeat, read)
        groups = [g for g in result[-1] if g.get(groupby)]
        rows.append((" > ".join(f.removesuffix("_id") for f in path), watch, len(result[-1])))
        if not groups:
            break
        fall = min(groups, key=lambda g: g["revenue_change:sum"] or 0.0)
        domain = [*domain, (groupby, "=", fall[groupby][0])]
    return rows


def measure_opening(env, user, label, open_action, repeat):
    """Open the analysis ``repeat`` times (the best one kept), then drill it."""
    result, watch = best_of(repeat, open_action)
    run = env["sale.care.sales.analysis.run"].browse(result["domain"][0][2])
    env.cr.execute("SELECT COUNT(*) FROM sale_care_sales_analysis WHERE run_id = %s", [run.id])
    rows = env.cr.fetchone()[0]
    run = run.sudo()
    periods = f"{run.date_from} - {run.date_to} vs {run.compare_from} - {run.compare_to}"
    lines = [(f"{label}: open (fill {rows:,} rows)", watch, periods)]
    for level, level_watch, groups in drill(env, user, result, repeat):
        lines.append((f"{label}: {level}", level_watch, f"{groups} groups"))
    return lines


def run(env, args):
    from dateutil.relativedelta import relativedelta

    from odoo import Command, fields

    if not base.bench_customer_count(env):
        base.say(f"building the synthetic company ({args.customers:,} customers)")
        base.build_company(env, args)
    moves, salespeople, located = analysis_data_figures(env)
    if not salespeople:
        base.say("adding salespeople, teams, regions and deliveries")
        build_analysis_data(env, args)
        moves, salespeople, located = analysis_data_figures(env)
    data = base.data_figures(env)
    base.say(
        f"{data['customers']:,} customers ({located:,} with a state), "
        f"{data['product_lines']:,} invoice lines, {moves:,} done stock moves, "
        f"{salespeople} salespeople"
    )
    repeat = max(1, args.analysis_repeat)
    results = []
    company = env.ref("base.main_company")
    with base.no_commit(env.cr):
        manager = env["res.users"].create(
            {
                "name": "Bench Analysis Manager",
                "login": f"{MARK}-manager",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "group_ids": [Command.set(env.ref("sales_team.group_sale_manager").ids)],
            }
        )
        salesperson = env["res.users"].search([("login", "=", f"{MARK}-00")])
        today = fields.Date.context_today(manager)
        Run = env["sale.care.sales.analysis.run"]
        ytd = (
            today.replace(month=1, day=1),
            today,
            today.replace(month=1, day=1) - relativedelta(years=1),
            today - relativedelta(years=1),
        )
        scenarios = [
            ("manager, last month", manager, lambda: Run.with_user(manager)._action_open_default()),
            ("manager, year to date", manager, lambda: Run.with_user(manager)._open_analysis(*ytd)),
            (
                "salesperson (own documents), last month",
                salesperson,
                lambda: Run.with_user(salesperson)._action_open_default(),
            ),
        ]
        for label, user, open_action in scenarios:
            base.say(f"measuring: {label}")
            open_action()  # the user's caches (rules, groups, actions) warm
            results.extend(measure_opening(env, user, label, open_action, repeat))
        Analysis = env["sale.care.sales.analysis"].with_user(manager)
        periods = (ytd[:2], ytd[2:])
        _rows, watch = best_of(repeat, lambda: Analysis._compare(*periods, ("category", "state")))
        results.append(("_compare (for reports), year to date, category x state", watch, ""))
    base.say("\n" + "=" * 100)
    base.say(f"sale_customer_care sales analysis benchmark (best of {repeat})")
    base.say("=" * 100)
    width = max(len(label) for label, _w, _n in results)
    for label, watch, note in results:
        verdict = " OK" if watch["seconds"] < 0.5 else " OVER 0.5 s"
        base.say(
            f"{label:<{width}}  {watch['seconds']:6.3f} s  {watch['queries']:>3} queries"
            f"{verdict}  {note}".rstrip()
        )
    base.say("=" * 100)


if __name__ == "__main__":
    base.main(sys.argv[1:], parse=parse_args, bench=run)
