# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CustomerCareCommon


@tagged("post_install", "-at_install")
class TestAccess(CustomerCareCommon):
    """Salespeople read tiers and stages; only managers configure and decide."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls._customer("Read me", user_id=cls.salesman.id)
        cls._invoices(cls.customer, 2, 3000.0, first_days_ago=30)
        cls._evaluate(cls.customer)

    def test_salespeople_read_tiers_stages_and_history(self):
        for user in (self.salesman, self.team_leader):
            with self.subTest(user=user.login):
                partner = self.customer.with_user(user)
                self.assertEqual(partner.customer_tier_id.code, "C")
                self.assertEqual(partner.relationship_stage, "new")
                self.assertEqual(len(partner.tier_history_ids), 1)
                self.assertEqual(len(partner.stage_history_ids), 1)
                self.assertTrue(self.env["customer.tier"].with_user(user).search([]))

    def test_only_managers_edit_the_tier_configuration(self):
        for user in (self.salesman, self.team_leader):
            with self.subTest(user=user.login):
                Tier = self.env["customer.tier"].with_user(user)
                with self.assertRaises(AccessError):
                    Tier.create({"name": "Mine", "code": "MINE"})
                with self.assertRaises(AccessError):
                    self.tier_a.with_user(user).write({"min_revenue_12m": 1.0})
                with self.assertRaises(AccessError):
                    self.tier_d.with_user(user).unlink()
        tier = (
            self.env["customer.tier"]
            .with_user(self.manager)
            .create({"name": "Gold", "code": "GOLD", "min_revenue_12m": 500000.0})
        )
        tier.write({"min_invoice_count_12m": 30})
        self.assertEqual(tier.min_invoice_count_12m, 30)

    def test_nobody_rewrites_history(self):
        history = self.customer.tier_history_ids
        for user in (self.salesman, self.manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    history.with_user(user).write({"new_tier_id": self.tier_vip.id})
                with self.assertRaises(AccessError):
                    self.env["customer.stage.history"].with_user(user).create(
                        {"partner_id": self.customer.id, "new_stage": "loyal"}
                    )

    def test_tiers_of_another_company_stay_out_of_sight(self):
        other = self.setup_other_company(name="Other Co")["company"]
        foreign = (
            self.env["customer.tier"]
            .sudo()
            .create({"name": "Foreign", "code": "FOREIGN", "company_id": other.id})
        )
        visible = self.env["customer.tier"].with_user(self.manager).search([])
        self.assertNotIn(foreign, visible)
        self.assertIn(self.tier_a, visible)
