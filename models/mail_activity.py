# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    care_plan_line_id = fields.Many2one(
        "sale.monthly.plan.line",
        string="Monthly Plan Line",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        help="The monthly plan line this activity was scheduled for; done activities stay "
        "linked (archived), so the plan counts them and never schedules them twice.",
    )
