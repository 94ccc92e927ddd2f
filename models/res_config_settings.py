# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    care_dormant_days = fields.Integer(related="company_id.care_dormant_days", readonly=False)
    care_approach_days = fields.Integer(related="company_id.care_approach_days", readonly=False)
