# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo history generator (placeholder, filled by the demo work)."""

from odoo import api, models


class SaleCareDemo(models.AbstractModel):
    _name = "sale.care.demo"
    _description = "Customer Care Demo Data"

    @api.model
    def _generate(self):
        return True
