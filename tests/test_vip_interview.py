# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import VipCommon


@tagged("post_install", "-at_install")
class TestVipInterview(VipCommon):
    """Interviews answered on the questionnaire; what they teach us becomes
    fields, contacts and leads."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._start_programme()
        cls.source = cls.env.ref("sale_customer_care.utm_source_vip_referral")

    def test_questionnaire_answered_through_the_orm_fills_the_interview(self):
        self.programme.with_user(self.manager).action_schedule_interviews()
        meeting = self.member.activity_id
        self.assertTrue(meeting)
        interview = self._interview(self.member)
        self.assertEqual(interview.user_id, self.salesman)
        self.assertEqual(interview.partner_id, self.customer)
        self.assertEqual(interview.state, "draft")

        user_input = self._answer(
            interview,
            4,
            services_used=["Delivery to site", "Technical advice"],
            expansion_prospects="A second plant next spring.",
            proposed_products="Frequency inverters",
        )
        self.assertEqual(
            user_input.partner_id, self.salesman.partner_id, "the interviewer's answer"
        )
        self.assertEqual(user_input.state, "done")
        self.assertEqual(interview.state, "done")
        self.assertEqual(interview.satisfaction, 4)
        self.assertEqual(interview.services_used, "Delivery to site\nTechnical advice")
        self.assertEqual(interview.expansion_prospects, "A second plant next spring.")
        self.assertEqual(interview.proposed_products, "Frequency inverters")
        self.assertFalse(interview.case_ids, "a satisfied customer opens no problem")
        self.assertEqual(self.member.state, "done")
        self.assertFalse(meeting.active, "the planned meeting is done")
        self.assertTrue(meeting.date_done)
        self.assertEqual(interview.week_start, self.today - timedelta(days=self.today.weekday()))

    def test_referrals_become_leads_and_people_contacts_once(self):
        existing = self.env["res.partner"].create(
            {"name": "Lan Nguyen", "parent_id": self.customer.id, "email": "lan@saigon.example.com"}
        )
        interview = self._interview(self.member)
        self._answer(
            interview,
            5,
            contact_persons="Lan Nguyen; Purchasing director; lan@saigon.example.com\n"
            "Minh Tran; Chief engineer; +84 28 3822 1100",
            new_managers="Hoa Le; Director of the Hanoi branch",
            referrals="Bien Hoa Water; Mr Quang; quang@bienhoa.example.com\nDelta Farms",
        )
        contacts = interview.contact_ids
        self.assertEqual(len(contacts), 3)
        self.assertIn(existing, contacts)
        self.assertEqual(existing.function, "Purchasing director", "updated, not duplicated")
        minh = contacts.filtered(lambda c: c.name == "Minh Tran")
        self.assertEqual((minh.parent_id, minh.phone), (self.customer, "+84 28 3822 1100"))
        self.assertEqual(
            contacts.filtered(lambda c: c.name == "Hoa Le").function, "Director of the Hanoi branch"
        )

        leads = interview.lead_ids
        self.assertEqual(len(leads), 2)
        self.assertEqual(leads.source_id, self.source)
        self.assertEqual(leads.user_id, self.salesman, "the interviewer's leads")
        bien_hoa = leads.filtered(lambda lead: lead.partner_name == "Bien Hoa Water")
        self.assertEqual(bien_hoa.email_from, "quang@bienhoa.example.com")
        self.assertEqual(bien_hoa.contact_name, "Mr Quang")
        self.assertEqual(interview.lead_count, 2)

        # closing the loop again, or a later interview naming the same people: nothing twice
        interview._close_the_loop()
        second = self._interview(self.member)
        second.write(
            {
                "satisfaction": 4,
                "contact_persons": "lan nguyen; Purchasing director",
                "referrals": "Bien Hoa Water; Mr Quang",
            }
        )
        second.with_user(self.salesman).action_done()
        self.assertEqual(
            self.env["crm.lead"].search_count(
                [("source_id", "=", self.source.id), ("company_id", "=", self.company.id)]
            ),
            2,
        )
        self.assertEqual(len(self.customer.child_ids), 3)
        self.assertEqual(second.contact_ids, existing)

    def test_satisfaction_outside_one_to_five_is_refused(self):
        interview = self._interview(self.member)
        for value in (6, -1):
            with self.assertRaisesRegex(ValidationError, "from 1"):
                interview.with_user(self.salesman).satisfaction = value
        interview.invalidate_recordset()
        self.assertEqual(interview.satisfaction, 0, "nothing written")
        with self.assertRaisesRegex(ValidationError, "scale from 1 to 5"):
            self.questions["satisfaction"].scale_max = 10

    def test_partner_smart_button_and_filters(self):
        interview = self._interview(self.member)
        self._answer(interview, 3)
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.with_user(self.salesman).vip_interview_count, 1)
        action = self.customer.action_view_vip_interviews()
        Interview = self.env["customer.vip.interview"]
        self.assertEqual(Interview.search(action["domain"]), interview)
        monday = self.today - timedelta(days=self.today.weekday())
        for domain in (
            [("programme_id", "=", self.programme.id)],
            [("week_start", "=", monday)],
            [("user_id", "=", self.salesman.id)],
            [("satisfaction", "=", 3)],
        ):
            self.assertEqual(Interview.search(domain), interview, domain)
        self.assertFalse(Interview.search([("satisfaction", ">=", 4), ("id", "=", interview.id)]))

    def test_interviews_visible_to_care_team_responsible_and_managers_only(self):
        interview = self._interview(self.member)
        self._answer(interview, 4)
        Interview = self.env["customer.vip.interview"]
        for user in (self.salesman, self.supervisor, self.team_leader, self.manager):
            self.assertEqual(
                Interview.with_user(user).search([("id", "=", interview.id)]), interview, user.name
            )
        self.assertFalse(Interview.with_user(self.outsider).search([]))
        with self.assertRaises(AccessError):
            interview.with_user(self.outsider).read(["satisfaction"])
        with self.assertRaises(AccessError):
            self.member.with_user(self.outsider).read(["user_id"])
        self.assertEqual(self.customer.with_user(self.outsider).vip_interview_count, 0)
        # the programme responsible sees it, though not on the care team
        self.programme.user_id = self.outsider
        self.assertEqual(Interview.with_user(self.outsider).search([]), interview)

    def test_only_the_interviewer_opens_the_questionnaire_in_their_name(self):
        interview = self._interview(self.member)
        portal = new_test_user(self.env, "vip_portal", "base.group_portal", name="Pat Portal")
        for user in (self.manager, self.supervisor, self.outsider, portal):
            with self.assertRaises(AccessError, msg=user.name):
                interview.with_user(user).action_fill_questionnaire()
        self.assertFalse(interview.user_input_id, "nothing started for them")

        action = interview.with_user(self.salesman).action_fill_questionnaire()
        user_input = interview.user_input_id.sudo()
        self.assertEqual(action["url"], user_input.get_start_url())
        self.assertEqual(user_input.partner_id, self.salesman.partner_id)
        self.assertEqual(interview.partner_id, self.customer, "the customer is the interview's")
        # nor can the others read the answer or its link over RPC
        for user in (self.supervisor, self.outsider, portal):
            with self.assertRaises(AccessError, msg=user.name):
                user_input.with_user(user).read(["access_token"])

        # a new interviewer takes over the answer, still unfinished
        interview.with_user(self.manager).user_id = self.manager
        with self.assertRaises(AccessError):
            interview.with_user(self.salesman).action_fill_questionnaire()
        interview.with_user(self.manager).action_fill_questionnaire()
        self.assertEqual(interview.user_input_id, user_input, "the same answer")
        self.assertEqual(user_input.partner_id, self.manager.partner_id)

    def test_interview_with_nothing_filled_in_cannot_be_done(self):
        self.programme.with_user(self.manager).action_schedule_interviews()
        meeting = self.member.activity_id
        interview = self._interview(self.member)
        with self.assertRaisesRegex(UserError, "Rate the customer's satisfaction"):
            interview.with_user(self.salesman).action_done()
        # dissatisfied, and not a word why: refused too
        with Form(interview.with_user(self.salesman)) as form:
            form.satisfaction = 2
            form.services_used = "Delivery to site"
        with self.assertRaisesRegex(UserError, "write down why"):
            interview.with_user(self.salesman).action_done()
        self.assertEqual(interview.state, "draft", "nothing written")
        self.assertFalse(interview.case_ids)
        self.assertNotEqual(self.member.state, "done")
        self.assertTrue(meeting.active, "the member's meeting stays open")

        with Form(interview.with_user(self.salesman)) as form:
            form.dissatisfaction_reason = "The pumps of the last order were delivered late."
        interview.with_user(self.salesman).action_done()
        self.assertEqual(interview.state, "done")
        self.assertFalse(meeting.active)
        self.assertEqual(
            interview.case_ids.description, "The pumps of the last order were delivered late."
        )

    def test_questionnaire_asks_why_the_customer_is_unhappy(self):
        interview = self._interview(self.member)
        self._answer(
            interview,
            1,
            dissatisfaction_reason="Invoices arrive without the delivery notes.",
            services_used=["Delivery to site"],
        )
        self.assertEqual(
            interview.dissatisfaction_reason, "Invoices arrive without the delivery notes."
        )
        self.assertEqual(interview.case_ids.description, interview.dissatisfaction_reason)
