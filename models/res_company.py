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

    @api.constrains("care_dormant_days", "care_approach_days")
    def _check_care_days(self):
        for company in self:
            if company.care_dormant_days < 1 or company.care_approach_days < 1:
                raise ValidationError(
                    self.env._("The dormant and approaching windows must be at least one day.")
                )
