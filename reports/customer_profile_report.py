# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer profile (seed 002, "working documents"): one page per
customer with who it is for us (tier, stage, care team), what it buys (24
months of revenue by product category, recent orders), what is coming (open
opportunities, revenue commitments), how we talk to it (last interactions,
the latest VIP interview) and what is open (issues).

Every figure is read once for all the customers printed: the same number of
statements for one customer or for a hundred."""

import re
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.mail import html_to_inner_content

SALES_USERS = "sales_team.group_sale_salesman"
ALL_DOCUMENTS = "sales_team.group_sale_salesman_all_leads"

# How many quarters of revenue the profile shows (8 quarters: 24 months).
REVENUE_QUARTERS = 8
# How many rows each list of the profile shows at most, newest first.
ORDER_LIMIT = 5
OPPORTUNITY_LIMIT = 5
INTERACTION_LIMIT = 5
ISSUE_LIMIT = 10
# Longest text of an interaction summary, in characters.
SUMMARY_LENGTH = 160
PUNCTUATION_SPACE = re.compile(r"\s+([:;,.!?])")


class CustomerProfileReport(models.AbstractModel):
    _name = "report.sale_customer_care.report_customer_profile"
    _inherit = ["sale.care.report"]
    _description = "Customer Profile"

    @api.model
    def _get_report_values(self, docids, data=None):
        partners = self.env["res.partner"].browse(docids).commercial_partner_id
        if not partners:
            raise UserError(self.env._("Pick the customers whose profile to print."))
        self._check_profile_access(partners)
        return {
            "doc_ids": partners.ids,
            "doc_model": "res.partner",
            "docs": partners,
            "profiles": self._prepare_profiles(partners, self.env.company),
            **self._care_report_values(),
        }

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    @api.model
    def _check_profile_access(self, partners):
        """Salespeople print the profiles of the customers they care for (any
        layer of the care team, or as their salesperson), as the record rules
        on their opportunities, orders and commitments say; team leaders
        ("all documents") and managers any customer they may read.  Checked
        before anything is read past the record rules (the books)."""
        if self.env.su:
            return
        self.env["res.users"]._care_require_group(
            SALES_USERS, self.env._("Only salespeople can print customer profiles.")
        )
        # partner rules (multi-company) as for any read
        partners.check_access("read")
        if self.env.user.has_group(ALL_DOCUMENTS):
            return
        cared = self.env["res.partner"].search(
            [
                ("id", "in", partners.ids),
                "|",
                ("user_id", "=", self.env.uid),
                (
                    "care_history_ids",
                    "any",
                    [("user_id", "=", self.env.uid), ("is_current", "=", True)],
                ),
            ]
        )
        others = partners - cared
        if others:
            raise AccessError(
                self.env._(
                    "You can print the profile of the customers you care for, not of "
                    "%(customers)s: ask their account manager or your team leader.",
                    customers=", ".join(others.sorted("name").mapped("display_name")),
                )
            )

    # ------------------------------------------------------------------
    # Values
    # ------------------------------------------------------------------
    @api.model
    def _prepare_profiles(self, partners, company):
        """``[{partner, tier, stage, ..., revenue, orders, ...}]``, one per
        customer, in the order given."""
        partners = partners.with_company(company)
        today = fields.Date.context_today(self)
        # the books are read in SQL past the record rules: the caller was
        # checked for these customers (_check_profile_access)
        figures = self.env["sale.care.figures"].with_company(company)
        revenue = self._revenue_by_quarter(figures, partners, company, today)
        history = figures.get_interaction_history(partners, today, limit=INTERACTION_LIMIT)
        members = self._care_teams(partners, company)
        orders = self._recent_orders(partners, company)
        opportunities = self._open_opportunities(partners, company)
        commitments = self._commitments(partners, company)
        interviews = self._last_interviews(partners, company)
        issues = self._open_issues(partners)
        risks = self._risk_signals(partners)
        interactions = self._interactions(history)
        stages = dict(
            self.env["res.partner"]._fields["relationship_stage"]._description_selection(self.env)
        )
        profiles = []
        for partner in partners:
            profiles.append(
                {
                    "partner": partner,
                    "address": "\n".join(
                        line.strip()
                        for line in partner._display_address(without_company=True).splitlines()
                        if line.strip()
                    ),
                    "company": company,
                    "currency": company.currency_id,
                    "tier": partner.customer_tier_id,
                    "tier_locked": partner.tier_locked,
                    "stage": stages.get(partner.relationship_stage, ""),
                    "stage_date": partner.relationship_stage_date,
                    "members": members.get(partner.id, []),
                    "revenue": revenue,
                    "categories": revenue["rows"].get(partner.id, []),
                    "revenue_total": revenue["totals"].get(partner.id, {}),
                    "orders": orders.get(partner.id, []),
                    "opportunities": opportunities.get(partner.id, []),
                    "commitments": commitments.get(partner.id, []),
                    "interactions": interactions.get(partner.id, []),
                    "interview": interviews.get(partner.id),
                    "issues": issues.get(partner.id, []),
                    "risks": risks.get(partner.id, []),
                }
            )
        return profiles

    @api.model
    def _quarters(self, today):
        """The first days of the last :data:`REVENUE_QUARTERS` calendar
        quarters, the current one last."""
        current = today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1)
        return [
            current - relativedelta(months=3 * back) for back in range(REVENUE_QUARTERS - 1, -1, -1)
        ]

    @api.model
    def _revenue_by_quarter(self, figures, partners, company, today):
        """Revenue per customer, product category and quarter: one grouped
        statement for all the customers.

        :return: ``{"quarters": [first day], "rows": {partner_id: [{"category",
            "amounts", "total"}]}, "totals": {partner_id: {"amounts", "total"}}}``
        """
        quarters = self._quarters(today)
        rows = figures.get_invoiced_revenue(
            partners, quarters[0], today, groupby=("partner", "category", "month"), company=company
        )
        amounts = defaultdict(lambda: [0.0] * len(quarters))
        for row in rows:
            month = row["month"]
            index = ((month.year - quarters[0].year) * 12 + month.month - quarters[0].month) // 3
            amounts[row["partner"], row["category"]][index] += row["revenue"]
        categories = self.env["product.category"].browse(
            {categ_id for _partner_id, categ_id in amounts if categ_id}
        )
        names = {category.id: category.name for category in categories}
        by_partner, totals = defaultdict(list), {}
        for (partner_id, categ_id), values in amounts.items():
            by_partner[partner_id].append(
                {
                    "category": names.get(categ_id) or self.env._("Other"),
                    "amounts": values,
                    "total": sum(values),
                }
            )
        for partner_id, category_rows in by_partner.items():
            category_rows.sort(key=lambda r: (-r["total"], r["category"]))
            column_totals = [
                sum(row["amounts"][index] for row in category_rows)
                for index in range(len(quarters))
            ]
            totals[partner_id] = {"amounts": column_totals, "total": sum(column_totals)}
        return {
            "quarters": [
                {
                    "start": quarter,
                    "label": self.env._(
                        "Q%(quarter)s %(year)s",
                        quarter=(quarter.month - 1) // 3 + 1,
                        year=quarter.year,
                    ),
                }
                for quarter in quarters
            ],
            "rows": by_partner,
            "totals": totals,
        }

    @api.model
    def _care_teams(self, partners, company):
        """``{partner_id: [member]}``: today's care team, by layer.  Read as
        the caller: their care-team rules show them the teams they are on."""
        members = self.env["customer.care.member"].search(
            [
                ("partner_id", "in", partners.ids),
                ("company_id", "=", company.id),
                ("is_current", "=", True),
            ],
            order="layer, date_start, id",
        )
        return self._by_partner(members, "partner_id")

    @api.model
    def _recent_orders(self, partners, company):
        """``{partner_id: [sale.order]}``: the last :data:`ORDER_LIMIT`
        confirmed orders of each customer, newest first.  Which ones is
        decided in one statement; they are then read as the caller (the
        sales record rules apply)."""
        self.env["sale.order"].flush_model(["partner_id", "state", "company_id", "date_order"])
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM (
                    SELECT so.id, row_number() OVER (
                               PARTITION BY p.commercial_partner_id
                               ORDER BY so.date_order DESC, so.id DESC) AS rank
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE p.commercial_partner_id = ANY(%s)
                       AND so.state = 'sale'
                       AND so.company_id = %s
                ) ranked
                 WHERE rank <= %s
                """,
                partners.ids,
                company.id,
                ORDER_LIMIT,
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        orders = self.env["sale.order"].search(
            [("id", "in", ids)], order="date_order desc, id desc"
        )
        return self._by_partner(orders, "partner_id.commercial_partner_id")

    @api.model
    def _open_opportunities(self, partners, company):
        """``{partner_id: [crm.lead]}``: open opportunities, the biggest
        first, as the caller may read them."""
        leads = self.env["crm.lead"].search(
            [
                ("partner_id.commercial_partner_id", "in", partners.ids),
                ("type", "=", "opportunity"),
                ("won_status", "=", "pending"),
                ("company_id", "in", (False, company.id)),
            ],
            order="expected_revenue desc, id",
        )
        by_partner = self._by_partner(leads, "partner_id.commercial_partner_id")
        return {pid: rows[:OPPORTUNITY_LIMIT] for pid, rows in by_partner.items()}

    @api.model
    def _commitments(self, partners, company):
        """``{partner_id: [sale.revenue.commitment]}``: to sign or running,
        with their progress (computed for all of them at once)."""
        commitments = self.env["sale.revenue.commitment"].search(
            [
                ("partner_id", "in", partners.ids),
                ("company_id", "=", company.id),
                ("state", "in", ("draft", "active")),
            ],
            order="date_end, id",
        )
        return self._by_partner(commitments, "partner_id")

    @api.model
    def _last_interviews(self, partners, company):
        """``{partner_id: customer.vip.interview}``: the latest done VIP
        interview of each customer, for the users allowed to read it (the
        interview's record rules); nothing for the others."""
        Interview = self.env["customer.vip.interview"]
        if not Interview.has_access("read"):
            return {}
        interviews = Interview.search(
            [
                ("partner_id", "in", partners.ids),
                ("company_id", "=", company.id),
                ("state", "=", "done"),
            ],
            order="date desc, id desc",
        )
        latest = {}
        for interview in interviews:
            latest.setdefault(interview.partner_id.id, interview)
        return latest

    @api.model
    def _interactions(self, history):
        """The interaction rows of the figures' history, with a one-line
        summary of the message and who wrote it."""
        rows = [row for partner_rows in history.values() for row in partner_rows]
        types = self.env["mail.activity.type"].browse(
            {row["activity_type_id"] for row in rows if row["activity_type_id"]}
        )
        type_names = {activity_type.id: activity_type.name for activity_type in types}
        authors = (
            self.env["res.partner"]
            .sudo()
            .browse({row["author_id"] for row in rows if row["author_id"]})
        )
        # sudo: only the author's name is shown, whoever wrote on the customer
        author_names = {author.id: author.name for author in authors}
        result = {}
        for partner_id, partner_rows in history.items():
            result[partner_id] = [
                {
                    "date": row["date"],
                    "kind": (
                        type_names.get(row["activity_type_id"]) or self.env._("Activity")
                        if row["kind"] == "activity"
                        else self.env._("Note or message")
                    ),
                    "summary": self._summary(row),
                    "author": author_names.get(row["author_id"], ""),
                }
                for row in partner_rows
            ]
        return result

    @api.model
    def _summary(self, row):
        text = " ".join(html_to_inner_content(row["body"] or "").split()) or row["subject"] or ""
        # "Call done : Delivery" (spans of the activity's message) -> "Call done: Delivery"
        text = PUNCTUATION_SPACE.sub(r"\1", text)
        if len(text) > SUMMARY_LENGTH:
            text = text[: SUMMARY_LENGTH - 1].rstrip() + "…"
        return text

    # ------------------------------------------------------------------
    # Hooks of the features built beside this one
    # ------------------------------------------------------------------
    @api.model
    def _open_issues(self, partners):
        """``{partner_id: [{"name", "user", "deadline", "overdue",
        "carried"}]}``: the open issues of the meeting issue list raised
        about each customer, at most :data:`ISSUE_LIMIT` each, oldest
        deadline first; read as the caller (record rules apply)."""
        result = defaultdict(list)
        issues = self.env["sale.care.meeting.issue"].search(
            [("partner_id", "in", partners.ids), ("state", "=", "open")],
            order="date_deadline, id",
        )
        for issue in issues:
            rows = result[issue.partner_id.id]
            if len(rows) < ISSUE_LIMIT:
                rows.append(
                    {
                        "name": issue.name,
                        "user": issue.user_id.name,
                        "deadline": issue.date_deadline,
                        "overdue": issue.is_overdue,
                        "carried": issue.carried_count,
                    }
                )
        return result

    @api.model
    def _risk_signals(self, partners):
        """``{partner_id: [{"name", "date", "level"}]}``: the customer's open
        and in-progress risk signals, the largest revenue at risk first;
        read as the caller (record rules apply)."""
        kinds = dict(
            self.env["customer.risk.signal"]._fields["kind"]._description_selection(self.env)
        )
        result = defaultdict(list)
        signals = self.env["customer.risk.signal"].search(
            [("partner_id", "in", partners.ids), ("state", "in", ("open", "in_progress"))],
            order="revenue_at_risk desc, id",
        )
        for signal in signals:
            result[signal.partner_id.id].append(
                {
                    "name": signal.explanation or signal.display_name,
                    "date": signal.date_since,
                    "level": kinds.get(signal.kind, ""),
                }
            )
        return result

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _by_partner(self, records, path):
        """``{partner_id: [record]}`` in the records' order."""
        result = defaultdict(list)
        for record in records:
            result[record.mapped(path).id].append(record)
        return result
