# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models

from .res_partner import RELATIONSHIP_STAGES


class CustomerStageHistory(models.Model):
    """Transitions of the relationship stage; growth analysis counts them
    (how many potential customers became new ones this quarter...)."""

    _name = "customer.stage.history"
    _inherit = "customer.care.history.mixin"
    _description = "Customer Relationship Stage Change"

    old_stage = fields.Selection(RELATIONSHIP_STAGES, index=True)
    new_stage = fields.Selection(RELATIONSHIP_STAGES, index=True)
