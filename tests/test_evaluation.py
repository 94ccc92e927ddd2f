# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.sale_customer_care.models import customer_care_evaluation

from .common import CustomerCareCommon


@tagged("post_install", "-at_install")
class TestEvaluation(CustomerCareCommon):
    """The monthly cron and the manager's "Re-evaluate now"."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers = cls.env["res.partner"].concat(
            *[cls._customer(f"Customer {i:02d}") for i in range(7)]
        )
        for i, partner in enumerate(cls.customers):
            cls._invoices(partner, i % 3 + 1, 2000.0 * (i + 1), first_days_ago=100)

    def _run_cron(self, stop_after_batches=None):
        """Run the cron method as the scheduler would, its commits replaced by
        bookkeeping; ``stop_after_batches`` simulates the cron's time limit."""
        batches = []

        def commit_progress(cron, processed=0, *, remaining=None, deactivate=False):
            if processed:
                batches.append(processed)
            if stop_after_batches is not None and len(batches) >= stop_after_batches:
                return 0.0
            return 1000.0

        with (
            patch.object(customer_care_evaluation, "BATCH_SIZE", 3),
            patch.object(type(self.env["ir.cron"]), "_commit_progress", commit_progress),
        ):
            self.evaluation._cron_evaluate_customers()
        return batches

    def _in_scope(self):
        """How many customers one full run evaluates."""
        return sum(
            self.env["res.partner"].search_count(domain)
            for _company, domain in self.evaluation._evaluation_scopes()
        )

    def test_cron_is_registered(self):
        cron = self.env.ref("sale_customer_care.ir_cron_customer_evaluation")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "months"))
        self.assertTrue(cron.active)

    def test_interrupted_cron_resumes_where_it_stopped(self):
        total = self._in_scope()
        self.assertGreaterEqual(total, 7)
        self.assertEqual(self._run_cron(stop_after_batches=1), [3])
        progress = self.evaluation._get_progress()
        self.assertTrue(progress["last_id"], "the first batch is kept")
        batches = self._run_cron()
        self.assertEqual(sum(batches), total - 3, "the next run evaluates the rest only")
        self.assertEqual(self.evaluation._get_progress(), {}, "a complete run leaves nothing")
        self.assertTrue(all(self.customers.mapped("relationship_stage")))
        self.assertTrue(all(self.customers.mapped("customer_tier_id")))

    def test_a_completed_run_does_not_make_the_next_one_a_no_op(self):
        self._run_cron()
        # "Run manually" on the cron the same day evaluates everyone again
        self.assertEqual(sum(self._run_cron()), self._in_scope())
        with freeze_time(self.today + timedelta(days=1)):
            self.assertEqual(sum(self._run_cron()), self._in_scope())

    def test_running_twice_changes_nothing(self):
        self._run_cron()
        tiers = self.customers.mapped("customer_tier_id")
        history = self.env["customer.tier.history"].search(
            [("partner_id", "in", self.customers.ids)]
        )
        stages = self.env["customer.stage.history"].search(
            [("partner_id", "in", self.customers.ids)]
        )
        self.assertEqual(len(history), 7)
        self._run_cron()
        self.env["customer.care.evaluation"].with_user(self.manager).action_evaluate_all()
        self.assertEqual(self.customers.mapped("customer_tier_id"), tiers)
        self.assertEqual(
            self.env["customer.tier.history"].search([("partner_id", "in", self.customers.ids)]),
            history,
        )
        self.assertEqual(
            self.env["customer.stage.history"].search([("partner_id", "in", self.customers.ids)]),
            stages,
        )

    def test_manager_reevaluates_now_from_the_tier_list(self):
        action = self.tier_a.with_user(self.manager).action_evaluate_all()
        self.assertEqual(action["params"]["type"], "success")
        self.assertTrue(all(self.customers.mapped("relationship_stage")))

    def test_salesperson_cannot_run_the_evaluation(self):
        with self.assertRaises(AccessError):
            self.env["customer.care.evaluation"].with_user(self.salesman).action_evaluate_all()
        with self.assertRaises(AccessError):
            self.customers[0].with_user(self.salesman).action_care_evaluate()
        self.assertFalse(any(self.customers.mapped("relationship_stage")))

    def test_own_companies_users_and_vendors_are_not_customers(self):
        vendor = self._customer("Vendor only", supplier_rank=1)
        self.evaluation._evaluate_all()
        self.assertFalse(vendor.relationship_stage)
        self.assertFalse(self.company.partner_id.relationship_stage)
        self.assertFalse(self.salesman.partner_id.relationship_stage)

    def test_query_count_grows_with_batches_not_customers(self):
        def make(count, name):
            partners = self.env["res.partner"].concat(
                *[self._customer(f"{name} {i}") for i in range(count)]
            )
            for partner in partners:
                self._invoice(partner, 6000.0, self._days_ago(400))
                self._invoice(partner, 6000.0, self._days_ago(30))
            self.env["crm.lead"].create(
                [{"name": "Deal", "type": "opportunity", "partner_id": p.id} for p in partners]
            )
            return partners

        warm_up, few, many = make(1, "Warm-up"), make(2, "Few"), make(12, "Many")
        self.env.invalidate_all(flush=True)  # warm up from a cold cache, as measured below
        self.evaluation._evaluate_partners(warm_up)  # caches (tiers, subtypes...) filled once
        for partners in (few, many):  # the same budget for 2 and 12 customers
            self.env.invalidate_all(flush=True)
            with self.assertQueryCount(accountman=20):
                self.evaluation._evaluate_partners(partners)
        self.assertEqual(set(few.mapped("customer_tier_id")), {self.tier_d})
        self.assertEqual(set(many.mapped("relationship_stage")), {"loyal"})
