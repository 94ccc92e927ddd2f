# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .sale_care_self_assessment import SELF_ASSESSMENT_ROLES

# What a question of a VIP interview questionnaire feeds on the interview.
VIP_FIELDS = [
    ("contact_persons", "Contact Persons"),
    ("new_managers", "Newly Appointed Managers"),
    ("satisfaction", "Satisfaction (1-5)"),
    ("dissatisfaction_reason", "Why Dissatisfied"),
    ("services_used", "Services Used"),
    ("expansion_prospects", "Expansion Prospects"),
    ("proposed_products", "Proposed Products"),
    ("referrals", "Referrals"),
]


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    vip_field = fields.Selection(
        VIP_FIELDS,
        string="VIP Interview Field",
        help="On a VIP interview questionnaire, the answer to this question fills this field "
        "of the interview when the questionnaire is submitted. Contact persons, new managers "
        "and referrals take one person per line: name; job title; e-mail; phone.",
    )
    # Self-assessment (issue 12)
    self_assessment_role = fields.Selection(
        SELF_ASSESSMENT_ROLES,
        string="Self-Assessment Role",
        help="On the sales head's self-assessment, the role this yes/no question tests: a "
        "role is solid when each of its questions is answered with the answer marked correct "
        "(the solid yes).",
    )

    @api.constrains("vip_field", "question_type", "scale_min", "scale_max")
    def _check_vip_field(self):
        for question in self.filtered(lambda q: q.vip_field == "satisfaction"):
            if question.question_type not in ("scale", "numerical_box", "simple_choice"):
                raise ValidationError(
                    self.env._(
                        "The satisfaction question %(question)s must be a scale, a number or a "
                        "single choice.",
                        question=question.title,
                    )
                )
            if question.question_type == "scale" and (
                question.scale_min != 1 or question.scale_max != 5
            ):
                raise ValidationError(
                    self.env._(
                        "The satisfaction question %(question)s must be a scale from 1 to 5.",
                        question=question.title,
                    )
                )

    # Self-assessment (issue 12)
    @api.constrains("self_assessment_role", "question_type")
    def _check_self_assessment_role(self):
        for question in self.filtered("self_assessment_role"):
            if question.is_page or question.question_type != "simple_choice":
                raise ValidationError(
                    self.env._(
                        "The self-assessment question %(question)s must be a single choice "
                        "(yes or no).",
                        question=question.title,
                    )
                )
