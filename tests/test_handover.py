# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.service.model import call_kw
from odoo.tests import Form, tagged
from odoo.tools import format_date

from .common import CareTeamCommon


@tagged("post_install", "-at_install")
class TestHandover(CareTeamCommon):
    """A salesperson leaves: a manager hands their customers over in one go,
    and nothing is lost."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Lead = cls.env["crm.lead"]
        cls.Log = cls.env["customer.care.handover.log"]
        cls.leaver = cls.salesman
        cls.successor = cls.salesman_2
        cls.colleague = cls._user("care_handover_colleague", "Cole Colleague")
        cls.since = cls._days_ago(100)

        # Acme: the leaver is account manager, with a supervisor; a contact
        # whose salesperson is the leaver too.  Beta: the leaver is backup.
        # Gamma: the leaver alone.  Elsewhere: not the leaver's customer.
        cls.acme = cls._customer("Acme Pumps")
        cls.beta = cls._customer("Beta Logistics")
        cls.gamma = cls._customer("Gamma Wholesale")
        cls.elsewhere = cls._customer("Elsewhere Trading")
        cls.leaver_members = (
            cls._member(cls.leaver, "1", cls.acme)
            | cls._member(cls.leaver, "2", cls.beta)
            | cls._member(cls.leaver, "1", cls.gamma)
        )
        cls._member(cls.supervisor, "3", cls.acme)
        cls._member(cls.team_leader, "1", cls.beta)
        cls._member(cls.colleague, "1", cls.elsewhere)
        cls.acme_buyer = cls.env["res.partner"].create(
            {"name": "Ann Buyer", "parent_id": cls.acme.id, "user_id": cls.leaver.id}
        )

        stage_qualified = cls.env.ref("crm.stage_lead2")
        stage_proposition = cls.env.ref("crm.stage_lead3")
        cls.opp_acme = cls._opportunity("20 pumps", cls.acme_buyer, stage=stage_proposition)
        cls.opp_gamma = cls._opportunity("Pipes frame deal", cls.gamma, stage=stage_qualified)
        cls.opp_won = cls._opportunity("Won pumps", cls.acme)
        cls.opp_won.action_set_won()
        cls.opp_lost = cls._opportunity("Lost pumps", cls.acme)
        cls.opp_lost.action_set_lost()
        cls.opp_colleague = cls._opportunity("Colleague's pumps", cls.acme, user=cls.colleague)
        cls.opp_elsewhere = cls._opportunity("Elsewhere pumps", cls.elsewhere)
        cls.lead_acme = cls._opportunity("Unqualified lead", cls.acme, lead_type="lead")

        cls.quote_acme = cls._quotation(cls.acme_buyer)
        cls.quote_gamma = cls._quotation(cls.gamma)
        cls.quote_gamma.action_quotation_sent()
        cls.order_acme = cls._quotation(cls.acme)
        cls.order_acme.action_confirm()
        cls.quote_colleague = cls._quotation(cls.acme, user=cls.colleague)
        cls.quote_elsewhere = cls._quotation(cls.elsewhere)

        cls.act_acme = cls._activity(cls.acme, "Call the buyer")
        cls.act_buyer = cls._activity(cls.acme_buyer, "Send the catalogue")
        cls.act_opp = cls._activity(cls.opp_acme, "Follow the offer up")
        cls.act_quote = cls._activity(cls.quote_acme, "Check the discount")
        cls.act_beta = cls._activity(cls.beta, "Visit the depot")
        cls.act_colleague = cls._activity(cls.acme, "Colleague's call", user=cls.colleague)
        cls.act_elsewhere = cls._activity(cls.elsewhere, "Elsewhere call")

        cls.customers = cls.acme | cls.beta | cls.gamma
        # what a handover of the leaver moves, by record type
        cls.expected = {
            "member": cls.leaver_members,
            "opportunity": cls.opp_acme | cls.opp_gamma,
            "quotation": cls.quote_acme | cls.quote_gamma,
            "activity": cls.act_acme | cls.act_buyer | cls.act_opp | cls.act_quote | cls.act_beta,
            "salesperson": cls.acme | cls.acme_buyer | cls.gamma,
        }
        cls.untouched = (
            cls.opp_won,
            cls.opp_lost,
            cls.opp_elsewhere,
            cls.lead_acme,
            cls.order_acme,
            cls.quote_elsewhere,
            cls.act_elsewhere,
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @classmethod
    def _member(cls, user, layer, partner=None, **vals):
        """The care teams of this story exist since ``since``."""
        return super()._member(user, layer, partner, **{"date_start": cls.since, **vals})

    @classmethod
    def _opportunity(cls, name, partner, user=None, stage=None, lead_type="opportunity"):
        vals = {"name": name, "type": lead_type, "partner_id": partner.id}
        if stage:
            vals["stage_id"] = stage.id
        return cls.env["crm.lead"].create({**vals, "user_id": (user or cls.leaver).id})

    @classmethod
    def _quotation(cls, partner, user=None):
        return cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": (user or cls.leaver).id,
                "order_line": [Command.create({"product_id": cls.pump.id})],
            }
        )

    @classmethod
    def _activity(cls, record, summary, user=None):
        return record.activity_schedule(
            "mail.mail_activity_data_todo", summary=summary, user_id=(user or cls.leaver).id
        )

    def _form(self, from_user, to_user=None, team=None, date=None):
        form = Form(self.env["customer.care.handover"].with_user(self.manager))
        form.from_user_id = from_user
        if date:
            form.handover_date = date
        if team:
            form.mode = "team"
            for user in team:
                form.to_user_ids.add(user)
        else:
            form.to_user_id = to_user
        return form

    def _hand_over(self, from_user, to_user=None, team=None, date=None):
        wizard = self._form(from_user, to_user, team, date).save()
        action = wizard.action_confirm()
        self.assertEqual(action["res_model"], "customer.care.handover.log")
        return self.Log.browse(action["res_id"])

    def _account_managers(self, partner, day=None):
        day = day or self.today
        return partner.care_history_ids.filtered(
            lambda m: m.layer == "1" and m._is_current_on(day)
        ).user_id

    def _census(self, partners):
        """What the customers have, whoever holds it: layers, open
        opportunities, quotations, orders and planned activities."""
        Partner = self.env["res.partner"]
        contacts = Partner.search([("commercial_partner_id", "in", partners.ids)])
        users = self.leaver | self.successor | self.colleague | self.supervisor | self.team_leader
        return {
            "layers": sorted((m.partner_id.id, m.layer) for m in partners.care_member_ids),
            "opportunities": self.Lead.search_count(
                [
                    ("partner_id", "in", contacts.ids),
                    ("type", "=", "opportunity"),
                    ("won_status", "=", "pending"),
                ]
            ),
            "orders": sorted(
                self.env["sale.order"]
                .search([("partner_id", "in", contacts.ids)])
                .mapped(lambda o: (o.id, o.state))
            ),
            "activities": len(Partner._care_customer_activities(partners, users)),
        }

    def _snapshot(self):
        """Everything a refused handover must leave as it was."""
        Member = self.Member.with_context(active_test=False)
        return {
            "members": sorted(Member.search([]).mapped(lambda m: (m.id, m.date_end, m.layer))),
            "leads": sorted(self.Lead.search([]).mapped(lambda r: (r.id, r.user_id.id))),
            "orders": sorted(
                self.env["sale.order"].search([]).mapped(lambda r: (r.id, r.user_id.id))
            ),
            "activities": sorted(
                self.env["mail.activity"].search([]).mapped(lambda r: (r.id, r.user_id.id))
            ),
            "partners": sorted(
                (self.customers | self.acme_buyer).mapped(lambda r: (r.id, r.user_id.id))
            ),
            "logs": self.Log.search_count([]),
        }

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------
    def test_hand_over_to_one_person(self):
        stages = {lead: lead.stage_id for lead in self.opp_acme | self.opp_gamma}
        # as in real life: with tracking and followers
        self.env = self.env(
            context=dict(self.env.context, tracking_disable=False, mail_notrack=False)
        )
        self._hand_over(self.leaver, self.successor)

        self.assertEqual(self.leaver_members.mapped("date_end"), [self.today] * 3)
        self.assertFalse(self.leaver_members.filtered("is_current"))
        for customer, layer in ((self.acme, "1"), (self.beta, "2"), (self.gamma, "1")):
            with self.subTest(customer=customer.name):
                self.assertRecordValues(
                    customer.care_member_ids.filtered(lambda m: m.user_id == self.successor),
                    [
                        {
                            "layer": layer,
                            "date_start": self.today,
                            "date_end": False,
                            "state": "confirmed",
                        }
                    ],
                )
                self.assertNotIn(self.leaver, customer.care_member_ids.user_id)
        self.assertEqual(self.acme.care_member_ids.user_id, self.successor | self.supervisor)
        # Odoo's salesperson follows the account manager; Beta's stays its own
        self.assertEqual(self.acme.user_id, self.successor)
        self.assertEqual(self.acme_buyer.user_id, self.successor)
        self.assertEqual(self.gamma.user_id, self.successor)
        self.assertEqual(self.beta.user_id, self.team_leader)

        for lead, stage in stages.items():
            self.assertEqual(lead.user_id, self.successor)
            self.assertEqual(lead.stage_id, stage, "the stage is kept")
        self.assertEqual((self.quote_acme | self.quote_gamma).user_id, self.successor)
        for record in (self.opp_acme, self.opp_gamma, self.quote_acme, self.quote_gamma):
            self.assertIn(self.successor.partner_id, record.message_partner_ids, "follows")
        self.assertEqual(self.quote_gamma.state, "sent")
        self.assertEqual(self.expected["activity"].user_id, self.successor)

        self.assertEqual(self.order_acme.user_id, self.leaver, "confirmed orders stay")
        for record in self.untouched:
            self.assertEqual(record.user_id, self.leaver, record.display_name)
        self.assertEqual(self.opp_colleague.user_id, self.colleague)
        self.assertEqual(self.quote_colleague.user_id, self.colleague)
        self.assertEqual(self.act_colleague.user_id, self.colleague)
        self.assertEqual(self.elsewhere.care_member_ids.user_id, self.colleague)
        self.assertEqual(
            (self.acme.care_layer_count, self.beta.care_layer_count, self.gamma.care_layer_count),
            (2, 2, 1),
        )

    def test_preview_lists_every_record_before_anything_moves(self):
        logs = self.Log.search([])
        form = self._form(self.leaver, self.successor)
        expected_count = sum(len(records) for records in self.expected.values())
        self.assertEqual(form.line_count, expected_count, "the preview is there before saving")
        self.assertEqual(
            form.summary,
            "Customers: 3 · Membership: 3 · Opportunity: 2 · Quotation: 2 · Activity: 5 · "
            "Salesperson: 3",
        )
        wizard = form.save()
        previewed = {(line.record_type, line.reference) for line in wizard.line_ids}
        expected = {
            (record_type, record)
            for record_type, records in self.expected.items()
            for record in records
        }
        self.assertEqual(previewed, expected)
        self.assertEqual(set(wizard.line_ids.to_user_id), {self.successor})
        member_lines = wizard.line_ids.filtered(lambda line: line.record_type == "member")
        self.assertEqual(member_lines.mapped("layer"), self.leaver_members.mapped("layer"))
        # nothing moved yet
        self.assertEqual(self.acme.user_id, self.leaver)
        self.assertEqual(self.leaver_members.filtered("is_current"), self.leaver_members)
        self.assertEqual(self.expected["opportunity"].user_id, self.leaver)
        self.assertEqual(self.Log.search([]), logs)

        # the preview follows the choices
        form = Form(wizard)
        form.to_user_id = self.colleague
        self.assertEqual(form.line_count, expected_count)
        wizard = form.save()
        self.assertEqual(set(wizard.line_ids.to_user_id), {self.colleague})

    def test_log_reaches_every_moved_record_and_counts_match(self):
        before = self._census(self.customers)
        log = self._hand_over(self.leaver, self.successor)

        self.assertRecordValues(
            log,
            [
                {
                    "date": self.today,
                    "mode": "user",
                    "user_id": self.manager.id,
                    "from_user_id": self.leaver.id,
                    "to_user_ids": self.successor.ids,
                    "company_id": self.company.id,
                    "customer_count": 3,
                    "member_count": 3,
                    "opportunity_count": 2,
                    "quotation_count": 2,
                    "activity_count": 5,
                    "salesperson_count": 3,
                }
            ],
        )
        self.assertTrue(log.name.startswith(f"HO/{self.today.year}/"))
        # counts before and after match: moved, not lost nor duplicated
        self.assertEqual(self._census(self.customers), before)
        # every moved record is reachable from the log, and opens
        log = log.with_user(self.manager)
        for record_type, records in self.expected.items():
            lines = log.line_ids.filtered(lambda line, t=record_type: line.record_type == t)
            with self.subTest(record_type=record_type):
                self.assertEqual(
                    self.env[records._name].concat(*lines.mapped("reference")), records
                )
                self.assertEqual(set(lines.to_user_id), {self.successor})
        for line in log.line_ids:
            action = line.action_open()
            self.assertTrue(self.env[action["res_model"]].browse(action["res_id"]).exists())
        self.assertEqual(
            log.line_ids.filtered(lambda line: line.reference == self.act_opp).action_open()[
                "res_id"
            ],
            self.opp_acme.id,
            "an activity opens on its document",
        )
        member_lines = log.line_ids.filtered(lambda line: line.record_type == "member")
        for line in member_lines:
            self.assertEqual(line.reference.date_end, self.today)
            self.assertRecordValues(
                line.new_member_id,
                [
                    {
                        "user_id": self.successor.id,
                        "layer": line.reference.layer,
                        "partner_id": line.partner_id.id,
                        "date_start": self.today,
                    }
                ],
            )
        # the leaver holds nothing of these customers any more
        self.assertFalse(
            self.customers.care_member_ids.filtered(lambda m: m.user_id == self.leaver)
        )
        self.assertFalse(
            self.env["res.partner"]._care_customer_activities(self.customers, self.leaver)
        )
        # done activities stay reachable (archived); deleted ones are reported as such
        self.act_buyer.action_feedback(feedback="Sent")
        line = log.line_ids.filtered(lambda line: line.reference == self.act_buyer)
        self.assertEqual(line.action_open()["res_id"], self.acme_buyer.id)
        line = log.line_ids.filtered(lambda line: line.reference == self.act_acme)
        self.act_acme.unlink()
        with self.assertRaises(UserError):
            line.action_open()

    def test_team_spread_is_balanced_by_twelve_month_revenue(self):
        leaver = self._user("care_handover_leaving", "Lou Leaving")
        big, mid_1, mid_2, small, quiet_1, quiet_2 = customers = (
            self._customer("Big Buyer")
            | self._customer("Middle One")
            | self._customer("Middle Two")
            | self._customer("Small Shop")
            | self._customer("Quiet One")
            | self._customer("Quiet Two")
        )
        for customer in customers:
            self._member(leaver, "1", customer)
        self._invoices(big, 2, 5000.0, first_days_ago=200)  # 10 000
        self._invoice(mid_1, 7000.0, self._days_ago(90))
        self._invoice(mid_1, 1000.0, self._days_ago(20), refund=True)  # 6 000
        self._invoice(mid_2, 5000.0, self._days_ago(10))  # 5 000
        self._invoice(small, 1000.0, self._days_ago(30))  # 1 000
        self._invoice(small, 50000.0, self._days_ago(400))  # older than 12 months
        self._invoice(mid_2, 90000.0, self._days_ago(5), post=False)  # draft: not revenue
        opportunity = self._opportunity("Mid two expansion", mid_2, user=leaver)
        activity = self._activity(small, "Small shop visit", user=leaver)
        quotation = self._quotation(big, user=leaver)
        team = self.successor | self.colleague  # Cole, then Sue (by name)
        # already archived: still handed over (Odoo's Archive button would also have
        # deleted their activities, so hand over first)
        leaver.active = False

        # greedy, largest first to the least loaded: Big -> Cole (10 000),
        # Middle One -> Sue (6 000), Middle Two -> Sue (11 000), Small -> Cole (11 000);
        # then the customers without revenue, to the one with fewer customers:
        # Quiet One -> Cole (equal: first by name), Quiet Two -> Sue
        wizard = self._form(leaver, team=team).save()
        preview = {
            line.partner_id: line.to_user_id
            for line in wizard.line_ids
            if line.record_type == "member"
        }
        split = {
            big: self.colleague,
            mid_1: self.successor,
            mid_2: self.successor,
            small: self.colleague,
            quiet_1: self.colleague,
            quiet_2: self.successor,
        }
        self.assertEqual(preview, split, "the preview shows the split")
        action = wizard.action_confirm()
        log = self.Log.browse(action["res_id"])

        for customer, target in split.items():
            with self.subTest(customer=customer.name):
                self.assertEqual(self._account_managers(customer), target)
                self.assertEqual(customer.user_id, target)
                # every record of a customer goes to the same person
                lines = log.line_ids.filtered(lambda line, c=customer: line.partner_id == c)
                self.assertEqual(lines.to_user_id, target)
        self.assertEqual(opportunity.user_id, self.successor)
        self.assertEqual(activity.user_id, self.colleague)
        self.assertEqual(quotation.user_id, self.colleague)
        load = {
            user: sum(c.revenue_12m for c, target in split.items() if target == user)
            for user in team
        }
        self.assertEqual(load, {self.colleague: 11000.0, self.successor: 11000.0})
        self.assertRecordValues(
            log, [{"mode": "team", "to_user_ids": team.sorted("name").ids, "customer_count": 6}]
        )

    def test_a_customer_never_loses_its_account_manager(self):
        day = self._days_ago(5)
        managed = self.customers.filtered(lambda c: self._account_managers(c))
        self.assertEqual(managed, self.customers)
        self._hand_over(self.leaver, self.successor, date=day)
        # end dates are exclusive: one account manager on every day around the handover
        for offset in range(-1, 6):
            current_day = day + timedelta(days=offset)
            for customer in managed:
                with self.subTest(customer=customer.name, day=current_day):
                    self.assertEqual(len(self._account_managers(customer, current_day)), 1)
        self.assertEqual(self._account_managers(self.acme, day - timedelta(days=1)), self.leaver)
        self.assertEqual(self._account_managers(self.acme, day), self.successor)
        self.assertEqual(self.leaver_members.mapped("date_end"), [day] * 3)
        self.assertEqual(self.acme.user_id, self._account_managers(self.acme))

    def test_a_target_already_in_the_team_moves_up_and_keeps_one_layer(self):
        log = self._hand_over(self.leaver, self.supervisor)
        # Acme: the supervisor becomes account manager, their layer 3 ends
        self.assertRecordValues(
            self.acme.care_member_ids, [{"user_id": self.supervisor.id, "layer": "1"}]
        )
        line = log.line_ids.filtered(lambda line: line.reference == self.leaver_members[0])
        self.assertEqual(line.superseded_member_id.layer, "3")
        self.assertEqual(line.superseded_member_id.date_end, self.today)
        self.assertTrue(line.remark)
        self.assertEqual(self.acme.user_id, self.supervisor)
        # Beta and Gamma: plain successions
        self.assertEqual(
            self.beta.care_member_ids.mapped(lambda m: (m.user_id, m.layer)),
            [(self.team_leader, "1"), (self.supervisor, "2")],
        )

    def test_a_target_keeps_a_more_direct_layer(self):
        log = self._hand_over(self.leaver, self.team_leader)
        # Beta: the team leader is already its account manager and stays so
        self.assertEqual(
            self.beta.care_member_ids.mapped(lambda m: (m.user_id, m.layer)),
            [(self.team_leader, "1")],
        )
        line = log.line_ids.filtered(lambda line: line.reference == self.leaver_members[1])
        self.assertEqual(line.new_member_id.user_id, self.team_leader)
        self.assertEqual(line.new_member_id.layer, "1")
        self.assertEqual(self._account_managers(self.acme), self.team_leader)
        self.assertEqual(self._account_managers(self.gamma), self.team_leader)

    def test_bad_input_is_refused_and_writes_nothing(self):
        other_company = self.setup_other_company(name="Other Co")["company"]
        foreigner = self._user("care_handover_foreigner", "Fred Foreign", other_company)
        idle = self._user("care_handover_idle", "Ida Idle")
        late_customer = self._customer("Late Co")
        self._member(self.leaver, "2", late_customer, date_start=self._days_ago(2))
        snapshot = self._snapshot()
        Wizard = self.env["customer.care.handover"].with_user(self.manager)
        team = Command.set((self.successor | self.leaver).ids)
        leaver = {"from_user_id": self.leaver.id}
        to_successor = {**leaver, "to_user_id": self.successor.id}
        bad_values = [
            ({"to_user_id": self.successor.id}, "Choose the person who is leaving"),
            (leaver, "Choose who takes over from Sam Salesman"),
            ({**leaver, "to_user_id": self.leaver.id}, "cannot take over their own customers"),
            ({**leaver, "mode": "team"}, "Choose the team"),
            (
                {**leaver, "mode": "team", "to_user_ids": [team]},
                "cannot take over their own customers",
            ),
            ({"from_user_id": idle.id, "to_user_id": self.successor.id}, "nothing to hand over"),
            (
                {**to_successor, "handover_date": self.today + timedelta(days=1)},
                "cannot be in the future",
            ),
            (
                {**to_successor, "handover_date": self._days_ago(3)},
                "started caring for Late Co .* after the handover date",
            ),
            ({**leaver, "to_user_id": foreigner.id}, "Fred Foreign does not work for"),
        ]
        for values, message in bad_values:
            with self.subTest(message=message), self.assertRaisesRegex(UserError, message):
                Wizard.create(values).action_confirm()
            # the form says it while it is filled in, and offers no Hand Over
            if "from_user_id" in values:
                with self.subTest(form=message):
                    self.assertRegex(Wizard.new(values).blocking_reason or "", message)
        self.assertEqual(self._snapshot(), snapshot)
        # dates in the sentence are the reader's, not ISO
        late = Wizard.new({**to_successor, "handover_date": self._days_ago(3)})
        self.assertIn(format_date(self.env, self._days_ago(2)), late.blocking_reason)
        self.assertNotIn(self._days_ago(2).isoformat(), late.blocking_reason)
        self.assertFalse(Wizard.new(to_successor).blocking_reason)

    def test_the_handover_is_a_model_method_the_wizard_calls(self):
        Log = self.Log.with_user(self.manager)
        preview = Log._handover_preview(self.leaver, self.successor, self.today, self.company)
        wizard = self._form(self.leaver, self.successor).save()
        self.assertEqual(
            [(move["record_type"], move["record"]) for move in preview],
            [(line.record_type, line.reference) for line in wizard.line_ids],
            "the wizard shows the model's preview",
        )
        log = Log._handover_execute(
            self.leaver, self.successor, self.today, self.company, note="Moved abroad"
        )
        self.assertRecordValues(
            log,
            [
                {
                    "mode": "user",
                    "note": "Moved abroad",
                    "user_id": self.manager.id,
                    "member_count": 3,
                }
            ],
        )
        self.assertEqual(log.env.uid, self.manager.id)
        self.assertFalse(log.env.su, "the log comes back as the caller's")
        self.assertEqual(self.acme.user_id, self.successor)
        with self.assertRaisesRegex(UserError, "nothing to hand over"):
            Log._handover_execute(self.leaver, self.successor, self.today, self.company)

    def test_the_handover_refuses_non_managers_whatever_the_context(self):
        forged = {"care_member_sync": True, "vip_reassign": True, "care_evaluation": True}
        wizard = self._form(self.leaver, self.successor).save()
        snapshot = self._snapshot()
        args = (self.leaver, self.successor, self.today, self.company)
        for user in (self.salesman, self.team_leader):
            Log = self.Log.with_user(user).with_context(**forged)
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    Log._handover_execute(*args)
                with self.assertRaises(AccessError):
                    Log._handover_preview(*args)
                # as a client would call it: /web/dataset/call_kw and call_button
                with self.assertRaises(AccessError):
                    call_kw(Log, "_handover_execute", [a.id for a in args[:2]], {"context": forged})
                with self.assertRaises(AccessError):
                    call_kw(
                        self.env["customer.care.handover"].with_user(user),
                        "action_confirm",
                        [wizard.ids],
                        {"context": forged},
                    )
                with self.assertRaises(AccessError):
                    call_kw(
                        self.env["customer.care.handover"].with_user(user),
                        "create",
                        [{"from_user_id": self.leaver.id, "to_user_id": user.id}],
                        {"context": forged},
                    )
        self.assertEqual(self._snapshot(), snapshot)
        # the manager's button, through the same entry point
        action = call_kw(
            self.env["customer.care.handover"].with_user(self.manager),
            "action_confirm",
            [wizard.ids],
            {},
        )
        self.assertEqual(self.Log.browse(action["res_id"]).member_count, 3)

    def test_only_managers_hand_over(self):
        for user in (self.salesman, self.team_leader):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["customer.care.handover"].with_user(user).create(
                    {"from_user_id": self.leaver.id, "to_user_id": self.successor.id}
                )
        wizard = self._form(self.leaver, self.successor).save()
        snapshot = self._snapshot()
        with self.assertRaises(AccessError):
            wizard.with_user(self.salesman).action_confirm()
        self.assertEqual(self._snapshot(), snapshot)
        log = wizard.action_confirm()
        log = self.Log.browse(log["res_id"])
        for user in (self.salesman, self.team_leader):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                log.with_user(user).read(["name"])
        # the log is read-only, managers included
        with self.assertRaises(AccessError):
            log.with_user(self.manager).write({"note": "rewritten"})
        with self.assertRaises(AccessError):
            log.line_ids.with_user(self.manager).unlink()
