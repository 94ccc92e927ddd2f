# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from ast import literal_eval
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.service.model import call_kw
from odoo.tests import Form, tagged

from .common import CareTeamCommon


@tagged("post_install", "-at_install")
class TestCareTeam(CareTeamCommon):
    """2-3 layers of staff per customer, kept consistent with Odoo's salesperson."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls._customer("Mekong Logistics")

    def test_layers_coverage_and_history(self):
        self._invoices(self.customer, 12, 9000.0, first_days_ago=340, step_days=28)
        self.evaluation._evaluate_partners(self.customer)
        self.assertEqual(self.customer.customer_tier_id, self.tier_a)  # A requires 2 layers
        self.assertEqual(
            (self.customer.care_layer_count, self.customer.care_coverage_ok), (0, False)
        )
        self._member(self.salesman, "1")
        self.assertEqual(
            (self.customer.care_layer_count, self.customer.care_coverage_ok), (1, False)
        )
        backup = self._member(self.salesman_2, "2")
        self.assertEqual(
            (self.customer.care_layer_count, self.customer.care_coverage_ok), (2, True)
        )
        self.assertEqual(self.customer.care_member_ids.user_id, self.salesman | self.salesman_2)
        backup.action_end()
        self.assertEqual(self.customer.care_layer_count, 1)
        self.assertEqual(self.customer.care_member_ids.user_id, self.salesman)
        self.assertIn(backup, self.customer.care_history_ids, "ended memberships stay as history")
        # the tier changes the requirement
        self.customer.write({"manual_tier_id": self.tier_d.id})
        self.assertTrue(self.customer.care_coverage_ok)

    def test_coverage_follows_the_calendar(self):
        tomorrow = self.today + timedelta(days=1)
        self._member(self.salesman, "1")
        self._member(self.salesman_2, "2", date_end=tomorrow)
        self._member(self.supervisor, "3", date_start=tomorrow)
        self.assertEqual(self.customer.care_layer_count, 2)
        with freeze_time(self.today + timedelta(days=1)):
            self.env.ref("sale_customer_care.ir_cron_care_coverage").method_direct_trigger()
            self.customer.invalidate_recordset()
            self.assertEqual(self.customer.care_layer_count, 2)  # backup left, supervisor came
            self.assertEqual(self.customer.care_member_ids.user_id, self.salesman | self.supervisor)

    def test_team_rules_refuse_bad_input_and_write_nothing(self):
        self._member(self.salesman, "1")
        cases = [
            ("second account manager", {"user_id": self.salesman_2.id, "layer": "1"}),
            ("same person twice", {"user_id": self.salesman.id, "layer": "2"}),
            (
                "ends before it starts",
                {
                    "user_id": self.salesman_2.id,
                    "layer": "2",
                    "date_end": self.today - timedelta(days=1),
                },
            ),
        ]
        for label, vals in cases:
            with self.subTest(label), self.assertRaises(ValidationError):
                self.Member.create({"partner_id": self.customer.id, **vals})
        contact = self.env["res.partner"].create({"name": "Buyer", "parent_id": self.customer.id})
        with self.assertRaises(ValidationError):
            self._member(self.salesman_2, "2", partner=contact)
        other = self.setup_other_company(name="Other Co")["company"]
        foreign = self.env["res.partner"].create(
            {"name": "Foreign", "is_company": True, "company_id": other.id}
        )
        with self.assertRaises(ValidationError):
            self._member(self.salesman_2, "1", partner=foreign)  # does not work for Other Co
        self.assertEqual(len(self.customer.care_history_ids), 1)
        # a successor may start the day the predecessor ends
        first = self.customer.care_history_ids
        first.date_end = self.today + timedelta(days=10)
        self._member(self.salesman_2, "1", date_start=self.today + timedelta(days=10))

    def test_salesperson_and_account_manager_stay_the_same_person(self):
        self._member(self.salesman, "1")
        self.assertEqual(self.customer.user_id, self.salesman, "member -> partner")
        backup = self._member(self.salesman_2, "2")
        self.customer.with_user(self.manager).user_id = self.salesman_2  # partner -> members
        manager = self.customer.care_member_ids.filtered(lambda m: m.layer == "1")
        self.assertEqual(manager.user_id, self.salesman_2)
        self.assertEqual(backup.date_end, self.today, "the backup was promoted")
        self.assertEqual(len(self.customer.care_member_ids), 1)
        self.assertEqual(
            self.customer.care_history_ids.filtered(lambda m: m.user_id == self.salesman).date_end,
            self.today,
        )
        manager.action_end()
        self.assertFalse(self.customer.user_id)
        new_customer = self._customer("Created with a salesperson", user_id=self.salesman.id)
        self.assertEqual(new_customer.care_member_ids.user_id, self.salesman)
        self.assertEqual(new_customer.care_member_ids.layer, "1")

    def test_a_new_account_manager_across_time_zones(self):
        """At 23:30 UTC it is already tomorrow in Hanoi: a customer given a
        salesperson there starts its care tomorrow; a manager in UTC who
        changes the salesperson a minute later must not start the successor
        the day before its predecessor (it was refused as an overlap)."""
        self.salesman.tz = "Asia/Ho_Chi_Minh"
        self.manager.tz = "UTC"
        with freeze_time("2026-12-01 23:30:00"):
            customer = self._customer("Night Shift Ltd")
            customer.with_user(self.salesman).with_context(tz=False).write(
                {"user_id": self.salesman.id}
            )
            first = customer.care_history_ids
            self.assertEqual(str(first.date_start), "2026-12-02")
            customer.with_user(self.manager).with_context(tz=False).user_id = self.salesman_2
            self.assertEqual(str(first.date_end), "2026-12-02")
            successor = customer.care_history_ids - first
            self.assertEqual(successor.user_id, self.salesman_2)
            self.assertEqual(successor.layer, "1")
            self.assertEqual(str(successor.date_start), "2026-12-02")

    def test_salesperson_cannot_take_over_a_colleague_customer(self):
        self._member(self.salesman_2, "1")
        with self.assertRaises(AccessError):
            self.customer.with_user(self.salesman).user_id = self.salesman
        self.assertEqual(self.customer.user_id, self.salesman_2)
        free = self._customer("Nobody's yet")
        free.with_user(self.salesman).user_id = self.salesman  # an unassigned customer
        self.assertEqual(free.care_member_ids.user_id, self.salesman)

    def test_new_opportunity_and_quotation_go_to_the_account_manager(self):
        self._team()
        team_partners = (self.salesman | self.salesman_2 | self.supervisor).partner_id
        lead_form = Form(
            self.env["crm.lead"].with_user(self.salesman_2).with_context(default_type="opportunity")
        )
        lead_form.name = "Cold storage pumps"
        lead_form.partner_id = self.customer
        self.assertEqual(lead_form.user_id, self.salesman)
        lead = lead_form.save()
        self.assertEqual(lead.user_id, self.salesman)
        self.assertLessEqual(team_partners, lead.message_partner_ids)
        self.assertEqual(
            lead.care_member_ids.user_id, self.salesman | self.salesman_2 | self.supervisor
        )
        order_form = Form(self.env["sale.order"].with_user(self.manager))
        order_form.partner_id = self.customer
        with order_form.order_line.new() as line:
            line.product_id = self.pump
        order = order_form.save()
        self.assertEqual(order.user_id, self.salesman)
        self.assertLessEqual(team_partners, order.message_partner_ids)
        self.assertEqual(order.customer_tier_id, self.customer.customer_tier_id)

    def test_activities_go_to_the_backup_in_one_click(self):
        self._team()
        lead = self.env["crm.lead"].create(
            {"name": "Deal", "type": "opportunity", "partner_id": self.customer.id}
        )
        on_partner = self.customer.activity_schedule(
            "mail.mail_activity_data_call", user_id=self.salesman.id
        )
        on_lead = lead.activity_schedule("mail.mail_activity_data_todo", user_id=self.salesman.id)
        someone_else = self.customer.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.supervisor.id
        )
        self.customer.with_user(self.manager).action_care_activities_to_backup()
        self.assertEqual((on_partner | on_lead).user_id, self.salesman_2)
        self.assertEqual(someone_else.user_id, self.supervisor)

    def test_care_team_members_see_the_customer_documents(self):
        self._team()
        lead = self.env["crm.lead"].create(
            {
                "name": "Deal",
                "type": "opportunity",
                "partner_id": self.customer.id,
                "user_id": self.salesman.id,
            }
        )
        order = self._order(self.customer, user=self.salesman)
        for user in (self.salesman_2, self.supervisor, self.team_leader):
            with self.subTest(user=user.login):
                self.assertEqual(lead.with_user(user).read(["name"])[0]["name"], "Deal")
                self.assertTrue(order.with_user(user).read(["name"]))
                self.assertTrue(order.order_line.with_user(user).read(["name"]))
                self.assertEqual(len(self.customer.with_user(user).care_member_ids), 3)
        with self.assertRaises(AccessError):
            lead.with_user(self.outsider).read(["name"])
        with self.assertRaises(AccessError):
            order.with_user(self.outsider).read(["name"])
        with self.assertRaises(AccessError):
            self.customer.care_history_ids.with_user(self.outsider).read(["user_id"])
        self.assertFalse(self.Member.with_user(self.outsider).search([]))

    def test_only_managers_manage_teams_salespeople_propose_backups(self):
        self._member(self.salesman, "1")
        as_salesman = self.Member.with_user(self.salesman)
        with self.assertRaises(AccessError):
            as_salesman.create(
                {"partner_id": self.customer.id, "user_id": self.supervisor.id, "layer": "3"}
            )
        proposal = as_salesman.create(
            {"partner_id": self.customer.id, "user_id": self.salesman_2.id, "layer": "2"}
        )
        self.assertEqual(proposal.state, "proposed")
        self.assertFalse(proposal.is_current, "a proposal waits for a manager")
        with self.assertRaises(AccessError):
            proposal.with_user(self.salesman).action_confirm()
        with self.assertRaises(AccessError):
            self.customer.care_history_ids[0].with_user(self.salesman).action_end()
        other = self._customer("Not mine")
        with self.assertRaises(AccessError):
            as_salesman.create(
                {"partner_id": other.id, "user_id": self.salesman_2.id, "layer": "2"}
            )
        proposal.with_user(self.manager).action_confirm()
        self.assertTrue(proposal.is_current)
        self.assertEqual(self.customer.care_layer_count, 2)
        with self.assertRaises(ValidationError):
            proposal.with_user(self.manager).unlink()

    def test_a_context_flag_never_bypasses_the_team_rules(self):
        forged = {"care_member_sync": True}
        mine = self._member(self.salesman, "1")
        free = self._customer("Nobody's yet")
        Member = self.Member.with_user(self.salesman)
        layer_1 = {"partner_id": free.id, "user_id": self.salesman.id, "layer": "1"}
        with self.assertRaises(AccessError):
            Member.with_context(**forged).create(layer_1)
        with self.assertRaises(AccessError):
            call_kw(Member, "create", [layer_1], {"context": forged})
        for vals in ({"date_end": self.today}, {"user_id": self.salesman_2.id}, {"layer": "2"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                mine.with_user(self.salesman).with_context(**forged).write(vals)
            with self.subTest(vals=vals, how="rpc"), self.assertRaises(AccessError):
                call_kw(Member, "write", [mine.ids, vals], {"context": forged})
        self.assertFalse(free.care_history_ids)
        self.assertRecordValues(mine, [{"user_id": self.salesman.id, "date_end": False}])

        # nor does it cut the salesperson off the account manager
        Member = self.Member.with_user(self.manager).with_context(**forged)
        Member.create(layer_1)
        self.assertEqual(free.user_id, self.salesman)
        mine.with_user(self.manager).with_context(**forged).action_end()
        self.assertFalse(self.customer.user_id)

    def test_salesperson_sync_writes_only_what_differs(self):
        """Member -> partner and partner -> members end after one round: each
        side compares values before writing."""
        Partner = type(self.env["res.partner"])
        written = []
        original_write = Partner.write

        def write(records, vals):
            if "user_id" in vals:
                written.append((records, vals["user_id"]))
            return original_write(records, vals)

        with patch.object(Partner, "write", write):
            self._member(self.salesman, "1")
            self.assertEqual(written, [(self.customer, self.salesman.id)], "member -> partner")
            written.clear()
            self.customer.with_user(self.manager).user_id = self.salesman_2
            self.assertEqual(written, [(self.customer, self.salesman_2.id)], "no write back")
        self.assertEqual(
            self.customer.care_member_ids.mapped(lambda m: (m.user_id, m.layer)),
            [(self.salesman_2, "1")],
        )

    def test_coverage_view_lists_under_covered_customers(self):
        covered = self._customer("Covered")
        under = self._customer("Under-covered")
        for partner in covered | under:
            self._invoices(partner, 12, 9000.0, first_days_ago=340, step_days=28)  # tier A
        self._team(covered)
        self._member(self.salesman, "1", partner=under)
        self.evaluation._evaluate_partners(covered | under)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale_customer_care.action_care_coverage"
        )
        Partner = self.env["res.partner"].with_user(self.manager)
        action["domain"] = literal_eval(action["domain"])
        listed = Partner.search(action["domain"] + [("care_coverage_ok", "=", False)])
        self.assertIn(under, listed)
        self.assertNotIn(covered, listed)
        one_person = Partner.search(action["domain"] + [("care_layer_count", "=", 1)])
        self.assertIn(under, one_person)
        # as the web client groups the list (read_group is deprecated in 19.0)
        groups = Partner.formatted_read_group(
            action["domain"] + [("id", "in", (covered | under).ids)],
            ["customer_tier_id", "user_id"],
            ["care_layer_count:sum"],
        )
        self.assertEqual(len(groups), 1)

    def test_coverage_recompute_is_set_based(self):
        partners = self.env["res.partner"].concat(*[self._customer(f"Bulk {i}") for i in range(20)])
        self.Member.create(
            [{"partner_id": p.id, "user_id": self.salesman.id, "layer": "1"} for p in partners]
        )
        partners[:1].sudo().write({"care_layer_count": 0})
        self.env.invalidate_all(flush=True)  # warm up from a cold cache, as measured below
        partners[:1]._care_recompute_coverage()
        for subset in (partners[:2], partners):  # the same budget for 2 and 20 customers
            subset.sudo().write({"care_layer_count": 0})
            self.env.invalidate_all(flush=True)
            with self.assertQueryCount(accountman=9):
                subset._care_recompute_coverage()
        self.assertEqual(set(partners.mapped("care_layer_count")), {1})
