# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The sales head answers the 20 questions of seed 002 and sees, role by
role, where they have three solid yes, and how that changes over time."""

from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import SelfAssessmentCommon

# The seed's mapping of questions onto roles; question 21 does not exist.
SEED_ROLES = {
    "strategist": (1, 8, 15),
    "coordinator": (2, 9, 16),
    "mobiliser": (3, 10, 17),
    "coach": (4, 11, 18),
    "servant": (5, 12, 19),
    "innovator": (6, 13, 20),
    "head": (7, 14),
}


@tagged("post_install", "-at_install")
class TestSelfAssessment(SelfAssessmentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader_2 = cls._user(
            "care_leader_2", "Leo Leader", groups="sales_team.group_sale_salesman_all_leads"
        )

    def _scores(self, assessment):
        return {
            score.role: (score.yes_count, score.question_count, score.solid)
            for score in assessment.score_ids
        }

    def test_questionnaire_follows_the_seed(self):
        self.assertEqual(len(self.questions), 20)
        for role, numbers in SEED_ROLES.items():
            self.assertEqual(
                [n for n, q in self.questions.items() if q.self_assessment_role == role],
                list(numbers),
                role,
            )
        for question in self.questions.values():
            self.assertEqual(question.question_type, "simple_choice")
            self.assertEqual(
                question.suggested_answer_ids.filtered("is_correct").mapped("value"), ["Yes"]
            )
        self.assertIn("ignite", self.questions[3].title)
        self.assertIn("three cases", self.questions[20].title)

    def test_all_yes_makes_seven_solid_roles(self):
        assessment = self._assess(self.team_leader, ideas="Friday results on one page.")
        self.assertEqual(assessment.user_id, self.team_leader)
        self.assertEqual(assessment.date, self.today)
        self.assertEqual(assessment.company_id, self.company)
        self.assertEqual(assessment.question_count, 20)
        self.assertEqual(assessment.yes_count, 20)
        self.assertEqual(assessment.score, 100.0)
        self.assertEqual((assessment.solid_role_count, assessment.role_count), (7, 7))
        self.assertTrue(all(assessment.score_ids.mapped("solid")))
        self.assertEqual(assessment.note, "Friday results on one page.")
        self.assertEqual(assessment.user_input_id.state, "done")

    def test_one_no_and_the_role_is_not_solid(self):
        assessment = self._assess(self.team_leader, noes=(11,))
        scores = self._scores(assessment)
        self.assertEqual(scores["coach"], (2, 3, False))
        self.assertEqual(scores["strategist"], (3, 3, True))
        self.assertEqual(assessment.solid_role_count, 6)
        self.assertEqual(assessment.yes_count, 19)
        # unanswered is not yes either
        assessment = self._assess(self.team_leader, skipped=(1,))
        self.assertEqual(self._scores(assessment)["strategist"], (2, 3, False))

    def test_question_21_the_head_is_solid_on_its_two_questions(self):
        """The seed maps "the head, not the performer" to questions 7, 14 and
        21, and has no question 21: the role is scored on 7 and 14, solid
        with both answered yes."""
        scores = self._scores(self._assess(self.team_leader))
        self.assertEqual(scores["head"], (2, 2, True))
        scores = self._scores(self._assess(self.team_leader, noes=(14,)))
        self.assertEqual(scores["head"], (1, 2, False))
        self.assertEqual(scores["innovator"], (3, 3, True), "question 20 is the innovator's")

    def test_results_over_time(self):
        first = self._assess(self.manager, noes=(3, 4, 6, 7, 10, 11, 13, 14, 18, 19, 20))
        first.date = self.today.replace(day=1) - timedelta(days=100)
        second = self._assess(self.manager, noes=(6, 7))
        self._assess(self.team_leader, noes=(1,))
        Score = self.env["sale.care.self.assessment.score"].with_user(self.manager)
        action = self.env.ref("sale_customer_care.action_sale_care_self_assessment_score")
        self.assertEqual(action.context, "{'search_default_my': 1}")
        mine = [("user_id", "=", self.manager.id)]
        by_month = {
            (month, role): score
            for month, role, score in Score._read_group(mine, ["date:month", "role"], ["score:avg"])
        }
        month_1 = first.date.replace(day=1)
        month_2 = second.date.replace(day=1)
        self.assertEqual(by_month[month_1, "strategist"], 100.0)
        self.assertEqual(by_month[month_1, "coach"], 0.0)
        self.assertAlmostEqual(by_month[month_1, "servant"], 200.0 / 3)
        self.assertEqual(by_month[month_2, "coach"], 100.0, "the coach became solid")
        self.assertEqual(by_month[month_2, "head"], 50.0)
        self.assertEqual(len(by_month), 14, "7 roles in each of the two months")
        # the list: newest first
        assessments = self.Assessment.with_user(self.manager).search(mine)
        self.assertEqual(assessments.mapped("solid_role_count"), [5, 2])

    def test_who_sees_whose_results(self):
        leader = self._assess(self.team_leader)
        other_leader = self._assess(self.leader_2, noes=(2,))
        managers = self._assess(self.manager, noes=(5,))
        # a team leader: their own only
        Assessment = self.Assessment.with_user(self.team_leader)
        self.assertEqual(Assessment.search([]), leader)
        self.assertEqual(
            self.env["sale.care.self.assessment.score"].with_user(self.team_leader).search([]),
            leader.score_ids,
        )
        with self.assertRaises(AccessError):
            other_leader.with_user(self.team_leader).read(["yes_count"])
        # a sales manager: everyone's
        self.assertEqual(
            self.Assessment.with_user(self.manager).search([]), leader | other_leader | managers
        )
        # salespeople: none, and they cannot take it
        with self.assertRaises(AccessError):
            self.Assessment.with_user(self.salesman).search([])
        with self.assertRaises(AccessError):
            self.Assessment.with_user(self.salesman).action_take()
        # nobody writes the scores by hand
        for user in (self.team_leader, self.manager):
            with self.assertRaises(AccessError):
                leader.with_user(user).write({"yes_count": 0})
            with self.assertRaises(AccessError):
                self.Assessment.with_user(user).create(
                    {
                        "user_id": user.id,
                        "user_input_id": leader.user_input_id.id,
                        "date": self.today,
                        "company_id": self.company.id,
                    }
                )
        # the answers: for those who may read the assessment
        action = leader.with_user(self.team_leader).action_view_answers()
        self.assertIn(leader.user_input_id.access_token, action["url"])
        with self.assertRaises(AccessError):
            other_leader.with_user(self.team_leader).action_view_answers()
        self.assertTrue(other_leader.with_user(self.manager).action_view_answers())

    def test_an_unfinished_questionnaire_is_taken_up_again(self):
        Assessment = self.Assessment.with_user(self.team_leader)
        first = Assessment.action_take()
        self.assertEqual(first["type"], "ir.actions.act_url")
        self.assertEqual(Assessment.action_take()["url"], first["url"], "the same answer")
        self.assertFalse(Assessment.search([]), "nothing recorded before it is submitted")
        self._assess(self.team_leader)
        self.assertNotEqual(Assessment.action_take()["url"], first["url"], "a new one")

    def test_only_sales_heads_are_recorded(self):
        """A salesperson who got hold of the link answers nothing that counts;
        neither does a test entry of the survey officer."""
        survey = self.survey.sudo()
        for user_input in (
            survey._create_answer(user=self.salesman, check_attempts=False),
            survey._create_answer(user=self.manager, check_attempts=False, test_entry=True),
        ):
            user_input._mark_done()
            self.assertFalse(self.Assessment.sudo().search([("user_input_id", "=", user_input.id)]))

    def test_the_template_is_deleted(self):
        self.survey.sudo().active = False
        with self.assertRaisesRegex(UserError, "deleted or archived"):
            self.Assessment.with_user(self.manager).action_take()


@tagged("post_install", "-at_install")
class TestSelfAssessmentTour(SelfAssessmentCommon, HttpCase):
    # the browser and the server share the real clock
    freeze_time = None

    def test_team_leader_answers_on_the_survey_pages(self):
        action = self.Assessment.with_user(self.team_leader).action_take()
        self.start_tour(action["url"], "sale_care_self_assessment", login="care_leader")

        assessment = self.Assessment.sudo().search([("user_id", "=", self.team_leader.id)])
        self.assertEqual(len(assessment), 1)
        self.assertEqual(assessment.user_input_id.partner_id, self.team_leader.partner_id)
        self.assertEqual(assessment.yes_count, 19)
        self.assertEqual(assessment.solid_role_count, 6)
        coach = assessment.score_ids.filtered(lambda s: s.role == "coach")
        self.assertEqual((coach.yes_count, coach.solid), (2, False))
        self.assertEqual(assessment.note, "Train the new salespeople on Tuesdays.")

    def test_the_link_is_the_sales_heads_own(self):
        url = self.Assessment.with_user(self.team_leader).action_take()["url"]
        self.assertIn("Login required", self.url_open(url).text)
        self.authenticate("care_manager", "care_manager")
        self.assertIn("Survey Access Error", self.url_open(url).text)
        self.authenticate("care_leader", "care_leader")
        self.assertIn("Sales head self-assessment", self.url_open(url).text)
