# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import shutil
import subprocess
import unittest
from datetime import timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import VipCommon


@tagged("post_install", "-at_install")
class TestCareCase(VipCommon):
    """The problem register: a dissatisfied customer's problem stays open
    until its responsible reports it solved, then the interviewer meets the
    customer again."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._start_programme()

    def _dissatisfied(self, score=2, member=None):
        interview = self._interview(member or self.member)
        self._answer(interview, score, services_used=["Delivery to site"])
        return interview

    def test_low_satisfaction_opens_a_case_for_the_supervisor(self):
        interview = self._dissatisfied(2)
        case = interview.case_ids
        self.assertEqual(len(case), 1)
        self.assertEqual(case.state, "open")
        self.assertEqual(case.user_id, self.supervisor, "the customer's layer-3 supervisor")
        self.assertEqual(case.partner_id, self.customer)
        self.assertEqual(case.programme_id, self.programme)
        self.assertEqual(case.date_deadline, self.today + timedelta(days=14))
        interview._close_the_loop()
        self.assertEqual(len(interview.case_ids), 1, "one problem per interview")

        # no supervisor: the programme responsible; the deadline is a setting
        self.company.care_case_deadline_days = 10
        other = self._customer("No Supervisor", user_id=self.salesman.id)
        case = self._dissatisfied(1, self._vip_member(other)).case_ids
        self.assertEqual(case.user_id, self.manager)
        self.assertEqual(case.date_deadline, self.today + timedelta(days=10))
        self.assertFalse(
            self._dissatisfied(
                3, self._vip_member(self._customer("Fine", user_id=self.salesman.id))
            ).case_ids
        )

    def test_solved_by_the_responsible_with_a_report_then_a_follow_up(self):
        case = self._dissatisfied().case_ids
        case.with_user(self.supervisor).action_start()
        self.assertEqual(case.state, "in_progress")
        with self.assertRaisesRegex(AccessError, "responsible"):
            case.with_user(self.salesman).write({"resolution": "Done", "state": "solved"})
        with self.assertRaisesRegex(ValidationError, "resolution report"):
            case.with_user(self.supervisor).action_solve()
        case.invalidate_recordset()
        self.assertEqual(case.state, "in_progress")
        self.assertFalse(case.date_solved)
        self.assertFalse(case.follow_up_activity_id)

        case.with_user(self.supervisor).resolution = "Deliveries moved to our Thu Duc warehouse."
        case.with_user(self.supervisor).action_solve()
        self.assertEqual(case.state, "solved")
        self.assertEqual(case.date_solved, self.today)
        follow_up = case.follow_up_activity_id
        self.assertEqual(
            follow_up.activity_type_id, self.env.ref("mail.mail_activity_data_meeting")
        )
        self.assertEqual(follow_up.user_id, self.salesman, "the interviewer goes back")
        self.assertEqual((follow_up.res_model, follow_up.res_id), ("res.partner", self.customer.id))
        self.assertTrue(case._fields["state"].tracking, "tracked in the chatter")

    def test_a_manager_solves_or_cancels_others_do_not_cancel(self):
        case = self._dissatisfied().case_ids
        with self.assertRaises(AccessError):
            case.with_user(self.supervisor).action_cancel()
        case.with_user(self.manager).action_cancel()
        self.assertEqual(case.state, "cancelled")
        case.with_user(self.manager).action_reopen()
        case.with_user(self.manager).write(
            {"resolution": "Called the director.", "state": "solved"}
        )
        self.assertEqual(case.state, "solved")

    def test_overdue_cases_in_red_and_in_a_filter(self):
        case = self._dissatisfied().case_ids
        Case = self.env["customer.care.case"]
        self.assertFalse(case.is_overdue)
        # opened a while ago: a deadline is never before the opening day
        case.write(
            {
                "date_open": self.today - timedelta(days=10),
                "date_deadline": self.today - timedelta(days=1),
            }
        )
        self.assertTrue(case.is_overdue)
        self.assertEqual(Case.search([("is_overdue", "=", True), ("id", "=", case.id)]), case)
        self.assertFalse(Case.search([("is_overdue", "=", False), ("id", "=", case.id)]))
        case.write({"resolution": "Fixed", "state": "solved"})
        self.assertFalse(Case.search([("is_overdue", "=", True), ("id", "=", case.id)]))
        # the manager's view: open problems grouped by responsible
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale_customer_care.action_customer_care_case"
        )
        self.assertIn("search_default_group_user", action["context"])

    def test_cases_visible_to_care_team_and_responsible_only(self):
        case = self._dissatisfied().case_ids
        Case = self.env["customer.care.case"]
        for user in (self.supervisor, self.salesman, self.manager):
            self.assertEqual(Case.with_user(user).search([("id", "=", case.id)]), case, user.name)
        self.assertFalse(Case.with_user(self.outsider).search([]))
        with self.assertRaises(AccessError):
            case.with_user(self.outsider).read(["name"])
        with self.assertRaises(AccessError):
            case.with_user(self.outsider).write({"resolution": "Not mine"})

    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed")
    def test_status_report_pdf(self):
        self.salesman.vip_weekly_quota = 4
        interview = self._dissatisfied(2)
        overdue = interview.case_ids
        overdue.write(
            {
                "date_open": self.today - timedelta(days=10),
                "date_deadline": self.today - timedelta(days=2),
            }
        )
        happy = self._vip_member(self._customer("Happy Pumps", user_id=self.salesman_2.id))
        self._answer(self._interview(happy), 5)
        self._vip_member(self._customer("Later Pipes", user_id=self.salesman_2.id))
        self.programme.with_user(self.manager).action_schedule_interviews()

        pdf, _type = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("sale_customer_care.action_report_vip_programme", self.programme.ids)
        )
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        self.assertIn(f"VIP programme status: {self.programme.name}", text)
        self.assertIn("Members by assigned person", text)
        self.assertRegex(text, r"Sam Salesman\s+1\s+")
        self.assertRegex(text, r"Sue Salesman\s+2\s+")
        self.assertIn("In total: 2 interviews done, 1 first interviews scheduled, 0 members", text)
        self.assertRegex(text, r"5\s*/\s*5\s+1")
        self.assertRegex(text, r"2\s*/\s*5\s+1")
        self.assertIn("Open problems (1, overdue: 1)", text)
        self.assertIn("Saigon Water is dissatisfied (2/5)", text)
        self.assertIn("Sid Supervisor", text)
        self.assertIn("Overdue", text)
