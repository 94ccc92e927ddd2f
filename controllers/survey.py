# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The survey pages of a VIP interview are the interviewer's: answered, or
read, only by a logged-in user, never by whoever holds the link."""

from odoo.http import request

from odoo.addons.survey.controllers.main import Survey


class VipInterviewSurvey(Survey):
    def _check_validity(
        self, survey_sudo, answer_sudo, answer_token, ensure_token=True, check_partner=True
    ):
        validity = super()._check_validity(
            survey_sudo,
            answer_sudo,
            answer_token,
            ensure_token=ensure_token,
            check_partner=check_partner,
        )
        if (
            validity is True
            and answer_sudo
            and request.env.user._is_public()
            and (
                answer_sudo.sudo()._is_vip_interview_answer()
                # a sales head's self-assessment is theirs too (issue 12)
                or answer_sudo.sudo()._is_self_assessment_answer()
            )
        ):
            # Odoo lets a logged-out browser in with the link; the answers of a
            # VIP interview are a customer's: log in first (as the interviewer,
            # whose answer it is, see customer.vip.interview)
            return "survey_auth"
        return validity
