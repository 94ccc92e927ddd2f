# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import tagged

from .common import CustomerCareCommon


@tagged("post_install", "-at_install")
class TestSalesFigures(CustomerCareCommon):
    """The one component that reads sales out of the books."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hanoi = cls._customer("Hanoi Pumps", country_id=cls.env.ref("base.vn").id)
        cls.budapest = cls._customer("Budapest Pipes", country_id=cls.env.ref("base.hu").id)
        cls.hanoi_buyer = cls.env["res.partner"].create(
            {"name": "Linh (buyer)", "parent_id": cls.hanoi.id}
        )

    def test_revenue_is_untaxed_posted_invoices_minus_credit_notes(self):
        self._invoice(self.hanoi, 1000.0, self._days_ago(10))
        self._invoice(self.hanoi_buyer, 500.0, self._days_ago(5))  # a contact buys for the company
        self._invoice(self.hanoi, 200.0, self._days_ago(3), refund=True)
        self._invoice(self.hanoi, 9999.0, self._days_ago(2), post=False)  # draft: not revenue
        cancelled = self._invoice(self.hanoi, 7777.0, self._days_ago(2))
        cancelled.button_draft()
        cancelled.button_cancel()
        revenue = self.figures.get_revenue_by_partner(self.hanoi, self._days_ago(30), self.today)
        # 1000 + 500 - 200, the 15% sale tax of the lines excluded
        self.assertAlmostEqual(revenue[self.hanoi.id], 1300.0)
        self.assertNotIn(self.hanoi_buyer.id, revenue)

    def test_revenue_date_range_includes_both_ends(self):
        self._invoice(self.hanoi, 100.0, self._days_ago(31))
        self._invoice(self.hanoi, 200.0, self._days_ago(30))
        self._invoice(self.hanoi, 400.0, self.today)
        revenue = self.figures.get_revenue_by_partner(self.hanoi, self._days_ago(30), self.today)
        self.assertAlmostEqual(revenue[self.hanoi.id], 600.0)

    def test_revenue_split_by_category_salesperson_country_and_month(self):
        self._invoice(self.hanoi, 1000.0, self._days_ago(40), product=self.pump)
        self._invoice(self.hanoi, 300.0, self._days_ago(2), product=self.pipe, user=self.salesman_2)
        self._invoice(self.budapest, 50.0, self._days_ago(2), product=self.pipe)
        partners = self.hanoi | self.budapest
        by_categ = {
            (r["partner"], r["category"]): r["revenue"]
            for r in self.figures.get_invoiced_revenue(
                partners, self._days_ago(60), self.today, ("partner", "category")
            )
        }
        self.assertEqual(
            by_categ,
            {
                (self.hanoi.id, self.categ_pumps.id): 1000.0,
                (self.hanoi.id, self.categ_pipes.id): 300.0,
                (self.budapest.id, self.categ_pipes.id): 50.0,
            },
        )
        by_user = {
            r["salesperson"]: r["revenue"]
            for r in self.figures.get_invoiced_revenue(
                partners, self._days_ago(60), self.today, ("salesperson",)
            )
        }
        self.assertEqual(by_user, {self.salesman.id: 1050.0, self.salesman_2.id: 300.0})
        by_country = {
            r["country"]: r["revenue"]
            for r in self.figures.get_invoiced_revenue(
                partners, self._days_ago(60), self.today, ("country",)
            )
        }
        self.assertEqual(
            by_country, {self.env.ref("base.vn").id: 1300.0, self.env.ref("base.hu").id: 50.0}
        )
        by_month = self.figures.get_invoiced_revenue(
            self.hanoi, self._days_ago(60), self.today, ("month",)
        )
        self.assertAlmostEqual(sum(r["revenue"] for r in by_month), 1300.0)
        self.assertTrue(all(r["month"].day == 1 for r in by_month))

    def test_figures_of_one_company_never_include_another(self):
        other = self.setup_other_company(name="Other Co")["company"]
        shared = self.env["res.partner"].create({"name": "Shared customer", "is_company": True})
        self._invoice(shared, 100.0, self._days_ago(1))
        self.env.user.company_ids |= other
        foreign = (
            self.env["account.move"]
            .with_company(other)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": shared.id,
                    "invoice_date": self._days_ago(1),
                    "invoice_line_ids": [(0, 0, {"name": "Service", "price_unit": 5000.0})],
                }
            )
        )
        foreign.action_post()
        self.assertEqual(
            self.figures.get_revenue_by_partner(shared, None, self.today, self.company),
            {shared.id: 100.0},
        )
        self.assertEqual(
            self.figures.get_revenue_by_partner(shared, None, self.today, other),
            {shared.id: 5000.0},
        )

    def test_invoice_stats_count_invoices_not_credit_notes(self):
        self._invoice(self.hanoi, 100.0, self._days_ago(400))
        self._invoice(self.hanoi, 100.0, self._days_ago(20))
        self._invoice(self.hanoi, 100.0, self._days_ago(10))
        self._invoice(self.hanoi, 50.0, self._days_ago(5), refund=True)
        stats = self.figures.get_invoice_stats(self.hanoi, self._days_ago(30), self.today)
        self.assertEqual(
            stats[self.hanoi.id],
            {
                "invoice_count": 2,
                "first_invoice_date": self._days_ago(400),
                "last_invoice_date": self._days_ago(10),
            },
        )

    def test_order_stats_count_confirmed_orders_only(self):
        self._order(self.hanoi)
        self._order(self.hanoi_buyer)
        self._order(self.hanoi, confirm=False)
        stats = self.figures.get_order_stats(self.hanoi, self._days_ago(1), self.today)
        self.assertEqual(stats[self.hanoi.id]["order_count"], 2)
        self.assertEqual(stats[self.hanoi.id]["first_order_date"], self.today)

    def test_delivered_quantities_by_category_net_of_returns(self):
        order = self._order(self.hanoi, product=self.pump, quantity=5)
        self._order(self.budapest, product=self.pipe, quantity=7)  # not delivered yet
        picking = self._deliver(order)
        self.assertEqual(picking.state, "done")
        rows = self.figures.get_delivered_quantities(
            self.hanoi | self.budapest, self._days_ago(1), self.today, ("partner", "category")
        )
        self.assertEqual(
            rows, [{"partner": self.hanoi.id, "category": self.categ_pumps.id, "quantity": 5.0}]
        )
        # a return of 2 pumps lowers the delivered volume
        return_wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({})
        )
        return_wizard.product_return_moves.quantity = 2
        return_picking = return_wizard._create_return()
        return_picking.move_ids.quantity = 2
        return_picking.move_ids.picked = True
        return_picking.button_validate()
        rows = self.figures.get_delivered_quantities(self.hanoi, self._days_ago(1), self.today)
        self.assertEqual(rows, [{"category": self.categ_pumps.id, "quantity": 3.0}])

    def test_one_query_whatever_the_number_of_partners(self):
        partners = self.env["res.partner"].concat(
            *[self._customer(f"Customer {i}") for i in range(30)]
        )
        for partner in partners[:10]:
            self._invoice(partner, 10.0, self._days_ago(3))
        partners.invalidate_recordset()
        self.env.flush_all()
        self.figures.get_revenue_by_partner(partners[:1])  # warm-up: company, access rights
        for subset in (partners[:3], partners):
            subset.invalidate_recordset(["commercial_partner_id"])
            # the partners' commercial entities are read in one go, then one grouped SQL
            with self.assertQueryCount(accountman=2):
                result = self.figures.get_revenue_by_partner(subset, self._days_ago(30), self.today)
        self.assertEqual(len(result), 10)

    def test_unknown_group_by_key_is_refused(self):
        with self.assertRaises(ValueError):
            self.figures.get_invoiced_revenue(self.hanoi, groupby=("colour",))
