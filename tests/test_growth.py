# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Growth (issue 11 §3, seed 000 C): customers won, reactivated and lost per
month with their salesperson and team; the top customers by revenue, invoices
and purchase frequency; the whitespace of top customers; market surveys and
share of wallet."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, HttpCase, tagged
from odoo.tools import mute_logger

from .common import GrowthCommon


@tagged("post_install", "-at_install")
class TestCustomerGrowth(GrowthCommon):
    """Stage transitions: who won the customer, who lost it, month by month."""

    def test_a_prospect_won_is_logged_with_its_salesperson_and_team(self):
        customer = self._customer("Won Ltd", user_id=self.salesman.id)
        self._evaluate(customer)
        first = self._last_move(customer)
        self.assertEqual(
            (first.new_stage, first.transition, first.net_growth), ("potential", "first", 0)
        )

        self._buy(customer, self.pump, 5000.0, days_ago=3)
        self._evaluate(customer)
        won = self._last_move(customer)
        self.assertEqual(
            (won.old_stage, won.new_stage, won.transition, won.net_growth),
            ("potential", "new", "won", 1),
        )
        self.assertEqual(won.salesperson_id, self.salesman)
        self.assertEqual(won.team_id, self.growth_team, "the salesperson's team of the moment")

    def test_the_owner_of_the_moment_stays_when_the_customer_changes_hands(self):
        customer = self._customer("Handed Over Ltd", user_id=self.salesman.id)
        self._evaluate(customer)
        self._buy(customer, self.pump, 5000.0, days_ago=3)
        self._evaluate(customer)
        won = self._last_move(customer)
        customer.user_id = self.team_leader
        self.assertEqual(won.salesperson_id, self.salesman)
        self.assertEqual(won.team_id, self.growth_team)

    def test_a_dormant_customer_buying_again_is_reactivated_then_lost_again(self):
        customer = self._customer("Comeback Ltd", user_id=self.salesman_2.id)
        self._buy(customer, self.pump, 3000.0, days_ago=500)
        self._buy(customer, self.pump, 3000.0, days_ago=200)
        self._evaluate(customer)
        self.assertEqual(self._last_move(customer).transition, "first", "dormant when first seen")

        self._buy(customer, self.pipe, 800.0, days_ago=1)
        self._evaluate(customer)
        back = self._last_move(customer)
        self.assertEqual(
            (back.old_stage, back.new_stage, back.transition, back.net_growth),
            ("dormant", "loyal", "reactivated", 1),
        )
        self.assertEqual(back.salesperson_id, self.salesman_2)

        with freeze_time(self.today + timedelta(days=120)):
            self._evaluate(customer)
            lost = self._last_move(customer)
        self.assertEqual(
            (lost.old_stage, lost.new_stage, lost.transition, lost.net_growth),
            ("loyal", "dormant", "lost", -1),
        )

    def test_a_new_customer_first_seen_long_after_its_first_purchase_is_not_won_now(self):
        """The first run after install sees every customer for the first
        time: those whose first purchase is months old were not won this
        month."""
        old = self._customer("Known For Months Ltd")
        self._buy(old, self.pump, 3000.0, days_ago=75)
        fresh = self._customer("Brand New Ltd")
        self._buy(fresh, self.pump, 3000.0, days_ago=10)
        self._evaluate(old | fresh)
        self.assertEqual(self._last_move(old).new_stage, "new")
        self.assertEqual(self._last_move(old).transition, "first")
        self.assertEqual(self._last_move(fresh).transition, "won")

    def test_new_customers_become_loyal_after_a_year(self):
        customer = self._customer("Year One Ltd", user_id=self.salesman.id)
        self._buy(customer, self.pump, 3000.0, days_ago=300)
        self._buy(customer, self.pump, 3000.0, days_ago=5)
        self._evaluate(customer)
        with freeze_time(self.today + timedelta(days=70)):
            self._evaluate(customer)
            loyal = self._last_move(customer)
        self.assertEqual(
            (loyal.old_stage, loyal.new_stage, loyal.transition, loyal.net_growth),
            ("new", "loyal", "loyal", 0),
        )

    def test_growth_per_month_and_salesperson_for_the_monthly_report(self):
        won = self._customer("Won Ltd", user_id=self.salesman.id)
        back = self._customer("Back Ltd", user_id=self.salesman_2.id)
        gone = self._customer("Gone Ltd", user_id=self.salesman_2.id)
        self._buy(back, self.pump, 3000.0, days_ago=400)
        self._buy(gone, self.pump, 3000.0, days_ago=400)
        self._buy(gone, self.pump, 3000.0, days_ago=60)
        self._evaluate(won | back | gone)  # potential, dormant, loyal
        self._buy(won, self.pump, 1000.0, days_ago=1)
        self._buy(back, self.pump, 1000.0, days_ago=1)
        self._evaluate(won | back)
        with freeze_time(self.today + timedelta(days=40)):
            self._evaluate(gone)
        month = self.today.replace(day=1)
        end = self.today + timedelta(days=40)

        History = self.History.with_user(self.salesman)
        by_salesperson = {
            row["salesperson"]: row
            for row in History._stage_growth(self.company, month, end, ("salesperson",))
        }
        sam, sue = by_salesperson[self.salesman], by_salesperson[self.salesman_2]
        self.assertEqual(
            (sam["count"], sam["gained"], sam["lost"], sam["net_growth"]), (1, 1, 0, 1)
        )
        self.assertEqual(
            (sue["count"], sue["gained"], sue["lost"], sue["net_growth"]), (2, 1, 1, 0)
        )

        rows = History._stage_growth(self.company, month, end)
        moves = {(row["month"], row["transition"]): row["count"] for row in rows}
        self.assertEqual(moves[month, "won"], 1)
        self.assertEqual(moves[month, "reactivated"], 1)
        lost_month = end.replace(day=1)
        self.assertEqual(moves[lost_month, "lost"], 1)
        self.assertNotIn((month, "first"), moves, "first classifications are not growth")

        by_team = History._stage_growth(self.company, month, end, ("team",))
        self.assertEqual(
            [(row["team"], row["gained"], row["lost"]) for row in by_team],
            [(self.growth_team, 2, 1)],
        )

    def test_rows_logged_before_the_growth_columns_are_filled_on_update(self):
        old_customer = self._customer("Old Row Ltd", user_id=self.salesman.id)
        self._buy(old_customer, self.pump, 3000.0, days_ago=200)
        dormant = self._customer("Old Dormant Ltd", user_id=self.salesman_2.id)
        self.env.flush_all()
        self.env.cr.execute(
            """
            INSERT INTO customer_stage_history
                   (partner_id, company_id, date, reason, old_stage, new_stage)
            VALUES (%(first)s, %(company)s, %(day)s, 'automatic', NULL, 'new'),
                   (%(dormant)s, %(company)s, %(day)s, 'automatic', 'dormant', 'loyal')
            RETURNING id
            """,
            {
                "first": old_customer.id,
                "dormant": dormant.id,
                "company": self.company.id,
                "day": self.today,
            },
        )
        first, back = self.History.browse([row[0] for row in self.env.cr.fetchall()])
        self.History._backfill_growth()
        self.assertEqual(
            (first.transition, first.net_growth), ("first", 0), "bought 200 days before"
        )
        self.assertEqual((back.transition, back.net_growth), ("reactivated", 1))
        self.assertEqual((first.salesperson_id, first.team_id), (self.salesman, self.growth_team))
        self.assertEqual(back.salesperson_id, self.salesman_2)
        self.History._backfill_growth()  # nothing left to fill: rows keep their values
        self.assertEqual(first.transition, "first")

    def test_the_growth_view_opens_on_movements_of_the_last_year(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale_customer_care.action_customer_growth"
        )
        self.assertIn("search_default_movements", action["context"])
        self.assertIn("search_default_last_12_months", action["context"])
        arch = self.History.with_user(self.salesman).get_views(
            [*action["views"], (False, "search")]
        )["views"]
        self.assertIn("net_growth", arch["pivot"]["arch"])
        for name in ("gained", "lost", "movements", "last_12_months"):
            self.assertIn(f'name="{name}"', arch["search"]["arch"])


@tagged("post_install", "-at_install")
class TestTopCustomers(GrowthCommon):
    """Twenty buying customers, ranked by hand:

    ======  ========  ========  ======  ========================================
    who     revenue   invoices  months  top (5 % / 10 % of 20: 1st / 2nd place)
    ======  ========  ========  ======  ========================================
    big     50,000    1         1       revenue 1st
    steady  6,000     3         3       invoices 1st, frequency 1st
    burst   3,000     2         1       invoices 2nd, frequency 2nd (2 invoices)
    second  20,000    1         1       revenue 2nd
    tie_a   2,500     1         1       ties with tie_b: the older record first
    tie_b   2,500     1         1
    others  2,400 to 1,100, one invoice each
    ======  ========  ========  ======  ========================================

    A customer is in the top p % when fewer than p % of the other ranked
    customers come before it: of 20, 0 of 19 others (5 %) and at most 1 of
    19 (10 %)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.big = cls._customer("Big Buyer", user_id=cls.salesman.id)
        cls.steady = cls._customer("Steady Buyer", user_id=cls.salesman.id)
        cls.burst = cls._customer("Burst Buyer", user_id=cls.salesman_2.id)
        cls.second = cls._customer("Second Buyer", user_id=cls.salesman_2.id)
        cls.tie_a = cls._customer("Tie A")
        cls.tie_b = cls._customer("Tie B")
        cls.others = cls.env["res.partner"].concat(
            *[cls._customer(f"Small Buyer {i:02d}") for i in range(14)]
        )
        cls.buyers = cls.big | cls.steady | cls.burst | cls.second | cls.tie_a | cls.tie_b
        cls.buyers |= cls.others
        cls._dataset(cls.buyers)

    @classmethod
    def _dataset(cls, buyers):
        """The invoices of the table above for ``buyers`` (in its order)."""
        big, steady, burst, second, tie_a, tie_b, *others = buyers
        cls._buy(big, cls.pump, 50000.0, days_ago=30)
        for months in range(3):
            cls._invoice(steady, 2000.0, cls.today - relativedelta(months=months), product=cls.pipe)
        cls._buy(burst, cls.pump, 1500.0, days_ago=0)
        cls._buy(burst, cls.pump, 1500.0, days_ago=0)
        cls._buy(second, cls.pump, 20000.0, days_ago=60)
        cls._buy(tie_a, cls.pump, 2500.0, days_ago=20)
        cls._buy(tie_b, cls.pump, 2500.0, days_ago=20)
        for i, partner in enumerate(others):
            cls._buy(partner, cls.pipe, 2400.0 - 100 * i, days_ago=20)

    def _tops(self, partners, company=None):
        partners = partners.with_company(company or self.company)
        return {
            partner.name: (
                partner.top_customer,
                partner.top_by_revenue,
                partner.top_by_invoices,
                partner.top_by_frequency,
            )
            for partner in partners
            if partner.top_customer
        }

    def test_top_5_and_10_percent_by_revenue_invoices_and_frequency(self):
        self._growth()
        self.assertEqual(
            self._tops(self.buyers),
            {
                "Big Buyer": ("top1", "top1", False, False),
                "Steady Buyer": ("top1", False, "top1", "top1"),
                "Burst Buyer": ("top2", False, "top2", "top2"),
                "Second Buyer": ("top2", "top2", False, False),
            },
        )
        labels = dict(self.env["res.partner"]._selection_top_customer())
        self.assertEqual(labels, {"top1": "Top 5 %", "top2": "Top 5–10 %"})

    def test_ties_go_to_the_other_measures_then_the_older_customer(self):
        ranks = self.figures.get_customer_ranks(
            self.env["res.partner"]._care_12m_start(self.today), self.today, self.company
        )
        self.assertEqual(len(ranks), 20)
        self.assertEqual(ranks[self.big.id]["revenue_rank"], 0.0)
        self.assertAlmostEqual(ranks[self.second.id]["revenue_rank"], 1 / 19)
        self.assertAlmostEqual(ranks[self.tie_a.id]["revenue_rank"], 4 / 19)
        self.assertAlmostEqual(ranks[self.tie_b.id]["revenue_rank"], 5 / 19, msg="younger")
        # invoices: burst's 2 invoices beat the 1-invoice customers, big first among those
        self.assertAlmostEqual(ranks[self.burst.id]["invoice_rank"], 1 / 19)
        self.assertAlmostEqual(ranks[self.big.id]["invoice_rank"], 2 / 19)
        # frequency: 3 months, then 1 month with 2 invoices
        self.assertEqual(ranks[self.steady.id]["buying_months"], 3)
        self.assertEqual(ranks[self.burst.id]["buying_months"], 1)
        self.assertAlmostEqual(ranks[self.burst.id]["frequency_rank"], 1 / 19)

    def test_the_cuts_are_company_settings(self):
        self.company.write({"care_top_percent_first": 10.0, "care_top_percent_second": 20.0})
        self._growth()
        tops = self._tops(self.buyers)
        # 10 % of 20: fewer than 1.9 of the 19 others before it; 20 %: fewer than 3.8
        self.assertEqual(tops["Big Buyer"][1], "top1")
        self.assertEqual(tops["Second Buyer"][1], "top1")
        self.assertEqual(tops["Steady Buyer"][1], "top2")
        self.assertEqual(tops["Burst Buyer"][1], "top2")
        labels = dict(self.env["res.partner"]._selection_top_customer())
        self.assertEqual(labels, {"top1": "Top 10 %", "top2": "Top 10–20 %"})
        with self.assertRaises(ValidationError):
            self.company.care_top_percent_first = 30.0  # above the second cut

    def test_a_customer_leaving_the_top_is_cleared_and_contacts_follow(self):
        contact = self.env["res.partner"].create({"name": "Bea Buyer", "parent_id": self.big.id})
        self._growth()
        self.assertEqual(contact.with_company(self.company).top_customer, "top1")
        self._invoice(self.big, 50000.0, self.today, refund=True, product=self.pump)
        self._growth()
        self.assertFalse(self.big.with_company(self.company).top_customer)
        self.assertFalse(contact.with_company(self.company).top_customer)

    def test_filter_and_group_on_the_customer_list(self):
        self._growth()
        Partner = self.env["res.partner"].with_user(self.salesman)
        tops = Partner.search([("top_customer", "!=", False), ("id", "in", self.buyers.ids)])
        self.assertEqual(tops, self.big | self.steady | self.burst | self.second)
        groups = Partner.formatted_read_group(
            [("id", "in", self.buyers.ids), ("top_customer", "!=", False)],
            ["top_customer"],
            ["__count"],
        )
        self.assertEqual({g["top_customer"]: g["__count"] for g in groups}, {"top1": 2, "top2": 2})
        view = Partner.get_views([(False, "search")])["views"]["search"]["arch"]
        for name in ("top_customers", "top_revenue", "group_top_customer", "group_top_frequency"):
            self.assertIn(f'name="{name}"', view)

    def test_the_monthly_cron_and_reevaluate_now_refresh_the_top(self):
        self.evaluation.with_user(self.manager).action_evaluate_all()
        self.assertEqual(self.big.with_company(self.company).top_customer, "top1")
        with self.assertRaises(AccessError):
            self.evaluation.with_user(self.salesman).action_evaluate_all()

    def test_portal_users_and_employees_do_not_see_the_top(self):
        self._growth()
        portal = self._user("care_growth_portal", "Paula Portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.big.with_user(portal).read(["top_customer"])

    def test_query_count_is_the_same_for_few_and_many_customers(self):
        self.env.invalidate_all(flush=True)
        self.evaluation._evaluate_top_customers(self.company, self.today)  # caches filled
        self._reset_top()
        self.env.invalidate_all(flush=True)
        with self.assertQueryCount(accountman=15):
            self.evaluation._evaluate_top_customers(self.company, self.today)  # 20 customers
        # twice as many customers, the same cuts: each group twice as big
        twins = self.env["res.partner"].concat(
            *[self._customer(f"Twin {partner.id}") for partner in self.buyers]
        )
        self._dataset(twins)
        self._reset_top()
        self.env.invalidate_all(flush=True)
        with self.assertQueryCount(accountman=15):
            self.evaluation._evaluate_top_customers(self.company, self.today)  # 40 customers
        self.assertEqual(len(self._tops(self.buyers | twins)), 8)

    def _reset_top(self):
        partners = self.env["res.partner"].search([("top_customer", "!=", False)])
        partners.sudo().write(dict.fromkeys(("top_customer", "top_by_revenue"), False))
        partners.sudo().write(dict.fromkeys(("top_by_invoices", "top_by_frequency"), False))
        self.env.flush_all()


@tagged("post_install", "-at_install")
class TestTopCustomersMultiCompany(GrowthCommon):
    def test_each_company_ranks_a_shared_customer_on_its_own_books(self):
        other = self.setup_other_company(name="Growth Other Co")["company"]
        self.env.user.company_ids |= other
        shared = self.env["res.partner"].create({"name": "Shared Buyer", "is_company": True})
        here = self._customer("Here Buyer")
        self._buy(here, self.pump, 9000.0)
        move = (
            self.env["account.move"]
            .with_company(other)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": shared.id,
                    "invoice_date": self.today,
                    "company_id": other.id,
                    "invoice_line_ids": [
                        Command.create(
                            {"product_id": self.pump.id, "quantity": 1.0, "price_unit": 100000.0}
                        )
                    ],
                }
            )
        )
        move.action_post()
        self._growth(self.company | other)
        self.assertEqual(shared.with_company(other).top_customer, "top1")
        self.assertFalse(shared.with_company(self.company).top_customer, "no invoice here")
        self.assertEqual(here.with_company(self.company).top_customer, "top1")
        # ranked by each company on its own books only
        self.assertFalse(here.sudo().with_company(other).top_customer)


@tagged("post_install", "-at_install")
class TestWhitespace(GrowthCommon):
    """Tier B, hand-built: the top customer buys pumps; of its four
    customers, three buy pumps (75 %), two pipes (50 %, the threshold
    exactly), one tools (25 %).  A tier C customer buying tools does not
    count."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.top = cls._customer("Top Pumps Ltd", user_id=cls.salesman.id)
        cls._member(cls.supervisor, "3", cls.top)
        cls.x = cls._customer("Pumps and Pipes Ltd", user_id=cls.salesman_2.id)
        cls.y = cls._customer("Pipes Only Ltd", user_id=cls.salesman_2.id)
        cls.z = cls._customer("Pumps and Tools Ltd", user_id=cls.salesman_2.id)
        cls.c_tier = cls._customer("Tools in Tier C Ltd")
        for months in range(3):
            cls._invoice(cls.top, 20000.0, cls.today - relativedelta(months=months))
        cls._buy(cls.x, cls.pump, 1000.0)
        cls._buy(cls.x, cls.pipe, 1000.0)
        cls._buy(cls.y, cls.pipe, 500.0)
        cls._buy(cls.z, cls.pump, 800.0)
        cls._buy(cls.z, cls.tool, 700.0)
        cls._buy(cls.c_tier, cls.tool, 300.0)
        cls.tier_b_customers = cls.top | cls.x | cls.y | cls.z
        cls.tier_b_customers.write({"manual_tier_id": cls.tier_b.id})
        cls.c_tier.write({"manual_tier_id": cls.tier_c.id})

    def _rows(self, partners):
        return {
            (row["partner_id"], row["categ_id"]): row
            for row in self.Whitespace._whitespace(partners, self.company)
        }

    def test_a_category_half_the_tier_buys_is_whitespace(self):
        rows = self._rows(self.top)
        self.assertEqual(list(rows), [(self.top.id, self.categ_pipes.id)])
        pipes = rows[self.top.id, self.categ_pipes.id]
        self.assertEqual(
            (pipes["tier_id"], pipes["tier_size"], pipes["tier_buyers"]), (self.tier_b.id, 4, 2)
        )
        self.assertEqual(pipes["tier_share"], 0.5)
        self.assertEqual(pipes["typical_revenue"], 750.0, "the median of 1,000 and 500")

    def test_the_share_is_a_company_setting(self):
        self.company.care_whitespace_share = 51.0
        self.assertFalse(self._rows(self.top), "50 % is below 51 %")
        self.company.care_whitespace_share = 25.0
        self.assertEqual(
            set(self._rows(self.top)),
            {(self.top.id, self.categ_pipes.id), (self.top.id, self.categ_tools.id)},
        )

    def test_a_credit_note_that_cancels_a_purchase_makes_no_buyer(self):
        self._invoice(self.y, 500.0, self._days_ago(2), refund=True, product=self.pipe)
        self.assertFalse(self._rows(self.top), "1 of 4 buys pipes now")

    def test_a_category_the_customer_buys_is_no_whitespace(self):
        self._buy(self.top, self.pipe, 100.0)
        self.assertFalse(self._rows(self.top))

    def test_the_evaluation_keeps_the_whitespace_of_top_customers_only(self):
        self._growth()
        self.assertEqual(self.top.with_company(self.company).top_customer, "top1")
        rows = self.Whitespace.search([("company_id", "=", self.company.id)])
        self.assertEqual(rows.partner_id, self.top, "x, y and z are not top customers")
        self.assertEqual(rows.categ_id, self.categ_pipes)
        self.assertEqual(
            (rows.tier_id, rows.user_id, rows.date), (self.tier_b, self.salesman, self.today)
        )
        self.assertEqual(self.top.care_whitespace_ids, rows)
        self._growth()
        self.assertEqual(
            self.Whitespace.search_count([("company_id", "=", self.company.id)]), 1, "replaced"
        )

    def test_whitespace_takes_one_statement_for_few_and_many_customers(self):
        self.Whitespace._whitespace(self.top, self.company)  # the settings read once
        with self.assertQueryCount(accountman=1):
            self.Whitespace._whitespace(self.top, self.company)
        with self.assertQueryCount(accountman=1):
            self.Whitespace._whitespace(self.tier_b_customers | self.c_tier, self.company)
        with self.assertQueryCount(accountman=2):  # the snapshot: delete, insert
            self.Whitespace._refresh(self.company, self.tier_b_customers.ids, self.today)

    def test_salespeople_see_the_whitespace_of_the_customers_they_care_for(self):
        self._growth()
        row = self.Whitespace.search([("partner_id", "=", self.top.id)])
        self.assertEqual(self.Whitespace.with_user(self.supervisor).search([]), row)
        self.assertFalse(self.Whitespace.with_user(self.salesman_2).search([]))
        with self.assertRaises(AccessError):
            row.with_user(self.salesman_2).read(["categ_id"])
        self.assertEqual(self.Whitespace.with_user(self.team_leader).search([]), row)


@tagged("post_install", "-at_install")
class TestMarketPotential(GrowthCommon):
    """A manager sends the account manager to survey the top customer's
    capacity in its whitespace; share of wallet follows from the books."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.top = cls._customer("Top Pumps Ltd", user_id=cls.salesman.id)
        cls._member(cls.supervisor, "3", cls.top)
        others = cls._customer("Pipes Buyer A Ltd") | cls._customer("Pipes Buyer B Ltd")
        for months in range(3):
            cls._invoice(cls.top, 20000.0, cls.today - relativedelta(months=months))
        for partner in others:
            cls._buy(partner, cls.pipe, 1000.0)
        (cls.top | others).write({"manual_tier_id": cls.tier_b.id})
        cls._growth()
        cls.row = cls.Whitespace.search([("partner_id", "=", cls.top.id)])

    def _request(self, row=None, user=None, **vals):
        action = (row or self.row).with_user(self.manager).action_request_survey()
        wizard = Form(
            self.env[action["res_model"]].with_user(self.manager).with_context(**action["context"])
        )
        for name, value in vals.items():
            setattr(wizard, name, value)
        wizard = wizard.save()
        wizard.action_confirm()
        return self.Potential.search([("partner_id", "=", self.top.id)])

    def test_a_manager_requests_a_survey_from_the_whitespace(self):
        self.assertEqual(self.row.categ_id, self.categ_pipes)
        deadline = self.today + timedelta(days=14)
        action = self.row.with_user(self.manager).action_request_survey()
        wizard = Form(
            self.env["customer.survey.request"]
            .with_user(self.manager)
            .with_context(**action["context"])
        )
        self.assertEqual(wizard.partner_id, self.top)
        self.assertEqual(wizard.user_id, self.salesman, "the account manager by default")
        self.assertEqual(wizard.date_deadline, deadline)
        wizard.note = "Ask for their yearly pipe consumption"
        wizard.save().action_confirm()

        potential = self.Potential.search([("partner_id", "=", self.top.id)])
        self.assertEqual(
            (potential.categ_id, potential.user_id, potential.state, potential.date_deadline),
            (self.categ_pipes, self.salesman, "requested", deadline),
        )
        activity = potential.activity_ids
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_todo"))
        self.assertEqual((activity.user_id, activity.date_deadline), (self.salesman, deadline))
        self.assertIn("yearly pipe consumption", activity.note)
        self.assertEqual(self.row.potential_id, potential)
        self.assertEqual(self.row.survey_state, "requested")
        self.assertEqual(self.Whitespace.search([("survey_state", "=", "requested")]), self.row)
        self.assertFalse(self.Whitespace.search([("survey_state", "=", "none")]) & self.row)

    def test_a_manager_may_send_someone_else_from_the_customer(self):
        action = self.top.with_user(self.manager).action_care_request_survey()
        wizard = Form(
            self.env["customer.survey.request"]
            .with_user(self.manager)
            .with_context(**action["context"])
        )
        self.assertEqual(wizard.categ_ids[:], self.categ_pipes, "the customer's whitespace")
        wizard.user_id = self.salesman_2
        wizard.categ_ids.add(self.categ_tools)
        wizard.save().action_confirm()
        potentials = self.Potential.search([("partner_id", "=", self.top.id)])
        self.assertEqual(potentials.categ_id, self.categ_pipes | self.categ_tools)
        self.assertEqual(potentials.activity_ids.user_id, self.salesman_2)
        # salesman_2 is not on the care team, but was asked: sees and fills them
        self.assertEqual(self.Potential.with_user(self.salesman_2).search([]), potentials)

    def test_the_salesperson_records_the_potential_and_share_of_wallet_follows(self):
        potential = self._request()
        self._buy(self.top, self.pipe, 1000.0, days_ago=5)
        as_salesman = potential.with_user(self.salesman)
        as_salesman.write({"potential_amount": 4000.0, "note": "Two plants, 4,000 a year"})
        as_salesman.action_mark_surveyed()
        self.assertEqual(
            (potential.state, potential.surveyed_by_id, potential.survey_date),
            ("surveyed", self.salesman, self.today),
        )
        self.assertFalse(potential.activity_ids, "the To-Do is done")
        self.assertEqual(potential.revenue_12m, 1000.0)
        self.assertEqual(potential.share_of_wallet, 0.25)
        self.assertEqual(self.top.care_potential_ids, potential)
        self.assertEqual(self.row.share_of_wallet, 0.25)

        self.env.flush_all()
        report = (
            self.env["customer.wallet.report"]
            .with_user(self.salesman)
            .search([("potential_id", "=", potential.id)])
        )
        self.assertEqual(
            (report.potential_amount, report.revenue_12m, report.share_of_wallet, report.headroom),
            (4000.0, 1000.0, 0.25, 3000.0),
        )
        self.assertEqual(report.tier_id, self.tier_b)
        self.assertFalse(self.env["customer.wallet.report"].with_user(self.salesman_2).search([]))

    def test_no_potential_or_a_zero_potential_gives_no_share(self):
        potential = self._request()
        self._buy(self.top, self.pipe, 1000.0, days_ago=5)
        self.assertEqual(potential.share_of_wallet, 0.0)
        potential.with_user(self.salesman).potential_amount = 0.0
        self.assertEqual((potential.revenue_12m, potential.share_of_wallet), (1000.0, 0.0))
        self.env.flush_all()
        report = self.env["customer.wallet.report"].search([("potential_id", "=", potential.id)])
        self.assertFalse(report.share_of_wallet)

    def test_a_negative_potential_is_refused_and_writes_nothing(self):
        potential = self._request()
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            potential.with_user(self.salesman).write({"potential_amount": -10.0, "note": "Hm"})
        self.assertEqual((potential.potential_amount, potential.note), (0.0, False))
        # and the database says so too, whoever writes
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env.cr.execute(
                "UPDATE customer_category_potential SET potential_amount = -1 WHERE id = %s",
                [potential.id],
            )

    def test_asking_again_reuses_the_potential(self):
        first = self._request()
        first.with_user(self.salesman).potential_amount = 5000.0
        first.with_user(self.salesman).action_mark_surveyed()
        again = self._request(user_id=self.salesman_2)
        self.assertEqual(again, first, "one potential per customer and category")
        self.assertEqual((again.state, again.user_id), ("requested", self.salesman_2))
        self.assertEqual(again.potential_amount, 5000.0, "the last estimate stays until updated")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.Potential.create({"partner_id": self.top.id, "categ_id": self.categ_pipes.id})
            self.env.flush_all()

    def test_who_may_do_what(self):
        potential = self._request()
        # the care team (any layer) and the surveyor see and fill it
        self.assertEqual(self.Potential.with_user(self.supervisor).search([]), potential)
        potential.with_user(self.supervisor).note = "Met the buyer"
        # a colleague outside the team does not
        with self.assertRaises(AccessError):
            potential.with_user(self.salesman_2).read(["potential_amount"])
        # salespeople neither request surveys nor choose who surveys
        with self.assertRaises(AccessError):
            self.row.with_user(self.salesman).action_request_survey()
        with self.assertRaises(AccessError):
            self.top.with_user(self.salesman).action_care_request_survey()
        with self.assertRaises(AccessError):
            self.env["customer.survey.request"].with_user(self.salesman).create(
                {"partner_id": self.top.id, "categ_ids": [Command.set(self.categ_pipes.ids)]}
            )
        employee = self._user("care_growth_employee", "Emil Employee", groups="base.group_user")
        with self.assertRaisesRegex(ValidationError, "no Sales rights"):
            self._request(user_id=employee)
        with self.assertRaises(AccessError):
            potential.with_user(self.salesman).user_id = self.salesman_2
        with self.assertRaises(AccessError):
            potential.with_user(self.salesman).state = "surveyed"
        # only managers delete
        with self.assertRaises(AccessError):
            potential.with_user(self.salesman).unlink()
        # a salesperson may record a potential of their own customer for themselves
        own = self.Potential.with_user(self.salesman).create(
            {"partner_id": self.top.id, "categ_id": self.categ_tools.id}
        )
        self.assertEqual(own.user_id, self.salesman)


@tagged("post_install", "-at_install")
class TestGrowthTours(HttpCase):
    """The demo's manager requests a survey from the Whitespace list; the
    account manager fills it in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.env.ref("sale_customer_care.demo_user_manager")
        cls.dung = cls.env.ref("sale_customer_care.demo_user_dung")
        (cls.manager | cls.dung).tour_enabled = False
        cls.hanoi = cls.env.ref("sale_customer_care.demo_customer_hanoi_industrial")
        cls.Potential = cls.env["customer.category.potential"]
        # the demo already asked: the manager asks afresh
        cls.Potential.search([("partner_id", "=", cls.hanoi.id)]).unlink()

    def test_a_manager_requests_and_the_account_manager_fills_a_survey(self):
        self.start_tour("/odoo", "sale_customer_care_request_survey", login="care.manager")
        potential = self.Potential.search([("partner_id", "=", self.hanoi.id)])
        self.assertEqual((potential.user_id, potential.state), (self.dung, "requested"))
        self.assertEqual(potential.activity_ids.user_id, self.dung)
        self.assertIn("current suppliers", potential.activity_ids.note)

        self.start_tour("/odoo", "sale_customer_care_fill_survey", login="care.dung")
        self.assertEqual(
            (potential.state, potential.potential_amount, potential.surveyed_by_id),
            ("surveyed", 90000.0, self.dung),
        )
        self.assertFalse(potential.activity_ids)
