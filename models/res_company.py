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
