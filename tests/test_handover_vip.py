# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bảo leaves, Csaba takes over: the VIP customers Bảo interviews, the
commitments Bảo follows and next year's VIP list go with the customers."""

from datetime import timedelta

from odoo.tests import Form, tagged

from .common import VipCommon


@tagged("post_install", "-at_install")
class TestHandoverVip(VipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leaver, cls.successor = cls.salesman, cls.salesman_2
        # the leaver brought Saigon in: its first order is theirs
        cls._order(cls.customer, user=cls.leaver)
        cls.member = cls._vip_member(cls.customer)
        cls.commitment = cls.env["sale.revenue.commitment"].create(
            {
                "name": "Saigon framework",
                "partner_id": cls.customer.id,
                "user_id": cls.leaver.id,
                "date_start": cls.today.replace(day=1),
                "date_end": cls.today.replace(day=1) + timedelta(days=364),
                "amount": 50000.0,
            }
        )
        cls.commitment.action_activate()
        cls.closed_commitment = cls.env["sale.revenue.commitment"].create(
            {
                "name": "Old framework",
                "partner_id": cls.customer.id,
                "user_id": cls.leaver.id,
                "date_start": cls.today.replace(day=1) - timedelta(days=800),
                "date_end": cls.today.replace(day=1) - timedelta(days=440),
                "amount": 1000.0,
            }
        )
        cls.closed_commitment.action_activate()
        cls.closed_commitment.action_close()

    def _hand_over(self):
        form = Form(self.env["customer.care.handover"].with_user(self.manager))
        form.from_user_id = self.leaver
        form.to_user_id = self.successor
        wizard = form.save()
        previewed = set(wizard.line_ids.mapped("record_type"))
        action = wizard.action_confirm()
        return previewed, self.env["customer.care.handover.log"].browse(action["res_id"])

    def test_vip_interviewer_and_commitments_move_with_the_customer(self):
        self.assertEqual(self.member.user_id, self.leaver, "who brought the customer in")
        self.programme.with_user(self.manager).action_start()
        self.programme.with_user(self.manager).action_schedule_interviews()
        meeting = self.member.activity_id
        self.assertEqual(meeting.user_id, self.leaver)

        previewed, log = self._hand_over()

        self.assertLessEqual({"vip_member", "commitment"}, previewed, "previewed first")
        self.assertEqual(self.member.user_id, self.successor)
        self.assertEqual(meeting.user_id, self.successor, "the interview goes along")
        self.assertEqual(self.commitment.user_id, self.successor)
        self.assertEqual(self.closed_commitment.user_id, self.leaver, "drafts and actives only")
        self.assertEqual((log.vip_member_count, log.commitment_count), (1, 1))
        self.assertIn(self.member.reassignment_ids.new_user_id, self.successor)

    def test_next_years_list_goes_to_the_successor(self):
        self._hand_over()
        next_year = (
            self.env["customer.vip.programme"]
            .with_user(self.manager)
            .create(
                {
                    "year": self.programme.year + 1,
                    "date_start": self.programme.date_start + timedelta(days=365),
                    "date_end": self.programme.date_end + timedelta(days=365),
                }
            )
        )
        member = self._vip_member(self.customer, programme=next_year)
        self.assertEqual(member.user_id, self.successor, "not the leaver who brought it in")
