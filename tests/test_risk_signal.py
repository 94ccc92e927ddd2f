# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customers slipping away, judged by their own rhythm: the daily check on
real posted invoices and credit notes, what people do with the signals, and
who may see and do it."""

from contextlib import closing, nullcontext
from datetime import timedelta
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import Command, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import call_kw
from odoo.tests import Form, HttpCase, tagged

from odoo.addons.sale_customer_care.models import customer_risk_signal

from .common import RiskSignalCommon


@tagged("post_install", "-at_install")
class TestRiskRules(RiskSignalCommon):
    """Which customer and category gets which signal."""

    def test_one_invoice_gives_no_rhythm_and_no_signal(self):
        single = self._customer("Single Order Ltd", user_id=self.salesman.id)
        self._invoice(single, 5000.0, self._days_ago(200))
        two = self._customer("Two Orders Ltd", user_id=self.salesman.id)
        self._buyer(two, 200, count=2)
        facts = self.figures._risk_category_facts(self.today, 3, self.company, single | two)
        self.assertEqual(facts[single.id, self.categ_pumps.id][:3], (1, self._days_ago(200), None))
        self.assertEqual(facts[two.id, self.categ_pumps.id][2], 30.0, "one gap: its rhythm")
        self.assertFalse(self._check().filtered(lambda s: s.partner_id in single | two))

    def test_a_yearly_buyer_is_not_nagged_after_seven_weeks(self):
        yearly = self._customer("Yearly Ltd", user_id=self.salesman.id)
        for days in (49, 380, 710):
            self._invoice(yearly, 12000.0, self._days_ago(days))
        self.assertFalse(self._check().filtered(lambda s: s.partner_id == yearly))

    def test_a_monthly_buyer_silent_for_seven_weeks_is_late(self):
        self._buyer(self.customer, 49, count=6, every=30, amount=1000.0)
        self._invoice(self.customer, 600.0, self._days_ago(200), refund=True)
        signal = self._check()
        self.assertEqual(len(signal), 1)
        last = self._days_ago(49)
        self.assertRecordValues(
            signal,
            [
                {
                    "partner_id": self.customer.id,
                    "categ_id": self.categ_pumps.id,
                    "kind": "late",
                    "state": "open",
                    "rhythm_days": 30.0,
                    "purchase_count": 6,
                    "date_last_purchase": last,
                    "date_expected": last + timedelta(days=30),
                    "date_since": last + timedelta(days=46),
                    "date_raised": self.today,
                    # 6 x 1,000 minus the credit note, over 6 purchases
                    "revenue_at_risk": 900.0,
                    "user_id": self.salesman.id,
                    "company_id": self.company.id,
                }
            ],
        )
        self.assertEqual(signal.days_silent, 49)
        self.assertIn("Monthly Pumps Ltd buys Pumps every 30 days", signal.explanation)
        self.assertIn(signal, self.customer.risk_signal_ids, "on its Customer Care tab")

    def test_the_rhythm_is_the_median_of_the_intervals(self):
        # intervals 10, 10, 10, 100: median 10, not the mean 32.5
        for days in (180, 80, 70, 60, 50):
            self._invoice(self.customer, 1000.0, self._days_ago(days))
        # two invoices on one day are one purchase
        self._invoice(self.customer, 1000.0, self._days_ago(50))
        row = self.figures._risk_category_facts(self.today, 3, self.company, self.customer)[
            self.customer.id, self.categ_pumps.id
        ]
        self.assertEqual(row[:3], (5, self._days_ago(50), 10.0))
        self.assertEqual(self._check().kind, "stopped", "50 days is 5 cycles of 10 days")

    def test_each_category_has_its_own_rhythm(self):
        self._buyer(self.customer, 10, count=8, every=14)
        self._buyer(self.customer, 65, count=6, every=20, product=self.pipe, amount=200.0)
        signal = self._check()
        self.assertEqual(signal.categ_id, self.categ_pipes)
        self.assertEqual(signal.kind, "stopped", "65 days without pipes: over three cycles of 20")

    def test_a_customer_silent_three_cycles_has_stopped(self):
        self._buyer(self.customer, 100, count=6, every=30)
        signal = self._check()
        self.assertEqual(signal.kind, "stopped")
        self.assertEqual(signal.date_since, self._days_ago(100) + timedelta(days=91))
        self.assertIn("it has stopped", signal.explanation)

    def test_a_dormant_customer_that_is_late_has_stopped(self):
        # every 60 days, silent 95 days: late (> 90) but not 3 cycles (180);
        # dormant after 90 days without purchase
        self._buyer(self.customer, 95, count=5, every=60)
        self._evaluate(self.customer)
        self.assertEqual(self.customer.relationship_stage, "dormant")
        self.assertEqual(self._check().kind, "stopped")

    def test_a_dormant_customer_not_yet_due_is_not_nagged(self):
        # every 120 days, silent 100 days: dormant, but its reorder is not due
        self._buyer(self.customer, 100, count=4, every=120)
        self._evaluate(self.customer)
        self.assertEqual(self.customer.relationship_stage, "dormant")
        self.assertFalse(self._check())

    def _every_ten_days(self, recent_amount, amount=1000.0):
        """An invoice every 10 days for 24 months, of ``recent_amount`` over the
        last 100 days; ``(recent, previous)``: the revenue of the last 3 months
        and of the same months last year, summed by hand."""
        recent_from = self.today - relativedelta(months=3, days=-1)
        previous = (recent_from - relativedelta(years=1), self.today - relativedelta(years=1))
        sums = [0.0, 0.0]
        for days in range(5, 730, 10):
            day, value = self._days_ago(days), recent_amount if days < 100 else amount
            self._invoice(self.customer, value, day)
            sums[0] += value if day >= recent_from else 0.0
            sums[1] += value if previous[0] <= day <= previous[1] else 0.0
        return sums

    def test_a_falling_category(self):
        # 1,000 every 10 days a year ago, 600 now: about -40 %
        recent, previous = self._every_ten_days(600.0)
        signal = self._check()
        self.assertEqual(signal.kind, "falling")
        self.assertEqual((signal.revenue_recent, signal.revenue_previous), (recent, previous))
        change = round(100 * (recent - previous) / previous)
        self.assertLess(change, -30)
        self.assertIn(f"in the same months last year ({change} %)", signal.explanation)

    def test_a_drop_below_the_threshold_is_not_falling(self):
        recent, previous = self._every_ten_days(800.0)
        self.assertGreater(recent, previous * 0.7)
        self.assertFalse(self._check(), "-20 to -30 % is within the 30 % threshold")
        self.company.care_risk_falling_percent = 15.0
        self.assertEqual(self._check().kind, "falling")

    def test_a_credit_note_of_last_year_is_deducted_from_the_comparison(self):
        recent, previous = self._every_ten_days(600.0)
        # goods of the same months last year came back: 4,000 less then
        self._invoice(self.customer, 4000.0, self._days_ago(400), refund=True)
        self.assertGreater(recent, (previous - 4000.0) * 0.7)
        self.assertFalse(self._check(), "not falling against what was really sold")

    def test_a_credit_note_is_no_purchase(self):
        self._buyer(self.customer, 49, count=6, every=30)
        self._invoice(self.customer, 300.0, self._days_ago(5), refund=True)
        signal = self._check()
        self.assertEqual((signal.kind, signal.date_last_purchase), ("late", self._days_ago(49)))
        self.assertEqual(signal.revenue_at_risk, (6000.0 - 300.0) / 6)

    def test_a_credit_note_does_not_bring_a_signal_back(self):
        self._buyer(self.customer, 49, count=6, every=30)
        signal = self._check()
        self._invoice(self.customer, 1000.0, self._days_ago(1), refund=True)
        self._check()
        self.assertEqual(signal.state, "open", "a return is not the customer buying again")

    def test_a_customer_of_another_company(self):
        other = self.setup_other_company(name="Risk Other Co")["company"]
        partner = self.env["res.partner"].create({"name": "Shared Buyer", "is_company": True})
        for i in range(6):
            self.env["account.move"].with_company(other).create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_date": self._days_ago(49 + 30 * i),
                    "company_id": other.id,
                    "invoice_line_ids": [
                        Command.create(
                            {"product_id": self.pump.id, "quantity": 1, "price_unit": 500.0}
                        )
                    ],
                }
            ).action_post()
        self.assertFalse(self._check(), "not on this company's books")
        self.Signal._update_signals(other)
        theirs = self.Signal.sudo().search([("partner_id", "=", partner.id)])
        self.assertEqual((theirs.company_id, theirs.kind), (other, "late"))
        self.assertFalse(self.Signal.with_user(self.manager).search([("id", "=", theirs.id)]))

    def test_settings_are_checked(self):
        for vals in (
            {"care_risk_late_factor": 0.5},
            {"care_risk_late_factor": 3.0},
            {"care_risk_falling_months": 0},
            {"care_risk_falling_months": 13},
            {"care_risk_falling_percent": 0.0},
            {"care_risk_falling_percent": 100.0},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                self.company.write(vals)
        settings = Form(self.env["res.config.settings"])
        settings.care_risk_late_factor = 2.0
        settings.save().execute()
        self.assertEqual(self.company.care_risk_late_factor, 2.0)
        self._buyer(self.customer, 49, count=6, every=30)
        self.assertFalse(self._check(), "49 days is not two cycles of 30")


@tagged("post_install", "-at_install")
class TestRiskLifecycle(RiskSignalCommon):
    """Raised, escalated, recovered and not raised twice by the daily check."""

    def test_a_signal_recovers_when_the_customer_buys_again(self):
        self._buyer(self.customer, 49, count=6, every=30)
        signal = self._check()
        self._invoice(self.customer, 700.0, self._days_ago(2))
        self._invoice(self.customer, 100.0, self._days_ago(1), refund=True)
        self._invoice(self.customer, 999.0, self._days_ago(1), product=self.pipe)
        self._check()
        self.assertRecordValues(
            signal, [{"state": "recovered", "date_closed": self.today, "revenue_recovered": 600.0}]
        )
        self.assertIn("bought again", signal.message_ids[0].body)
        # the revenue that came back is followed after recovery
        self._invoice(self.customer, 400.0, self.today)
        self._check()
        self.assertEqual(signal.revenue_recovered, 1000.0)
        self.assertEqual(len(self.Signal.search([("partner_id", "=", self.customer.id)])), 1)

    def test_an_invoice_posted_late_but_dated_before_the_signal_recovers_it(self):
        self._buyer(self.customer, 60, count=6, every=30)
        signal = self._check(today=self._days_ago(5))
        self._invoice(self.customer, 800.0, self._days_ago(8))
        self._check()
        self.assertEqual((signal.state, signal.revenue_recovered), ("recovered", 800.0))

    def test_a_late_signal_escalates_to_stopped(self):
        self._buyer(self.customer, 100, count=6, every=30)
        signal = self._check(today=self._days_ago(40))
        self.assertEqual((signal.kind, signal.date_raised), ("late", self._days_ago(40)))
        again = self._check()
        self.assertEqual(again, signal, "the same record")
        self.assertEqual(signal.kind, "stopped")
        self.assertEqual(signal.date_since, self._days_ago(100) + timedelta(days=91))
        self.assertIn("Now stopped", signal.message_ids[0].body)
        self.assertIn("nothing for 100 days", signal.message_ids[0].body)

    def test_falling_recovers_when_the_revenue_is_back(self):
        for days in range(5, 730, 10):
            self._invoice(self.customer, 600.0 if days < 100 else 1000.0, self._days_ago(days))
        signal = self._check()
        self.assertEqual(signal.kind, "falling")
        self._invoice(self.customer, 5000.0, self.today)
        self._check()
        self.assertEqual((signal.state, signal.revenue_recovered), ("recovered", 5000.0))

    def test_running_twice_changes_nothing(self):
        self._buyer(self.customer, 49, count=6, every=30)
        stopped = self._customer("Stopped Ltd", user_id=self.salesman_2.id)
        self._buyer(stopped, 150, count=5, every=20)
        signals = self._check()
        self.assertEqual(sorted(signals.mapped("kind")), ["late", "stopped"])
        values = signals.read([f for f in signals._fields if f != "days_silent"])
        messages = self.env["mail.message"].search_count([("model", "=", "customer.risk.signal")])
        self.env.invalidate_all()
        self.assertEqual(self._check(), signals)
        self.assertEqual(signals.read([f for f in signals._fields if f != "days_silent"]), values)
        self.assertEqual(
            self.env["mail.message"].search_count([("model", "=", "customer.risk.signal")]),
            messages,
        )

    def test_a_dismissed_silence_is_not_raised_again_until_the_next_one(self):
        self._buyer(self.customer, 49, count=6, every=30)
        signal = self._check()
        signal.with_user(self.salesman)._dismiss("Plant closed for the summer")
        self.assertEqual(self._check(), signal, "not raised again, nor stopped later")
        self.assertFalse(self._check(today=self.today + timedelta(days=60)) - signal)
        # the customer buys, then is silent again: a new silence
        self._invoice(self.customer, 1000.0, self._days_ago(1))
        new = self._check(today=self.today + timedelta(days=47)) - signal
        self.assertEqual((new.kind, new.state), ("late", "open"))

    def test_the_owner_follows_the_account_manager(self):
        self._buyer(self.customer, 49, count=6, every=30)
        signal = self._check()
        self.customer.user_id = self.salesman_2  # a manager hands the customer over
        self._check()
        self.assertEqual(signal.user_id, self.salesman_2)

    def test_archived_customers_get_no_new_signal(self):
        self._buyer(self.customer, 49, count=6, every=30)
        self.customer.active = False
        self.assertFalse(self._check())

    def _run_cron(self, stop_after_batches=None):
        batches = []

        def commit_progress(cron, processed=0, *, remaining=None, deactivate=False):
            if processed:
                batches.append(processed)
            if stop_after_batches is not None and len(batches) >= stop_after_batches:
                return 0.0
            return 1000.0

        # the cron covers every company: the demo company's customers too
        with (
            patch.object(customer_risk_signal, "BATCH_SIZE", 2),
            patch.object(type(self.env["ir.cron"]), "_commit_progress", commit_progress),
            patch.object(type(self.Signal), "_risk_companies", lambda model: self.company),
        ):
            self.Signal._cron_update_signals()
        return batches

    def test_the_cron_is_batched_and_resumes_where_it_stopped(self):
        cron = self.env.ref("sale_customer_care.ir_cron_customer_risk")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        partners = self.customer
        for i in range(4):
            partners |= self._customer(f"Late {i} Ltd", user_id=self.salesman.id)
        for partner in partners:
            self._buyer(partner, 49, count=3, every=30)
        self.assertEqual(self._run_cron(stop_after_batches=1), [2])
        self.assertEqual(len(self.Signal.search([("partner_id", "in", partners.ids)])), 2)
        self.assertTrue(self.Signal._get_risk_progress()["last_id"])
        self.assertEqual(self._run_cron(), [2, 1], "the rest only")
        self.assertEqual(self.Signal._get_risk_progress(), {})
        self.assertEqual(len(self.Signal.search([("partner_id", "in", partners.ids)])), 5)
        self.assertEqual(sum(self._run_cron()), 5, "a complete run starts over")

    def test_query_count_grows_with_batches_not_customers(self):
        def make(count, name):
            partners = self.env["res.partner"].concat(
                *[self._customer(f"{name} {i}", user_id=self.salesman.id) for i in range(count)]
            )
            for partner in partners:
                self._buyer(partner, 49, count=3, every=30)
                self._buyer(partner, 10, count=3, every=30, product=self.pipe)
            return partners

        def queries(partners, budgets=(None, None)):
            """Queries of a first check (raising a signal per customer) and of
            a second one (steady state: nothing changes)."""
            counts = []
            for budget in budgets:
                self.env.invalidate_all(flush=True)
                with self.assertQueryCount(accountman=budget) if budget else nullcontext():
                    before = self.env.cr.sql_log_count
                    self.Signal._update_signals(self.company)
                    counts.append(self.env.cr.sql_log_count - before)
            signals = self.Signal.search([("partner_id", "in", partners.ids)])
            self.assertEqual(len(signals), len(partners))
            self.Signal.search([]).sudo().unlink()
            return counts

        # caches (subtypes, selections, the create path...) filled once
        queries(make(1, "Warm-up"))
        few = queries(make(2, "Few"), budgets=(10, 6))
        many = queries(make(12, "Many"), budgets=(10, 6))
        self.assertEqual(few, many, "the same queries for 2 and 12 customers")
        self.assertLess(many[1], many[0], "the steady state writes nothing")


@tagged("post_install", "-at_install")
class TestRiskActions(RiskSignalCommon):
    """Assign, dismiss, mark lost: who acts, and what it leaves behind."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._buyer(cls.customer, 49, count=6, every=30)
        cls.other_customer = cls._customer("Pipes Weekly Ltd", user_id=cls.salesman.id)
        cls._buyer(cls.other_customer, 40, count=6, every=7, product=cls.pipe, amount=100.0)
        cls.foreign = cls._customer("Someone Else's Ltd", user_id=cls.salesman_2.id)
        cls._buyer(cls.foreign, 100, count=6, every=30)
        cls.signals = cls._check()
        cls.signal = cls.signals.filtered(lambda s: s.partner_id == cls.customer)
        cls.foreign_signal = cls.signals.filtered(lambda s: s.partner_id == cls.foreign)

    def _assign(self, user, signals, activity_type="call", note=None):
        action = signals.with_user(user).action_assign()
        self.assertEqual(action["res_model"], "customer.risk.assign")
        wizard = self.env["customer.risk.assign"].with_user(user)
        form = Form(wizard.with_context(**action["context"]))
        form.activity_type = activity_type
        if note:
            form.note = note
        form.save().action_confirm()

    def test_the_owner_assigns_a_call_with_the_reason(self):
        self._assign(self.salesman, self.signal, note="Offer the spring prices")
        activity = self.signal.activity_id
        self.assertRecordValues(
            activity,
            [
                {
                    "res_model": "res.partner",
                    "res_id": self.customer.id,
                    "user_id": self.salesman.id,
                    "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
                    "date_deadline": self.today + timedelta(days=3),
                }
            ],
        )
        self.assertIn("Offer the spring prices", activity.note)
        self.assertIn("buys Pumps every 30 days", activity.note)
        self.assertRecordValues(
            self.signal,
            [
                {
                    "state": "in_progress",
                    "activity_user_id": self.salesman.id,
                    "assigned_by_id": self.salesman.id,
                    "date_assigned": self.today,
                    "acted_by_id": False,
                }
            ],
        )
        # the account manager calls and marks it done: the manager sees who acted
        activity.with_user(self.salesman).action_feedback(feedback="Order next week")
        self.assertRecordValues(
            self.signal, [{"acted_by_id": self.salesman.id, "date_acted": self.today}]
        )
        self.assertIn("Order next week", self.signal.message_ids[0].body)

    def test_a_manager_assigns_many_at_once(self):
        mine = self.signals.filtered(lambda s: s.user_id == self.salesman)
        self.assertEqual(len(mine), 2)
        self._assign(self.manager, self.signals, activity_type="todo")
        activities = self.signals.activity_id
        self.assertEqual(len(activities), 3, "one activity per customer")
        self.assertEqual(set(activities.mapped("activity_type_id.name")), {"To-Do"})
        self.assertEqual(self.foreign_signal.activity_id.user_id, self.salesman_2)
        self.assertEqual(set(self.signals.mapped("state")), {"in_progress"})
        self.assertEqual(set(self.signals.mapped("assigned_by_id")), {self.manager})
        # assigning again replaces the pending activity
        pending = self.signal.activity_id
        self._assign(self.manager, self.signal)
        self.assertFalse(pending.exists())
        self.assertEqual(self.signal.activity_id.activity_type_id.name, "Call")

    def test_a_customer_without_account_manager_cannot_be_assigned(self):
        self.customer.care_history_ids.sudo().write({"date_end": self.today})
        self.customer.sudo().with_context(tracking_disable=True).user_id = False
        with self.assertRaisesRegex(UserError, "has no account manager"):
            self.signal.with_user(self.manager)._assign_activities()
        self.assertEqual(self.signal.state, "open")

    def test_only_the_owner_a_team_leader_or_a_manager_acts(self):
        # the backup sees the signal of a customer it cares for, but does not act on it
        as_backup = self.signal.with_user(self.salesman_2)
        self.assertEqual(as_backup.partner_id, self.customer)
        for act in (
            lambda s: s.action_assign(),
            lambda s: s.action_dismiss(),
            lambda s: s.action_mark_lost(),
            lambda s: s._assign_activities(),
            lambda s: s._dismiss("Not mine"),
        ):
            with self.assertRaises(AccessError):
                act(as_backup)
        with self.assertRaises(AccessError):
            as_backup.write({"note": "Call them"})
        self.assertEqual(self.signal.state, "open")
        # the team leader ("all documents") acts on everyone's
        self.signal.with_user(self.team_leader).action_mark_lost()
        self.assertRecordValues(
            self.signal,
            [{"state": "lost", "closed_by_id": self.team_leader.id, "date_closed": self.today}],
        )
        self.signal.with_user(self.salesman).action_reopen()
        self.assertEqual(self.signal.state, "open")

    def test_dismissal_needs_a_reason(self):
        action = self.signal.with_user(self.salesman).action_dismiss()
        wizard = self.env["customer.risk.dismiss"].with_user(self.salesman)
        with self.assertRaises(AssertionError):  # the form refuses an empty reason
            Form(wizard.with_context(**action["context"])).save()
        with self.assertRaises(UserError):
            wizard.create({"signal_ids": self.signal.ids, "reason": "   "}).action_confirm()
        self.assertEqual(self.signal.state, "open")
        with self.assertRaises(ValidationError):
            self.signal.sudo().write({"state": "dismissed"})
        form = Form(wizard.with_context(**action["context"]))
        form.reason = "Their plant is closed until March"
        form.save().action_confirm()
        self.assertRecordValues(
            self.signal,
            [
                {
                    "state": "dismissed",
                    "dismiss_reason": "Their plant is closed until March",
                    "closed_by_id": self.salesman.id,
                }
            ],
        )

    def test_dismissing_drops_the_pending_activity(self):
        self._assign(self.manager, self.signal)
        activity = self.signal.activity_id
        self.signal.with_user(self.salesman)._dismiss("Ordered through their new subsidiary")
        self.assertFalse(activity.exists())

    def test_the_books_are_not_written_by_hand(self):
        for vals in (
            {"state": "recovered"},
            {"revenue_recovered": 1e6},
            {"user_id": self.salesman.id},
            {"kind": "falling"},
        ):
            for user in (self.salesman, self.manager):
                with self.subTest(vals=vals, user=user.login), self.assertRaises(AccessError):
                    self.signal.with_user(user).write(vals)
        self.signal.with_user(self.salesman).write({"note": "Their buyer is on holiday"})
        self.assertEqual(self.signal.note, "Their buyer is on holiday")

    def test_who_sees_what(self):
        def seen(user):
            return self.Signal.with_user(user).search([("id", "in", self.signals.ids)])

        self.assertEqual(seen(self.salesman), self.signals - self.foreign_signal)
        self.assertEqual(
            seen(self.salesman_2),
            self.signal | self.foreign_signal,
            "its own and the customer it backs up",
        )
        self.assertEqual(seen(self.supervisor), self.signal, "supervisor of one customer")
        self.assertEqual(seen(self.outsider), self.Signal)
        self.assertEqual(seen(self.team_leader), self.signals)
        self.assertEqual(seen(self.manager), self.signals)
        with self.assertRaises(AccessError):
            self.foreign_signal.with_user(self.salesman).read(["kind"])
        for login, group in (
            ("risk_portal", "base.group_portal"),
            ("risk_user", "base.group_user"),
        ):
            user = self._user(login, login, groups=group)
            with self.subTest(login=login), self.assertRaises(AccessError):
                self.Signal.with_user(user).search([])

    def test_states_forged_over_rpc_are_refused(self):
        def rpc(user, method, args):
            env = api.Environment(self.env.cr, user.id, {})
            with closing(self.env.cr.savepoint()):
                result = call_kw(
                    env["customer.risk.signal"],
                    method,
                    args,
                    {"context": {"tracking_disable": True, "active_test": False}},
                )
                env.flush_all()
                return result

        for user in (self.salesman, self.manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                rpc(user, "write", [self.signal.ids, {"state": "recovered"}])
        with self.assertRaises(AccessError):
            rpc(self.salesman, "action_mark_lost", [self.foreign_signal.ids])
        with self.assertRaises(AccessError):
            rpc(self.salesman, "_assign_activities", [self.signal.ids])
        self.assertTrue(rpc(self.salesman, "action_mark_lost", [self.signal.ids]))

    def test_reports_and_the_agenda_read_the_open_signals(self):
        self.signal.with_user(self.salesman)._dismiss("Seasonal")
        self.assertEqual(
            self.Signal.with_user(self.salesman)._open_signals(self.company),
            self.signals - self.signal - self.foreign_signal,
        )
        self.assertEqual(
            self.Signal.with_user(self.manager)._open_signals(self.company, self.salesman_2),
            self.foreign_signal,
        )
        summary = self.Signal.with_user(self.manager)._period_summary(
            self.company, self.today.replace(day=1), self.today
        )
        self.assertEqual(
            {k: summary[k] for k in ("raised", "dismissed", "recovered", "open")},
            {"raised": 3, "dismissed": 1, "recovered": 0, "open": 2},
        )


@tagged("post_install", "-at_install")
class TestRiskTour(HttpCase):
    def test_a_manager_assigns_a_late_customer(self):
        manager = self.env.ref("sale_customer_care.demo_user_manager")
        manager.tour_enabled = False
        customer = self.env.ref("sale_customer_care.demo_customer_tatabanya_vizmu")
        signal = self.env["customer.risk.signal"].search(
            [("partner_id", "=", customer.id), ("state", "=", "open")]
        )
        self.assertEqual(signal.kind, "late")

        self.start_tour("/odoo", "sale_customer_care_risk_assign", login="care.manager")

        self.assertRecordValues(signal, [{"state": "in_progress", "assigned_by_id": manager.id}])
        self.assertRecordValues(
            signal.activity_id,
            [
                {
                    "res_id": customer.id,
                    "user_id": self.env.ref("sale_customer_care.demo_user_anna").id,
                    "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                }
            ],
        )
        self.assertIn("every 28 days", signal.activity_id.note)
