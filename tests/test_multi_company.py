# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A customer shared between two companies (Odoo's default: no company on
the partner) is rated by each company on its own books: tier, stage and care
coverage are company-dependent."""

from odoo import Command
from odoo.tests import Form, tagged

from .common import CustomerCareCommon


@tagged("post_install", "-at_install")
class TestMultiCompany(CustomerCareCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_data = cls.setup_other_company(name="Care Other Co")
        cls.other = cls.other_data["company"]
        cls.env.user.company_ids |= cls.other
        cls.manager_other = cls._user(
            "care_manager_other", "Otto Other", cls.other, groups="sales_team.group_sale_manager"
        )
        cls.shared = cls.env["res.partner"].create({"name": "Shared Buyer", "is_company": True})

    def _invoice_in(self, company, partner, amount, days_ago):
        move = (
            self.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_date": self._days_ago(days_ago),
                    "company_id": company.id,
                    "invoice_line_ids": [
                        Command.create(
                            {"product_id": self.pump.id, "quantity": 1.0, "price_unit": amount}
                        )
                    ],
                }
            )
        )
        move.action_post()
        return move

    def test_each_company_rates_a_shared_customer_on_its_own_books(self):
        # here: 12 invoices of 10,000 = tier A; there: 2 of 3,000 = tier C
        for month in range(12):
            self._invoice_in(self.company, self.shared, 10000.0, 5 + 25 * month)
        self._invoice_in(self.company, self.shared, 1000.0, 400)  # a customer for over a year
        for days in (10, 40):
            self._invoice_in(self.other, self.shared, 3000.0, days)
        self.env["customer.care.evaluation"]._evaluate_all()

        here = self.shared.with_company(self.company)
        there = self.shared.with_company(self.other)
        self.assertEqual(here.customer_tier_id, self.tier_a)
        self.assertEqual(there.customer_tier_id, self.tier_c)
        self.assertEqual(here.relationship_stage, "loyal", "first invoice 400 days ago here")
        self.assertEqual(there.relationship_stage, "new")
        self.assertEqual(here.revenue_12m, 120000.0)
        self.assertEqual(there.revenue_12m, 6000.0)
        # each company's users see their own company's values
        self.assertEqual(
            self.shared.with_user(self.manager_other).customer_tier_id.id, self.tier_c.id
        )
        self.assertEqual(self.shared.with_user(self.manager).customer_tier_id.id, self.tier_a.id)

        # a manual tier in one company locks it there only
        with Form(self.shared.with_user(self.manager_other)) as form:
            form.manual_tier_id = self.tier_vip
        self.assertEqual(there.customer_tier_id, self.tier_vip)
        self.assertTrue(there.tier_locked)
        self.assertFalse(here.tier_locked)
        self.env["customer.care.evaluation"]._evaluate_all()
        self.assertEqual(there.customer_tier_id, self.tier_vip, "kept there")
        self.assertEqual(here.customer_tier_id, self.tier_a, "re-rated here")

        # one history per company
        histories = self.env["customer.tier.history"].search([("partner_id", "=", self.shared.id)])
        self.assertEqual(
            sorted(histories.mapped(lambda h: (h.company_id.name, h.new_tier_id.code))),
            sorted(
                [
                    (self.company.name, "A"),
                    (self.other.name, "C"),
                    (self.other.name, "VIP"),
                ]
            ),
        )

    def test_care_coverage_counts_each_company_team(self):
        self.shared.with_company(self.company).write({"manual_tier_id": self.tier_d.id})
        self.shared.with_company(self.other).write({"manual_tier_id": self.tier_a.id})
        self.env["customer.care.member"].with_company(self.company).create(
            {
                "partner_id": self.shared.id,
                "user_id": self.salesman.id,
                "layer": "1",
                "company_id": self.company.id,
            }
        )
        here = self.shared.with_company(self.company)
        there = self.shared.with_company(self.other)
        self.assertEqual((here.care_layer_count, here.care_coverage_ok), (1, True))
        self.assertEqual((there.care_layer_count, there.care_coverage_ok), (0, False))
        under = (
            self.env["res.partner"]
            .with_company(self.other)
            .search([("id", "=", self.shared.id), ("care_coverage_ok", "=", False)])
        )
        self.assertEqual(under, self.shared, "under-covered in the other company only")
        self.assertFalse(
            self.env["res.partner"].search(
                [("id", "=", self.shared.id), ("care_coverage_ok", "=", False)]
            )
        )
