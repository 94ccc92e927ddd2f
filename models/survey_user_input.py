# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import re

from odoo import models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    def _mark_done(self):
        """Submitting a VIP interview questionnaire fills the interview."""
        result = super()._mark_done()
        # the answer is submitted through its token (the survey controller
        # runs as superuser): the interviews to fill are the ones this very
        # answer was created for, whoever may read them
        interviews = (
            self.env["customer.vip.interview"]
            .sudo()
            .search([("user_input_id", "in", self.ids), ("state", "!=", "done")])
        )
        if interviews:
            interviews._apply_user_input()
        # Self-assessment (issue 12): the sales head's answers are scored
        self.env["sale.care.self.assessment"]._create_from_user_inputs(self)
        return result

    def _is_vip_interview_answer(self):
        """Whether this answer is (one of) a VIP interview's."""
        return bool(
            self.env["customer.vip.interview"]
            .sudo()
            .search_count([("user_input_id", "in", self.ids)], limit=1)
        )

    def _is_self_assessment_answer(self):
        """Whether this answer is to a self-assessment questionnaire (a survey
        whose questions carry roles)."""
        return bool(self.sudo().survey_id.question_ids.filtered("self_assessment_role"))

    def _vip_answers(self):
        """``{vip_field: value}`` from the answers to the questions designated
        for the interview's fields: text for the text fields (one line per
        answer), an integer for the satisfaction."""
        self.ensure_one()
        values = {}
        for line in self.user_input_line_ids.filtered(
            lambda line: line.question_id.vip_field and not line.skipped
        ):
            fname = line.question_id.vip_field
            if fname == "satisfaction":
                values[fname] = self._vip_score(line)
                continue
            text = line._vip_text()
            if text:
                values[fname] = "\n".join(filter(None, [values.get(fname), text]))
        return values

    def _vip_score(self, line):
        if line.answer_type == "scale":
            return line.value_scale
        if line.answer_type == "numerical_box":
            return round(line.value_numerical_box)
        match = re.search(r"\d+", line.suggested_answer_id.value or "")
        return int(match.group()) if match else 0


class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input.line"

    def _vip_text(self):
        """The answer as plain text (a chosen answer, its comment, a value)."""
        self.ensure_one()
        if self.answer_type == "suggestion":
            return self.suggested_answer_id.value or ""
        if self.answer_type in ("char_box", "text_box"):
            return (self[f"value_{self.answer_type}"] or "").strip()
        value = self[f"value_{self.answer_type}"] if self.answer_type else False
        return str(value) if value not in (False, None) else ""
