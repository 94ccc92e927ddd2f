# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The sales head's self-assessment (seed 002, last part): 20 yes/no
questions, each testing one of seven roles of the head of a sales department.
"Go on until you have three solid YES in every role."

The questionnaire is an Odoo Survey (``data/survey_self_assessment_data.xml``,
editable): each question carries the role it tests
(``survey.question.self_assessment_role``) and its "yes" answer is marked
correct.  Submitting it (``survey.user_input._mark_done``) records an
assessment of the person who answered, with a score per role, so that a
manager sees their roles move over time."""

from odoo import api, fields, models
from odoo.exceptions import UserError

# The seven roles of seed 002 and the questions that test them in its
# numbering: Strategist 1, 8, 15; Leader-coordinator 2, 9, 16; Mobiliser 3,
# 10, 17; Coach 4, 11, 18; Servant 5, 12, 19; Critical innovator 6, 13, 20;
# "The head, not the performer" 7, 14, 21.
SELF_ASSESSMENT_ROLES = [
    ("strategist", "Strategist"),
    ("coordinator", "Leader-coordinator"),
    ("mobiliser", "Mobiliser"),
    ("coach", "Coach"),
    ("servant", "Servant"),
    ("innovator", "Critical innovator"),
    ("head", "The head, not the performer"),
]
# Question 21: the seed lists 21 question numbers for its 20 questions, the
# last role ending on a question that does not exist.  That role is scored on
# the two questions it has (7 and 14), the threshold scaled with it: a role
# is *solid* when every one of its questions is answered yes, three out of
# three for six roles, two out of two for "the head, not the performer".  A
# missing question is not counted as a "no": nobody can answer it.
ALL_DOCUMENTS = "sales_team.group_sale_salesman_all_leads"
SURVEY_XMLID = "sale_customer_care.survey_self_assessment"


class SaleCareSelfAssessment(models.Model):
    _name = "sale.care.self.assessment"
    _description = "Sales Head Self-Assessment"
    _order = "date desc, id desc"
    _check_company_auto = True

    _unique_user_input = models.Constraint(
        "UNIQUE(user_input_id)",
        "A questionnaire is one self-assessment.",
    )

    date = fields.Date(required=True, readonly=True, index=True)
    question_count = fields.Integer(string="Questions", readonly=True)
    yes_count = fields.Integer(string="Solid Yes", readonly=True)
    solid_role_count = fields.Integer(
        string="Solid Roles",
        readonly=True,
        help="Roles whose every question was answered with a solid yes.",
    )
    role_count = fields.Integer(string="Roles Assessed", readonly=True)
    score = fields.Float(
        string="Yes (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the questions answered with a solid yes.",
    )
    note = fields.Text(
        string="Ideas and Plans",
        readonly=True,
        help="The ideas, thoughts and plans the questions raised, as written in the questionnaire.",
    )
    user_id = fields.Many2one(
        "res.users", string="Sales Head", required=True, readonly=True, index=True
    )
    user_input_id = fields.Many2one(
        "survey.user_input", string="Answers", required=True, readonly=True, ondelete="cascade"
    )
    survey_id = fields.Many2one(related="user_input_id.survey_id", string="Questionnaire")
    score_ids = fields.One2many(
        "sale.care.self.assessment.score", "assessment_id", string="Roles", readonly=True
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)

    @api.depends("user_id", "date")
    def _compute_display_name(self):
        for assessment in self:
            assessment.display_name = self.env._(
                "%(user)s, %(date)s",
                user=assessment.user_id.name or "",
                date=assessment.date or "",
            )

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def action_take(self):
        """Open the self-assessment questionnaire in the caller's own session
        (from the menu or the list, whatever the records): the answer is
        theirs (its partner is theirs).  An answer they left unfinished is
        taken up again."""
        self.env["res.users"]._care_require_group(
            ALL_DOCUMENTS,
            self.env._("The self-assessment is for team leaders and sales managers."),
        )
        survey = self.env.ref(SURVEY_XMLID, raise_if_not_found=False)
        if not survey or not survey.sudo().active:
            raise UserError(
                self.env._(
                    "The self-assessment questionnaire was deleted or archived: ask a sales "
                    "manager to restore it."
                )
            )
        # sudo: the caller's own answer to the questionnaire (checked above);
        # team leaders have no access to survey answers of their own
        survey = survey.sudo()
        user_input = self.env["survey.user_input"].sudo().search(
            [
                ("survey_id", "=", survey.id),
                ("partner_id", "=", self.env.user.partner_id.id),
                ("state", "!=", "done"),
                ("test_entry", "=", False),
            ],
            order="id desc",
            limit=1,
        ) or survey._create_answer(user=self.env.user, check_attempts=False)
        return {
            "type": "ir.actions.act_url",
            "name": self.env._("Self-Assessment"),
            "target": "new",
            "url": user_input.get_start_url(),
        }

    def action_view_answers(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_url",
            "target": "new",
            # sudo: whoever may read the assessment (its record rules, checked
            # above) may read its answers
            "url": self.user_input_id.sudo().get_print_url(),
        }

    # ------------------------------------------------------------------
    # Scoring
    # ------------------------------------------------------------------
    @api.model
    def _create_from_user_inputs(self, user_inputs):
        """One assessment per submitted answer to a self-assessment
        questionnaire (a survey whose questions carry roles), for the team
        leader or manager who answered it; scored at once.  Called on submit
        (as superuser: the survey pages run as it)."""
        user_inputs = user_inputs.sudo()
        done = set(self.sudo().search([("user_input_id", "in", user_inputs.ids)]).user_input_id.ids)
        vals_list = []
        for user_input in user_inputs:
            if user_input.id in done or user_input.test_entry:
                continue
            if not user_input.survey_id.question_ids.filtered("self_assessment_role"):
                continue
            user = user_input.partner_id.user_ids.filtered(lambda u: not u.share)[:1]
            if not user or not user.has_group(ALL_DOCUMENTS):
                continue  # not a sales head: nothing to record
            when = user_input.end_datetime or fields.Datetime.now()
            vals_list.append(
                {
                    "user_id": user.id,
                    "user_input_id": user_input.id,
                    "company_id": user.company_id.id,
                    "date": fields.Date.context_today(self.with_context(tz=user.tz), when),
                    **self._score_values(user_input),
                }
            )
        return self.sudo().create(vals_list)

    @api.model
    def _score_values(self, user_input):
        """The assessment's fields from ``user_input``'s answers: per role,
        how many of its questions were answered with a solid yes (the answer
        marked correct), and whether they all were."""
        questions = user_input.survey_id.question_ids.filtered("self_assessment_role")
        yes_questions = user_input.user_input_line_ids.filtered(
            lambda line: (
                not line.skipped
                and line.question_id in questions
                and line.suggested_answer_id.is_correct
            )
        ).question_id
        scores, texts = [], []
        for role, _label in SELF_ASSESSMENT_ROLES:
            role_questions = questions.filtered(lambda q, r=role: q.self_assessment_role == r)
            if not role_questions:
                continue
            yes = len(role_questions & yes_questions)
            scores.append(
                {
                    "role": role,
                    "question_count": len(role_questions),
                    "yes_count": yes,
                    "score": 100.0 * yes / len(role_questions),
                    # every question of the role: 3 of 3, or 2 of 2 (question 21)
                    "solid": yes == len(role_questions),
                }
            )
        for line in user_input.user_input_line_ids.filtered(
            lambda line: not line.skipped and line.answer_type in ("char_box", "text_box")
        ):
            text = (line[f"value_{line.answer_type}"] or "").strip()
            if text:
                texts.append(text)
        return {
            "question_count": len(questions),
            "yes_count": len(yes_questions),
            "score": 100.0 * len(yes_questions) / len(questions) if questions else 0.0,
            "role_count": len(scores),
            "solid_role_count": sum(score["solid"] for score in scores),
            "note": "\n\n".join(texts) or False,
            "score_ids": [fields.Command.create(score) for score in scores],
        }
