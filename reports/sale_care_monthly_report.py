# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The manager's monthly report, on paper for the monthly meeting (seed 002:
the month against the sales plan, the best and the lagging salespeople,
next month's plans; seed 000 C: where sales fall or rise, the customers
slipping away, the growth in customers and in product lines).

For a month, a company and optionally a sales team:

1. the month against the plans (expected and achieved, a customer planned
   twice counted once: the Plan Analysis) and against the same month last
   year (the books), per salesperson, with the best and the lagging ones;
2. the product categories, regions and salespeople that fell and rose most
   (the Sales Analysis's ``_compare``);
3. the customers at risk with their kind, state, owner and revenue at risk,
   and what came back from recovered ones (``customer.risk.signal``);
4. the growth in customers: the month's stage transitions
   (``customer.stage.history._stage_growth``);
5. the whitespace of the top customers (``customer.whitespace._whitespace``);
6. next month's plans.

Nothing is computed twice: each section asks the model that owns the
question.  Sales managers print it for the company or a team, a team leader
for the team they lead; the caller is checked before anything is read."""

from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import format_amount, format_date, formatLang

from ..models.customer_risk_signal import ACTIVE_STATES
from ..models.customer_stage_history import GAINED_TRANSITIONS, LOST_TRANSITIONS, NET_GROWTH
from ..models.sale_care_meeting_agenda import LAGGING_PERCENT
from ..models.sale_monthly_plan import format_month

REPORT_ACTION = "sale_customer_care.action_report_sale_care_monthly"
SALES_USERS = "sales_team.group_sale_salesman"
SALES_MANAGERS = "sales_team.group_sale_manager"

# The fallers and risers listed per dimension (category, region, salesperson).
MOVERS = 5
# Customers at risk listed, the largest revenue at risk first (all are counted).
RISK_ROWS = 15
# Recovered signals listed, the largest revenue back first.
RECOVERED_ROWS = 5
# Months of the growth trend, the reported month the last.
GROWTH_MONTHS = 6
# Top customers whose whitespace is listed, the largest typical revenue first.
WHITESPACE_CUSTOMERS = 10


class SaleCareMonthlyReport(models.AbstractModel):
    _name = "report.sale_customer_care.report_sale_care_monthly"
    _inherit = ["sale.care.report"]
    _description = "Monthly Management Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        month = fields.Date.to_date(data.get("month")) or self._default_month()
        company = (
            self.env["res.company"].browse(data["company_id"])
            if data.get("company_id")
            else self.env.company
        )
        team = self.env["crm.team"].browse(data.get("team_id") or [])
        report = self._prepare_report(month, company, team)
        report["sentences"] = self._sentences(report)
        return {
            "doc_ids": [],
            "doc_model": "res.company",
            "docs": company,
            "reports": [report],
            **self._care_report_values(),
            "share_of_wallet": lambda share: self.env._(
                "(%(percent)s %% share of wallet)",
                percent=formatLang(self.env, 100.0 * (share or 0.0), digits=0),
            ),
            "requested_of": lambda name: self.env._("Requested of %(name)s", name=name),
        }

    @api.model
    def _sentences(self, report):
        """The report's sentences, whole: a translator reads a sentence with
        its placeholders, not the pieces QWeb would cut it into around each
        figure (word order differs in Vietnamese and Hungarian).  Figures are
        formatted here in the reader's language, like the template's."""
        env = self.env
        currency = report["currency"]

        def money(amount):
            return format_amount(env, amount or 0.0, currency)

        def number(value):
            return formatLang(env, value or 0, digits=0)

        def day(value):
            return format_date(env, value)

        def signed(value):
            return ("+" if value > 0 else "") + number(value)

        risk, growth, whitespace = report["risk"], report["growth"], report["whitespace"]
        period = {"start": day(report["month"]), "end": day(report["month_end"])}
        sentences = {
            "scope": (
                env._(
                    "Sales team %(team)s · %(start)s – %(end)s", team=report["team"].name, **period
                )
                if report["team"]
                else env._("The whole company · %(start)s – %(end)s", **period)
            ),
            "next_plans": env._("6. Plans for %(month)s", month=report["next_plans"]["label"]),
            "growth": (
                env._(
                    "Gained %(gained)s (won or reactivated), lost %(lost)s (went dormant): "
                    "net %(net)s buying customers this month; %(loyal)s became loyal.",
                    gained=number(growth["gained"]),
                    lost=number(growth["lost"]),
                    net=signed(growth["net"]),
                    loyal=number(growth["loyal"]),
                )
                if growth["loyal"]
                else env._(
                    "Gained %(gained)s (won or reactivated), lost %(lost)s (went dormant): "
                    "net %(net)s buying customers this month.",
                    gained=number(growth["gained"]),
                    lost=number(growth["lost"]),
                    net=signed(growth["net"]),
                )
            ),
            "risk_month": env._(
                "Raised %(raised)s, recovered %(recovered)s (%(amount)s came back), "
                "lost %(lost)s, dismissed %(dismissed)s.",
                raised=number(risk["summary"]["raised"]),
                recovered=number(risk["summary"]["recovered"]),
                amount=money(risk["summary"]["revenue_recovered"]),
                lost=number(risk["summary"]["lost"]),
                dismissed=number(risk["summary"]["dismissed"]),
            ),
        }
        if report["running"]:
            sentences["running"] = env._(
                "The month is still running: compared up to %(date)s with the same days last year.",
                date=day(report["compared_until"]),
            )
        if report["compare_from"]:
            sentences["compare"] = env._(
                "Compared with %(start)s – %(end)s; each level drills down in "
                "Sales › Customer Care › Analysis › Sales Analysis.",
                start=day(report["compare_from"]),
                end=day(report["compare_to"]),
            )
        if risk["count"]:
            sentences["risk"] = env._(
                "Today %(count)s signals are open or in progress, "
                "with %(amount)s of revenue at risk.",
                count=number(risk["count"]),
                amount=money(risk["revenue"]),
            )
        if whitespace["top_count"]:
            sentences["whitespace"] = (
                env._(
                    "%(count)s of the %(top)s top customers do not buy product categories that "
                    "most customers of their tier buy (the largest typical revenue first).",
                    count=number(whitespace["customer_count"]),
                    top=number(whitespace["top_count"]),
                )
                if whitespace["customers"]
                else env._(
                    "Each of the %(top)s top customers buys what most customers of its tier buy.",
                    top=number(whitespace["top_count"]),
                )
            )
        if report["best"]:
            names = ", ".join(
                env._(
                    "%(name)s (%(percent)s %% of plan)",
                    name=row["name"],
                    percent=number(row["percent"]),
                )
                for row in report["best"]
            )
            best = Markup(env._("<strong>Best:</strong> %(names)s."))
            sentences["best"] = best % {"names": names}
        if report["lagging"]:
            names = ", ".join(
                env._("%(name)s (%(percent)s %%)", name=row["name"], percent=number(row["percent"]))
                for row in report["lagging"]
            )
            sentences["lagging"] = Markup(
                env._("<strong>Lagging</strong> (under %(percent)s %% of plan): %(names)s.")
            ) % {"percent": number(report["lagging_percent"]), "names": names}
        return sentences

    @api.model
    def _default_month(self):
        """Last month: its books are complete, and it is the month the
        monthly meeting reviews."""
        return fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)

    # ------------------------------------------------------------------
    # Access and the action
    # ------------------------------------------------------------------
    @api.model
    def _report_action(self, month, company, team=None):
        """The report action of the monthly report of ``month`` (any day of
        it) for ``company`` and optionally ``team``: what the wizard calls.
        The caller is checked here already, not only when the PDF is
        rendered."""
        if not month or not company:
            raise UserError(self.env._("Pick the month and the company of the monthly report."))
        team = team or self.env["crm.team"]
        self._check_monthly_access(company, team)
        return self.env.ref(REPORT_ACTION).report_action(
            None,
            data={
                "month": fields.Date.to_string(month.replace(day=1)),
                "company_id": company.id,
                "team_id": team.id,
            },
        )

    @api.model
    def _check_monthly_access(self, company, team):
        """Sales managers print the report of a company they work for (the
        user's own companies, not the ones a client names in its context),
        for the whole company or any of its teams; a team leader for the
        team they lead.  Raise ``AccessError`` otherwise: nothing is read."""
        if not self.env.su:
            user = self.env.user
            self.env["res.users"]._care_require_group(
                SALES_USERS,
                self.env._("Only sales managers and team leaders can print the monthly report."),
            )
            self.env["res.users"]._care_require_company(
                company,
                self.env._(
                    "You do not work for %(company)s: you cannot print its monthly report.",
                    company=company.display_name,
                ),
            )
            if not user.has_group(SALES_MANAGERS):
                if not team:
                    raise AccessError(
                        self.env._(
                            "Only sales managers print the monthly report of the whole "
                            "company: pick the sales team you lead."
                        )
                    )
                # who leads a team is not a record rule's question
                if team.user_id != user:
                    raise AccessError(
                        self.env._(
                            "You can print the monthly report of the team you lead, not of "
                            "%(team)s: ask its team leader or a sales manager.",
                            team=team.display_name,
                        )
                    )
        if team and team.company_id and team.company_id != company:
            raise UserError(
                self.env._(
                    "The sales team %(team)s works for another company than %(company)s.",
                    team=team.display_name,
                    company=company.display_name,
                )
            )

    # ------------------------------------------------------------------
    # The report
    # ------------------------------------------------------------------
    @api.model
    def _prepare_report(self, month, company, team=None):
        """Everything the report shows, as plain values."""
        team = team or self.env["crm.team"]
        self._check_monthly_access(company, team)
        month = month.replace(day=1)
        month_end = month + relativedelta(day=31)
        today = fields.Date.context_today(self)
        # the team's salespeople (its leader included); everyone without a team
        people = (team.member_ids | team.user_id) if team else None
        # only the days that have happened are compared, with the same days
        # a year before: a month still running is compared to date, a month
        # to come not at all (no "-100 %" for a month without sales yet)
        compared_until = min(month_end, today)
        started = month <= today
        Run = self.env["sale.care.sales.analysis.run"]
        compare_from, compare_to = (
            Run._comparison_dates("last_year", month, compared_until) if started else (None, None)
        )
        comparison = (
            self._comparison(month, compared_until, compare_from, compare_to, company, people)
            if started
            else []
        )
        plans = self._plan_rows(month, company, team)
        salespeople, totals = self._salespeople(plans, comparison, people, ranked=started)
        title = self.env._(
            "Monthly management report, %(month)s", month=format_month(self.env, month)
        )
        return {
            "title": title,
            "company": company,
            "currency": company.currency_id,
            "team": team,
            "month": month,
            "month_end": month_end,
            "month_label": format_month(self.env, month),
            "started": started,
            "compared_until": compared_until,
            "compare_from": compare_from,
            "compare_to": compare_to,
            "running": started and compared_until < month_end,
            "salespeople": salespeople,
            "totals": totals,
            "best": [row for row in salespeople if row["best"]],
            "lagging": [row for row in salespeople if row["lagging"]],
            "lagging_percent": LAGGING_PERCENT,
            "movers": self._movers(comparison),
            "risk": self._risk(month, month_end, company, people),
            "growth": self._growth(month, month_end, company, team),
            "whitespace": self._top_whitespace(
                company, people, compared_until if started else today
            ),
            "next_plans": self._next_plans(month + relativedelta(months=1), company, team),
        }

    # ---- 1. the month against the plans and last year -----------------
    @api.model
    def _plan_rows(self, month, company, team):
        """``{user: {"expected", "achieved", "plans"}}``: the month's plans
        from the Plan Analysis (a customer planned by two salespeople
        counts once, see ``REVENUE_OWNER_RANK``), read as the caller."""
        domain = [("company_id", "=", company.id), ("date", "=", month)]
        if team:
            domain.append(("team_id", "=", team.id))
        rows = {}
        for user, expected, achieved in self.env["sale.monthly.plan.analysis"]._read_group(
            domain, ["user_id"], ["expected_revenue:sum", "actual_revenue:sum"]
        ):
            rows[user] = {
                "expected": expected or 0.0,
                "achieved": achieved or 0.0,
                "plans": self.env["sale.monthly.plan"],
            }
        # the plans' states, empty plans too
        for plan in self.env["sale.monthly.plan"].search(domain):
            rows.setdefault(
                plan.user_id,
                {"expected": 0.0, "achieved": 0.0, "plans": self.env["sale.monthly.plan"]},
            )["plans"] |= plan
        return rows

    @api.model
    def _comparison(self, date_from, date_to, compare_from, compare_to, company, people):
        """The Sales Analysis of the month against the same days a year
        before, by product category, region and salesperson, in one
        statement (``sale.care.sales.analysis._compare``)."""
        # the books past record rules: the caller, the company and the team
        # were checked (_check_monthly_access); the team's figures are its
        # salespeople's, whoever of them the leader may see otherwise
        rows = (
            self.env["sale.care.sales.analysis"]
            .sudo()
            ._compare(
                (date_from, date_to),
                (compare_from, compare_to),
                ("category", "state", "country", "salesperson"),
                salespeople=people,
                company=company,
            )
        )
        env = self.env
        return [
            {
                "categ": row["categ_id"].with_env(env),
                "state": row["state_id"].with_env(env),
                "country": row["country_id"].with_env(env),
                "user": row["user_id"].with_env(env),
                "revenue": row["revenue"],
                "compare": row["revenue_compare"],
            }
            for row in rows
        ]

    @api.model
    def _salespeople(self, plans, comparison, people, ranked=True):
        """One row per salesperson with a plan or sales (the team's only):
        expected, achieved and % of plan, the month's revenue against the
        same month last year; the best (the highest % of plan) and the
        lagging (under :data:`LAGGING_PERCENT` % of plan) flagged, as on
        the monthly meeting's agenda, unless not ``ranked`` (a month to
        come).  And the totals."""
        revenue = defaultdict(lambda: [0.0, 0.0])
        for row in comparison:
            revenue[row["user"]][0] += row["revenue"]
            revenue[row["user"]][1] += row["compare"]
        Users = self.env["res.users"]
        users = Users.union(*plans, *(user for user in revenue if user))
        if people is not None:
            users &= people
        rows = []
        for user in users:
            plan = plans.get(user, {})
            expected = plan.get("expected", 0.0)
            achieved = plan.get("achieved", 0.0)
            now, before = revenue.get(user, (0.0, 0.0))
            rows.append(
                {
                    "user": user,
                    "name": user.name,
                    "plans": plan.get("plans", self.env["sale.monthly.plan"]),
                    "expected": expected,
                    "achieved": achieved,
                    "percent": 100.0 * achieved / expected if expected else None,
                    "revenue": now,
                    "revenue_last_year": before,
                    "change": self._percent(now, before),
                    "best": False,
                    "lagging": False,
                }
            )
        ranked = sorted(
            (row for row in rows if ranked and row["percent"] is not None),
            key=lambda row: -row["percent"],
        )
        best = [row for row in ranked[:1] if row["percent"] > 0]
        for row in best:
            row["best"] = True
        for row in ranked:
            row["lagging"] = row["percent"] < LAGGING_PERCENT and not row["best"]
        rows.sort(
            key=lambda row: (
                row["percent"] is None,
                -(row["percent"] or 0.0),
                -row["revenue"],
                row["name"],
            )
        )
        expected = sum(row["expected"] for row in rows)
        achieved = sum(row["achieved"] for row in rows)
        # the company's revenue: invoices without a salesperson too
        now = sum(row["revenue"] for row in comparison)
        before = sum(row["compare"] for row in comparison)
        unassigned = revenue.get(Users, (0.0, 0.0))
        totals = {
            "expected": expected,
            "achieved": achieved,
            "percent": 100.0 * achieved / expected if expected else None,
            "revenue": now,
            "revenue_last_year": before,
            "change": self._percent(now, before),
            "unassigned": unassigned[0],
            "unassigned_last_year": unassigned[1],
        }
        return rows, totals

    # ---- 2. what fell and rose most -----------------------------------
    @api.model
    def _movers(self, comparison):
        """Per dimension (product category, region, salesperson), the
        :data:`MOVERS` groups whose revenue fell most and rose most against
        the same month last year."""
        no_region = self.env._("No region")
        dimensions = {
            "category": lambda row: (
                row["categ"],
                row["categ"].complete_name or self.env._("No category"),
            ),
            "region": lambda row: (
                (row["state"], row["country"]),
                ", ".join(part for part in (row["state"].name, row["country"].name) if part)
                or no_region,
            ),
            "salesperson": lambda row: (
                row["user"],
                row["user"].name or self.env._("No salesperson"),
            ),
        }
        result = {}
        for dimension, key_of in dimensions.items():
            groups = {}
            for row in comparison:
                key, name = key_of(row)
                group = groups.setdefault(key, {"name": name, "revenue": 0.0, "compare": 0.0})
                group["revenue"] += row["revenue"]
                group["compare"] += row["compare"]
            for group in groups.values():
                group["change"] = group["revenue"] - group["compare"]
                group["percent"] = self._percent(group["revenue"], group["compare"])
            ordered = sorted(groups.values(), key=lambda g: (g["change"], g["name"]))
            result[dimension] = {
                "falling": [g for g in ordered if g["change"] < 0][:MOVERS],
                "rising": [g for g in reversed(ordered) if g["change"] > 0][:MOVERS],
            }
        return result

    # ---- 3. customers at risk -----------------------------------------
    @api.model
    def _risk(self, month, month_end, company, people):
        """The open and in-progress signals (the largest revenue at risk
        first, their totals by kind) and what the month's recoveries brought
        back; read as the caller (record rules apply)."""
        Signal = self.env["customer.risk.signal"]
        kinds = dict(Signal._fields["kind"]._description_selection(self.env))
        domain = [("company_id", "=", company.id), ("state", "in", ACTIVE_STATES)]
        if people is not None:
            domain.append(("user_id", "in", people.ids))
        by_kind = [
            {
                "kind": kinds.get(kind, kind),
                "count": count,
                "customers": customers,
                "revenue": revenue or 0.0,
            }
            for kind, count, customers, revenue in Signal._read_group(
                domain,
                ["kind"],
                ["__count", "partner_id:count_distinct", "revenue_at_risk:sum"],
                order="revenue_at_risk:sum desc",
            )
        ]
        signals = Signal._open_signals(company, users=people)
        recovered = Signal.search(
            [
                ("company_id", "=", company.id),
                ("state", "=", "recovered"),
                ("date_closed", ">=", month),
                ("date_closed", "<=", month_end),
                *([("user_id", "in", people.ids)] if people is not None else []),
            ],
            order="revenue_recovered desc, id",
            limit=RECOVERED_ROWS,
        )
        return {
            "by_kind": by_kind,
            "count": sum(row["count"] for row in by_kind),
            "revenue": sum(row["revenue"] for row in by_kind),
            "rows": signals[:RISK_ROWS],
            "summary": Signal._period_summary(company, month, month_end, users=people),
            "recovered": recovered,
        }

    # ---- 4. growth in customers ---------------------------------------
    @api.model
    def _growth(self, month, month_end, company, team):
        """The month's stage transitions, per transition and per
        salesperson, and the net growth of the last :data:`GROWTH_MONTHS`
        months (``_stage_growth``, read as the caller)."""
        History = self.env["customer.stage.history"]
        transitions = dict(History._fields["transition"]._description_selection(self.env))

        def moves(date_from, groupby):
            keys = ("team", *groupby) if team else groupby
            rows = History._stage_growth(company, date_from, month_end, keys)
            return [row for row in rows if not team or row["team"] == team]

        # Gained and lost count buying customers (won or reactivated; went
        # dormant), so that gained - lost = net; becoming loyal is progress of
        # a customer already counted, shown apart.  (The Customer Growth
        # view's "Gained" filter counts it among the good moves.)
        empty = {"gained": 0, "lost": 0, "loyal": 0, "net": 0, "count": 0}

        def add(values, row):
            net = NET_GROWTH.get(row["transition"], 0)
            values["gained"] += row["count"] if net > 0 else 0
            values["lost"] += row["count"] if net < 0 else 0
            values["loyal"] += row["count"] if row["transition"] == "loyal" else 0
            values["net"] += row["net_growth"]
            values["count"] += row["count"]

        by_transition = defaultdict(int)
        for row in moves(month, ("transition",)):
            by_transition[row["transition"]] += row["count"]
        order = [*GAINED_TRANSITIONS, *LOST_TRANSITIONS]
        order += sorted(set(by_transition) - set(order))
        by_salesperson = defaultdict(lambda: dict(empty))
        for row in moves(month, ("salesperson", "transition")):
            add(by_salesperson[row["salesperson"]], row)
        trend = defaultdict(lambda: dict(empty))
        start = month - relativedelta(months=GROWTH_MONTHS - 1)
        for row in moves(start, ("month", "transition")):
            add(trend[row["month"]], row)
        months = [start + relativedelta(months=i) for i in range(GROWTH_MONTHS)]
        this_month = trend.get(month, empty)
        return {
            "transitions": [
                {
                    "name": transitions.get(key, key),
                    "count": by_transition[key],
                    "gained": key in GAINED_TRANSITIONS,
                    "lost": NET_GROWTH.get(key, 0) < 0,
                }
                for key in order
                if by_transition.get(key)
            ],
            "gained": this_month["gained"],
            "lost": this_month["lost"],
            "loyal": this_month["loyal"],
            "net": this_month["net"],
            "salespeople": sorted(
                (
                    {"name": user.name or self.env._("No salesperson"), **values}
                    for user, values in by_salesperson.items()
                ),
                key=lambda row: (-row["net"], -row["gained"], row["name"]),
            ),
            "trend": [
                {
                    "month": day,
                    "label": format_month(self.env, day),
                    **trend.get(day, empty),
                }
                for day in months
            ],
        }

    # ---- 5. top customers' whitespace ---------------------------------
    @api.model
    def _top_whitespace(self, company, people, day):
        """The top customers of ``company`` (of the team's salespeople) and
        the product categories most customers of their tier buy and they do
        not, over the 12 months ending ``day``
        (``customer.whitespace._whitespace``), with the survey of their
        capacity if one was asked for."""
        domain = [("top_customer", "!=", False), ("is_company", "=", True)]
        if people is not None:
            domain.append(("user_id", "in", people.ids))
        partners = self.env["res.partner"].with_company(company).search(domain)
        # the books, for the top customers the caller may read (just searched)
        rows = self.env["customer.whitespace"].sudo()._whitespace(partners, company, today=day)
        potentials = {
            (potential.partner_id.id, potential.categ_id.id): potential
            for potential in self.env["customer.category.potential"].search(
                [
                    ("company_id", "=", company.id),
                    ("partner_id", "in", list({row["partner_id"] for row in rows})),
                ]
            )
        }
        customers = {}
        Partner, Category, Tier = (
            self.env["res.partner"],
            self.env["product.category"],
            self.env["customer.tier"],
        )
        for row in rows:
            customer = customers.setdefault(
                row["partner_id"],
                {
                    "partner": Partner.browse(row["partner_id"]),
                    "tier": Tier.browse(row["tier_id"]),
                    "categories": [],
                    "typical_revenue": 0.0,
                },
            )
            customer["categories"].append(
                {
                    "categ": Category.browse(row["categ_id"]),
                    "share": 100.0 * (row["tier_share"] or 0.0),
                    "typical_revenue": row["typical_revenue"] or 0.0,
                    "potential": potentials.get((row["partner_id"], row["categ_id"])),
                }
            )
            customer["typical_revenue"] += row["typical_revenue"] or 0.0
        listed = sorted(
            customers.values(), key=lambda c: (-c["typical_revenue"], c["partner"].name or "")
        )
        return {
            "top_count": len(partners),
            "customer_count": len(customers),
            "customers": listed[:WHITESPACE_CUSTOMERS],
        }

    # ---- 6. next month's plans ----------------------------------------
    @api.model
    def _next_plans(self, month, company, team):
        """Next month's plans, to approve at the meeting."""
        domain = [("company_id", "=", company.id), ("date", "=", month)]
        if team:
            domain.append(("team_id", "=", team.id))
        return {
            "month": month,
            "label": format_month(self.env, month),
            "plans": self.env["sale.monthly.plan"].search(domain).sorted(lambda p: p.user_id.name),
        }

    @api.model
    def _percent(self, value, base):
        """The change of ``value`` against ``base`` in %; None when there is
        nothing to compare with."""
        return 100.0 * (value - base) / abs(base) if base else None
