# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CustomerCareCommon


@tagged("post_install", "-at_install")
class TestRevenueCommitment(CustomerCareCommon):
    """Framework agreements committing a customer to a revenue over a period."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls._customer("Mekong Water", user_id=cls.salesman.id)
        cls.categ_small_pumps = cls.env["product.category"].create(
            {"name": "Small pumps", "parent_id": cls.categ_pumps.id}
        )
        cls.small_pump = cls._create_product(
            name="Pump P-10", categ_id=cls.categ_small_pumps.id, list_price=50.0
        )
        cls.start = cls.today.replace(day=1) - relativedelta(months=2)
        cls.end = cls.start + relativedelta(months=12, days=-1)

    def _commitment(self, user=None, **vals):
        form = Form(self.env["sale.revenue.commitment"].with_user(user or self.salesman))
        form.name = vals.pop("name", "Framework 2027")
        form.partner_id = vals.pop("partner_id", self.customer)
        form.date_start = vals.pop("date_start", self.start)
        form.date_end = vals.pop("date_end", self.end)
        form.amount = vals.pop("amount", 12000.0)
        for categ in vals.pop("categs", []):
            form.categ_ids.add(categ)
        return form.save()

    def test_progress_from_posted_invoices_in_the_period(self):
        commitment = self._commitment()
        self.assertEqual(commitment.user_id, self.salesman, "the account manager by default")
        self._invoice(self.customer, 3000.0, self.start)  # first day counts
        self._invoice(self.customer, 1000.0, self.today)
        self._invoice(self.customer, 500.0, self.today, refund=True)
        self._invoice(self.customer, 9000.0, self.start - relativedelta(days=1))  # before
        self._invoice(self.customer, 9000.0, self.today, post=False)  # draft
        commitment.invalidate_recordset()
        self.assertAlmostEqual(commitment.invoiced_amount, 3500.0)
        self.assertAlmostEqual(commitment.progress, 3500.0 / 12000.0 * 100)
        self.assertAlmostEqual(commitment.remaining_amount, 8500.0)
        self.assertEqual(commitment.remaining_months, 10)  # this month and the nine after
        self.assertAlmostEqual(commitment.expected_per_month, 850.0)

    def test_categories_restrict_the_progress_subcategories_included(self):
        commitment = self._commitment(categs=[self.categ_pumps])
        self._invoice(self.customer, 1000.0, self.today, product=self.pump)
        self._invoice(self.customer, 400.0, self.today, product=self.small_pump)
        self._invoice(self.customer, 700.0, self.today, product=self.pipe)
        commitment.invalidate_recordset()
        self.assertAlmostEqual(commitment.invoiced_amount, 1400.0)

    def test_progress_of_many_commitments_in_one_query(self):
        commitments = self.env["sale.revenue.commitment"].concat(
            *[self._commitment(name=f"C{i}", amount=1000.0 + i) for i in range(6)]
        )
        self._invoice(self.customer, 100.0, self.today)
        self.env.invalidate_all(flush=True)  # warm up from a cold cache, as measured below
        self.assertTrue(commitments[0].invoiced_amount)  # warm-up: caches of the first read
        for subset in (commitments[:2], commitments):  # the same budget for 2 and 6
            self.env.invalidate_all(flush=True)
            with self.assertQueryCount(accountman=4):
                self.assertEqual(set(subset.mapped("invoiced_amount")), {100.0})

    def test_workflow_and_one_active_commitment_per_period_and_categories(self):
        commitment = self._commitment()
        commitment.action_activate()
        self.assertEqual(commitment.state, "active")
        overlapping = self._commitment(
            name="Overlap", date_start=self.start + relativedelta(months=3)
        )
        with self.assertRaises(ValidationError):
            overlapping.action_activate()
        self.assertEqual(overlapping.state, "draft")
        pumps_only = self._commitment(name="Pumps", categs=[self.categ_pumps])
        pumps_only.action_activate()  # another category set: allowed
        later = self._commitment(
            name="Next year",
            date_start=self.end + relativedelta(days=1),
            date_end=self.end + relativedelta(years=1),
        )
        later.action_activate()  # another period: allowed
        self.env.cr.precommit.run()  # Odoo tracks records created in an earlier transaction
        commitment.with_context(tracking_disable=False, mail_notrack=False).action_close()
        self.assertEqual(commitment.state, "closed")
        self.env.cr.precommit.run()
        commitment.invalidate_recordset(["message_ids"])
        tracked = commitment.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertTrue(tracked, "state changes are tracked in the chatter")
        with self.assertRaises(UserError):
            commitment.action_activate()
        with self.assertRaises(UserError):
            overlapping.with_user(self.salesman).action_cancel()
        overlapping.with_user(self.manager).action_cancel()
        self.assertEqual(overlapping.state, "cancelled")

    def test_bad_input_is_refused_and_writes_nothing(self):
        Commitment = self.env["sale.revenue.commitment"]
        count = Commitment.search_count([])
        with self.assertRaises(ValidationError):
            self._commitment(amount=-5.0)
        with self.assertRaises(ValidationError):
            self._commitment(date_end=self.start - relativedelta(days=1))
        self.assertEqual(Commitment.search_count([]), count)

    def test_salespeople_see_their_customers_commitments_only(self):
        commitment = self._commitment()
        other_customer = self._customer("Someone else's", user_id=self.salesman_2.id)
        foreign = self._commitment(user=self.salesman_2, partner_id=other_customer)
        mine = self.env["sale.revenue.commitment"].with_user(self.salesman).search([])
        self.assertIn(commitment, mine)
        self.assertNotIn(foreign, mine)
        with self.assertRaises(AccessError):
            foreign.with_user(self.salesman).read(["amount"])
        self.assertIn(
            foreign, self.env["sale.revenue.commitment"].with_user(self.team_leader).search([])
        )
