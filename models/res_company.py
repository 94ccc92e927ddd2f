# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    care_dormant_days = fields.Integer(
        string="Dormant After (days)",
        default=90,
        help="A customer who bought before but has no invoice or confirmed order "
        "for this many days is dormant.",
    )
    care_approach_days = fields.Integer(
        string="Approaching Window (days)",
        default=60,
        help="A prospect with an activity or a logged interaction within this many "
        "days is being approached.",
    )

    vip_quota_dedicated = fields.Integer(
        string="Weekly Interviews (VIP Staff)",
        default=15,
        help="Default weekly VIP interview quota of staff dedicated to the VIP programme.",
    )
    vip_quota_regular = fields.Integer(
        string="Weekly Interviews (Salespeople)",
        default=6,
        help="Default weekly VIP interview quota of a regular salesperson.",
    )
    vip_top_percent = fields.Float(
        string="VIP Proposal: Top Revenue (%)",
        default=5.0,
        help="Besides VIP and A customers, the VIP list proposal takes this share of "
        "customers with the highest revenue over the last 12 months.",
    )
    care_case_deadline_days = fields.Integer(
        string="Problem Deadline (days)",
        default=14,
        help="Days given to the responsible person to solve a problem raised by a "
        "dissatisfied VIP customer.",
    )

    @api.constrains("care_dormant_days", "care_approach_days")
    def _check_care_days(self):
        for company in self:
            if company.care_dormant_days < 1 or company.care_approach_days < 1:
                raise ValidationError(
                    self.env._("The dormant and approaching windows must be at least one day.")
                )

    @api.constrains(
        "vip_quota_dedicated", "vip_quota_regular", "vip_top_percent", "care_case_deadline_days"
    )
    def _check_vip_settings(self):
        for company in self:
            if company.vip_quota_dedicated < 0 or company.vip_quota_regular < 0:
                raise ValidationError(self.env._("A weekly interview quota cannot be negative."))
            if not 0 <= company.vip_top_percent <= 100:
                raise ValidationError(
                    self.env._("The top revenue share of the VIP proposal is between 0 and 100 %.")
                )
            if company.care_case_deadline_days < 1:
                raise ValidationError(self.env._("A problem needs at least one day to be solved."))

    # Customers at risk: a customer's own rhythm decides when it is late
    care_risk_late_factor = fields.Float(
        string="Late After (x rhythm)",
        default=1.5,
        help="A customer is late in a product category when the days since its last "
        "purchase exceed this many times its own reorder rhythm (median days between "
        "invoices). Beyond 3 times, or dormant and late, it has stopped.",
    )
    care_risk_falling_months = fields.Integer(
        string="Falling: Months Compared",
        default=3,
        help="The revenue of a customer in a category over this many last months is "
        "compared with the same months last year.",
    )
    care_risk_falling_percent = fields.Float(
        string="Falling: Drop (%)",
        default=30.0,
        help="A customer's category is falling when its revenue of the months compared is "
        "below the same months last year by more than this share.",
    )

    @api.constrains(
        "care_risk_late_factor", "care_risk_falling_months", "care_risk_falling_percent"
    )
    def _check_care_risk_settings(self):
        for company in self:
            if not 1.0 <= company.care_risk_late_factor < 3.0:
                raise ValidationError(
                    self.env._(
                        "A customer is late after 1 to 3 times its rhythm (from 3 times it "
                        "has stopped)."
                    )
                )
            if not 1 <= company.care_risk_falling_months <= 12:
                raise ValidationError(self.env._("Compare the revenue of the last 1 to 12 months."))
            if not 0 < company.care_risk_falling_percent < 100:
                raise ValidationError(
                    self.env._("The drop that makes a category falling is between 0 and 100 %.")
                )

    # ---- Growth (issue 11 §3): top customers and whitespace
    care_top_percent_first = fields.Float(
        string="Top Customers: First Cut (%)",
        default=5.0,
        help="The top customers, by 12-month revenue, invoice count and purchase frequency: "
        "this share of the buying customers is the first cut (top 5 % by default).",
    )
    care_top_percent_second = fields.Float(
        string="Top Customers: Second Cut (%)",
        default=10.0,
        help="The second, wider cut of the top customers (top 10 % by default).",
    )
    care_whitespace_share = fields.Float(
        string="Whitespace: Share of the Tier (%)",
        default=50.0,
        help="A product category is whitespace for a top customer when at least this share "
        "of the customers of its tier bought it over the last 12 months and it did not.",
    )

    @api.constrains("care_top_percent_first", "care_top_percent_second", "care_whitespace_share")
    def _check_growth_settings(self):
        for company in self:
            first, second = company.care_top_percent_first, company.care_top_percent_second
            if not 0 < first < second <= 100:
                raise ValidationError(
                    self.env._(
                        "The top customers' first cut must be above 0 % and below the second "
                        "cut, which is at most 100 %."
                    )
                )
            if not 0 < company.care_whitespace_share <= 100:
                raise ValidationError(
                    self.env._("The whitespace share of a tier is above 0 % and at most 100 %.")
                )
