# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A VIP interview answered in a real browser, on Odoo's survey pages, by the
interviewer logged in: through to the problem the dissatisfied customer opens
and its solution by its responsible."""

from odoo.tests import Form, HttpCase, tagged

from .common import VipCommon


@tagged("post_install", "-at_install")
class TestVipSurveyTour(VipCommon, HttpCase):
    # the browser and the server share the real clock
    freeze_time = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls._vip_member(cls.customer)
        cls.programme.with_user(cls.manager).action_start()

    def _start_url(self, interview):
        """What the interview's Fill Questionnaire button opens."""
        action = interview.with_user(interview.user_id).action_fill_questionnaire()
        self.assertEqual(action["type"], "ir.actions.act_url")
        return action["url"]

    def test_interviewer_answers_in_the_browser_through_to_the_solved_problem(self):
        self.programme.with_user(self.manager).action_schedule_interviews()
        meeting = self.member.activity_id
        interview = self._interview(self.member)
        self.assertEqual(interview.user_id, self.salesman)

        self.start_tour(self._start_url(interview), "vip_interview_survey", login="care_salesman")

        user_input = interview.user_input_id.sudo()
        self.assertEqual(user_input.state, "done")
        self.assertEqual(
            user_input.partner_id, self.salesman.partner_id, "the interviewer's answer"
        )
        self.assertEqual(interview.state, "done")
        self.assertEqual(interview.satisfaction, 2)
        self.assertEqual(
            interview.dissatisfaction_reason,
            "Three late deliveries to the Thu Duc plant since March.",
        )
        self.assertEqual(interview.services_used, "Delivery to site")
        self.assertEqual(interview.contact_ids.name, "Minh Tran")
        # the interview was closed by the interviewer, not by "Public user"
        done_message = interview.message_ids.filtered(
            lambda m: "state" in m.tracking_value_ids.field_id.mapped("name")
        )
        self.assertTrue(done_message)
        self.assertEqual(done_message.author_id, self.salesman.partner_id)
        public = self.env.ref("base.public_user").sudo().partner_id
        self.assertNotIn(public, interview.message_ids.author_id)
        self.assertEqual(self.member.state, "done")
        self.assertFalse(meeting.active, "the planned meeting is done")

        # the problem carries why the customer is unhappy, for the care supervisor
        case = interview.case_ids
        self.assertEqual(len(case), 1)
        self.assertEqual(case.user_id, self.supervisor)
        self.assertEqual(case.description, interview.dissatisfaction_reason)

        # its responsible solves it: a follow-up meeting for the interviewer
        with Form(case.with_user(self.supervisor)) as form:
            form.resolution = "Deliveries to Thu Duc now leave from the Binh Duong warehouse."
        case.with_user(self.supervisor).action_solve()
        self.assertEqual(case.state, "solved")
        follow_up = (
            self.env["mail.activity"]
            .search([("res_model", "=", "res.partner"), ("res_id", "=", self.customer.id)])
            .filtered(lambda a: case.name in (a.summary or ""))
        )
        self.assertEqual(follow_up.user_id, self.salesman)

    def test_questionnaire_link_opens_for_the_interviewer_only(self):
        interview = self._interview(self.member)
        url = self._start_url(interview)
        user_input = interview.user_input_id.sudo()

        # logged out: sent to log in, as the interviewer
        self.assertIn("Login required", self.url_open(url).text)
        # another salesperson, logged in: refused
        self.authenticate("care_salesman_2", "care_salesman_2")
        self.assertIn("Survey Access Error", self.url_open(url).text)
        # the interviewer: the questionnaire
        self.authenticate("care_salesman", "care_salesman")
        page = self.url_open(url).text
        self.assertNotIn("Survey Access Error", page)
        self.assertIn("VIP customer interview", page)
        self.assertIn("Start", page)
        self.assertEqual(user_input.state, "new", "nothing answered by the others")
