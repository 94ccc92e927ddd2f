# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the monthly plans and of the team meeting report.

On the synthetic company of ``bench_evaluation.py`` (built first when the
database has none), inside one transaction that is rolled back at the end:

* creates a sales team of ``--salespeople`` (10) salespeople, each with a plan
  for the current month of ``--plan-lines`` (300) customers that have
  invoices, care-team memberships and a next action per line;
* measures the computed columns of one plan (queries and seconds) for 30 and
  for all its lines: the count must not grow with the lines;
* measures the data of the team's monthly meeting report, then renders the
  PDF with wkhtmltopdf (an Odoo HTTP server runs in-process on ``--http-port``
  so that the report has its CSS, as in production); target: under 15 s.

Run it as a script::

    python3 bench/bench_meeting_report.py -c odoo.conf -d DB [--customers 20000 ...]

``bench/run --meeting-report`` does all of it on a throwaway PostgreSQL cluster.
"""

import os
import re
import sys
import threading
import time
from contextlib import contextmanager

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_evaluation as base


def parse_args(argv):
    """This benchmark's options, then those of the company builder."""
    import argparse

    extra = argparse.ArgumentParser(add_help=False)
    extra.add_argument("--salespeople", type=int, default=10)
    extra.add_argument("--plan-lines", type=int, default=300)
    extra.add_argument("--http-port", type=int, default=8089)
    extra.add_argument("--keep-pdf", metavar="FILE", help="write the rendered PDF there")
    known, rest = extra.parse_known_args(argv)
    args = base.parse_args(rest)
    for key, value in vars(known).items():
        setattr(args, key, value)
    return args


def start_http(port):
    """An Odoo HTTP server in this process, for the report's assets."""
    from odoo import http
    from odoo.service import server
    from odoo.tools import config

    config["http_port"] = port
    config["http_interface"] = "127.0.0.1"
    server.server = server.ThreadedServer(http.root)
    server.server.http_spawn()
    time.sleep(1)


def build_plans(env, args):
    from odoo import Command, fields

    company = env.ref("base.main_company")
    today = fields.Date.context_today(env["res.partner"])
    month = today.replace(day=1)
    salesman = env.ref("sales_team.group_sale_salesman")
    users = env["res.users"].create(
        [
            {
                "name": f"Bench Salesperson {i:02d}",
                "login": f"bench.sales.{i:02d}",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "group_ids": [Command.set(salesman.ids)],
            }
            for i in range(args.salespeople)
        ]
    )
    team = env["crm.team"].create(
        {
            "name": "Bench team",
            "company_id": company.id,
            "user_id": env.ref("base.user_admin").id,
            "member_ids": [Command.set(users.ids)],
        }
    )
    env.cr.execute(
        """
        SELECT am.commercial_partner_id FROM account_move am
         WHERE am.state = 'posted' AND am.move_type = 'out_invoice' AND am.company_id = %s
         GROUP BY 1 ORDER BY 1 LIMIT %s
        """,
        [company.id, args.salespeople * args.plan_lines],
    )
    partner_ids = [row[0] for row in env.cr.fetchall()]
    if len(partner_ids) < args.salespeople * args.plan_lines:
        raise RuntimeError("not enough invoiced customers for the plans: build more customers")
    chunks = [
        partner_ids[i * args.plan_lines : (i + 1) * args.plan_lines]
        for i in range(args.salespeople)
    ]
    env["customer.care.member"].create(
        [
            {
                "partner_id": pid,
                "user_id": user.id,
                "layer": "1",
                "date_start": month.replace(year=month.year - 1),
                "company_id": company.id,
            }
            for user, chunk in zip(users, chunks, strict=True)
            for pid in chunk
        ]
    )
    plans = env["sale.monthly.plan"].create(
        [
            {
                "user_id": user.id,
                "team_id": team.id,
                "date": month,
                "company_id": company.id,
                "line_ids": [
                    Command.create(
                        {
                            "partner_id": pid,
                            "expected_revenue": 1000.0 + (pid % 50) * 100,
                            "planned_calls": 1,
                            "next_action": "Call the buyer about the new range",
                        }
                    )
                    for pid in chunk
                ],
            }
            for user, chunk in zip(users, chunks, strict=True)
        ]
    )
    env.flush_all()
    return team, users, plans, month


def plan_columns(env, plan, limit=None, shapes=None):
    ids = plan.line_ids.ids[:limit] if limit else plan.line_ids.ids
    env.invalidate_all()
    # browsed after the invalidation, as a form view reads them
    lines = env["sale.monthly.plan.line"].browse(ids)
    with base.stopwatch() as watch, query_shapes(shapes):
        lines.read(
            [
                "actual_revenue",
                "committed_revenue",
                "has_ordered",
                "revenue_last_month",
                "revenue_last_year",
                "last_interaction_date",
                "activities_done",
            ]
        )
    return watch


@contextmanager
def query_shapes(shapes):
    """Count the statements run in the block by shape into ``shapes``."""
    if shapes is None:
        yield
        return

    def hook(cr, query, params, start, delay):
        text = query.decode() if isinstance(query, bytes) else str(query)
        key = re.sub(r"\s+", " ", text).strip()[:140]
        shapes[key] = shapes.get(key, 0) + 1

    thread = threading.current_thread()
    hooks = getattr(thread, "query_hooks", ())
    thread.query_hooks = (*hooks, hook)
    try:
        yield
    finally:
        thread.query_hooks = hooks


def run(env, args):
    from dateutil.relativedelta import relativedelta

    if not base.bench_customer_count(env):
        base.say(f"building the synthetic company ({args.customers:,} customers)")
        base.build_company(env, args)
    start_http(args.http_port)
    env["ir.config_parameter"].set_param("report.url", f"http://127.0.0.1:{args.http_port}")
    results = []
    with base.no_commit(env.cr):
        with base.stopwatch() as watch:
            team, users, plans, month = build_plans(env, args)
        base.say(f"built {len(plans)} plans of {args.plan_lines} lines in {watch['seconds']:.1f} s")
        plan = plans[0]
        small = plan_columns(env, plan, 30)
        shapes = {}
        large = plan_columns(env, plan, shapes=shapes)
        for key, count in sorted(shapes.items(), key=lambda item: -item[1])[:8]:
            base.say(f"{count:>6}  {key}")
        results.append(
            (
                "plan columns, 30 lines",
                f"{small['seconds']:.2f} s, {small['queries']} queries",
            )
        )
        results.append(
            (
                f"plan columns, {len(plan.line_ids)} lines",
                f"{large['seconds']:.2f} s, {large['queries']} queries",
            )
        )
        data = {
            "user_ids": users.ids,
            "date_from": str(month),
            "date_to": str(month + relativedelta(day=31)),
            "company_id": team.company_id.id,
        }
        report = env["report.sale_customer_care.report_sale_care_meeting"]
        env.invalidate_all()
        with base.stopwatch() as watch:
            values = report._get_report_values(None, data)
        rows = sum(
            len(s["ordered"]) + len(s["not_ordered"]) for s in values["meetings"][0]["sections"]
        )
        results.append(
            (
                f"report data, {len(users)} salespeople x {args.plan_lines} lines",
                f"{watch['seconds']:.2f} s, {watch['queries']} queries, {rows} customer rows",
            )
        )
        env.invalidate_all()
        Report = env["ir.actions.report"].with_context(force_report_rendering=True)
        with base.stopwatch() as watch:
            html, _kind = Report._render_qweb_html(
                "sale_customer_care.action_report_sale_care_meeting", None, data=data
            )
        results.append(
            (
                "team meeting report HTML (QWeb)",
                f"{watch['seconds']:.2f} s, {len(html) // 1024} KiB",
            )
        )
        env.invalidate_all()
        with base.stopwatch() as watch:
            pdf, _kind = Report._render_qweb_pdf(
                "sale_customer_care.action_report_sale_care_meeting", None, data=data
            )
        pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        verdict = "OK" if watch["seconds"] < 15 else "TOO SLOW"
        results.append(
            (
                "team meeting report PDF (target < 15 s)",
                f"{watch['seconds']:.2f} s ({verdict}), {pages} pages, {len(pdf) // 1024} KiB",
            )
        )
        if args.keep_pdf:
            with open(args.keep_pdf, "wb") as handle:
                handle.write(pdf)
    base.say("")
    for label, value in results:
        base.say(f"| {label} | {value} |")


if __name__ == "__main__":
    base.main(sys.argv[1:], parse=parse_args, bench=run, http=True)
