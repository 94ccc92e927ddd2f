# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

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
    care_evaluation_date = fields.Date(
        string="Last Evaluated",
        copy=False,
        readonly=True,
        help="Day of the last tier and stage evaluation of this customer.",
    )
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
    tier_history_ids = fields.One2many("customer.tier.history", "partner_id", readonly=True)
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

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + CARE_COMMERCIAL_FIELDS

    def write(self, vals):
        if self.env.context.get("care_evaluation") or not (
            {"customer_tier_id", "tier_locked"} & vals.keys()
        ):
            return super().write(vals)
        if not self.env.su and not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(
                self.env._("Only a sales manager can change or lock the tier of a customer.")
            )
        if "customer_tier_id" in vals and "tier_locked" not in vals:
            # A manager who picks a tier by hand means it: keep it from the evaluation.
            vals = dict(vals, tier_locked=bool(vals["customer_tier_id"]))
        commercial = self.filtered(lambda p: p.commercial_partner_id == p)
        old_tiers = {partner: partner.customer_tier_id for partner in commercial}
        result = super().write(vals)
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
        return result

    def _children_sync(self, values):
        if self.env.context.get("care_evaluation"):
            # The evaluation writes contacts together with their company.
            skip = {*CARE_COMMERCIAL_FIELDS, "care_evaluation_date"}
            values = {k: v for k, v in values.items() if k not in skip}
            if not values:
                return None
        return super()._children_sync(values)

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
