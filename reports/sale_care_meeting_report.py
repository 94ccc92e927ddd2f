# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The weekly / monthly sales meeting on paper (seed 000 part B, seed 002):
for each salesperson, expected against achieved, the customers that ordered,
the ones that did not and what comes next, the new customers, and the growth
actions.  Every figure comes from ``sale.care.figures``, read once for all
the salespeople of the meeting; the template only lays the values out."""

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..models.sale_monthly_plan import format_month

# How many product categories with falling sales the report lists.
FALLING_CATEGORY_LIMIT = 10


class SaleCareMeetingReport(models.AbstractModel):
    _name = "report.sale_customer_care.report_sale_care_meeting"
    _inherit = ["sale.care.report"]
    _description = "Sales Meeting Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        Plan = self.env["sale.monthly.plan"]
        if data.get("date_from"):
            company = self.env["res.company"].browse(data["company_id"])
            meetings = [
                self._prepare_meeting(
                    self.env["res.users"].browse(data["user_ids"]),
                    fields.Date.to_date(data["date_from"]),
                    fields.Date.to_date(data["date_to"]),
                    company,
                    title=data.get("title"),
                )
            ]
        else:
            plans = Plan.browse(docids)
            if not plans:
                raise UserError(self.env._("Pick the plans or the team to report on."))
            meetings = [
                self._prepare_meeting(
                    month_plans.user_id, month, month + relativedelta(day=31), company
                )
                for (month, company), month_plans in plans.grouped(
                    lambda p: (p.date, p.company_id)
                ).items()
            ]
        return {
            "doc_ids": docids,
            "doc_model": "sale.monthly.plan",
            "docs": Plan.browse(docids),
            "meetings": meetings,
            **self._care_report_values(),
        }

    @api.model
    def _check_meeting_access(self, users, company):
        """The caller reports on a company they work for (the user's own
        companies, not the ones a client names in its context), and on
        themselves and the members of the teams they lead; "all documents"
        and managers on anyone.  Raise ``AccessError`` otherwise: the report
        then reads nothing."""
        if self.env.su:
            return
        user = self.env.user
        self.env["res.users"]._care_require_company(
            company,
            self.env._(
                "You do not work for %(company)s: you cannot print its meeting report.",
                company=company.display_name,
            ),
        )
        # plans, lines and commitments are read as the caller below (record
        # rules apply); this ACL check refuses users without Sales rights
        self.env["sale.monthly.plan"].check_access("read")
        others = users - user - self.env["res.users"]._care_led_members()
        if others:
            # who is in the meeting is not a record: no rule can say it
            self.env["res.users"]._care_require_group(
                "sales_team.group_sale_salesman_all_leads",
                self.env._(
                    "You can print the meeting report for yourself and the teams you lead, "
                    "not for %(people)s: ask your team leader or a sales manager.",
                    people=", ".join(others.sorted("name").mapped("name")),
                ),
            )

    @api.model
    def _prepare_meeting(self, users, date_from, date_to, company, title=None):
        """Everything one meeting needs, for ``users`` over the period."""
        self._check_meeting_access(users, company)
        if date_to < date_from:
            raise UserError(self.env._("The meeting period ends before it starts."))
        # the figures read the books in SQL, past record rules: the caller,
        # the people and the company have just been checked
        figures = self.env["sale.care.figures"].with_company(company)
        users = users.sorted("name")
        month = date_from.replace(day=1)
        plans = self.env["sale.monthly.plan"].search(
            [
                ("user_id", "in", users.ids),
                ("company_id", "=", company.id),
                ("date", ">=", month),
                ("date", "<=", date_to),
            ]
        )
        lines = plans.line_ids
        members = self.env["customer.care.member"].search(
            [
                ("user_id", "in", users.ids),
                ("company_id", "=", company.id),
                ("layer", "=", "1"),
                ("is_current", "=", True),
            ]
        )
        # the customers of each salesperson: planned ones, then the others they manage
        customer_ids = defaultdict(set)
        for line in lines:
            customer_ids[line.plan_id.user_id].add(line.partner_id.id)
        for member in members:
            customer_ids[member.user_id].add(member.partner_id.id)
        Partner = self.env["res.partner"]
        customers = {user: Partner.browse(ids) for user, ids in customer_ids.items()}
        partners = Partner.browse(set().union(*customer_ids.values()))
        year_ago = month - relativedelta(years=1)
        revenue = figures.get_revenue_by_partner(partners, date_from, date_to, company=company)
        last_month = figures.get_revenue_by_partner(
            partners,
            month - relativedelta(months=1),
            month - relativedelta(days=1),
            company=company,
        )
        last_year = figures.get_revenue_by_partner(
            partners, year_ago, year_ago + relativedelta(day=31), company=company
        )
        orders = figures.get_order_stats(partners, date_from, date_to, company=company)
        interactions = figures.get_last_interactions(
            partners, date_to=date_to, include_planned=False
        )
        by_salesperson = {
            row["salesperson"]: row["revenue"]
            for row in figures.get_invoiced_revenue(
                None, date_from, date_to, groupby=("salesperson",), company=company
            )
        }
        # a period across two months (a week from 28 to 3) has two plans: a
        # customer in both counts each month's share of expected revenue
        line_of = defaultdict(lambda: self.env["sale.monthly.plan.line"])
        for line in lines.sorted(lambda ln: ln.plan_id.date):
            line_of[line.plan_id.user_id, line.partner_id] |= line
        expected = self._expected_in_period(lines, date_from, date_to)
        # a customer planned by two salespeople counts once in the totals
        owners = lines._revenue_owner_ids()
        commitments = self._commitments(users, company, date_to)

        sections, totals = [], defaultdict(float)
        for user in users:
            section = self._prepare_section(
                user,
                customers.get(user, Partner).sorted("name"),
                line_of,
                expected,
                revenue,
                last_month,
                last_year,
                orders,
                interactions,
                (date_from, date_to),
                owners,
            )
            section["plans"] = plans.filtered(lambda p, u=user: p.user_id == u)
            section["invoiced_total"] = by_salesperson.get(user.id, 0.0)
            section["commitments"] = [c for c in commitments if c["user"] == user]
            for key in ("expected", "achieved", "invoiced_total"):
                totals[key] += section[key]
            sections.append(section)
        totals["percent"] = (
            100.0 * totals["achieved"] / totals["expected"] if totals["expected"] else 0.0
        )
        return {
            "title": title or self._default_title(date_from, date_to),
            "date_from": date_from,
            "date_to": date_to,
            "company": company,
            "currency": company.currency_id,
            "sections": sections,
            "totals": dict(totals),
            "falling_categories": self._falling_categories(figures, partners, date_from, date_to),
            # the categories compare the days that have happened (see there)
            "compared_until": min(date_to, fields.Date.context_today(self)),
        }

    @api.model
    def _prepare_section(
        self,
        user,
        customers,
        line_of,
        expected,
        revenue,
        last_month,
        last_year,
        orders,
        interactions,
        period,
        owners,
    ):
        date_from, date_to = period
        stages = dict(
            self.env["res.partner"]._fields["relationship_stage"]._description_selection(self.env)
        )
        ordered, not_ordered, new = [], [], []
        section_expected = section_achieved = 0.0
        for partner in customers:
            planned = line_of.get((user, partner))
            line = planned[-1:] if planned else None
            interaction = interactions.get(partner.id, {})
            row = {
                "partner": partner,
                "tier": partner.customer_tier_id.name or "",
                "stage": partner.relationship_stage,
                "stage_label": stages.get(partner.relationship_stage, ""),
                "planned": bool(line),
                "expected": sum(expected.get(ln.id, 0.0) for ln in planned) if planned else 0.0,
                "revenue": revenue.get(partner.id, 0.0),
                "order_count": orders.get(partner.id, {}).get("order_count", 0),
                "last_month": last_month.get(partner.id, 0.0),
                "last_year": last_year.get(partner.id, 0.0),
                "last_interaction": interaction.get("date"),
                "approached": bool(
                    interaction.get("date") and date_from <= interaction["date"] <= date_to
                ),
                "next_action": line.next_action if line else "",
            }
            if line:
                section_expected += row["expected"]
                section_achieved += row["revenue"] if set(planned.ids) & owners else 0.0
            (ordered if row["order_count"] else not_ordered).append(row)
            if row["stage"] in ("potential", "approaching", "new"):
                new.append(row)
        return {
            "user": user,
            "expected": section_expected,
            "achieved": section_achieved,
            "percent": 100.0 * section_achieved / section_expected if section_expected else 0.0,
            "ordered": ordered,
            "not_ordered": not_ordered,
            "new_customers": new,
        }

    @api.model
    def _expected_in_period(self, lines, date_from, date_to):
        """``{line_id: expected}``: each line's expected revenue for the days
        of its month that fall in the period (a week gets its share)."""
        result = {}
        for line in lines:
            month = line.plan_id.date
            month_end = month + relativedelta(day=31)
            overlap = (min(month_end, date_to) - max(month, date_from)).days + 1
            result[line.id] = line.expected_revenue * max(overlap, 0) / month_end.day
        return result

    @api.model
    def _commitments(self, users, company, date_to):
        """The salespeople's commitments to sign (draft) and active ones
        running behind their time."""
        records = self.env["sale.revenue.commitment"].search(
            [
                ("company_id", "=", company.id),
                ("state", "in", ("draft", "active")),
                ("user_id", "in", users.ids),
            ],
            order="date_end, id",
        )
        result = []
        for commitment in records:
            days = (commitment.date_end - commitment.date_start).days + 1
            elapsed = (min(date_to, commitment.date_end) - commitment.date_start).days + 1
            time_percent = 100.0 * max(elapsed, 0) / days if days else 0.0
            behind = commitment.state == "active" and commitment.progress < time_percent
            if commitment.state == "draft" or behind:
                result.append(
                    {
                        "user": commitment.user_id,
                        "commitment": commitment,
                        "to_sign": commitment.state == "draft",
                        "time_percent": time_percent,
                    }
                )
        return result

    @api.model
    def _falling_categories(self, figures, partners, date_from, date_to):
        """Product categories the customers bought less of than in the same
        period a year before, largest drop first.

        Only the days of the period that have happened are compared, with the
        same days a year before: a month still running is compared to date,
        and a period that has not started yet has nothing to compare (before,
        a future month listed every category as falling by 100 %)."""
        date_to = min(date_to, fields.Date.context_today(self))
        if not partners or date_to < date_from:
            return []
        now = {
            row["category"]: row["revenue"]
            for row in figures.get_invoiced_revenue(
                partners, date_from, date_to, groupby=("category",)
            )
        }
        before = {
            row["category"]: row["revenue"]
            for row in figures.get_invoiced_revenue(
                partners,
                date_from - relativedelta(years=1),
                date_to - relativedelta(years=1),
                groupby=("category",),
            )
        }
        falling = [
            (categ_id, before[categ_id], now.get(categ_id, 0.0))
            for categ_id in before
            if categ_id and now.get(categ_id, 0.0) < before[categ_id]
        ]
        falling.sort(key=lambda row: row[2] - row[1])
        falling = falling[:FALLING_CATEGORY_LIMIT]
        categories = self.env["product.category"].browse([row[0] for row in falling])
        return [
            {
                "category": category,
                "before": previous,
                "now": current,
                "change": 100.0 * (current - previous) / previous if previous else 0.0,
            }
            for category, (_categ_id, previous, current) in zip(categories, falling, strict=True)
        ]

    @api.model
    def _default_title(self, date_from, date_to):
        if date_from.day == 1 and date_to == date_from + relativedelta(day=31):
            return self.env._(
                "Monthly sales meeting, %(month)s",
                month=format_month(self.env, date_from),
            )
        return self.env._(
            "Sales meeting, %(start)s - %(end)s",
            start=format_date(self.env, date_from),
            end=format_date(self.env, date_to),
        )
