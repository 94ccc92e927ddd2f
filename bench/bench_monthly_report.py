# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the manager's monthly report and of the Customer Care
dashboard (issue 11 §4).

On the synthetic company of ``bench_evaluation.py`` with what the Sales
Analysis drills into (``bench_analysis.py``: salespeople in sales teams,
regions, deliveries; both built and committed first when the database has
none), inside one transaction rolled back at the end:

* gives the month the report reviews (last month) what the report reads:
  the tiers, stages, top customers and whitespace of a full evaluation, the
  customers at risk of the daily check, a plan of ``--plan-lines`` (300)
  customers for every salesperson, and stage moves of the month;
* as a sales manager (record rules applied), measures the report for the
  whole company and for one sales team: its data (seconds and queries), the
  HTML (QWeb) and the PDF (wkhtmltopdf; an Odoo HTTP server runs in-process
  on ``--http-port`` so that the report has its CSS, as in production);
  target: the PDF under 15 s;
* reads every pivot and list of the dashboard as the web client does, with
  its default filter (last month).

Run it as a script::

    python3 bench/bench_monthly_report.py -c odoo.conf -d DB [--customers 20000 ...]

``bench/run --monthly-report`` does all of it on a throwaway PostgreSQL cluster.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_analysis as analysis
import bench_evaluation as base
import bench_meeting_report as meeting

REPORT = "sale_customer_care.action_report_sale_care_monthly"
TARGET_SECONDS = 15.0


def parse_args(argv):
    """This benchmark's options, then those of the analysis and the company."""
    extra = argparse.ArgumentParser(add_help=False)
    extra.add_argument("--plan-lines", type=int, default=300)
    extra.add_argument("--http-port", type=int, default=8089)
    extra.add_argument("--keep-pdf", metavar="FILE", help="write the company's PDF there")
    known, rest = extra.parse_known_args(argv)
    args = analysis.parse_args(rest)
    for key, value in vars(known).items():
        setattr(args, key, value)
    return args


def prepare_month(env, args, company, month):
    """What the report reads for ``month``, as the monthly run, the daily
    check and the salespeople would leave it; not committed."""
    from dateutil.relativedelta import relativedelta

    from odoo import Command

    with base.stopwatch() as watch:
        env["customer.care.evaluation"]._evaluate_all()
        env["customer.care.evaluation"]._evaluate_growth(company)
        env.flush_all()
    base.say(f"  evaluation (tiers, stages, top customers)  {watch['seconds']:7.1f} s")
    with base.stopwatch() as watch:
        env["customer.risk.signal"]._update_signals(company)
        env.flush_all()
    base.say(f"  customers at risk (daily check)             {watch['seconds']:7.1f} s")
    salespeople = env["res.users"].search([("login", "like", f"{analysis.MARK}-%")])
    with base.stopwatch() as watch:
        vals = []
        for user in salespeople:
            env.cr.execute(
                """
                SELECT id FROM res_partner
                 WHERE user_id = %s AND ref LIKE %s AND parent_id IS NULL
                 ORDER BY id LIMIT %s
                """,
                [user.id, base.MARK + "-%", args.plan_lines],
            )
            partner_ids = [row[0] for row in env.cr.fetchall()]
            vals.append(
                {
                    "user_id": user.id,
                    "date": month,
                    "company_id": company.id,
                    "line_ids": [
                        Command.create(
                            {
                                "partner_id": pid,
                                "expected_revenue": 500.0 + (pid % 40) * 50,
                                "next_action": "Call the buyer about the new range",
                            }
                        )
                        for pid in partner_ids
                    ],
                }
            )
        plans = env["sale.monthly.plan"].create(vals)
        next_month = month + relativedelta(months=1)
        env["sale.monthly.plan"].create(
            [
                {
                    "user_id": user.id,
                    "date": next_month,
                    "company_id": company.id,
                    "line_ids": [Command.create({"partner_id": plan.line_ids[0].partner_id.id})],
                }
                for user, plan in zip(salespeople, plans, strict=True)
            ]
        )
        env.flush_all()
    base.say(
        f"  plans: {len(plans)} x {args.plan_lines} customers ({len(plans.line_ids):,} lines)"
        f"  {watch['seconds']:7.1f} s"
    )
    # the month's stage moves: 1 % of the customers won, reactivated or lost
    env.cr.execute(
        """
        INSERT INTO customer_stage_history (
            partner_id, company_id, date, reason, old_stage, new_stage, transition,
            net_growth, salesperson_id, team_id, user_id,
            create_uid, create_date, write_uid, write_date)
        SELECT p.id, %(company)s, %(day)s, 'automatic',
               (ARRAY['potential', 'dormant', 'loyal'])[1 + p.id %% 3],
               (ARRAY['new', 'new', 'dormant'])[1 + p.id %% 3],
               (ARRAY['won', 'reactivated', 'lost'])[1 + p.id %% 3],
               (ARRAY[1, 1, -1])[1 + p.id %% 3],
               p.user_id, m.crm_team_id, 1, 1, now(), 1, now()
          FROM res_partner p
          LEFT JOIN crm_team_member m ON m.user_id = p.user_id
         WHERE p.ref LIKE %(mark)s AND p.parent_id IS NULL AND p.id %% 100 = 0
        """,
        {"company": company.id, "day": month, "mark": base.MARK + "-%"},
    )
    base.say(f"  stage moves of the month                    {env.cr.rowcount:>7,} rows")
    env.invalidate_all()
    return salespeople


def measure_report(env, user, month, company, team, keep_pdf=None):
    """Data, HTML and PDF of the report as ``user``: ``[(label, value)]``."""
    Report = env["report.sale_customer_care.report_sale_care_monthly"].with_user(user)
    data = {"month": str(month), "company_id": company.id, "team_id": team.id}
    Report._get_report_values(None, data)  # the user's caches (rules, groups) warm
    env.invalidate_all()
    with base.stopwatch() as values_watch:
        values = Report._get_report_values(None, data)
    report = values["reports"][0]
    Actions = env["ir.actions.report"].with_user(user).with_context(force_report_rendering=True)
    env.invalidate_all()
    with base.stopwatch() as html_watch:
        html, _kind = Actions._render_qweb_html(REPORT, None, data=data)
    env.invalidate_all()
    with base.stopwatch() as pdf_watch:
        pdf, _kind = Actions._render_qweb_pdf(REPORT, None, data=data)
    if keep_pdf:
        with open(keep_pdf, "wb") as handle:
            handle.write(pdf)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    verdict = "OK" if pdf_watch["seconds"] < TARGET_SECONDS else "TOO SLOW"
    label = f"team {team.name}" if team else "the whole company"
    return [
        (
            f"{label}: data",
            (
                f"{values_watch['seconds']:.2f} s, {values_watch['queries']} queries "
                f"({values_watch['sql']:.2f} s in PostgreSQL); {len(report['salespeople'])} "
                f"salespeople, {report['risk']['count']:,} signals at risk, "
                f"{report['whitespace']['top_count']:,} top customers"
            ),
        ),
        (
            f"{label}: HTML (QWeb)",
            (
                f"{html_watch['seconds']:.2f} s in all ({html_watch['queries']} queries), "
                f"{len(html) // 1024} KiB"
            ),
        ),
        (
            f"{label}: PDF (target < {TARGET_SECONDS:.0f} s)",
            (
                f"{pdf_watch['seconds']:.2f} s in all ({verdict}): data "
                f"{values_watch['seconds']:.2f} s, HTML "
                f"{max(html_watch['seconds'] - values_watch['seconds'], 0):.2f} s, wkhtmltopdf "
                f"{max(pdf_watch['seconds'] - html_watch['seconds'], 0):.2f} s; {pages} pages, "
                f"{len(pdf) // 1024} KiB"
            ),
        ),
    ]


def measure_dashboard(env, user, month, month_end):
    """Every pivot and list of the dashboard, read as the web client reads
    them with the default filter: ``[(label, value)]``."""
    from odoo.tools import file_path

    with open(
        file_path("sale_customer_care/data/files/customer_care_dashboard.json"), encoding="utf-8"
    ) as handle:
        data = json.load(handle)
    dates = {f["id"] for f in data["globalFilters"] if f["type"] == "date"}
    rows = []
    total = {"seconds": 0.0, "queries": 0}
    for pivot in data["pivots"].values():
        domain = pivot["domain"] if isinstance(pivot["domain"], list) else []
        for filter_id, matching in pivot["fieldMatching"].items():
            if filter_id in dates:
                domain = [
                    *domain,
                    (matching["chain"], ">=", month),
                    (matching["chain"], "<=", month_end),
                ]
        aggregates = [
            "__count"
            if m["fieldName"] == "__count"
            else f"{m['fieldName']}:{m.get('aggregator') or 'sum'}"
            for m in pivot["measures"]
        ]
        Model = env[pivot["model"]].with_user(user)
        env.invalidate_all()
        with base.stopwatch() as watch:
            groups = Model.formatted_read_group(
                domain, [row["fieldName"] for row in pivot["rows"]], aggregates
            )
        total["seconds"] += watch["seconds"]
        total["queries"] += watch["queries"]
        rows.append(
            (
                f"dashboard pivot: {pivot['name']} ({pivot['model']})",
                f"{watch['seconds']:.3f} s, {watch['queries']} queries, {len(groups)} groups",
            )
        )
    for definition in data["lists"].values():
        order = ", ".join(
            f"{o['name']} {'asc' if o['asc'] else 'desc'}" for o in definition["orderBy"]
        )
        env.invalidate_all()
        with base.stopwatch() as watch:
            env[definition["model"]].with_user(user).search_read(
                definition["domain"], definition["columns"], order=order, limit=5
            )
        total["seconds"] += watch["seconds"]
        total["queries"] += watch["queries"]
        rows.append(
            (
                f"dashboard list: {definition['name']}",
                f"{watch['seconds']:.3f} s, {watch['queries']} queries",
            )
        )
    rows.append(
        ("dashboard: all its reads", f"{total['seconds']:.2f} s, {total['queries']} queries")
    )
    return rows


def run(env, args):
    from dateutil.relativedelta import relativedelta

    from odoo import Command, fields

    if not base.bench_customer_count(env):
        base.say(f"building the synthetic company ({args.customers:,} customers)")
        base.build_company(env, args)
    if not analysis.analysis_data_figures(env)[1]:
        base.say("adding salespeople, teams, regions and deliveries")
        analysis.build_analysis_data(env, args)
    figures = base.data_figures(env)
    base.say(f"{figures['customers']:,} customers, {figures['product_lines']:,} invoice lines")
    meeting.start_http(args.http_port)
    env["ir.config_parameter"].set_param("report.url", f"http://127.0.0.1:{args.http_port}")
    env.cr.commit()
    company = env.ref("base.main_company")
    results = []
    with base.no_commit(env.cr):
        manager = env["res.users"].create(
            {
                "name": "Bench Monthly Manager",
                "login": "bench-monthly-manager",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "group_ids": [Command.set(env.ref("sales_team.group_sale_manager").ids)],
            }
        )
        today = fields.Date.context_today(manager)
        month = today.replace(day=1) - relativedelta(months=1)
        month_end = month + relativedelta(day=31)
        base.say(f"preparing {month:%B %Y} (rolled back at the end)")
        salespeople = prepare_month(env, args, company, month)
        team = salespeople[0].sale_team_id
        for scope in (env["crm.team"], team):
            base.say(f"measuring the report: {scope.name or 'the whole company'}")
            results += measure_report(
                env, manager, month, company, scope, args.keep_pdf if not scope else None
            )
        base.say("measuring the dashboard's reads")
        results += measure_dashboard(env, manager, month, month_end)
    base.say("")
    for label, value in results:
        base.say(f"| {label} | {value} |")


if __name__ == "__main__":
    base.main(sys.argv[1:], parse=parse_args, bench=run, http=True)
