# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import CustomerCareCommon


@tagged("post_install", "-at_install")
class TestCustomerTier(CustomerCareCommon):
    """Tiers: configuration, automatic evaluation, locks and history."""

    def test_customer_gets_the_best_tier_whose_thresholds_it_meets(self):
        key_account = self._customer("Key Account")
        self._invoices(key_account, 12, 9000.0, first_days_ago=340, step_days=28)  # 108k, 12
        occasional = self._customer("Big but rare")
        self._invoices(occasional, 2, 60000.0, first_days_ago=200)  # 120k but 2 invoices
        small = self._customer("Small")
        self._invoice(small, 300.0, self._days_ago(30))
        old = self._customer("Bought long ago")
        self._invoice(old, 90000.0, self._days_ago(400))
        self._evaluate(key_account | occasional | small | old)
        self.assertEqual(key_account.customer_tier_id, self.tier_a)
        self.assertEqual(occasional.customer_tier_id, self.tier_c)
        self.assertEqual(small.customer_tier_id, self.tier_d)
        self.assertFalse(old.customer_tier_id, "no invoice in 12 months: no tier")
        self.assertFalse(old.tier_history_ids, "from none to none is no change")
        self._evaluate(key_account | occasional | small | old)
        self.assertFalse(old.tier_history_ids)
        self.assertEqual(len(small.tier_history_ids), 1)

    def test_credit_notes_can_drop_a_customer_out_of_a_tier(self):
        partner = self._customer("Returns a lot")
        self._invoices(partner, 2, 3000.0, first_days_ago=60)
        self._evaluate(partner)
        self.assertEqual(partner.customer_tier_id, self.tier_c)
        self._invoice(partner, 2000.0, self._days_ago(1), refund=True)
        self._evaluate(partner)
        self.assertEqual(partner.customer_tier_id, self.tier_d)

    def test_twelve_month_figures_on_the_partner(self):
        partner = self._customer("Figures")
        contact = self.env["res.partner"].create({"name": "Buyer", "parent_id": partner.id})
        self._invoice(partner, 1000.0, self._days_ago(500))
        self._invoice(partner, 400.0, self._days_ago(100))
        self._invoice(contact, 600.0, self._days_ago(10))
        self._invoice(partner, 100.0, self._days_ago(5), refund=True)
        self.assertAlmostEqual(partner.revenue_12m, 900.0)
        self.assertEqual(partner.invoice_count_12m, 2)
        self.assertEqual(partner.first_invoice_date, self._days_ago(500))
        self.assertEqual(partner.last_invoice_date, self._days_ago(10))
        self.assertAlmostEqual(contact.revenue_12m, 900.0, msg="a contact shows its company's")

    def test_contacts_show_the_company_tier(self):
        partner = self._customer("With contacts")
        contact = self.env["res.partner"].create({"name": "Buyer", "parent_id": partner.id})
        self._invoices(partner, 3, 2000.0, first_days_ago=60)
        self._evaluate(partner)
        self.assertEqual(partner.customer_tier_id, self.tier_c)
        self.assertEqual(contact.customer_tier_id, self.tier_c)
        self.assertEqual(contact.relationship_stage, "new")
        late_contact = self.env["res.partner"].create(
            {"name": "New buyer", "parent_id": partner.id}
        )
        self.assertEqual(late_contact.customer_tier_id, self.tier_c)

    def test_evaluation_logs_history_and_chatter_once(self):
        partner = self._customer("Logged")
        self._invoices(partner, 2, 3000.0, first_days_ago=60)
        self._evaluate(partner)
        history = partner.tier_history_ids
        self.assertRecordValues(
            history,
            [
                {
                    "old_tier_id": False,
                    "new_tier_id": self.tier_c.id,
                    "reason": "automatic",
                    "date": self.today,
                }
            ],
        )
        evaluation_messages = partner.message_ids.filtered(
            lambda m: "Automatic evaluation" in (m.body or "")
        )
        self.assertFalse(evaluation_messages, "a first classification is in the history only")
        self._invoice(partner, 2000.0, self._days_ago(1), refund=True)  # C -> D
        self._evaluate(partner)
        partner.invalidate_recordset(["message_ids"])
        message = partner.message_ids.filtered(lambda m: "Automatic evaluation" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertIn("Tier C", message.body)
        self.assertIn("Tier D", message.body)
        history = partner.tier_history_ids
        messages = partner.message_ids
        self._evaluate(partner)
        self._evaluate(partner)
        partner.invalidate_recordset(["message_ids", "tier_history_ids"])
        self.assertEqual(partner.tier_history_ids, history, "nothing changed, nothing logged")
        self.assertEqual(len(history), 2)
        self.assertEqual(partner.stage_history_ids.mapped("new_stage"), ["new"])
        self.assertEqual(partner.message_ids, messages)

    def test_manager_choice_locks_the_tier(self):
        partner = self._customer("Strategic prospect")
        self._invoice(partner, 100.0, self._days_ago(3))
        self._evaluate(partner)
        self.assertEqual(partner.customer_tier_id, self.tier_d)
        as_manager = partner.with_user(self.manager).with_context(
            tracking_disable=False, mail_notrack=False
        )
        with Form(as_manager) as form:
            form.manual_tier_id = self.tier_vip
        self.assertTrue(partner.tier_locked)
        self.assertEqual(partner.customer_tier_id, self.tier_vip, "the manual tier wins")
        self.assertEqual(partner.auto_tier_id, self.tier_d, "the evaluated tier is kept aside")
        self._evaluate(partner)
        self.assertEqual(partner.customer_tier_id, self.tier_vip, "the evaluation keeps it")
        self.assertRecordValues(
            partner.tier_history_ids.sorted("id")[-1:],
            [
                {
                    "old_tier_id": self.tier_d.id,
                    "new_tier_id": self.tier_vip.id,
                    "reason": "manual",
                    "user_id": self.manager.id,
                }
            ],
        )
        as_manager.action_care_unlock_tier()
        self.assertFalse(partner.tier_locked)
        self.assertEqual(partner.customer_tier_id, self.tier_d, "unlocked: evaluated again")

    def test_manual_tier_change_is_tracked_in_the_chatter(self):
        partner = self._customer("Tracked")
        # end the creating transaction: Odoo does not track records created in the same one
        self.env.cr.precommit.run()
        partner.with_user(self.manager).with_context(
            tracking_disable=False, mail_notrack=False
        ).write({"manual_tier_id": self.tier_b.id})
        self.env.cr.precommit.run()  # tracking is written when the transaction ends
        partner.invalidate_recordset(["message_ids"])
        tracked = partner.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "manual_tier_id"
        )
        self.assertEqual(tracked.new_value_integer, self.tier_b.id)

    def test_salesperson_cannot_change_or_lock_a_tier(self):
        partner = self._customer("Mine", user_id=self.salesman.id)
        as_salesman = partner.with_user(self.salesman)
        self.assertFalse(as_salesman.customer_tier_id)  # can read
        # a context is client input: none of these flags opens the evaluation's fields
        forged = as_salesman.with_context(
            care_evaluation=True, care_member_sync=True, vip_reassign=True
        )
        for vals in (
            {"customer_tier_id": self.tier_vip.id},
            {"auto_tier_id": self.tier_vip.id},
            {"manual_tier_id": self.tier_vip.id},
            {"relationship_stage": "loyal"},
            {"care_coverage_ok": True, "care_layer_count": 3},
        ):
            for record in (as_salesman, forged):
                with self.subTest(vals=vals), self.assertRaises(AccessError):
                    record.write(vals)
        with self.assertRaises(AccessError):
            forged.action_care_evaluate()
        with self.assertRaises(AccessError):
            forged.action_care_unlock_tier()
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.salesman).with_context(
                care_evaluation=True
            ).create({"name": "Born VIP", "customer_tier_id": self.tier_vip.id})
        self.assertFalse(partner.customer_tier_id)
        self.assertFalse(partner.tier_locked)
        self.assertFalse(partner.tier_history_ids)

    def test_contacts_show_their_company_tier_and_stage(self):
        partner = self._customer("With contacts")
        contact = self.env["res.partner"].create({"name": "Buyer", "parent_id": partner.id})
        self._invoice(partner, 100.0, self._days_ago(3))
        self._evaluate(partner)
        self.assertEqual(contact.customer_tier_id, self.tier_d)
        self.assertEqual(contact.relationship_stage, "new")
        partner.with_user(self.manager).manual_tier_id = self.tier_a
        self.assertEqual(contact.customer_tier_id, self.tier_a)
        self.assertTrue(contact.tier_locked)
        late = self.env["res.partner"].create({"name": "New buyer", "parent_id": partner.id})
        self.assertEqual(late.customer_tier_id, self.tier_a, "a new contact gets it at once")
        self.assertEqual(late.relationship_stage, "new")

    def test_bad_tier_configuration_is_refused_and_writes_nothing(self):
        Tier = self.env["customer.tier"].with_user(self.manager)
        count = Tier.search_count([])
        bad_values = [
            {"min_revenue_12m": -1.0},
            {"min_invoice_count_12m": -3},
            {"min_care_layers": 0},
            {"min_care_layers": 4},
            {"code": "a"},  # duplicate of "A", whatever the case
        ]
        for values in bad_values:
            with self.subTest(values=values), self.assertRaises(ValidationError):
                Tier.create({"name": "Bad", "code": "BAD", **values})
        self.assertEqual(Tier.search_count([]), count)
        with self.assertRaises(ValidationError):
            self.tier_b.with_user(self.manager).write({"code": "VIP"})
        self.assertEqual(self.tier_b.code, "B")

    def test_same_code_is_allowed_in_another_company(self):
        other = self.setup_other_company(name="Other Co")["company"]
        self.manager.company_ids |= other
        tier = (
            self.env["customer.tier"]
            .with_user(self.manager)
            .create({"name": "Local A", "code": "LA", "company_id": other.id})
        )
        tier_here = (
            self.env["customer.tier"]
            .with_user(self.manager)
            .create({"name": "Local A", "code": "LA", "company_id": self.company.id})
        )
        self.assertTrue(tier and tier_here)

    def test_tier_counts_its_customers(self):
        partner = self._customer("Counted")
        self._invoice(partner, 100.0, self._days_ago(3))
        self._evaluate(partner)
        self.assertGreaterEqual(self.tier_d.partner_count, 1)
        action = self.tier_d.action_view_partners()
        self.assertIn(partner, self.env["res.partner"].search(action["domain"]))
