# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two real transactions at once: the evaluation in one, a sales manager
changing the customer's salesperson in the other. Whichever commits second
meets PostgreSQL's serialization failure on the customer's row; Odoo's RPC
layer (and the cron runner, through the evaluation's saved progress) retries
it, and both changes survive.

These tests commit: they build their customer in their own committed
transaction and delete it afterwards."""

from odoo import SUPERUSER_ID, api
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestConcurrentEvaluation(TransactionCase):
    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.ref("base.main_company")
            users = env["res.users"].with_context(no_reset_password=True)
            group = env.ref("sales_team.group_sale_salesman")
            self.anna, self.bao, self.boss = (
                users.create(
                    {
                        "name": name,
                        "login": f"concurrency.{name.lower()}",
                        "company_id": company.id,
                        "company_ids": [(6, 0, company.ids)],
                        "group_ids": [(6, 0, (env.ref(xmlid) or group).ids)],
                    }
                ).id
                for name, xmlid in (
                    ("Anna", "sales_team.group_sale_salesman"),
                    ("Bao", "sales_team.group_sale_salesman"),
                    ("Boss", "sales_team.group_sale_manager"),
                )
            )
            customer = env["res.partner"].create(
                {
                    "name": "Contended Customer",
                    "is_company": True,
                    "company_id": company.id,
                    "user_id": self.anna,
                }
            )
            self.company_id, self.customer_id = company.id, customer.id
        self.addCleanup(self._delete_world)

    def _delete_world(self):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM customer_care_member WHERE partner_id = %s", [self.customer_id])
            for table in ("customer_tier_history", "customer_stage_history"):
                cr.execute(
                    f"DELETE FROM {table} WHERE partner_id = %s",
                    [self.customer_id],
                )
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["res.partner"].browse(self.customer_id).unlink()
            users = env["res.users"].browse([self.anna, self.bao, self.boss])
            partners = users.partner_id
            users.unlink()
            partners.unlink()

    def _evaluate(self, env):
        company = env["res.company"].browse(self.company_id)
        env["customer.care.evaluation"]._evaluate_partners(
            env["res.partner"].browse(self.customer_id), company
        )

    def _change_salesperson(self, env):
        env["res.partner"].with_user(self.boss).browse(self.customer_id).write(
            {"user_id": self.bao}
        )

    def _final_state(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"allowed_company_ids": [self.company_id]})
            customer = env["res.partner"].browse(self.customer_id)
            managers = customer.care_member_ids.filtered(lambda m: m.layer == "1")
            return customer.user_id.id, managers.user_id.ids, customer.relationship_stage

    def _race(self, first, second):
        """``second`` starts its transaction (its snapshot), ``first`` writes
        the customer and commits, then ``second`` writes the same row: a
        serialization failure, retried as Odoo's RPC layer does."""
        attempts = []

        def second_side(env):
            attempts.append(1)
            second(env)

        with self.registry.cursor() as cr_second:
            env_second = api.Environment(cr_second, SUPERUSER_ID, {})
            # the second transaction has read the customer: its snapshot is taken
            env_second["res.partner"].browse(self.customer_id).fetch(["user_id"])
            with self.registry.cursor() as cr_first:
                first(api.Environment(cr_first, SUPERUSER_ID, {}))
            retrying(lambda: second_side(env_second), env_second)
        return len(attempts)

    def test_salesperson_change_retried_after_the_evaluation_commits(self):
        attempts = self._race(self._evaluate, self._change_salesperson)
        self.assertGreaterEqual(attempts, 2, "the second writer met a serialization failure")
        self.assertEqual(self._final_state(), (self.bao, [self.bao], "potential"))

    def test_evaluation_retried_after_the_salesperson_change_commits(self):
        attempts = self._race(self._change_salesperson, self._evaluate)
        self.assertGreaterEqual(attempts, 2, "the evaluation met a serialization failure")
        self.assertEqual(self._final_state(), (self.bao, [self.bao], "potential"))
