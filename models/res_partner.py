# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

RELATIONSHIP_STAGES = [
    ("potential", "Potential"),
    ("approaching", "Approaching"),
    ("new", "New Customer"),
    ("loyal", "Loyal"),
    ("dormant", "Dormant"),
]

# Fields the evaluation owns, per company: set on the commercial entity and
# shown on its contacts (kept equal by ``write``, in one statement per value).
CARE_COMMERCIAL_FIELDS = [
    "customer_tier_id",
    "relationship_stage",
    "relationship_stage_date",
    # growth (issue 11 §3): the top-customer cuts of the evaluation
    "top_customer",
    "top_by_revenue",
    "top_by_invoices",
    "top_by_frequency",
]
# Written by the evaluation and the care-team code only (as superuser, after
# they checked their caller): over RPC nobody writes them, whatever the context.
CARE_COMPUTED_FIELDS = {
    "auto_tier_id",
    "customer_tier_id",
    "relationship_stage",
    "relationship_stage_date",
    "care_layer_count",
    "care_coverage_ok",
    # growth (issue 11 §3)
    "top_customer",
    "top_by_revenue",
    "top_by_invoices",
    "top_by_frequency",
}
CARE_COMMERCIAL_FIELDS_SET = set(CARE_COMMERCIAL_FIELDS)
SALES_USERS = "sales_team.group_sale_salesman"
SALES_MANAGERS = "sales_team.group_sale_manager"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Tiers, stages and coverage are company-dependent: a customer shared
    # between companies (no company_id, Odoo's default) is rated by each
    # company on its own books, and each company sees its own values.
    auto_tier_id = fields.Many2one(
        "customer.tier",
        string="Evaluated Tier",
        company_dependent=True,
        readonly=True,
        groups=SALES_USERS,
        help="The tier the periodic evaluation gives from the last 12 months' invoices.",
    )
    manual_tier_id = fields.Many2one(
        "customer.tier",
        company_dependent=True,
        tracking=True,
        groups=SALES_MANAGERS,
        help="A tier chosen by a sales manager: it wins over the evaluated tier (the tier "
        "is locked) until it is cleared with Unlock.",
    )
    customer_tier_id = fields.Many2one(
        "customer.tier",
        company_dependent=True,
        readonly=True,
        groups=SALES_USERS,
        help="The manual tier if a manager set one, else the evaluated tier.",
    )
    tier_locked = fields.Boolean(
        compute="_compute_tier_locked",
        search="_search_tier_locked",
        groups=SALES_USERS,
        help="A manager chose this tier by hand: the automatic evaluation keeps it.",
    )
    relationship_stage = fields.Selection(
        RELATIONSHIP_STAGES,
        company_dependent=True,
        readonly=True,
        groups=SALES_USERS,
    )
    relationship_stage_date = fields.Date(
        string="Stage Since", company_dependent=True, readonly=True, groups=SALES_USERS
    )
    care_currency_id = fields.Many2one(
        "res.currency", compute="_compute_care_figures", groups=SALES_USERS
    )
    revenue_12m = fields.Monetary(
        string="Revenue (12 months)",
        currency_field="care_currency_id",
        compute="_compute_care_figures",
        groups=SALES_USERS,
        help="Posted invoices minus credit notes, untaxed, over the last 12 months.",
    )
    invoice_count_12m = fields.Integer(
        string="Invoices (12 months)", compute="_compute_care_figures", groups=SALES_USERS
    )
    first_invoice_date = fields.Date(compute="_compute_care_figures", groups=SALES_USERS)
    last_invoice_date = fields.Date(compute="_compute_care_figures", groups=SALES_USERS)
    care_history_ids = fields.One2many(
        "customer.care.member",
        "partner_id",
        string="Care Team History",
        groups=SALES_USERS,
        help="Everyone who cared for this customer, in every layer, past and present.",
    )
    care_member_ids = fields.One2many(
        "customer.care.member",
        string="Care Team",
        compute="_compute_care_member_ids",
        groups=SALES_USERS,
        help="The people caring for this customer today.",
    )
    care_layer_count = fields.Integer(
        string="Care Layers",
        company_dependent=True,
        aggregator="min",
        readonly=True,
        groups=SALES_USERS,
        help="Distinct layers (account manager, backup, supervisor) covered today.",
    )
    care_coverage_ok = fields.Boolean(
        string="Care Coverage OK",
        company_dependent=True,
        readonly=True,
        groups=SALES_USERS,
        help="The customer is cared for by at least as many layers as its tier requires.",
    )
    care_min_layers = fields.Integer(
        related="customer_tier_id.min_care_layers",
        string="Required Layers",
        aggregator=None,
        groups=SALES_USERS,
    )
    tier_history_ids = fields.One2many(
        "customer.tier.history", "partner_id", readonly=True, groups=SALES_USERS
    )
    vip_interview_count = fields.Integer(
        string="VIP Interviews",
        compute="_compute_vip_interview_count",
        groups=SALES_USERS,
    )
    stage_history_ids = fields.One2many(
        "customer.stage.history", "partner_id", readonly=True, groups=SALES_USERS
    )
    # Customers at risk
    risk_signal_ids = fields.One2many(
        "customer.risk.signal",
        "partner_id",
        string="Risk Signals",
        readonly=True,
        groups=SALES_USERS,
        help="Where this customer buys less or later than its own rhythm.",
    )
    # ---- Growth (issue 11 §3): top customers, whitespace, market potentials
    top_customer = fields.Selection(
        selection="_selection_top_customer",
        company_dependent=True,
        readonly=True,
        groups=SALES_USERS,
        help="Among the company's top customers over the last 12 months by revenue, invoice "
        "count or purchase frequency (the best of the three cuts), as of the last evaluation.",
    )
    top_by_revenue = fields.Selection(
        selection="_selection_top_customer",
        string="Top by Revenue",
        company_dependent=True,
        readonly=True,
        groups=SALES_USERS,
        help="Among the top customers by invoiced revenue over the last 12 months.",
    )
    top_by_invoices = fields.Selection(
        selection="_selection_top_customer",
        string="Top by Invoices",
        company_dependent=True,
        readonly=True,
        groups=SALES_USERS,
        help="Among the top customers by number of invoices over the last 12 months.",
    )
    top_by_frequency = fields.Selection(
        selection="_selection_top_customer",
        string="Top by Purchase Frequency",
        company_dependent=True,
        readonly=True,
        groups=SALES_USERS,
        help="Among the top customers by purchase frequency: the number of months of the "
        "last 12 with an invoice.",
    )
    care_whitespace_ids = fields.One2many(
        "customer.whitespace",
        "partner_id",
        string="Whitespace",
        readonly=True,
        groups=SALES_USERS,
        help="Product categories most customers of this tier buy and this customer does not.",
    )
    care_potential_ids = fields.One2many(
        "customer.category.potential",
        "partner_id",
        string="Market Potentials",
        readonly=True,
        groups=SALES_USERS,
        help="The customer's capacity per product category, surveyed by a salesperson, "
        "and our share of it.",
    )

    @api.depends_context("company")
    def _compute_care_figures(self):
        """Figures from the books, computed for the whole recordset at once:
        two grouped queries per company, whatever the number of partners."""
        figures = self.env["sale.care.figures"]
        date_to = fields.Date.context_today(self)
        date_from = self._care_12m_start(date_to)
        by_company = defaultdict(lambda: self.browse())
        for partner in self:
            by_company[partner.commercial_partner_id.company_id or self.env.company] |= partner
        for company, partners in by_company.items():
            revenue = figures.get_revenue_by_partner(partners, date_from, date_to, company)
            stats = figures.get_invoice_stats(partners, date_from, date_to, company)
            for partner in partners:
                commercial_id = partner.commercial_partner_id.id
                partner_stats = stats.get(commercial_id, {})
                partner.care_currency_id = company.currency_id
                partner.revenue_12m = revenue.get(commercial_id, 0.0)
                partner.invoice_count_12m = partner_stats.get("invoice_count", 0)
                partner.first_invoice_date = partner_stats.get("first_invoice_date")
                partner.last_invoice_date = partner_stats.get("last_invoice_date")

    def _compute_vip_interview_count(self):
        """Interviews of the customer the user may see (one grouped query)."""
        counts = dict(
            self.env["customer.vip.interview"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.vip_interview_count = counts.get(partner.commercial_partner_id, 0)

    @api.depends("care_history_ids.is_current")
    def _compute_care_member_ids(self):
        for partner in self:
            partner.care_member_ids = partner.commercial_partner_id.care_history_ids.filtered(
                "is_current"
            )

    @api.depends("commercial_partner_id.manual_tier_id")
    @api.depends_context("company")
    def _compute_tier_locked(self):
        # the manual tier is for managers' eyes; whether there is one is not
        locked = set(self._care_locked_ids(self.commercial_partner_id.ids))
        for partner in self:
            partner.tier_locked = partner.commercial_partner_id.id in locked

    def _search_tier_locked(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        locked_ids = self._care_locked_ids()
        locked = [("commercial_partner_id", "in", locked_ids)]
        return locked if (operator == "in") == (True in value) else ["!", *locked]

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + CARE_COMMERCIAL_FIELDS

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(CARE_COMPUTED_FIELDS & vals.keys() for vals in vals_list):
            self._care_refuse_computed_write()
        partners = super().create(vals_list)
        partners.filtered(lambda p: p.user_id)._care_sync_account_manager()
        return partners

    def write(self, vals):
        if not self.env.su and CARE_COMPUTED_FIELDS & vals.keys():
            self._care_refuse_computed_write()
        if "user_id" in vals:
            self._care_check_salesperson_change(vals["user_id"])
        manual = "manual_tier_id" in vals
        if manual:
            old_tiers = {p: p.sudo().customer_tier_id for p in self._care_commercial()}
        result = super().write(vals)
        if manual:
            self._care_apply_manual_tier(old_tiers)
        if CARE_COMMERCIAL_FIELDS_SET & vals.keys():
            self._care_sync_contacts({k: vals[k] for k in CARE_COMMERCIAL_FIELDS_SET & vals.keys()})
        if "user_id" in vals:
            self._care_sync_account_manager()
        return result

    def _children_sync(self, values):
        # Care fields reach the contacts in ``write``, in one statement for
        # all of them, not one per company as Odoo's commercial sync would;
        # the evaluation's own fields (the evaluated tier) are not synced at
        # all.  Passing them on made Odoo read each company's contacts and
        # users one company at a time (1.6 queries per customer evaluated).
        values = {
            k: v
            for k, v in values.items()
            if k not in CARE_COMMERCIAL_FIELDS_SET and k not in CARE_COMPUTED_FIELDS
        }
        if not values:
            return None
        return super()._children_sync(values)

    @api.model
    def _care_refuse_computed_write(self):
        raise AccessError(
            self.env._(
                "Tier, relationship stage and care coverage come from the evaluation of the "
                "books: a sales manager can set a manual tier instead."
            )
        )

    def _care_commercial(self):
        return self.filtered(lambda p: p.commercial_partner_id == p)

    def _care_sync_contacts(self, vals):
        """Give the contacts of these commercial entities their care ``vals``
        (company-dependent: for the current company), in one write."""
        commercial = self._care_commercial()
        if not commercial:
            return
        contacts = (
            self.sudo()
            .with_context(active_test=False)
            .search([("commercial_partner_id", "in", commercial.ids), ("id", "not in", self.ids)])
        )
        if contacts:
            # contacts show what their company holds; the caller was checked in write
            contacts.write(vals)

    def _care_apply_manual_tier(self, old_tiers):
        """A manager's tier wins over the evaluated one; clearing it gives the
        tier back to the evaluation. Logged in the history, coverage refreshed."""
        groups = defaultdict(list)
        for partner in old_tiers:
            partner_sudo = partner.sudo()
            groups[(partner_sudo.manual_tier_id or partner_sudo.auto_tier_id).id].append(partner.id)
        # the caller may set the manual tier (field groups): the derived one follows
        Partner = self.sudo().with_context(tracking_disable=True)
        for tier_id, ids in groups.items():
            Partner.browse(ids).write({"customer_tier_id": tier_id})
        history = [
            {
                "partner_id": partner.id,
                "company_id": self.env.company.id,
                "old_tier_id": old_tier.id,
                "new_tier_id": partner.sudo().customer_tier_id.id,
                "reason": "manual",
            }
            for partner, old_tier in old_tiers.items()
            if partner.sudo().customer_tier_id != old_tier
        ]
        if history:
            self.env["customer.tier.history"].sudo().create(history)
        self.browse([partner.id for partner in old_tiers])._care_recompute_coverage()

    @api.model
    def _care_locked_ids(self, ids=None):
        """Commercial partners (among ``ids``) with a manual tier in the
        current company: one statement."""
        self.flush_model(["manual_tier_id"])
        company_key = str(self.env.company.id)
        query = "SELECT id FROM res_partner WHERE manual_tier_id ->> %s IS NOT NULL" + (
            " AND id = ANY(%s)" if ids is not None else ""
        )
        self.env.cr.execute(query, [company_key, list(ids)] if ids is not None else [company_key])
        return [row[0] for row in self.env.cr.fetchall()]

    def _care_account_manager(self):
        """The current account manager (layer 1) of this partner's company
        (no user for no partner)."""
        members = self.sudo().commercial_partner_id.care_member_ids
        return members.filtered(lambda m: m.layer == "1").user_id.sudo(False)

    def _care_check_salesperson_change(self, user_id):
        """Salespeople may take an unassigned customer; handing a customer
        over from its account manager to someone else is a manager's job."""
        if self.env.su or self.env.user.has_group(SALES_MANAGERS):
            return
        for partner in self.sudo()._care_commercial():
            manager = partner.care_member_ids.filtered(lambda m: m.layer == "1").user_id
            if manager and manager.id != user_id:
                raise AccessError(
                    self.env._(
                        "%(customer)s is cared for by %(user)s: ask a sales manager for a "
                        "handover to change its salesperson.",
                        customer=partner.display_name,
                        user=manager.name,
                    )
                )

    def _care_sync_account_manager(self, strict=True):
        """Make the partner's salesperson its current account manager (layer 1):
        end the previous one, promote the new one from any other layer.
        ``strict=False`` skips salespeople who do not work for the customer's
        company instead of refusing them (install of the addon). Called after
        the caller was allowed to change the salesperson (``write``)."""
        today = fields.Date.context_today(self)
        Member = self.env["customer.care.member"].sudo()
        leaving, to_create = defaultdict(Member.browse), []
        for partner in self.sudo()._care_commercial():
            current = partner.care_member_ids
            manager = current.filtered(lambda m: m.layer == "1")
            if manager.user_id == partner.user_id:
                continue
            company = partner.company_id or self.env.company
            if not strict and company not in partner.user_id.company_ids:
                continue
            ending = manager | current.filtered(lambda m, p=partner: m.user_id == p.user_id)
            # the successor starts the day its predecessor ends; never before
            # the predecessor started (it may have started "today" for
            # someone a time zone ahead, which is tomorrow here)
            day = max([today, *ending.mapped("date_start")])
            leaving[day] |= ending
            if partner.user_id:
                to_create.append(
                    {
                        "partner_id": partner.id,
                        "user_id": partner.user_id.id,
                        "layer": "1",
                        "date_start": day,
                        "company_id": company.id,
                    }
                )
        # one write per day and one create for all the partners, ends before starts
        for day, members in leaving.items():
            members.write({"date_end": day})
        if to_create:
            Member.create(to_create)
        self._care_recompute_coverage()

    def _care_recompute_coverage(self):
        """Store today's layer count and coverage in every company concerned
        (the customer's, or every company for a shared customer), written only
        where they change, grouped by value (membership changes, tier changes,
        the daily cron)."""
        partners = self.commercial_partner_id.sudo()
        if not partners:
            return
        members = (
            self.env["customer.care.member"]
            .sudo()
            .search([("partner_id", "in", partners.ids), ("is_current", "=", True)])
        )
        layers = defaultdict(set)
        for member in members:
            layers[member.partner_id.id, member.company_id.id].add(member.layer)
        companies = self.env["res.company"].sudo().search([])  # pylint: disable=no-search-all
        for company in companies:
            in_company = partners.filtered(
                lambda p, c=company: not p.company_id or p.company_id == c
            ).with_company(company)
            groups = defaultdict(list)
            for partner in in_company:
                count = len(layers.get((partner.id, company.id), ()))
                required = partner.customer_tier_id.min_care_layers or 1
                values = (count, count >= required)
                if (partner.care_layer_count, partner.care_coverage_ok) != values:
                    groups[values].append(partner.id)
            for (count, ok), ids in groups.items():
                in_company.browse(ids).with_context(tracking_disable=True).write(
                    {"care_layer_count": count, "care_coverage_ok": ok}
                )

    def action_care_activities_to_backup(self):
        """The account manager is away: give their open activities on this
        customer (its contacts, opportunities and orders included) to the backup."""
        self.ensure_one()
        partner = self.commercial_partner_id
        self._care_check_team_or_manager(partner)
        team = partner.care_member_ids
        manager = team.filtered(lambda m: m.layer == "1").user_id
        backup = team.filtered(lambda m: m.layer == "2").user_id[:1]
        if not manager or not backup:
            raise UserError(
                self.env._(
                    "%(customer)s needs an account manager and a backup to hand activities over.",
                    customer=partner.display_name,
                )
            )
        activities = self._care_customer_activities(partner, manager)
        activities.write({"user_id": backup.id})
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s activities handed over to %(user)s.",
                    count=len(activities),
                    user=backup.name,
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _care_customer_activities(self, partners, users):
        """Open activities of ``users`` on ``partners``, their contacts, their
        opportunities and their sale orders."""
        customers = self.with_context(active_test=False).search(
            [("commercial_partner_id", "in", partners.ids)]
        )
        leads = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("partner_id", "in", customers.ids)])
        )
        orders = self.env["sale.order"].search([("partner_id", "in", customers.ids)])
        return self.env["mail.activity"].search(
            [
                ("user_id", "in", users.ids),
                "|",
                "|",
                "&",
                ("res_model", "=", "res.partner"),
                ("res_id", "in", customers.ids),
                "&",
                ("res_model", "=", "crm.lead"),
                ("res_id", "in", leads.ids),
                "&",
                ("res_model", "=", "sale.order"),
                ("res_id", "in", orders.ids),
            ]
        )

    def action_view_vip_interviews(self):
        self.ensure_one()
        self.env["customer.vip.interview"].check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale_customer_care.action_customer_vip_interview"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {}
        return action

    def action_care_evaluate(self):
        """Manager button: evaluate tier and stage of these customers now."""
        self._care_check_manager()
        # the evaluation reads every invoice of the customers: managers only (checked)
        self.env["customer.care.evaluation"].sudo()._evaluate_partners(self.commercial_partner_id)
        return True

    def action_care_unlock_tier(self):
        """Clear the manual tier: the evaluation decides again."""
        self._care_check_manager()
        self.commercial_partner_id.write({"manual_tier_id": False})
        # managers only (checked above)
        self.env["customer.care.evaluation"].sudo()._evaluate_partners(self.commercial_partner_id)
        return True

    @api.model
    def _care_check_team_or_manager(self, partner):
        """The customer's care team (any layer) and sales managers only."""
        if self.env.su or self.env.user.has_group(SALES_MANAGERS):
            return
        # sudo: only whether the user is on the team is read, to refuse or not
        if self.env.user not in partner.sudo().care_member_ids.user_id:
            raise AccessError(
                self.env._(
                    "Only the care team of %(customer)s or a sales manager can hand its "
                    "activities over.",
                    customer=partner.display_name,
                )
            )

    @api.model
    def _care_check_manager(self):
        self.env["res.users"]._care_require_manager(
            self.env._("Only a sales manager can evaluate customers or unlock their tier.")
        )

    @api.model
    def _care_commercial_domain(self):
        """Partners that are their own commercial entity."""
        return ["|", ("is_company", "=", True), ("parent_id", "=", False)]

    @api.model
    def _care_12m_start(self, date_to):
        """First day of the 12 months ending on ``date_to`` (included)."""
        return date_to - relativedelta(years=1, days=-1)

    # ------------------------------------------------------------------
    # Growth (issue 11 §3)
    # ------------------------------------------------------------------
    @api.model
    def _selection_top_customer(self):
        """The two cuts, labelled with the current company's percentages."""
        company = self.env.company
        first = f"{company.care_top_percent_first:g}"
        second = f"{company.care_top_percent_second:g}"
        return [
            ("top1", self.env._("Top %(first)s %%", first=first)),
            ("top2", self.env._("Top %(first)s–%(second)s %%", first=first, second=second)),
        ]

    def action_care_request_survey(self):
        """Send a salesperson to survey the customer's capacity in its
        whitespace categories (managers; the wizard lets them choose)."""
        self.ensure_one()
        self.env["customer.survey.request"]._check_requester()
        partner = self.commercial_partner_id
        whitespace = self.env["customer.whitespace"].search(
            [("partner_id", "=", partner.id), ("company_id", "=", self.env.company.id)]
        )
        return self.env["customer.survey.request"]._action_open(partner, whitespace.categ_id)
