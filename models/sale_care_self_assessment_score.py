# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One role of a self-assessment: how many of the role's questions were
answered with a solid yes.  Stored per assessment, so that a manager's roles
can be followed over time (graph and pivot by date and role)."""

from odoo import fields, models

from .sale_care_self_assessment import SELF_ASSESSMENT_ROLES


class SaleCareSelfAssessmentScore(models.Model):
    _name = "sale.care.self.assessment.score"
    _description = "Self-Assessment Role Score"
    _order = "date desc, assessment_id, id"
    _rec_name = "role"

    role = fields.Selection(SELF_ASSESSMENT_ROLES, required=True, readonly=True)
    question_count = fields.Integer(string="Questions", readonly=True)
    yes_count = fields.Integer(string="Solid Yes", readonly=True)
    score = fields.Float(
        string="Yes (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the role's questions answered with a solid yes.",
    )
    solid = fields.Boolean(
        readonly=True, help="Every question of the role was answered with a solid yes."
    )
    assessment_id = fields.Many2one(
        "sale.care.self.assessment",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    date = fields.Date(related="assessment_id.date", store=True, index=True)
    user_id = fields.Many2one(
        related="assessment_id.user_id", store=True, index=True, string="Sales Head"
    )
    company_id = fields.Many2one(related="assessment_id.company_id", store=True, index=True)
