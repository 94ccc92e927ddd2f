# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Periodic evaluation of customer tiers and relationship stages.

Set-based: for a batch of customers a fixed number of grouped queries reads
the figures (``sale.care.figures``), the decisions are taken in Python, and
the changes are written grouped by value, so the number of queries grows with
the number of batches, not of customers.
"""

from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models

BATCH_SIZE = 2000


class CustomerCareEvaluation(models.AbstractModel):
    _name = "customer.care.evaluation"
    _description = "Customer Tier and Stage Evaluation"

    # ------------------------------------------------------------------
    # Entry points
    # ------------------------------------------------------------------
    @api.model
    def _cron_evaluate_customers(self):
        """Evaluate every customer not evaluated today yet, batch by batch,
        committing after each batch: an interrupted run loses nothing and the
        next run goes on with the customers left."""
        today = fields.Date.context_today(self)
        cron = self.env["ir.cron"]
        scopes = self._evaluation_scopes(extra_domain=self._not_evaluated_domain(today))
        cron._commit_progress(remaining=sum(self._count(domain) for _c, domain in scopes))
        for company, domain in scopes:
            while True:
                batch = self._search_batch(domain)
                if not batch:
                    break
                self._evaluate_batch(batch, company, today)
                if not cron._commit_progress(len(batch)):
                    return

    @api.model
    def evaluate_all(self):
        """Evaluate every customer now (the manager's "Re-evaluate now")."""
        today = fields.Date.context_today(self)
        count = 0
        for company, domain in self._evaluation_scopes():
            last_id = 0
            while True:
                batch = self._search_batch(domain + [("id", ">", last_id)])
                if not batch:
                    break
                self._evaluate_batch(batch, company, today)
                count += len(batch)
                last_id = batch[-1].id
        return count

    @api.model
    def evaluate_partners(self, partners):
        """Evaluate the given commercial partners now, each in its company."""
        today = fields.Date.context_today(self)
        by_company = defaultdict(lambda: self.env["res.partner"])
        for partner in partners.commercial_partner_id:
            by_company[partner.company_id or self.env.company] |= partner
        for company, company_partners in by_company.items():
            for start in range(0, len(company_partners), BATCH_SIZE):
                self._evaluate_batch(company_partners[start : start + BATCH_SIZE], company, today)

    def action_evaluate_all(self):
        self.env["res.partner"]._care_check_manager()
        count = self.sudo().evaluate_all()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(count)s customers evaluated.", count=count),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------------
    # Scope
    # ------------------------------------------------------------------
    @api.model
    def _customer_domain(self):
        """Commercial entities that are customers or prospects: not our own
        companies, not internal users, not pure vendors."""
        own = self._all_companies().partner_id
        return [
            *self.env["res.partner"]._care_commercial_domain(),
            ("active", "=", True),
            ("partner_share", "=", True),
            ("id", "not in", own.ids),
            "|",
            ("supplier_rank", "=", 0),
            ("customer_rank", ">", 0),
        ]

    @api.model
    def _evaluation_scopes(self, extra_domain=()):
        """``[(company, domain)]``: the customers of each company are rated on
        that company's books; shared customers (no company) on the books of
        the company running the evaluation."""
        base = self._customer_domain() + list(extra_domain)
        scopes = [
            (company, base + [("company_id", "=", company.id)]) for company in self._all_companies()
        ]
        scopes.append((self.env.company, base + [("company_id", "=", False)]))
        return scopes

    @api.model
    def _all_companies(self):
        # the evaluation covers every company, whoever runs it
        return self.env["res.company"].sudo().search([])  # pylint: disable=no-search-all

    @api.model
    def _not_evaluated_domain(self, today):
        return ["|", ("care_evaluation_date", "=", False), ("care_evaluation_date", "<", today)]

    @api.model
    def _search_batch(self, domain):
        return self.env["res.partner"].sudo().search(domain, order="id", limit=BATCH_SIZE)

    @api.model
    def _count(self, domain):
        return self.env["res.partner"].sudo().search_count(domain)

    # ------------------------------------------------------------------
    # Evaluation of one batch
    # ------------------------------------------------------------------
    @api.model
    def _evaluate_batch(self, partners, company, today):
        """Evaluate commercial ``partners`` on ``company``'s books."""
        partners = partners.sudo().with_company(company)
        facts = self._read_facts(partners, company, today)
        tiers = self.env["customer.tier"].sudo()._applicable_to(company)
        changes = {}
        for partner in partners:
            partner_facts = facts[partner.id]
            vals = {}
            if not partner.tier_locked:
                tier = tiers._best_for(partner_facts["revenue"], partner_facts["invoice_count"])
                if tier != partner.customer_tier_id:
                    vals["customer_tier_id"] = tier.id
            stage = self._decide_stage(partner_facts, company, today)
            if stage != partner.relationship_stage:
                vals["relationship_stage"] = stage
                vals["relationship_stage_date"] = today
            if vals:
                changes[partner] = vals
        self._apply_changes(partners, changes, company, today)

    @api.model
    def _read_facts(self, partners, company, today):
        """Everything the decisions need, in five grouped queries."""
        figures = self.env["sale.care.figures"].sudo()
        date_from = self.env["res.partner"]._care_12m_start(today)
        revenue = figures.get_revenue_by_partner(partners, date_from, today, company)
        invoices = figures.get_invoice_stats(partners, date_from, today, company)
        orders = figures.get_order_stats(partners, None, today, company)
        prospects = partners.filtered(lambda p: p.id not in invoices and p.id not in orders)
        opportunities = interactions = {}
        if prospects:
            opportunities = figures.get_open_opportunity_counts(prospects, company)
            interactions = figures.get_last_interactions(prospects, today)
        facts = {}
        for partner in partners:
            invoice = invoices.get(partner.id, {})
            order = orders.get(partner.id, {})
            buying_dates = [
                d
                for d in (
                    invoice.get("first_invoice_date"),
                    invoice.get("last_invoice_date"),
                    order.get("first_order_date"),
                    order.get("last_order_date"),
                )
                if d
            ]
            facts[partner.id] = {
                "revenue": revenue.get(partner.id, 0.0),
                "invoice_count": invoice.get("invoice_count", 0),
                "first_purchase": min(buying_dates) if buying_dates else None,
                "last_purchase": max(buying_dates) if buying_dates else None,
                "open_opportunities": opportunities.get(partner.id, 0),
                "last_interaction": interactions.get(partner.id, {}).get("date"),
            }
        return facts

    @api.model
    def _decide_stage(self, facts, company, today):
        first, last = facts["first_purchase"], facts["last_purchase"]
        if not first:
            recent = today - timedelta(days=company.care_approach_days)
            if facts["open_opportunities"] or (
                facts["last_interaction"] and facts["last_interaction"] >= recent
            ):
                return "approaching"
            return "potential"
        if last < today - timedelta(days=company.care_dormant_days):
            return "dormant"
        if first >= self.env["res.partner"]._care_12m_start(today):
            return "new"
        return "loyal"

    @api.model
    def _apply_changes(self, partners, changes, company, today):
        """Write the changes grouped by value (the contacts with their
        company), log the history and the chatter, stamp the batch."""
        Partner = (
            self.env["res.partner"].sudo().with_context(care_evaluation=True, tracking_disable=True)
        )
        if changes:
            changed = Partner.browse([p.id for p in changes])
            contacts = Partner.with_context(active_test=False).search(
                [("commercial_partner_id", "in", changed.ids), ("id", "not in", changed.ids)]
            )
            contacts_of = defaultdict(list)
            for contact in contacts:
                contacts_of[contact.commercial_partner_id.id].append(contact.id)
            old = {p.id: (p.customer_tier_id, p.relationship_stage) for p in changes}
            groups = defaultdict(list)
            for partner, vals in changes.items():
                groups[tuple(sorted(vals.items()))].append(partner.id)
            for key, ids in groups.items():
                targets = ids + [c for pid in ids for c in contacts_of[pid]]
                Partner.browse(targets).write(dict(key))
            self._log_changes(changes, old, company, today)
        Partner.browse(partners.ids).write({"care_evaluation_date": today})
        # tiers changed, and memberships may have started or ended since last time
        Partner.browse(partners.ids)._care_recompute_coverage()

    @api.model
    def _log_changes(self, changes, old, company, today):
        tier_history, stage_history, bodies = [], [], {}
        stage_labels = dict(
            self.env["res.partner"]._fields["relationship_stage"]._description_selection(self.env)
        )
        common = {
            "company_id": company.id,
            "date": today,
            "reason": "automatic",
            "user_id": self.env.user.id,
        }
        for partner, vals in changes.items():
            old_tier, old_stage = old[partner.id]
            lines = []
            if "customer_tier_id" in vals:
                new_tier = partner.customer_tier_id
                tier_history.append(
                    dict(
                        common,
                        partner_id=partner.id,
                        old_tier_id=old_tier.id,
                        new_tier_id=new_tier.id,
                    )
                )
                lines.append(
                    self.env._(
                        "Customer tier: %(old)s → %(new)s",
                        old=old_tier.display_name or self.env._("none"),
                        new=new_tier.display_name or self.env._("none"),
                    )
                )
            if "relationship_stage" in vals:
                stage_history.append(
                    dict(
                        common,
                        partner_id=partner.id,
                        old_stage=old_stage,
                        new_stage=vals["relationship_stage"],
                    )
                )
                lines.append(
                    self.env._(
                        "Relationship stage: %(old)s → %(new)s",
                        old=stage_labels.get(old_stage) or self.env._("none"),
                        new=stage_labels.get(vals["relationship_stage"]),
                    )
                )
            bodies[partner.id] = Markup("<p>%s</p><ul>%s</ul>") % (
                self.env._("Automatic evaluation"),
                Markup("").join(Markup("<li>%s</li>") % escape(line) for line in lines),
            )
        self.env["customer.tier.history"].sudo().create(tier_history)
        self.env["customer.stage.history"].sudo().create(stage_history)
        self.env["res.partner"].sudo().browse(list(bodies))._message_log_batch(bodies)
