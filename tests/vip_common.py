# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The VIP programme's world: a supervisor, an outsider, a programme whose
interviews start next Monday, and helpers that answer the questionnaire
through the ORM as the interviewer would on the survey page."""

from datetime import timedelta

from odoo.tests import new_test_user

from .common import CustomerCareCommon


class VipCommon(CustomerCareCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company_vals = {"company_id": cls.company.id, "company_ids": cls.company.ids}
        cls.supervisor = new_test_user(
            cls.env,
            "vip_supervisor",
            "sales_team.group_sale_salesman",
            name="Sid Supervisor",
            **company_vals,
        )
        cls.outsider = new_test_user(
            cls.env,
            "vip_outsider",
            "sales_team.group_sale_salesman",
            name="Otto Outsider",
            **company_vals,
        )
        cls.survey = cls.env.ref("sale_customer_care.survey_vip_interview")
        cls.questions = {q.vip_field: q for q in cls.survey.question_ids if q.vip_field}
        cls.next_monday = cls.today + timedelta(days=7 - cls.today.weekday())
        cls.programme = (
            cls.env["customer.vip.programme"]
            .with_user(cls.manager)
            .create(
                {
                    "year": cls.next_monday.year,
                    "date_start": cls.next_monday,
                    "date_end": cls.next_monday + timedelta(weeks=8, days=-1),
                }
            )
        )
        cls.customer = cls._customer("Saigon Water", user_id=cls.salesman.id)
        cls.env["customer.care.member"].create(
            {"partner_id": cls.customer.id, "user_id": cls.supervisor.id, "layer": "3"}
        )

    @classmethod
    def _vip_member(cls, partner, programme=None, user=None):
        vals = {"programme_id": (programme or cls.programme).id, "partner_id": partner.id}
        if user is not None:
            vals["user_id"] = user.id
        return cls.env["customer.vip.member"].with_user(cls.manager).create(vals)

    def _interview(self, member, user=None):
        """An interview started by its interviewer from the member."""
        action = member.with_user(user or member.user_id).action_new_interview()
        return self.env["customer.vip.interview"].browse(action["res_id"])

    def _answer(self, interview, satisfaction, **texts):
        """Answer the questionnaire as the interviewer: open it from the
        interview, save an answer per question, submit."""
        action = interview.with_user(interview.user_id).action_fill_questionnaire()
        user_input = interview.user_input_id.sudo()
        self.assertIn(user_input.access_token, action["url"])
        lines = [
            {
                "question_id": self.questions["satisfaction"].id,
                "answer_type": "scale",
                "value_scale": satisfaction,
            }
        ]
        for fname, text in texts.items():
            question = self.questions[fname]
            if question.question_type == "multiple_choice":
                for value in text:
                    answer = question.suggested_answer_ids.filtered(lambda a, v=value: a.value == v)
                    lines.append(
                        {
                            "question_id": question.id,
                            "answer_type": "suggestion",
                            "suggested_answer_id": answer.id,
                        }
                    )
            else:
                lines.append(
                    {"question_id": question.id, "answer_type": "text_box", "value_text_box": text}
                )
        self.env["survey.user_input.line"].sudo().create(
            [{"user_input_id": user_input.id, "skipped": False, **line} for line in lines]
        )
        user_input._mark_done()
        return user_input
