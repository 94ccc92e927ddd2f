# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Periodic evaluation of customer tiers and relationship stages.

Set-based, in three steps per company:

1. the facts of all the customers to evaluate are read at once, one grouped
   query per figure (``sale.care.figures``), plus one statement for their
   current tier and stage;
2. decisions are taken in Python on plain values;
3. only the changes are written, batch by batch, grouped by value (the
   contacts with their company), with their history.

The cron keeps its progress (day, scope, last customer) in a system
parameter and commits after each batch, so an interrupted run resumes where
it stopped and a second run on the same day does nothing.
"""

import json
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import SQL

BATCH_SIZE = 2000
PROGRESS_PARAM = "sale_customer_care.evaluation_progress"
# growth (issue 11 §3): the top-customer fields, the best cut first, and the
# ranks of sale.care.figures.get_customer_ranks they are cut from
TOP_FIELDS = ("top_customer", "top_by_revenue", "top_by_invoices", "top_by_frequency")
TOP_RANKS = ("revenue_rank", "invoice_rank", "frequency_rank")


class CustomerCareEvaluation(models.AbstractModel):
    _name = "customer.care.evaluation"
    _description = "Customer Tier and Stage Evaluation"

    # ------------------------------------------------------------------
    # Entry points
    # ------------------------------------------------------------------
    @api.model
    def _cron_evaluate_customers(self):
        """Evaluate every customer, batch by batch, committing after each
        batch: an interrupted run loses nothing and the next run goes on
        after the last customer done. A completed run leaves no progress
        behind, so the next run (the cron's, or one started by hand the same
        day) evaluates everyone again."""
        progress = self._get_progress()
        today = fields.Date.context_today(self)
        cron = self.env["ir.cron"]
        scopes = self._evaluation_scopes()
        start_scope, last_id = progress.get("scope", 0), progress.get("last_id", 0)
        remaining = {
            index: self._scope_ids(domain, last_id if index == start_scope else 0)
            for index, (_company, domain) in enumerate(scopes)
            if index >= start_scope
        }
        cron._commit_progress(remaining=sum(len(ids) for ids in remaining.values()))
        for index, ids in remaining.items():
            company = scopes[index][0]
            for batch_ids, facts in self._iter_batches(ids, company, today):
                self._evaluate_batch(batch_ids, company, today, facts)
                self._set_progress(scope=index, last_id=batch_ids[-1])
                if not cron._commit_progress(len(batch_ids)):
                    return
        self._evaluate_growth()
        self._set_progress()

    @api.private
    @api.model
    def _evaluate_all(self):
        """Evaluate every customer now (the manager's "Re-evaluate now")."""
        today = fields.Date.context_today(self)
        count = 0
        for company, domain in self._evaluation_scopes():
            for batch_ids, facts in self._iter_batches(self._scope_ids(domain), company, today):
                self._evaluate_batch(batch_ids, company, today, facts)
                count += len(batch_ids)
        return count

    @api.private
    @api.model
    def _evaluate_partners(self, partners, company=None):
        """Evaluate the given commercial partners now, each on its company's
        books (a shared customer on ``company``'s, by default the current
        one)."""
        today = fields.Date.context_today(self)
        by_company = defaultdict(list)
        for partner in partners.commercial_partner_id:
            by_company[partner.company_id or company or self.env.company].append(partner.id)
        for company_, ids in by_company.items():
            for batch_ids, facts in self._iter_batches(sorted(ids), company_, today, select=True):
                self._evaluate_batch(batch_ids, company_, today, facts)

    def action_evaluate_all(self):
        """Re-evaluate now: managers only."""
        self.env["res.partner"]._care_check_manager()
        # reads every company's books and writes every customer: checked above
        count = self.sudo()._evaluate_all()
        self.sudo()._evaluate_growth()
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
    # Scope and progress
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
    def _evaluation_scopes(self):
        """``[(company, domain)]``: the customers of each company are rated on
        that company's books; shared customers (no company) by every company
        on its own books (tier, stage and coverage are company-dependent)."""
        base = self._customer_domain()
        companies = self._all_companies()
        return [
            *((company, base + [("company_id", "=", company.id)]) for company in companies),
            *((company, base + [("company_id", "=", False)]) for company in companies),
        ]

    @api.model
    def _all_companies(self):
        # the evaluation covers every company, whoever runs it
        return self.env["res.company"].sudo().search([])  # pylint: disable=no-search-all

    @api.model
    def _scope_ids(self, domain, after_id=0):
        if after_id:
            domain = domain + [("id", ">", after_id)]
        return self.env["res.partner"].sudo().search(domain, order="id").ids

    @api.model
    def _get_progress(self):
        """Where an interrupted run stopped (``{}`` when the last run ended)."""
        raw = self.env["ir.config_parameter"].sudo().get_param(PROGRESS_PARAM)
        return json.loads(raw) if raw else {}

    @api.model
    def _set_progress(self, **progress):
        """Keep the position of the run; no argument: the run is complete."""
        self.env["ir.config_parameter"].sudo().set_param(
            PROGRESS_PARAM, json.dumps(progress) if progress else False
        )

    # ------------------------------------------------------------------
    # Facts and decisions
    # ------------------------------------------------------------------
    @api.model
    def _iter_batches(self, ids, company, today, select=False):
        """Yield ``(batch_ids, facts)``.  For a large set the facts of the
        whole company are read once (one query per figure, cheaper than one
        per batch); ``select`` reads them for ``ids`` only.  The current tier
        and stage of ``ids`` are read once too."""
        if not ids:
            return
        facts = self._read_facts(ids if select else None, company, today)
        facts["current"] = self._read_current(ids, company)
        self._prospect_facts(facts, ids, company, today)  # once for all, not per batch
        for start in range(0, len(ids), BATCH_SIZE):
            yield ids[start : start + BATCH_SIZE], facts

    @api.model
    def _read_facts(self, ids, company, today):
        """What the decisions need, per commercial partner: ``(revenue,
        invoice count, first purchase, last purchase)``; ``ids`` are
        commercial partners, or None for all of the company's."""
        figures = self.env["sale.care.figures"].sudo()
        date_from = self.env["res.partner"]._care_12m_start(today)
        revenue = figures.get_revenue_by_partner(ids, date_from, today, company)
        invoices = figures.get_invoice_stats(ids, date_from, today, company)
        orders = figures.get_order_stats(ids, None, today, company)
        partners = {}
        for partner_id in revenue.keys() | invoices.keys() | orders.keys():
            invoice = invoices.get(partner_id)
            order = orders.get(partner_id)
            days = []
            if invoice:
                days += [invoice["first_invoice_date"], invoice["last_invoice_date"]]
            if order:
                days += [order["first_order_date"], order["last_order_date"]]
            days = [day for day in days if day]
            partners[partner_id] = (
                revenue.get(partner_id, 0.0),
                invoice["invoice_count"] if invoice else 0,
                min(days) if days else None,
                max(days) if days else None,
            )
        tiers = [
            (tier.id, tier.min_revenue_12m, tier.min_invoice_count_12m)
            for tier in self.env["customer.tier"].sudo()._applicable_to(company)
        ]
        limits = {
            "year": date_from,
            "dormant": today - timedelta(days=company.care_dormant_days),
            "approach": today - timedelta(days=company.care_approach_days),
        }
        return {
            "partners": partners,
            # prospects' pipeline and interactions: read for them only
            "prospects": {"opportunities": {}, "interactions": {}, "read": set()},
            "tiers": tiers,
            "limits": limits,
        }

    @api.model
    def _read_current(self, ids, company):
        """``{partner_id: (auto tier, manual tier, tier, stage)}`` in
        ``company`` (the fields are company-dependent), SQL NULL read as
        False: one statement."""
        self.env.flush_all()
        key = str(company.id)
        self.env.cr.execute(
            """SELECT id, (auto_tier_id ->> %s)::int, (manual_tier_id ->> %s)::int,
                      (customer_tier_id ->> %s)::int, relationship_stage ->> %s
                 FROM res_partner WHERE id = ANY(%s)""",
            [key, key, key, key, list(ids)],
        )
        return {
            partner_id: (auto or False, manual or False, tier or False, stage or False)
            for partner_id, auto, manual, tier, stage in self.env.cr.fetchall()
        }

    @api.model
    def _prospect_facts(self, facts, ids, company, today):
        """Open opportunities and last interactions of the customers among
        ``ids`` that never bought (read once, for the prospects only)."""
        cache = facts["prospects"]
        known = facts["partners"]
        prospects = [i for i in ids if not (i in known and known[i][2]) and i not in cache["read"]]
        if prospects:
            figures = self.env["sale.care.figures"].sudo()
            cache["opportunities"].update(figures.get_open_opportunity_counts(prospects, company))
            cache["interactions"].update(figures.get_last_interactions(prospects, today))
            cache["read"].update(prospects)
        return cache

    @api.model
    def _evaluate_batch(self, ids, company, today, facts):
        """Decide the tier and stage of the commercial partners ``ids`` on
        ``company``'s books and write what changed."""
        current = facts["current"]
        tiers, limits, known = facts["tiers"], facts["limits"], facts["partners"]
        prospects = self._prospect_facts(facts, ids, company, today)
        nothing = (0.0, 0, None, None)
        changes = {}
        for partner_id in ids:
            auto, manual, tier, stage = current[partner_id]
            revenue, invoice_count, first, last = known.get(partner_id, nothing)
            vals = {}
            new_auto = self._decide_tier(tiers, revenue, invoice_count)
            if new_auto != auto:
                vals["auto_tier_id"] = new_auto
            # a manager's manual tier wins over the evaluated one
            if (manual or new_auto) != tier:
                vals["customer_tier_id"] = manual or new_auto
            new_stage = self._decide_stage(partner_id, first, last, prospects, limits)
            if new_stage != stage:
                vals["relationship_stage"] = new_stage
                vals["relationship_stage_date"] = today
            if vals:
                changes[partner_id] = vals
        if changes:
            changes = self._recheck(changes, current, company)
            self._apply_changes(changes, current, company, today, facts)

    @api.model
    def _recheck(self, changes, current, company):
        """The current state was read before the batches: take the latest
        for the customers about to change (a manager may have set a manual
        tier since, between two committed batches of the cron)."""
        latest = self._read_current(list(changes), company)
        current.update(latest)
        for partner_id, vals in changes.items():
            auto, manual, tier, _stage = latest[partner_id]
            wanted = manual or vals.get("auto_tier_id", auto)
            if wanted != tier:
                vals["customer_tier_id"] = wanted
            else:
                vals.pop("customer_tier_id", None)
        return {pid: vals for pid, vals in changes.items() if vals}

    @api.model
    def _decide_tier(self, tiers, revenue, invoice_count):
        """The first tier (best first) whose thresholds are met, or False."""
        for tier_id, min_revenue, min_count in tiers:
            if revenue >= min_revenue and invoice_count >= min_count:
                return tier_id
        return False

    @api.model
    def _decide_stage(self, partner_id, first, last, prospects, limits):
        if not first:
            last_interaction = prospects["interactions"].get(partner_id, {}).get("date")
            if prospects["opportunities"].get(partner_id) or (
                last_interaction and last_interaction >= limits["approach"]
            ):
                return "approaching"
            return "potential"
        if last < limits["dormant"]:
            return "dormant"
        if first >= limits["year"]:
            return "new"
        return "loyal"

    # ------------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------------
    @api.model
    def _apply_changes(self, changes, current, company, today, facts=None):
        """Write the changes grouped by value (the contacts with their
        company), log the history and the chatter, refresh coverage."""
        # internal API: the callers checked theirs; the values come from the books
        Partner = self.env["res.partner"].sudo().with_company(company)
        Partner = Partner.with_context(tracking_disable=True)
        groups = defaultdict(list)
        for partner_id, vals in changes.items():
            groups[tuple(sorted(vals.items()))].append(partner_id)
        for key, ids in groups.items():
            # the contacts follow in the same write (res.partner.write)
            Partner.browse(ids).write(dict(key))
        self._log_changes(changes, current, company, today, facts)
        tier_changed = [pid for pid, vals in changes.items() if "customer_tier_id" in vals]
        Partner.browse(tier_changed)._care_recompute_coverage()

    @api.model
    def _log_changes(self, changes, current, company, today, facts=None):
        """History rows for every change; a chatter message for every
        re-classification (the first classification of a customer is in its
        history only: posting thousands of messages on the first run would
        bury the chatter and the evaluation)."""
        tier_history, stage_history, bodies = [], [], {}
        tier_names = {
            tier.id: tier.display_name
            for tier in self.env["customer.tier"].sudo().with_context(active_test=False).search([])
        }
        stage_labels = dict(
            self.env["res.partner"]._fields["relationship_stage"]._description_selection(self.env)
        )
        common = {
            "company_id": company.id,
            "date": today,
            "reason": "automatic",
            "user_id": self.env.user.id,
        }
        none = self.env._("none")
        for partner_id, vals in changes.items():
            _auto, _manual, old_tier, old_stage = current[partner_id]
            lines = []
            if "customer_tier_id" in vals:
                new_tier = vals["customer_tier_id"]
                tier_history.append(
                    dict(common, partner_id=partner_id, old_tier_id=old_tier, new_tier_id=new_tier)
                )
                if old_tier:
                    lines.append(
                        self.env._(
                            "Customer tier: %(old)s → %(new)s",
                            old=tier_names.get(old_tier, none),
                            new=tier_names.get(new_tier, none),
                        )
                    )
            if "relationship_stage" in vals:
                new_stage = vals["relationship_stage"]
                stage_history.append(
                    dict(common, partner_id=partner_id, old_stage=old_stage, new_stage=new_stage)
                )
                if old_stage:
                    lines.append(
                        self.env._(
                            "Relationship stage: %(old)s → %(new)s",
                            old=stage_labels.get(old_stage),
                            new=stage_labels.get(new_stage),
                        )
                    )
            if lines:
                bodies[partner_id] = Markup("<p>%s</p><ul>%s</ul>") % (
                    self.env._("Automatic evaluation"),
                    Markup("").join(Markup("<li>%s</li>") % escape(line) for line in lines),
                )
        self.env["customer.tier.history"].sudo().create(tier_history)
        self._stage_growth_fields(stage_history, company, today, facts)
        self.env["customer.stage.history"].sudo().create(stage_history)
        if bodies:
            self.env["res.partner"].sudo().browse(list(bodies))._message_log_batch(bodies)

    # ------------------------------------------------------------------
    # Growth (issue 11 §3): transitions, top customers, whitespace
    # ------------------------------------------------------------------
    @api.model
    def _stage_growth_fields(self, rows, company, today, facts=None):
        """Give the new stage history ``rows`` their transition, net growth
        and the customer's salesperson and team of the moment: one statement
        for the batch, the first purchases from the facts already read."""
        if not rows:
            return
        History = self.env["customer.stage.history"].sudo()
        owners = History._read_owners([row["partner_id"] for row in rows], company)
        known = (facts or {}).get("partners", {})
        for row in rows:
            first_purchase = known.get(row["partner_id"], (0.0, 0, None, None))[2]
            salesperson, team = owners.get(row["partner_id"], (False, False))
            row.update(
                History._growth_values(row["old_stage"], row["new_stage"], first_purchase, today),
                salesperson_id=salesperson,
                team_id=team,
            )

    @api.private
    @api.model
    def _evaluate_growth(self, companies=None):
        """The top customers and their whitespace, company by company, after
        the tiers they build on (the monthly run and "Re-evaluate now"; a
        single customer's evaluation leaves them: they rank a customer against
        all the others)."""
        today = fields.Date.context_today(self)
        for company in companies or self._all_companies():
            top_ids = self._evaluate_top_customers(company, today)
            self.env["customer.whitespace"].sudo()._refresh(company, top_ids, today)

    @api.model
    def _evaluate_top_customers(self, company, today):
        """Rank the customers of ``company`` (one grouped statement of
        ``sale.care.figures``), cut the ranks at the company's two
        percentages and write the changes, grouped by value.

        :return: ids of the top customers (any measure, either cut)
        """
        figures = self.env["sale.care.figures"].sudo()
        ranks = figures.get_customer_ranks(
            self.env["res.partner"]._care_12m_start(today), today, company
        )
        cuts = (
            ("top1", company.care_top_percent_first / 100),
            ("top2", company.care_top_percent_second / 100),
        )

        def cut(rank):
            # in the cut when fewer than its share of the others rank before
            return next((key for key, share in cuts if rank < share), False)

        decided = {}
        for partner_id, row in ranks.items():
            measures = tuple(cut(row[key]) for key in TOP_RANKS)
            best = min((m for m in measures if m), default=False)
            if best:
                decided[partner_id] = (best, *measures)
        scope = set()
        if decided:
            domain = [
                *self._customer_domain(),
                ("company_id", "in", [False, company.id]),
                ("id", "in", list(decided)),
            ]
            scope = set(self._scope_ids(domain))
        current = self._read_top_customers(company)
        none = (False,) * len(TOP_FIELDS)
        groups = defaultdict(list)
        for partner_id in scope | current.keys():
            values = decided[partner_id] if partner_id in scope else none
            if values != current.get(partner_id, none):
                groups[values].append(partner_id)
        # internal API: the callers checked theirs; the values come from the books
        Partner = self.env["res.partner"].sudo().with_company(company)
        Partner = Partner.with_context(tracking_disable=True)
        # one prefetch for all the groups: what write reads is read once
        changed = Partner.browse(sorted(set().union(*groups.values())))
        for values, ids in groups.items():
            # the contacts follow in the same write (res.partner.write)
            partners = Partner.browse(sorted(ids)).with_prefetch(changed._prefetch_ids)
            partners.write(dict(zip(TOP_FIELDS, values, strict=True)))
        return sorted(scope)

    @api.model
    def _read_top_customers(self, company):
        """``{partner_id: values of TOP_FIELDS}`` of the commercial partners
        flagged in ``company``: one statement."""
        self.env["res.partner"].flush_model(TOP_FIELDS)
        key = str(company.id)
        columns = [SQL("%s ->> %s", SQL.identifier(fname), key) for fname in TOP_FIELDS]
        self.env.cr.execute(
            SQL(
                "SELECT id, %s FROM res_partner WHERE id = commercial_partner_id AND (%s)",
                SQL(", ").join(columns),
                SQL(" OR ").join(SQL("%s IS NOT NULL", column) for column in columns),
            )
        )
        return {
            partner_id: tuple(value or False for value in values)
            for partner_id, *values in self.env.cr.fetchall()
        }
