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

# Fields the evaluation owns: set on the commercial entity, shown on its contacts.
CARE_COMMERCIAL_FIELDS = [
    "customer_tier_id",
    "tier_locked",
    "relationship_stage",
    "relationship_stage_date",
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    customer_tier_id = fields.Many2one(
        "customer.tier",
        index=True,
        copy=False,
        tracking=True,
        ondelete="restrict",
        help="Set by the periodic evaluation from the last 12 months' invoices, "
        "unless a manager locked it.",
    )
    tier_locked = fields.Boolean(
        copy=False,
        tracking=True,
        help="A manager chose this tier by hand: the automatic evaluation keeps it.",
    )
    relationship_stage = fields.Selection(
        RELATIONSHIP_STAGES,
        index=True,
        copy=False,
        tracking=True,
    )
    relationship_stage_date = fields.Date(string="Stage Since", copy=False, readonly=True)
    care_currency_id = fields.Many2one("res.currency", compute="_compute_care_figures")
    revenue_12m = fields.Monetary(
        string="Revenue (12 months)",
        currency_field="care_currency_id",
        compute="_compute_care_figures",
        help="Posted invoices minus credit notes, untaxed, over the last 12 months.",
    )
    invoice_count_12m = fields.Integer(
        string="Invoices (12 months)", compute="_compute_care_figures"
    )
    first_invoice_date = fields.Date(compute="_compute_care_figures")
    last_invoice_date = fields.Date(compute="_compute_care_figures")
    care_history_ids = fields.One2many(
        "customer.care.member",
        "partner_id",
        string="Care Team History",
        help="Everyone who cared for this customer, in every layer, past and present.",
    )
    care_member_ids = fields.One2many(
        "customer.care.member",
        string="Care Team",
        compute="_compute_care_member_ids",
        help="The people caring for this customer today.",
    )
    care_layer_count = fields.Integer(
        string="Care Layers",
        aggregator="min",
        readonly=True,
        copy=False,
        index=True,
        help="Distinct layers (account manager, backup, supervisor) covered today.",
    )
    care_coverage_ok = fields.Boolean(
        string="Care Coverage OK",
        readonly=True,
        copy=False,
        index=True,
        help="The customer is cared for by at least as many layers as its tier requires.",
    )
    care_min_layers = fields.Integer(
        related="customer_tier_id.min_care_layers", string="Required Layers", aggregator=None
    )
    tier_history_ids = fields.One2many("customer.tier.history", "partner_id", readonly=True)
    vip_interview_count = fields.Integer(
        string="VIP Interviews",
        compute="_compute_vip_interview_count",
        groups="sales_team.group_sale_salesman",
    )
    stage_history_ids = fields.One2many("customer.stage.history", "partner_id", readonly=True)

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

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + CARE_COMMERCIAL_FIELDS

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if not self.env.context.get("care_member_sync"):
            partners.filtered(lambda p: p.user_id)._care_sync_account_manager()
        return partners

    def write(self, vals):
        if self.env.context.get("care_evaluation"):
            return super().write(vals)
        sync_salesperson = "user_id" in vals and not self.env.context.get("care_member_sync")
        if sync_salesperson:
            self._care_check_salesperson_change(vals["user_id"])
        tier_change = {"customer_tier_id", "tier_locked"} & vals.keys()
        if tier_change:
            vals = self._care_prepare_tier_change(vals)
            old_tiers = {p: p.customer_tier_id for p in self if p.commercial_partner_id == p}
        result = super().write(vals)
        if tier_change:
            self._care_log_manual_tier_change(old_tiers)
        if sync_salesperson:
            self._care_sync_account_manager()
        elif "customer_tier_id" in vals:
            self._care_recompute_coverage()
        return result

    def _care_prepare_tier_change(self, vals):
        """Only managers choose tiers; a manager's choice locks the tier."""
        if not self.env.su and not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(
                self.env._("Only a sales manager can change or lock the tier of a customer.")
            )
        if "customer_tier_id" in vals and "tier_locked" not in vals:
            # A manager who picks a tier by hand means it: keep it from the evaluation.
            vals = dict(vals, tier_locked=bool(vals["customer_tier_id"]))
        return vals

    def _care_log_manual_tier_change(self, old_tiers):
        history = [
            {
                "partner_id": partner.id,
                "company_id": (partner.company_id or self.env.company).id,
                "old_tier_id": old_tier.id,
                "new_tier_id": partner.customer_tier_id.id,
                "reason": "manual",
            }
            for partner, old_tier in old_tiers.items()
            if partner.customer_tier_id != old_tier
        ]
        if history:
            self.env["customer.tier.history"].sudo().create(history)

    def _care_account_manager(self):
        """The current account manager (layer 1) of this partner's company
        (no user for no partner)."""
        members = self.sudo().commercial_partner_id.care_member_ids
        return members.filtered(lambda m: m.layer == "1").user_id.sudo(False)

    def _care_check_salesperson_change(self, user_id):
        """Salespeople may take an unassigned customer; handing a customer
        over from its account manager to someone else is a manager's job."""
        if self.env.su or self.env.user.has_group("sales_team.group_sale_manager"):
            return
        for partner in self.sudo().filtered(lambda p: p.commercial_partner_id == p):
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
        company instead of refusing them (install of the addon)."""
        today = fields.Date.context_today(self)
        Member = self.env["customer.care.member"].sudo().with_context(care_member_sync=True)
        leaving, to_create = Member.browse(), []
        for partner in self.sudo().filtered(lambda p: p.commercial_partner_id == p):
            current = partner.care_member_ids
            manager = current.filtered(lambda m: m.layer == "1")
            if manager.user_id == partner.user_id:
                continue
            company = partner.company_id or self.env.company
            if not strict and company not in partner.user_id.company_ids:
                continue
            leaving |= manager | current.filtered(lambda m, p=partner: m.user_id == p.user_id)
            if partner.user_id:
                to_create.append(
                    {
                        "partner_id": partner.id,
                        "user_id": partner.user_id.id,
                        "layer": "1",
                        "date_start": today,
                        "company_id": (partner.company_id or self.env.company).id,
                    }
                )
        # one write and one create for all the partners, ends before starts
        Member.browse(leaving.ids).write({"date_end": today})
        if to_create:
            Member.create(to_create)
        self._care_recompute_coverage()

    def _care_recompute_coverage(self):
        """Store today's layer count and coverage, written only where they
        change, grouped by value (membership changes, tier changes, the daily
        cron)."""
        partners = self.commercial_partner_id.sudo()
        if not partners:
            return
        members = (
            self.env["customer.care.member"]
            .sudo()
            .search([("partner_id", "in", partners.ids), ("is_current", "=", True)])
        )
        layers = {}
        for member in members:
            layers.setdefault(member.partner_id.id, set()).add(member.layer)
        groups = {}
        for partner in partners:
            count = len(layers.get(partner.id, ()))
            required = partner.customer_tier_id.min_care_layers or 1
            values = (count, count >= required)
            if (partner.care_layer_count, partner.care_coverage_ok) != values:
                groups.setdefault(values, []).append(partner.id)
        for (count, ok), ids in groups.items():
            partners.browse(ids).with_context(care_evaluation=True, tracking_disable=True).write(
                {"care_layer_count": count, "care_coverage_ok": ok}
            )

    def action_care_activities_to_backup(self):
        """The account manager is away: give their open activities on this
        customer (its contacts, opportunities and orders included) to the backup."""
        self.ensure_one()
        partner = self.commercial_partner_id
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

    def _children_sync(self, values):
        if self.env.context.get("care_evaluation"):
            # The evaluation writes contacts together with their company.
            skip = {
                *CARE_COMMERCIAL_FIELDS,
                "care_layer_count",
                "care_coverage_ok",
            }
            values = {k: v for k, v in values.items() if k not in skip}
            if not values:
                return None
        return super()._children_sync(values)

    def action_view_vip_interviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale_customer_care.action_customer_vip_interview"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {}
        return action

    def action_care_evaluate(self):
        """Manager button: evaluate tier and stage of these customers now."""
        self._care_check_manager()
        partners = self.commercial_partner_id
        self.env["customer.care.evaluation"].sudo().evaluate_partners(partners)
        return True

    def action_care_unlock_tier(self):
        self._care_check_manager()
        self.commercial_partner_id.write({"tier_locked": False})
        self.env["customer.care.evaluation"].sudo().evaluate_partners(self.commercial_partner_id)
        return True

    def _care_check_manager(self):
        if not self.env.su and not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(self.env._("Only a sales manager can evaluate customers."))

    @api.model
    def _care_commercial_domain(self):
        """Partners that are their own commercial entity."""
        return ["|", ("is_company", "=", True), ("parent_id", "=", False)]

    @api.model
    def _care_12m_start(self, date_to):
        """First day of the 12 months ending on ``date_to`` (included)."""
        return date_to - relativedelta(years=1, days=-1)
