# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customers slipping away, judged by their own rhythm (seed 000, part C).

A fixed "90 days" misses a monthly buyer silent for seven weeks and nags a
yearly buyer.  For every customer and product category with enough history
(at least :data:`MIN_PURCHASES` invoice dates in 24 months) the books give its
own reorder rhythm, the median number of days between consecutive invoice
dates, and three kinds of signal are raised:

* **late**: the days since the last purchase exceed ``k`` x the rhythm
  (``k`` = 1.5 by default, company setting);
* **stopped**: they exceed :data:`STOP_FACTOR` x the rhythm, or the customer
  is dormant and late;
* **falling**: the revenue of the last ``N`` months (3) is below the same
  months last year by more than a threshold (30 %).

Each signal is a record that lives ``open -> in progress -> recovered / lost
/ dismissed``.  The daily cron raises and closes them from the books, set
based: per company one grouped statement for the facts of every customer
(``sale.care.figures._risk_category_facts``) and one for the signals, then
per batch of customers one statement for their stage, tier and account
manager and the writes, committed after each batch with its position kept,
so that an interrupted run resumes and a second run changes nothing.
"""

import json
import math
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_amount, format_date

SIGNAL_KINDS = [
    ("late", "Late"),
    ("falling", "Falling"),
    ("stopped", "Stopped"),
]
SIGNAL_STATES = [
    ("open", "Open"),
    ("in_progress", "In Progress"),
    ("recovered", "Recovered"),
    ("lost", "Lost"),
    ("dismissed", "Dismissed"),
]
ACTIVE_STATES = ("open", "in_progress")
# a rhythm needs at least two intervals: three invoice dates in 24 months
MIN_PURCHASES = 3
# stopped: more than three reorder cycles missed
STOP_FACTOR = 3.0
# the revenue that came back is followed for this many days after recovery
RECOVERY_DAYS = 90
BATCH_SIZE = 2000
PROGRESS_PARAM = "sale_customer_care.risk_progress"
SALES_USERS = "sales_team.group_sale_salesman"
TEAM_LEADERS = "sales_team.group_sale_salesman_all_leads"
# written from the books (the cron) and by the actions, never by a client
BOOK_FIELDS = {
    "partner_id",
    "categ_id",
    "kind",
    "state",
    "company_id",
    "user_id",
    "tier_id",
    "date_raised",
    "date_since",
    "date_last_purchase",
    "date_expected",
    "rhythm_days",
    "purchase_count",
    "revenue_at_risk",
    "revenue_recent",
    "revenue_previous",
    "revenue_recovered",
    "date_closed",
    "closed_by_id",
    "dismiss_reason",
    "activity_id",
    "activity_user_id",
    "assigned_by_id",
    "date_assigned",
    "acted_by_id",
    "date_acted",
}


class CustomerRiskSignal(models.Model):
    _name = "customer.risk.signal"
    _description = "Customer at Risk"
    _inherit = ["mail.thread"]
    _order = "revenue_at_risk desc, id desc"
    _rec_names_search = ["partner_id", "categ_id"]
    _check_company_auto = True
    # the care team may log a note on what it sees; acting is checked apart
    _mail_post_access = "read"

    _one_active_signal = models.UniqueIndex(
        "(partner_id, categ_id, kind, company_id) WHERE state IN ('open', 'in_progress')",
        "A customer has one open signal of each kind per product category.",
    )

    kind = fields.Selection(SIGNAL_KINDS, required=True, index=True, tracking=True)
    state = fields.Selection(
        SIGNAL_STATES,
        default="open",
        required=True,
        index=True,
        tracking=True,
        copy=False,
        group_expand=True,
    )
    date_raised = fields.Date(
        string="Raised On",
        required=True,
        readonly=True,
        default=fields.Date.context_today,
        help="The day the daily check raised the signal.",
    )
    date_since = fields.Date(
        string="Since",
        required=True,
        readonly=True,
        help="Late or stopped: the first day past the limit of the customer's rhythm; "
        "falling: the first day of the months compared.",
    )
    date_last_purchase = fields.Date(
        string="Last Purchase",
        readonly=True,
        help="The last invoice of the customer in this category when the signal was raised.",
    )
    date_expected = fields.Date(
        string="Expected Reorder",
        readonly=True,
        help="The last purchase plus the customer's rhythm.",
    )
    rhythm_days = fields.Float(
        string="Rhythm (days)",
        digits=(16, 1),
        aggregator="avg",
        readonly=True,
        help="Median days between consecutive invoices of this category over 24 months.",
    )
    purchase_count = fields.Integer(
        string="Purchases (24 months)",
        aggregator=None,
        readonly=True,
        help="Invoice dates of this category over 24 months (one a day at most).",
    )
    days_silent = fields.Integer(
        compute="_compute_days_silent",
        aggregator=None,
        help="Days since the last purchase in this category.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id", store=True)
    revenue_at_risk = fields.Monetary(
        string="Revenue at Risk",
        readonly=True,
        help="The average revenue of one reorder cycle: 24 months' revenue of the category "
        "(credit notes deducted) divided by the number of purchases.",
    )
    revenue_recent = fields.Monetary(
        string="Revenue (recent months)",
        readonly=True,
        help="Revenue of the category over the months compared, when the signal was raised.",
    )
    revenue_previous = fields.Monetary(string="Revenue (same months last year)", readonly=True)
    revenue_recovered = fields.Monetary(
        string="Revenue Back",
        readonly=True,
        copy=False,
        help="Revenue invoiced in the category since the purchase that recovered the signal, "
        "followed for 90 days.",
    )
    explanation = fields.Text(compute="_compute_explanation")
    note = fields.Text(string="Notes")
    dismiss_reason = fields.Text(string="Dismissal Reason", readonly=True, tracking=True)
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False)
    date_assigned = fields.Date(string="Assigned On", readonly=True, copy=False)
    date_acted = fields.Date(string="Acted On", readonly=True, copy=False)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        readonly=True,
        index=True,
        tracking=True,
        help="The customer's account manager (care layer 1), else its salesperson.",
    )
    tier_id = fields.Many2one("customer.tier", string="Customer Tier", readonly=True)
    partner_state_id = fields.Many2one(
        related="partner_id.state_id", string="Customer State", store=True
    )
    partner_country_id = fields.Many2one(
        related="partner_id.country_id", string="Customer Country", store=True
    )
    activity_id = fields.Many2one(
        "mail.activity",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    activity_user_id = fields.Many2one("res.users", string="Assigned To", readonly=True, copy=False)
    assigned_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    acted_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        help="Who marked the assigned activity done.",
    )
    closed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, default=lambda s: s.env.company
    )

    @api.depends("partner_id", "categ_id", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for signal in self:
            signal.display_name = " · ".join(
                part
                for part in (
                    signal.partner_id.display_name,
                    signal.categ_id.display_name,
                    kinds.get(signal.kind),
                )
                if part
            )

    @api.depends("date_last_purchase", "state", "date_closed")
    @api.depends_context("date")
    def _compute_days_silent(self):
        today = fields.Date.context_today(self)
        for signal in self:
            last = signal.date_last_purchase
            # a recovered silence ended when the customer bought again
            end = signal.date_closed if signal.state == "recovered" else today
            signal.days_silent = (end - last).days if last and end else 0

    @api.depends(
        "kind",
        "partner_id",
        "categ_id",
        "rhythm_days",
        "date_last_purchase",
        "date_expected",
        "revenue_recent",
        "revenue_previous",
        "revenue_recovered",
        "state",
        "date_closed",
        "company_id",
    )
    @api.depends_context("date")
    def _compute_explanation(self):
        for signal in self:
            signal.explanation = signal._explain() if signal.kind and signal.partner_id else False

    @api.constrains("state", "dismiss_reason")
    def _check_dismiss_reason(self):
        for signal in self:
            if signal.state == "dismissed" and not (signal.dismiss_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Write why the signal of %(customer)s is dismissed.",
                        customer=signal.partner_id.display_name,
                    )
                )

    def write(self, vals):
        if not self.env.su and BOOK_FIELDS & vals.keys():
            raise AccessError(
                self.env._(
                    "Customers at risk are raised and closed from the books: use Assign, "
                    "Dismiss or Mark Lost."
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_assign(self):
        """Open the wizard that gives the account managers an activity."""
        self._check_can_act()
        return self._wizard_action("sale_customer_care.action_customer_risk_assign")

    def action_dismiss(self):
        """Open the wizard that dismisses the signals with a reason."""
        self._check_can_act()
        return self._wizard_action("sale_customer_care.action_customer_risk_dismiss")

    def action_mark_lost(self):
        """The customer is gone for this category: the owner, a team leader
        or a manager says so (the cron never does)."""
        signals = self._active_or_refuse()
        signals._close("lost")
        return True

    def action_reopen(self):
        """A dismissed or lost signal back to open (a mistake undone)."""
        self._check_can_act()
        signals = self.filtered(lambda s: s.state in ("dismissed", "lost"))
        for signal in signals:
            duplicate = self.search_count(
                [
                    ("id", "!=", signal.id),
                    ("partner_id", "=", signal.partner_id.id),
                    ("categ_id", "=", signal.categ_id.id),
                    ("company_id", "=", signal.company_id.id),
                    ("state", "in", ACTIVE_STATES),
                ]
            )
            if duplicate:
                raise UserError(
                    self.env._(
                        "%(customer)s has an open signal in %(category)s already: work on "
                        "that one.",
                        customer=signal.partner_id.display_name,
                        category=signal.categ_id.display_name,
                    )
                )
        # the caller may act on these signals (checked above)
        signals.sudo().write(
            {"state": "open", "date_closed": False, "closed_by_id": False, "dismiss_reason": False}
        )
        return True

    # ------------------------------------------------------------------
    # What people do (called by the actions and the wizards)
    # ------------------------------------------------------------------
    def _assign_activities(self, activity_type="call", date_deadline=None, note=None):
        """Give each customer's account manager one Call or To-Do on the
        customer with the reasons of its signals, and move the signals to
        in progress.  Assigning again replaces the pending activity."""
        signals = self._active_or_refuse()
        today = fields.Date.context_today(self)
        types = {
            "call": self.env.ref("mail.mail_activity_data_call"),
            "todo": self.env.ref("mail.mail_activity_data_todo"),
        }
        # the caller may act on these signals (checked): their customers'
        # care teams and activities are read and written for them
        signals_sudo = signals.sudo()
        by_customer = defaultdict(lambda: signals_sudo.browse())
        for signal in signals_sudo:
            manager = signal._current_owner()
            if not manager:
                raise UserError(
                    self.env._(
                        "%(customer)s has no account manager: a sales manager sets one in its "
                        "care team first.",
                        customer=signal.partner_id.display_name,
                    )
                )
            by_customer[signal.partner_id, manager] |= signal
        signals_sudo._drop_pending_activities()
        model_id = self.env["ir.model"]._get_id("res.partner")
        vals_list, groups = [], []
        for (partner, manager), group in by_customer.items():
            reasons = Markup("").join(Markup("<li>%s</li>") % s.explanation for s in group)
            body = Markup("<ul>%s</ul>") % reasons
            if note:
                body = Markup("<p>%s</p>%s") % (note, body)
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": types[activity_type].id,
                    "user_id": manager.id,
                    "date_deadline": date_deadline or today + timedelta(days=3),
                    "summary": self.env._(
                        "Customer at risk: %(categories)s",
                        categories=", ".join(sorted(set(group.categ_id.mapped("display_name")))),
                    ),
                    "note": body,
                }
            )
            groups.append((group, manager))
        activities = self.env["mail.activity"].sudo().create(vals_list)
        for (group, manager), activity in zip(groups, activities, strict=True):
            group.write(
                {
                    "state": "in_progress",
                    "user_id": manager.id,
                    "activity_id": activity.id,
                    "activity_user_id": manager.id,
                    "assigned_by_id": self.env.user.id,
                    "date_assigned": today,
                    "acted_by_id": False,
                    "date_acted": False,
                }
            )
        return activities

    def _dismiss(self, reason):
        """Dismiss the signals with the caller's reason (required)."""
        if not (reason or "").strip():
            raise UserError(
                self.env._("Write why these customers are not at risk before dismissing them.")
            )
        signals = self._active_or_refuse()
        signals._close("dismissed", dismiss_reason=reason.strip())
        return True

    def _close(self, state, **vals):
        signals_sudo = self.sudo()  # the caller may act on them: checked by the callers
        signals_sudo.write(
            {
                "state": state,
                "date_closed": fields.Date.context_today(self),
                "closed_by_id": self.env.user.id,
                **vals,
            }
        )
        signals_sudo._drop_pending_activities()

    def _drop_pending_activities(self):
        """The pending activities of these signals that no other open
        signal waits on are of no use any more."""
        activities = self.activity_id.filtered("active")
        if not activities:
            return
        others = self.search(
            [
                ("activity_id", "in", activities.ids),
                ("id", "not in", self.ids),
                ("state", "in", ACTIVE_STATES),
            ]
        )
        (activities - others.activity_id).unlink()

    def _record_action(self, user, feedback=None):
        """The assigned activity was marked done by ``user``: who acted."""
        today = fields.Date.context_today(self)
        self.write({"acted_by_id": user.id, "date_acted": today})
        body = self.env._("%(user)s did the assigned activity.", user=user.name)
        if feedback:
            body = Markup("<p>%s</p><p>%s</p>") % (body, feedback)
        self._message_log_batch({signal.id: body for signal in self}, author_id=user.partner_id.id)

    def _active_or_refuse(self):
        self._check_can_act()
        signals = self.filtered(lambda s: s.state in ACTIVE_STATES)
        if not signals:
            raise UserError(
                self.env._("These signals are closed already: only open ones can be acted on.")
            )
        return signals

    def _check_can_act(self):
        """The owner acts on their signals; team leaders ("all documents")
        and sales managers on all of their companies' (the record rules say
        who sees, this says who acts on what is seen)."""
        self.check_access("read")
        if self.env.su or self.env.user.has_group(TEAM_LEADERS):
            return
        others = self.filtered(lambda s: s.user_id != self.env.user)
        if others:
            raise AccessError(
                self.env._(
                    "Only %(owner)s (the owner), a team leader or a sales manager can act on "
                    "the signal of %(customer)s.",
                    owner=others[0].user_id.name or self.env._("its account manager"),
                    customer=others[0].partner_id.display_name,
                )
            )

    def _current_owner(self):
        """The customer's account manager today in the signal's company,
        else its salesperson."""
        self.ensure_one()
        members = (
            self.env["customer.care.member"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.partner_id.id),
                    ("company_id", "=", self.company_id.id),
                    ("layer", "=", "1"),
                    ("is_current", "=", True),
                ],
                limit=1,
            )
        )
        return members.user_id or self.partner_id.user_id

    def _wizard_action(self, xmlid):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["context"] = {"dialog_size": "medium", "default_signal_ids": self.ids}
        return action

    def _explain(self):
        """The signal in one sentence, for people (and the activity); a
        recovered one says what came back."""
        self.ensure_one()
        sentence = self._explain_signal()
        if self.state != "recovered":
            return sentence
        return self.env._(
            "%(sentence)s It bought again: %(amount)s came back (recovered on %(date)s).",
            sentence=sentence,
            amount=format_amount(self.env, self.revenue_recovered, self.currency_id),
            date=format_date(self.env, self.date_closed),
        )

    def _explain_signal(self):
        self.ensure_one()
        customer = self.partner_id.display_name
        category = self.categ_id.name
        rhythm = round(self.rhythm_days or 0)
        last = format_date(self.env, self.date_last_purchase) if self.date_last_purchase else "-"
        if self.kind == "falling":
            previous, recent = self.revenue_previous, self.revenue_recent
            change = round(100 * (recent - previous) / previous) if previous else 0
            return self.env._(
                "%(customer)s bought %(category)s for %(recent)s over the last %(months)s "
                "months, against %(previous)s in the same months last year (%(change)s %%).",
                customer=customer,
                category=category,
                months=self.company_id.care_risk_falling_months,
                recent=format_amount(self.env, recent, self.currency_id),
                previous=format_amount(self.env, previous, self.currency_id),
                change=change,
            )
        values = {
            "customer": customer,
            "category": category,
            "rhythm": rhythm,
            "last": last,
            "days": self.days_silent,
            "expected": format_date(self.env, self.date_expected) if self.date_expected else "-",
        }
        if self.kind == "stopped":
            return self.env._(
                "%(customer)s bought %(category)s every %(rhythm)s days, but nothing for "
                "%(days)s days (last invoice on %(last)s): it has stopped.",
                **values,
            )
        if self.state == "recovered":
            return self.env._(
                "%(customer)s buys %(category)s every %(rhythm)s days; after the invoice of "
                "%(last)s the reorder expected on %(expected)s did not come for %(days)s days.",
                **values,
            )
        return self.env._(
            "%(customer)s buys %(category)s every %(rhythm)s days; the last invoice was "
            "%(days)s days ago (%(last)s) and the reorder expected on %(expected)s has not "
            "come.",
            **values,
        )

    # ------------------------------------------------------------------
    # For reports and the meeting agenda (read as the caller)
    # ------------------------------------------------------------------
    @api.model
    def _open_signals(self, company=None, users=None):
        """The open and in-progress signals of ``company`` (the current one
        by default), those owned by ``users`` if given, the largest revenue
        at risk first.  Read as the caller: record rules apply."""
        company = company or self.env.company
        domain = [("company_id", "=", company.id), ("state", "in", ACTIVE_STATES)]
        if users is not None:
            domain.append(("user_id", "in", users.ids))
        return self.search(domain, order="revenue_at_risk desc, date_since, id")

    @api.model
    def _period_summary(self, company, date_from, date_to, users=None):
        """What happened to the signals of ``company`` in a period:
        ``{"raised": n, "recovered": n, "lost": n, "dismissed": n,
        "revenue_recovered": amount, "open": n, "revenue_at_risk": amount}``
        ("open" and "revenue_at_risk": the signals open today).  Read as the
        caller."""
        base = [("company_id", "=", company.id)]
        if users is not None:
            base.append(("user_id", "in", users.ids))
        raised = self.search_count(
            [*base, ("date_raised", ">=", date_from), ("date_raised", "<=", date_to)]
        )
        closed = dict.fromkeys(("recovered", "lost", "dismissed"), 0)
        recovered = 0.0
        for state, count, revenue in self._read_group(
            [
                *base,
                ("state", "in", tuple(closed)),
                ("date_closed", ">=", date_from),
                ("date_closed", "<=", date_to),
            ],
            ["state"],
            ["__count", "revenue_recovered:sum"],
        ):
            closed[state] = count
            recovered += revenue if state == "recovered" else 0.0
        [(open_count, at_risk)] = self._read_group(
            [*base, ("state", "in", ACTIVE_STATES)], [], ["__count", "revenue_at_risk:sum"]
        )
        return {
            "raised": raised,
            **closed,
            "revenue_recovered": recovered,
            "open": open_count,
            "revenue_at_risk": at_risk or 0.0,
        }

    # ------------------------------------------------------------------
    # The daily check: raising and closing signals from the books
    # ------------------------------------------------------------------
    @api.model
    def _cron_update_signals(self):
        """Raise and close every company's signals, batch by batch,
        committing after each batch: an interrupted run goes on after the
        last customer done; a completed run leaves no position behind."""
        progress = self._get_risk_progress()
        cron = self.env["ir.cron"]
        companies = self._risk_companies()
        start, last_id = progress.get("company", 0), progress.get("last_id", 0)
        for index, company in enumerate(companies):
            if index < start:
                continue
            after = last_id if index == start else 0
            batches = list(self._iter_risk_batches(company, after_id=after))
            left = sum(len(ids) for ids, _facts in batches)
            cron._commit_progress(remaining=left + (len(companies) - index - 1))
            for batch_ids, facts in batches:
                self._update_batch(batch_ids, facts)
                self._set_risk_progress(company=index, last_id=batch_ids[-1])
                left -= len(batch_ids)
                if not cron._commit_progress(
                    len(batch_ids), remaining=left + (len(companies) - index - 1)
                ):
                    return
        self._set_risk_progress()

    @api.private
    @api.model
    def _update_signals(self, companies=None, today=None):
        """Raise and close the signals of ``companies`` (all by default) as
        of ``today``, in one transaction (no commit): tests, the demo."""
        count = 0
        for company in companies or self._risk_companies():
            for batch_ids, facts in self._iter_risk_batches(company, today=today):
                self._update_batch(batch_ids, facts)
                count += len(batch_ids)
        return count

    @api.model
    def _risk_companies(self):
        # the check covers every company, whoever runs it
        return self.env["res.company"].sudo().search([], order="id")  # pylint: disable=no-search-all

    @api.model
    def _get_risk_progress(self):
        raw = self.env["ir.config_parameter"].sudo().get_param(PROGRESS_PARAM)
        return json.loads(raw) if raw else {}

    @api.model
    def _set_risk_progress(self, **progress):
        self.env["ir.config_parameter"].sudo().set_param(
            PROGRESS_PARAM, json.dumps(progress) if progress else False
        )

    @api.model
    def _iter_risk_batches(self, company, today=None, after_id=0):
        """Yield ``(partner ids, facts)`` batches of the customers of
        ``company`` that have books or signals, facts read once for all."""
        facts = self._read_risk_facts(company, today or fields.Date.context_today(self))
        own = set(self._risk_companies().partner_id.ids)
        ids = sorted(
            pid
            for pid in facts["pairs"].keys() | facts["signals"].keys()
            if pid > after_id and pid not in own
        )
        for start in range(0, len(ids), BATCH_SIZE):
            yield ids[start : start + BATCH_SIZE], facts

    @api.model
    def _read_risk_facts(self, company, today):
        """Everything the decisions need that is read once per company: the
        books per customer and category (one statement), the signals that
        are open, recently recovered or closed by people (one statement)."""
        settings = {
            "late": company.care_risk_late_factor,
            "months": company.care_risk_falling_months,
            "drop": company.care_risk_falling_percent / 100.0,
        }
        rows = (
            self.env["sale.care.figures"]
            .sudo()
            ._risk_category_facts(today, settings["months"], company)
        )
        pairs = defaultdict(dict)
        for (partner_id, categ_id), row in rows.items():
            pairs[partner_id][categ_id] = row
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT id, partner_id, categ_id, kind, state, date_last_purchase, date_closed,
                       rhythm_days, user_id, tier_id, revenue_recovered
                  FROM customer_risk_signal
                 WHERE company_id = %(company)s
                   AND (state IN ('open', 'in_progress')
                        OR state IN ('dismissed', 'lost')
                           AND (kind != 'falling' AND date_last_purchase >= %(window)s
                                OR kind = 'falling' AND date_closed > %(falling)s)
                        OR state = 'recovered' AND date_closed >= %(recovery)s)
                """,
                company=company.id,
                window=today - relativedelta(months=24),
                falling=today - relativedelta(months=settings["months"]),
                recovery=min(
                    today - timedelta(days=RECOVERY_DAYS),
                    today - relativedelta(months=settings["months"]),
                ),
            )
        )
        signals = defaultdict(list)
        for row in self.env.cr.dictfetchall():
            signals[row["partner_id"]].append(row)
        return {
            "company": company,
            "today": today,
            "settings": settings,
            "pairs": pairs,
            "signals": signals,
        }

    @api.model
    def _read_customers(self, ids, company, today):
        """``{partner_id: (active, dormant, stage date, tier, owner)}`` of the
        customers ``ids`` in ``company`` (stage and tier are company-dependent;
        the owner is the current account manager, else the salesperson): one
        statement."""
        key = str(company.id)
        self.env.cr.execute(
            SQL(
                """
                SELECT p.id, p.active, p.relationship_stage ->> %(key)s = 'dormant',
                       (p.relationship_stage_date ->> %(key)s)::date,
                       (p.customer_tier_id ->> %(key)s)::int, COALESCE(m.user_id, p.user_id)
                  FROM res_partner p
                  LEFT JOIN LATERAL (
                        SELECT m.user_id FROM customer_care_member m
                         WHERE m.partner_id = p.id AND m.company_id = %(company)s
                           AND m.layer = '1' AND m.state = 'confirmed'
                           AND m.date_start <= %(today)s
                           AND (m.date_end IS NULL OR m.date_end > %(today)s)
                         ORDER BY m.date_start DESC, m.id DESC LIMIT 1) m ON TRUE
                 WHERE p.id = ANY(%(ids)s)
                   AND (p.company_id IS NULL OR p.company_id = %(company)s)
                """,
                key=key,
                company=company.id,
                today=today,
                ids=list(ids),
            )
        )
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}

    @api.model
    def _update_batch(self, ids, facts):
        """Decide for the customers ``ids`` and write what changed."""
        company, today = facts["company"], facts["today"]
        customers = self._read_customers(ids, company, today)
        changes = {
            "create": [],
            "recover": [],
            "escalate": {},
            "owner": defaultdict(list),
            "tier": defaultdict(list),
            "revenue": [],
        }
        for partner_id in ids:
            customer = customers.get(partner_id)
            if customer:
                self._decide_customer(partner_id, customer, facts, changes)
        self._apply_batch(changes, facts)

    @api.model
    def _decide_customer(self, partner_id, customer, facts, changes):
        """One customer: close, escalate or refresh its signals, raise new
        ones.  A category has one signal at a time, of the most severe kind
        (falling, then late, then stopped: a falling category that goes
        silent escalates, it is not raised twice)."""
        active, dormant, stage_date, tier_id, owner_id = customer
        pairs = facts["pairs"].get(partner_id, {})
        state = {"dormant": dormant, "stage_date": stage_date}
        current, suppressed = self._read_signal_rows(
            facts["signals"].get(partner_id, ()), pairs, facts, changes
        )
        for categ_id, signal in current.items():
            row = pairs.get(categ_id)
            decision = self._decide_pair(row, state, facts) if row else None
            if self._recovered(signal, row, decision):
                changes["recover"].append(signal)
                continue
            if signal["kind"] == "late":
                since = self._stopped_since(
                    signal["date_last_purchase"], signal["rhythm_days"], state, facts
                )
                if since:
                    changes["escalate"][signal["id"]] = {"kind": "stopped", "date_since": since}
            elif (
                signal["kind"] == "falling"
                and decision
                and decision[0] != "falling"
                and (categ_id, "lapse") not in suppressed
            ):
                changes["escalate"][signal["id"]] = {"kind": decision[0], **decision[1]}
            if owner_id != signal["user_id"]:
                changes["owner"][owner_id].append(signal["id"])
            if tier_id != signal["tier_id"]:
                changes["tier"][tier_id].append(signal["id"])
        if not active:
            return
        for categ_id, row in pairs.items():
            decision = None if categ_id in current else self._decide_pair(row, state, facts)
            if not decision:
                continue
            kind, vals = decision
            if (categ_id, "falling" if kind == "falling" else "lapse") in suppressed:
                continue
            changes["create"].append(
                dict(
                    vals,
                    partner_id=partner_id,
                    categ_id=categ_id,
                    kind=kind,
                    user_id=owner_id,
                    tier_id=tier_id,
                    company_id=facts["company"].id,
                    date_raised=facts["today"],
                )
            )

    @api.model
    def _read_signal_rows(self, rows, pairs, facts, changes):
        """Sort a customer's signal rows: ``({categ_id: active row},
        {(categ_id, "lapse" | "falling")} suppressed)``.  A silence dismissed
        or lost is not raised again (nor escalated) until the customer buys
        in the category; a falling category dismissed, lost, or just
        recovered from a silence (the months compared hold that silence) not
        for the months compared."""
        current, suppressed = {}, set()
        falling_from = facts["today"] - relativedelta(months=facts["settings"]["months"])
        for row in rows:
            categ_id, kind, state = row["categ_id"], row["kind"], row["state"]
            if state == "recovered":
                if row["date_closed"] >= facts["today"] - timedelta(days=RECOVERY_DAYS):
                    changes["revenue"].append(row)
                if kind != "falling" and row["date_closed"] > falling_from:
                    suppressed.add((categ_id, "falling"))
            elif state in ("dismissed", "lost"):
                if kind == "falling":
                    suppressed.add((categ_id, "falling"))
                elif pairs.get(categ_id) and row["date_last_purchase"] == pairs[categ_id][1]:
                    suppressed.add((categ_id, "lapse"))
            else:
                current[categ_id] = row
        return current, suppressed

    @api.model
    def _recovered(self, signal, row, decision):
        """Late and stopped: the customer bought in the category after the
        last purchase the signal saw.  Falling: the customer buys at its
        rhythm and the revenue of the months compared is back within the
        threshold (judged on enough history only)."""
        if not row:
            return False
        if signal["kind"] == "falling":
            return decision is None and row[0] >= MIN_PURCHASES and bool(row[2])
        return row[1] > signal["date_last_purchase"]

    @api.model
    def _stopped_since(self, last, rhythm, state, facts):
        """The day the silence became "stopped" (more than three cycles, or
        dormant and late), None while it is not."""
        today = facts["today"]
        stop_day = last + timedelta(days=math.floor(STOP_FACTOR * rhythm) + 1)
        if today >= stop_day:
            return stop_day
        late_day = last + timedelta(days=math.floor(facts["settings"]["late"] * rhythm) + 1)
        if state["dormant"] and today >= late_day:
            return max(late_day, state["stage_date"] or late_day)
        return None

    @api.model
    def _decide_pair(self, row, state, facts):
        """``(kind, values)`` of the signal the books call for on one
        customer and category, the most severe one; None when there is none
        or not enough history to judge."""
        purchases, last, rhythm, revenue, recent, previous = row
        if purchases < MIN_PURCHASES or not rhythm:
            return None
        today, settings = facts["today"], facts["settings"]
        vals = {
            "date_last_purchase": last,
            "date_expected": last + timedelta(days=round(rhythm)),
            "rhythm_days": rhythm,
            "purchase_count": purchases,
            "revenue_at_risk": max(revenue, 0.0) / purchases,
            "revenue_recent": recent,
            "revenue_previous": previous,
        }
        stopped = self._stopped_since(last, rhythm, state, facts)
        if stopped:
            return "stopped", dict(vals, date_since=stopped)
        late_day = last + timedelta(days=math.floor(settings["late"] * rhythm) + 1)
        if today >= late_day:
            return "late", dict(vals, date_since=late_day)
        # falling: still buying, for less; judged on the categories bought at
        # least once in the months compared on average
        window_start = today - relativedelta(months=settings["months"]) + relativedelta(days=1)
        if (
            rhythm <= (today - window_start).days
            and previous > 0
            and recent < previous * (1 - settings["drop"])
        ):
            return "falling", dict(vals, date_since=window_start)
        return None

    @api.model
    def _apply_batch(self, changes, facts):
        """Write the batch's decisions: one create, writes grouped by value,
        the revenue back in one statement, the chatter in one batch."""
        today = facts["today"]
        Signal = self.sudo().with_context(tracking_disable=True, mail_create_nolog=True)
        if changes["create"]:
            Signal.create(changes["create"])
        bodies = {}
        recovered = [s["id"] for s in changes["recover"]]
        if recovered:
            Signal.browse(recovered).write({"state": "recovered", "date_closed": today})
            for signal_id in recovered:
                bodies[signal_id] = self.env._("Recovered: the customer bought again.")
        groups = defaultdict(list)
        for signal_id, vals in changes["escalate"].items():
            groups[tuple(sorted(vals.items()))].append(signal_id)
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for key, signal_ids in groups.items():
            vals = dict(key)
            escalated = Signal.browse(signal_ids)
            escalated.write(vals)
            for signal in escalated:
                bodies[signal.id] = self.env._(
                    "Now %(kind)s. %(explanation)s",
                    kind=kinds[vals["kind"]].lower(),
                    explanation=signal.explanation,
                )
        for field, values in (("user_id", changes["owner"]), ("tier_id", changes["tier"])):
            for value, signal_ids in values.items():
                Signal.browse(signal_ids).write({field: value})
        self._refresh_revenue_back(recovered, changes["revenue"])
        if bodies:
            Signal.browse(list(bodies))._message_log_batch(bodies)

    @api.model
    def _refresh_revenue_back(self, recovered_ids, recent_rows):
        """The revenue that came back, for the signals recovered now and in
        the last :data:`RECOVERY_DAYS` days: read in one statement, written
        in one where it changed."""
        known = {row["id"]: row["revenue_recovered"] or 0.0 for row in recent_rows}
        known.update(dict.fromkeys(recovered_ids, 0.0))
        if not known:
            return
        signals = self.sudo().browse(list(known))
        revenue = self.env["sale.care.figures"].sudo()._risk_signal_revenue(signals, RECOVERY_DAYS)
        changed = {
            sid: revenue.get(sid, 0.0)
            for sid, old in known.items()
            if round(revenue.get(sid, 0.0) - old, 2)
        }
        if not changed:
            return
        self.env.cr.execute(
            SQL(
                """
                UPDATE customer_risk_signal s SET revenue_recovered = v.revenue
                  FROM unnest(%s::int[], %s::numeric[]) AS v(id, revenue)
                 WHERE s.id = v.id
                """,
                list(changed),
                list(changed.values()),
            )
        )
        signals.browse(list(changed)).invalidate_recordset(["revenue_recovered"])
