# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CustomerTier(models.Model):
    _name = "customer.tier"
    _description = "Customer Tier"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short code shown on partners and reports; unique per company.",
    )
    sequence = fields.Integer(
        default=10,
        help="The evaluation gives a customer the first tier (lowest sequence) "
        "whose thresholds it meets.",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    min_revenue_12m = fields.Monetary(
        string="Minimum Revenue (12 months)",
        currency_field="currency_id",
        help="Invoiced revenue, untaxed, net of credit notes, over the last 12 months.",
    )
    min_invoice_count_12m = fields.Integer(
        string="Minimum Invoices (12 months)",
        help="Number of posted customer invoices over the last 12 months.",
    )
    min_care_layers = fields.Integer(
        string="Minimum Care Layers",
        default=1,
        help="How many layers of staff (account manager, backup, supervisor) "
        "must care for a customer of this tier.",
    )
    partner_count = fields.Integer(compute="_compute_partner_count", string="Customers")
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to use this tier in every company.",
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")

    @api.depends("company_id")
    def _compute_currency_id(self):
        for tier in self:
            tier.currency_id = (tier.company_id or self.env.company).currency_id

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [
                    ("customer_tier_id", "in", self.ids),
                    *self.env["res.partner"]._care_commercial_domain(),
                ],
                ["customer_tier_id"],
                ["__count"],
            )
        )
        for tier in self:
            tier.partner_count = counts.get(tier, 0)

    @api.constrains("min_revenue_12m", "min_invoice_count_12m")
    def _check_thresholds(self):
        for tier in self:
            if tier.min_revenue_12m < 0 or tier.min_invoice_count_12m < 0:
                raise ValidationError(
                    self.env._(
                        "The thresholds of tier %(tier)s cannot be negative.", tier=tier.name
                    )
                )

    @api.constrains("min_care_layers")
    def _check_min_care_layers(self):
        for tier in self:
            if not 1 <= tier.min_care_layers <= 3:
                raise ValidationError(
                    self.env._(
                        "Tier %(tier)s must require 1, 2 or 3 care layers "
                        "(account manager, backup, supervisor).",
                        tier=tier.name,
                    )
                )

    @api.constrains("code", "company_id")
    def _check_code_unique(self):
        for tier in self:
            duplicate = self.with_context(active_test=False).search_count(
                [
                    ("id", "!=", tier.id),
                    ("code", "=ilike", tier.code),
                    ("company_id", "=", tier.company_id.id),
                ],
                limit=1,
            )
            if duplicate:
                raise ValidationError(
                    self.env._(
                        "Another tier already uses the code %(code)s: "
                        "choose a code that is not used yet.",
                        code=tier.code,
                    )
                )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for tier in self:
            tier.display_name = (
                f"{tier.code} - {tier.name}"
                if tier.code and tier.name and tier.code != tier.name
                else tier.name or tier.code
            )

    def action_view_partners(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale_customer_care.action_care_customers"
        )
        action["domain"] = [
            ("customer_tier_id", "=", self.id),
            *self.env["res.partner"]._care_commercial_domain(),
        ]
        action["context"] = {}
        return action

    def action_evaluate_all(self):
        """Header button "Re-evaluate now" of the tier list (managers only,
        checked by the evaluation)."""
        return self.env["customer.care.evaluation"].action_evaluate_all()

    @api.model
    def _applicable_to(self, company):
        """Active tiers of ``company`` and shared ones, best first."""
        return self.search([("company_id", "in", [False, company.id])], order="sequence, id")

    def _best_for(self, revenue, invoice_count):
        """The first tier of ``self`` (sorted best first) whose thresholds are met."""
        for tier in self:
            if revenue >= tier.min_revenue_12m and invoice_count >= tier.min_invoice_count_12m:
                return tier
        return self.browse()
