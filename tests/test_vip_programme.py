# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import date, datetime, time, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import call_kw
from odoo.tests import Form, tagged

from .common import VipCommon


@tagged("post_install", "-at_install")
class TestVipProgramme(VipCommon):
    """The annual VIP list: proposal from the figures, distribution to the
    people who brought the customers in, reassignment, weekly quotas."""

    def _set_tier(self, partner, tier):
        partner.sudo().write({"customer_tier_id": tier.id})

    def test_proposal_from_tiers_and_top_revenue_without_dormant_or_duplicates(self):
        vip = self._customer("VIP Works")
        tier_a = self._customer("A Works")
        tier_b = self._customer("B Works")
        dormant_vip = self._customer("Sleeping VIP")
        big = self._customer("Big Buyer")
        dormant_big = self._customer("Sleeping Giant")
        for partner, tier in ((vip, self.tier_vip), (tier_a, self.tier_a), (tier_b, self.tier_b)):
            self._set_tier(partner, tier)
        self._set_tier(dormant_vip, self.tier_vip)
        (dormant_vip | dormant_big).sudo().write({"relationship_stage": "dormant"})
        self._invoice(big, 90000.0, self._days_ago(30))
        self._invoice(dormant_big, 80000.0, self._days_ago(200))
        for i in range(18):
            self._invoice(self._customer(f"Small {i}"), 1000.0 + i, self._days_ago(40))
        self.programme.top_percent = 10.0  # 2 of the 20 customers with revenue

        self.programme.with_user(self.manager).action_propose_members()
        members = self.programme.member_ids
        self.assertEqual(members.partner_id, vip | tier_a | big)
        origins = {m.partner_id: m.origin for m in members}
        self.assertEqual(origins[vip], "tier_vip")
        self.assertEqual(origins[tier_a], "tier_a")
        self.assertEqual(origins[big], "top_revenue")
        self.assertEqual(members.filtered(lambda m: m.partner_id == big).revenue_12m, 90000.0)

        # proposing again adds nobody twice; the manager adds and removes by hand
        self.programme.with_user(self.manager).action_propose_members()
        self.assertEqual(len(self.programme.member_ids), 3)
        self._vip_member(tier_b)
        members.filtered(lambda m: m.partner_id == tier_a).with_user(self.manager).unlink()
        self.assertEqual(self.programme.member_ids.partner_id, vip | big | tier_b)
        self.assertEqual(self.programme.member_count, 3)

    def test_proposal_reads_the_figures_in_a_fixed_number_of_queries(self):
        for i in range(3):
            self._invoice(self._customer(f"Warm-up {i}"), 5000.0)
        programme = self.programme.copy({"year": self.programme.year + 5, "top_percent": 100})
        self.env.invalidate_all(flush=True)  # warm up from a cold cache, as measured below
        programme.with_user(self.manager)._propose_partners()  # warm-up: caches, record rules
        for extra in (0, 6):  # the same budget for 3 and 9 customers
            for i in range(extra):
                self._invoice(self._customer(f"More {extra}-{i}"), 3000.0)
            self.env.invalidate_all(flush=True)
            with self.with_user(self.manager.login), self.assertQueryCount(care_manager=7):
                proposal = programme.with_user(self.manager)._propose_partners()
        self.assertEqual(len(proposal), 9)

    def test_default_assignee_is_who_brought_the_customer_in(self):
        brought_in = self._customer("Brought In")
        self._order(brought_in, user=self.salesman_2)  # first order, before any salesperson
        self._order(brought_in, user=self.salesman)
        brought_in.user_id = self.salesman  # today's account manager
        no_order = self._customer("No Order Yet", user_id=self.salesman.id)
        members = self._vip_member(brought_in) | self._vip_member(no_order)
        self.assertEqual(members[0].user_id, self.salesman_2)
        self.assertEqual(members[1].user_id, self.salesman, "else the account manager")

    def test_member_twice_in_a_programme_is_refused(self):
        self._vip_member(self.customer)
        with self.assertRaisesRegex(ValidationError, "already on the list"):
            self._vip_member(self.customer)
        self.assertEqual(len(self.programme.member_ids), 1)
        # nor by moving another member onto the same customer
        other_member = self._vip_member(self._customer("Other Ltd"))
        with self.assertRaisesRegex(ValidationError, "already on the list"):
            other_member.partner_id = self.customer
        # the next year's list may hold it again
        other = self.programme.copy({"year": self.programme.year + 1})
        self.assertTrue(self._vip_member(self.customer, programme=other))

    def test_only_managers_change_the_list(self):
        with self.assertRaises(AccessError):
            self.env["customer.vip.member"].with_user(self.salesman).create(
                {"programme_id": self.programme.id, "partner_id": self.customer.id}
            )
        with self.assertRaises(UserError):
            self.programme.with_user(self.salesman).action_propose_members()

    def test_one_running_programme_per_year_and_company(self):
        self._vip_member(self.customer)
        self.programme.with_user(self.manager).action_start()
        self.assertEqual(self.programme.state, "running")
        second = self.programme.copy({"name": "Second list"})
        self._vip_member(self._customer("Other"), programme=second)
        with self.assertRaisesRegex(ValidationError, "already running"):
            second.with_user(self.manager).action_start()
        second.invalidate_recordset()
        self.assertEqual(second.state, "preparing", "nothing written")
        empty = self.programme.copy({"year": self.programme.year + 1})
        with self.assertRaisesRegex(UserError, "Add members"):
            empty.with_user(self.manager).action_start()

    def test_default_dates_and_preparation_window(self):
        programme = self.env["customer.vip.programme"].create({"year": 2031})
        self.assertEqual(programme.name, "VIP Programme 2031")
        self.assertEqual(
            (programme.date_start, programme.date_end), (date(2031, 1, 1), date(2031, 12, 31))
        )
        self.assertEqual(
            (programme.prepare_date_start, programme.prepare_date_end),
            (date(2030, 6, 1), date(2030, 8, 31)),
        )

    def test_reassignment_with_reason_is_logged_and_moves_the_meeting(self):
        member = self._vip_member(self.customer)
        self.programme.with_user(self.manager).action_start()
        self.programme.with_user(self.manager).action_schedule_interviews()
        self.assertEqual(member.state, "scheduled")
        with self.assertRaisesRegex(UserError, "Reassign"):
            member.with_user(self.manager).user_id = self.salesman_2

        action = member.with_user(self.manager).action_reassign()
        form = Form(
            self.env[action["res_model"]].with_user(self.manager).with_context(**action["context"])
        )
        form.user_id = self.salesman_2
        form.reason = "Keeps the other salespeople away from the director."
        form.save().action_confirm()
        self.assertEqual(member.user_id, self.salesman_2)
        self.assertEqual(member.activity_id.user_id, self.salesman_2)
        log = member.reassignment_ids
        self.assertEqual(
            (log.old_user_id, log.new_user_id, log.user_id),
            (self.salesman, self.salesman_2, self.manager),
        )
        self.assertIn("Keeps the other", log.reason)
        self.assertIn("Keeps the other", member.message_ids[0].body)

        with self.assertRaises(AccessError):
            self.env["customer.vip.reassign"].with_user(self.salesman).create(
                {"member_ids": member.ids, "user_id": self.salesman.id, "reason": "Mine"}
            )

    def test_a_context_never_reassigns_a_vip_customer(self):
        member = self._vip_member(self.customer)
        draft = self._vip_member(self._customer("Still in preparation"))
        self.programme.with_user(self.manager).action_start()
        self.programme.with_user(self.manager).action_schedule_interviews()
        self.assertEqual((member.state, draft.state), ("scheduled", "draft"), "nobody to plan")
        forged = {"vip_reassign": True}
        # a salesperson never chooses who interviews a customer, flag or not
        for how in ("orm", "rpc"):
            with self.subTest(how=how), self.assertRaises(AccessError):
                as_salesman = member.with_user(self.salesman)
                if how == "orm":
                    as_salesman.with_context(**forged).write({"user_id": self.salesman_2.id})
                else:
                    call_kw(
                        as_salesman.browse(),
                        "write",
                        [member.ids, {"user_id": self.salesman_2.id}],
                        {"context": forged},
                    )
        # the reassignment is internal API, for managers only
        with self.assertRaises(AccessError):
            call_kw(
                self.env["customer.vip.member"].with_user(self.manager),
                "_vip_reassign",
                [member.ids, self.salesman_2.id, "No reason"],
                {"context": forged},
            )
        with self.assertRaises(AccessError):
            member.with_user(self.salesman).with_context(**forged)._vip_reassign(
                self.salesman, "Mine"
            )
        # nor does a flag let a manager skip the reason of a scheduled customer
        with self.assertRaisesRegex(UserError, "Reassign"):
            member.with_user(self.manager).with_context(**forged).write(
                {"user_id": self.salesman_2.id}
            )
        self.assertEqual(member.user_id, self.salesman)
        self.assertFalse(member.reassignment_ids)
        # while the list is prepared, a manager chooses freely
        draft.with_user(self.manager).user_id = self.salesman_2
        self.assertEqual(draft.user_id, self.salesman_2)
        # the model method: the reason is required, then logged
        with self.assertRaisesRegex(UserError, "reason"):
            member.with_user(self.manager)._vip_reassign(self.salesman_2, "  ")
        moved = member.with_user(self.manager)._vip_reassign(self.salesman_2, "On leave")
        self.assertEqual(moved, member)
        self.assertEqual(member.user_id, self.salesman_2)
        self.assertEqual(member.reassignment_ids.reason, "On leave")

    def test_weekly_quotas_default_from_company_settings(self):
        self.company.write({"vip_quota_dedicated": 15, "vip_quota_regular": 6})
        self.assertEqual(self.salesman.vip_weekly_quota, 6)
        self.salesman_2.vip_dedicated = True
        self.assertEqual(self.salesman_2.vip_weekly_quota, 15)
        self.salesman_2.vip_weekly_quota = 12  # editable per user
        self.assertEqual(self.salesman_2.vip_weekly_quota, 12)
        with self.assertRaises(ValidationError):
            self.salesman.vip_weekly_quota = -1

    def test_scheduling_respects_quotas_and_an_already_full_week(self):
        self.salesman.vip_weekly_quota = 2
        week_1 = self.next_monday
        # the first week is already full: two interviews of another programme
        other = self.programme.copy({"year": self.programme.year + 1})
        for name in ("Busy 1", "Busy 2"):
            busy = self._vip_member(self._customer(name), programme=other, user=self.salesman)
            busy.planned_date = week_1 + timedelta(days=1)
        customers = [self._customer(f"VIP {i}", user_id=self.salesman.id) for i in range(5)]
        members = self.env["customer.vip.member"].concat(*(self._vip_member(c) for c in customers))
        nobody = self._vip_member(self._customer("Nobody's"), user=self.env["res.users"])
        dedicated = self._vip_member(self._customer("Dedicated's"), user=self.salesman_2)
        self.programme.with_user(self.manager).action_start()

        result = self.programme.with_user(self.manager).action_schedule_interviews()
        self.assertIn("Nobody's", result["params"]["message"])
        self.assertEqual(nobody.state, "draft")
        weeks = [(m.planned_date - week_1).days // 7 for m in members]
        self.assertEqual(sorted(weeks), [1, 1, 2, 2, 3], "nothing in the full first week")
        self.assertEqual(set(members.mapped("state")), {"scheduled"})
        self.assertEqual(dedicated.planned_date, week_1)
        for member in members | dedicated:
            activity = member.activity_id
            self.assertEqual(
                activity.activity_type_id, self.env.ref("mail.mail_activity_data_meeting")
            )
            self.assertEqual(
                (activity.res_model, activity.res_id), ("res.partner", member.partner_id.id)
            )
            self.assertEqual(activity.user_id, member.user_id)
            self.assertEqual(activity.date_deadline, member.planned_date)
            self.assertLess(member.planned_date.weekday(), 5)

        # the per-user, per-week view: planned against the quota
        self.env.flush_all()
        rows = self.env["customer.vip.quota.report"].search(
            [("user_id", "=", self.salesman.id)], order="week_start"
        )
        by_week = {}
        for row in rows:
            by_week[row.week_start] = by_week.get(row.week_start, 0) + row.planned_count
            self.assertEqual(row.quota, 2)
        self.assertEqual(
            by_week,
            {
                week_1: 2,
                week_1 + timedelta(weeks=1): 2,
                week_1 + timedelta(weeks=2): 2,
                week_1 + timedelta(weeks=3): 1,
            },
        )
        # a salesperson sees their own weeks only
        mine = self.env["customer.vip.quota.report"].with_user(self.salesman_2).search([])
        self.assertEqual(mine.user_id, self.salesman_2)

        # scheduling again plans nobody twice
        self.programme.with_user(self.manager).action_schedule_interviews()
        self.assertEqual(
            len(
                self.env["mail.activity"].search(
                    [("id", "in", (members | dedicated).activity_id.ids)]
                )
            ),
            6,
        )
        self.assertEqual(
            self.env["mail.activity"].search_count(
                [("res_model", "=", "res.partner"), ("res_id", "in", members.partner_id.ids)]
            ),
            5,
        )

    def test_interviews_are_not_scheduled_on_public_holidays(self):
        """A public holiday (global time off of the company's working
        schedule) is skipped; a week made of holidays takes nobody."""
        calendar = self.company.resource_calendar_id
        calendar.tz = "UTC"
        week_1 = self.next_monday
        holidays = [week_1 + timedelta(days=i) for i in range(5)]  # a whole week off
        holidays.append(week_1 + timedelta(days=7))  # and the next Monday
        self.env["resource.calendar.leaves"].create(
            [
                {
                    "name": "Holiday",
                    "calendar_id": calendar.id,
                    "company_id": self.company.id,
                    "date_from": datetime.combine(day, time.min),
                    "date_to": datetime.combine(day, time(23, 59, 59)),
                }
                for day in holidays
            ]
        )
        self.salesman.vip_weekly_quota = 3
        members = self.env["customer.vip.member"].concat(
            *(
                self._vip_member(self._customer(f"Holiday {i}", user_id=self.salesman.id))
                for i in range(3)
            )
        )
        self.programme.with_user(self.manager).action_start()
        self.programme.with_user(self.manager).action_schedule_interviews()
        planned = members.mapped("planned_date")
        self.assertEqual(len(planned), 3)
        self.assertFalse(set(planned) & set(holidays))
        self.assertTrue(all(day >= week_1 + timedelta(days=8) for day in planned))
        self.assertTrue(all(day.weekday() < 5 for day in planned))

    def test_cron_reminds_the_managers_on_first_june(self):
        Programme = self.env["customer.vip.programme"]
        with freeze_time("2030-05-01"):
            Programme._cron_remind_preparation()
        self.assertFalse(
            Programme.search([("year", "=", 2031), ("company_id", "=", self.company.id)])
        )
        with freeze_time("2030-06-01"):
            Programme._cron_remind_preparation()
            Programme._cron_remind_preparation()  # idempotent
        programme = Programme.search([("year", "=", 2031), ("company_id", "=", self.company.id)])
        self.assertEqual(len(programme), 1)
        self.assertEqual(programme.state, "preparing")
        self.assertEqual(programme.prepare_date_start, date(2030, 6, 1))
        reminded = programme.activity_ids.filtered(lambda a: a.user_id == self.manager)
        self.assertEqual(len(reminded), 1)
        self.assertIn("2031", reminded.summary)
