# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo of the meeting rhythm: placeholder, filled below."""

from odoo import api, models


class SaleCareDemo(models.AbstractModel):
    _inherit = "sale.care.demo"

    @api.model
    def _generate_meetings(self):
        return False
