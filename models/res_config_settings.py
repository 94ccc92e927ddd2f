# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    care_dormant_days = fields.Integer(related="company_id.care_dormant_days", readonly=False)
    care_approach_days = fields.Integer(related="company_id.care_approach_days", readonly=False)
    vip_quota_dedicated = fields.Integer(related="company_id.vip_quota_dedicated", readonly=False)
    vip_quota_regular = fields.Integer(related="company_id.vip_quota_regular", readonly=False)
    vip_top_percent = fields.Float(related="company_id.vip_top_percent", readonly=False)
    care_case_deadline_days = fields.Integer(
        related="company_id.care_case_deadline_days", readonly=False
    )
    # Customers at risk
    care_risk_late_factor = fields.Float(related="company_id.care_risk_late_factor", readonly=False)
    care_risk_falling_months = fields.Integer(
        related="company_id.care_risk_falling_months", readonly=False
    )
    care_risk_falling_percent = fields.Float(
        related="company_id.care_risk_falling_percent", readonly=False
    )
    # ---- Growth (issue 11 §3)
    care_top_percent_first = fields.Float(
        related="company_id.care_top_percent_first", readonly=False
    )
    care_top_percent_second = fields.Float(
        related="company_id.care_top_percent_second", readonly=False
    )
    care_whitespace_share = fields.Float(related="company_id.care_whitespace_share", readonly=False)
