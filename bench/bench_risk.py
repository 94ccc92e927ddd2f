# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the daily check of the customers at risk.

On the synthetic company of ``bench_evaluation.py`` (built first when the
database has none: 20,000 customers and 1,000,000 invoice lines over 24
months by default), inside one transaction rolled back at the end:

* the statement of the facts (``sale.care.figures._risk_category_facts``:
  rhythm and revenue of every customer and category), best of 3;
* the cron ``customer.risk.signal._cron_update_signals()`` (its commits
  replaced by nothing) on all customers: the first run (every signal
  raised) and the steady state (the next day's run on the same books:
  nothing changes), with their queries and batches; target < 10 s;
* the steady state again with batches of 500 instead of 2,000: the queries
  grow with the batches, not with the customers.

Run it as a script::

    python3 bench/bench_risk.py -c odoo.conf -d DB [--customers 2000 --lines 100000]

``bench/run --risk`` does all of it on a throwaway PostgreSQL cluster.
"""

import os
import re
import sys
import threading
import time
from contextlib import contextmanager
from unittest.mock import patch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_evaluation as base


@contextmanager
def cron_without_commits(env):
    """The cron's ``_commit_progress`` outside a cron commits: counted
    instead, the benchmark rolls everything back."""
    commits = []

    def commit_progress(cron, processed=0, *, remaining=None, deactivate=False):
        commits.append(processed)
        return float("inf")

    with patch.object(type(env["ir.cron"]), "_commit_progress", commit_progress):
        yield commits


def run_cron(env, batch_size=None):
    from odoo.addons.sale_customer_care.models import customer_risk_signal

    Signal = env["customer.risk.signal"]
    size = batch_size or customer_risk_signal.BATCH_SIZE
    with (
        patch.object(customer_risk_signal, "BATCH_SIZE", size),
        cron_without_commits(env) as commits,
        base.stopwatch() as watch,
    ):
        Signal._cron_update_signals()
        env.flush_all()
    watch["batches"] = len([c for c in commits if c])
    env.cr.execute(
        "SELECT state, kind, COUNT(*) FROM customer_risk_signal GROUP BY 1, 2 ORDER BY 1, 2"
    )
    watch["signals"] = env.cr.fetchall()
    return watch


@contextmanager
def query_shapes(shapes):
    """Collect ``{statement start: (count, seconds)}`` of the block."""

    def hook(cr, query, params, start, delay):
        text = query.decode() if isinstance(query, bytes) else str(query)
        key = re.sub(r"\s+", " ", text).strip()[:120]
        count, seconds = shapes.get(key, (0, 0.0))
        shapes[key] = (count + 1, seconds + delay)

    thread = threading.current_thread()
    hooks = getattr(thread, "query_hooks", ())
    thread.query_hooks = (*hooks, hook)
    try:
        yield shapes
    finally:
        thread.query_hooks = hooks


def time_facts(env, company, runs=3):
    from odoo import fields

    today = fields.Date.context_today(env["res.partner"])
    figures = env["sale.care.figures"]
    best, rows = float("inf"), 0
    for _i in range(runs):
        with base.stopwatch() as watch:
            rows = len(figures._risk_category_facts(today, 3, company))
        best = min(best, watch["seconds"])
    return best, rows


def bench(env, args):
    results = []

    def row(label, value, note=""):
        results.append((label, value, note))

    existing = base.bench_customer_count(env)
    if existing:
        base.say(f"reusing the {existing:,} synthetic customers already in the database")
    else:
        base.say(f"building {args.customers:,} customers and ~{args.lines:,} invoice lines")
        start = time.perf_counter()
        base.build_company(env, args)
        row("build time", f"{time.perf_counter() - start:.1f} s", "bulk SQL, committed")
    data = base.data_figures(env)
    row("customers (commercial)", f"{data['customers']:,}")
    row("invoice product lines", f"{data['product_lines']:,}")
    company = env.ref("base.main_company")
    env.cr.rollback()

    with base.no_commit(env.cr):
        base.say("evaluating tiers and stages first (the stage says who is dormant)")
        env["customer.care.evaluation"]._evaluate_all()
        env.flush_all()
        base.say("timing the facts statement (best of 3)")
        seconds, pairs = time_facts(env, company)
        row("facts of every customer x category", f"{seconds:.2f} s", f"{pairs:,} rows")
        base.say("the risk cron, first run (every signal raised)")
        first = run_cron(env)
        base.say(f"  {first['seconds']:.2f} s, {first['queries']} queries")
        base.say("the risk cron, steady state (the same books: nothing changes)")
        shapes = {}
        with query_shapes(shapes):
            steady = run_cron(env)
        base.say(f"  {steady['seconds']:.2f} s, {steady['queries']} queries")
        small = run_cron(env, batch_size=500)
        for label, watch in (
            ("risk cron, first run", first),
            ("risk cron, steady state", steady),
            ("steady state, batches of 500", small),
        ):
            row(
                label,
                f"{watch['seconds']:.2f} s",
                f"{watch['queries']} queries, {watch['batches']} batches, SQL {watch['sql']:.2f} s"
                + (" (target < 10 s)" if label == "risk cron, steady state" else ""),
            )
        counts = {}
        for state, kind, count in first["signals"]:
            counts.setdefault(state, []).append(f"{kind} {count:,}")
        for state, kinds in counts.items():
            row(f"signals {state}", "", ", ".join(kinds))
    env.cr.rollback()
    width = max(len(label) for label, _v, _n in results)
    value_width = max(len(value) for _l, value, _n in results)
    base.say("\n" + "=" * 100)
    base.say("sale_customer_care customers at risk benchmark")
    base.say("=" * 100)
    for label, value, note in results:
        base.say(f"{label:<{width}}  {value:>{value_width}}  {note}".rstrip())
    base.say("=" * 100)
    base.say("\nSlowest statements of the steady state (count, total time):")
    for key, (count, seconds) in sorted(shapes.items(), key=lambda item: -item[1][1])[:8]:
        base.say(f"{count:>5} {1000 * seconds:>8.0f} ms  {key}")


if __name__ == "__main__":
    base.main(sys.argv[1:], bench=bench)
