# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The manager opens Sales › Customer Care › Sales Analysis and drills down
from the product category that fell to the region, the salesperson and the
customer (issue 11; the world and its figures by hand in
:class:`~.common.SalesAnalysisCommon`)."""

from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import SalesAnalysisCommon

MEASURES = (
    "revenue:sum",
    "revenue_compare:sum",
    "revenue_change:sum",
    "revenue_change_percent:sum",
    "quantity:sum",
    "quantity_compare:sum",
)


@tagged("post_install", "-at_install")
class TestSalesAnalysis(SalesAnalysisCommon):
    def _levels(self, run, groupby, domain=(), user=None):
        """One drill level as the pivot and the list read it (the groups in
        the order shown, the largest fall first): ``[(key, revenue,
        compared, change, change %, delivered, compared delivered)]``."""
        groups = self.Analysis.with_user(user or self.manager).formatted_read_group(
            [("run_id", "=", run.id), *domain],
            [groupby],
            MEASURES,
            order="revenue_change:sum asc",
        )
        return [
            (
                group[groupby] and group[groupby][0],
                *(round(group[measure], 2) if group[measure] else 0.0 for measure in MEASURES[:3]),
                group["revenue_change_percent:sum"],
                group["quantity:sum"],
                group["quantity_compare:sum"],
            )
            for group in groups
        ]

    # ------------------------------------------------------------------
    # The drill-down against the sums by hand
    # ------------------------------------------------------------------
    def test_each_level_against_the_sums_by_hand(self):
        run, action = self._open()
        self.assertEqual(action["res_model"], "sale.care.sales.analysis")
        pumps, pipes = self.categ_pumps.id, self.categ_pipes.id
        # categories: pipes fell (900 -> 550), pumps rose (1,400 -> 1,500)
        self.assertEqual(
            self._levels(run, "categ_id"),
            [
                (pipes, 550.0, 900.0, -350.0, -38.9, 4.0, 20.0),
                (pumps, 1500.0, 1400.0, 100.0, 7.1, 3.0, 0.0),
            ],
        )
        # pipes by state: all of the fall in the South; nothing sold in the
        # North a year ago (no %); Hungary has no state and held
        self.assertEqual(
            self._levels(run, "state_id", [("categ_id", "=", pipes)]),
            [
                (self.south.id, 50.0, 600.0, -550.0, -91.7, 4.0, 20.0),
                (False, 300.0, 300.0, 0.0, 0.0, 0.0, 0.0),
                (self.north.id, 200.0, 0.0, 200.0, False, 0.0, 0.0),
            ],
        )
        # then country, for the whole company
        self.assertEqual(
            self._levels(run, "country_id"),
            [
                (self.vietnam.id, 1750.0, 2000.0, -250.0, -12.5, 7.0, 20.0),
                (self.hungary.id, 300.0, 300.0, 0.0, 0.0, 0.0, 0.0),
            ],
        )
        # pipes in the South, by salesperson, then customer
        south_pipes = [("categ_id", "=", pipes), ("state_id", "=", self.south.id)]
        self.assertEqual(
            self._levels(run, "user_id", south_pipes),
            [(self.salesman_2.id, 50.0, 600.0, -550.0, -91.7, 4.0, 20.0)],
        )
        self.assertEqual(
            self._levels(run, "partner_id", [*south_pipes, ("user_id", "=", self.salesman_2.id)]),
            [(self.south_pipes.id, 50.0, 600.0, -550.0, -91.7, 4.0, 20.0)],
        )
        # in the other order: salespeople, then customers, all categories
        self.assertEqual(
            self._levels(run, "user_id"),
            [
                (self.salesman_2.id, 50.0, 1000.0, -950.0, -95.0, 4.0, 20.0),
                (self.salesman.id, 2000.0, 1300.0, 700.0, 53.8, 3.0, 0.0),
            ],
        )
        self.assertEqual(
            self._levels(run, "partner_id"),
            [
                (self.south_pipes.id, 50.0, 1000.0, -950.0, -95.0, 4.0, 20.0),
                (self.danube.id, 300.0, 300.0, 0.0, 0.0, 0.0, 0.0),
                (self.north_pumps.id, 1700.0, 1000.0, 700.0, 70.0, 3.0, 0.0),
            ],
        )

    def test_a_credit_note_brings_revenue_back_and_drafts_do_not_count(self):
        run, _action = self._open()
        # Danube: 500 invoiced, 200 credited: 300, as much as a year before
        # North Pumps: the draft of 9,999 and the invoice between the months are not there
        self.assertEqual(
            self._levels(
                run, "partner_id", [("partner_id", "in", (self.danube | self.north_pumps).ids)]
            ),
            [
                (self.danube.id, 300.0, 300.0, 0.0, 0.0, 0.0, 0.0),
                (self.north_pumps.id, 1700.0, 1000.0, 700.0, 70.0, 3.0, 0.0),
            ],
        )
        # a new credit note last month is in the next opening
        self._invoice(
            self.danube, 300.0, self.month + relativedelta(days=20), refund=True, product=self.pipe
        )
        run, _action = self._open()
        self.assertEqual(
            self._levels(run, "partner_id", [("partner_id", "=", self.danube.id)]),
            [(self.danube.id, 0.0, 300.0, -300.0, -100.0, 0.0, 0.0)],
        )

    def test_a_future_period(self):
        """Next month has no sales yet: everything it sold a year ago is a fall."""
        start = self.month + relativedelta(months=2)
        run, _action = self._open(
            date_from=start,
            date_to=start + relativedelta(day=31),
            compare_from=start - relativedelta(years=1),
            compare_to=start - relativedelta(years=1, day=31),
        )
        self.assertEqual(
            self._levels(run, "partner_id"),
            [(self.north_pumps.id, 0.0, 800.0, -800.0, -100.0, 0.0, 0.0)],
        )

    def test_another_companys_invoices_never_count(self):
        other = self.setup_other_company(name="Care Other Co")["company"]
        self.manager.company_ids |= other
        buyer = self.env["res.partner"].create({"name": "Shared Buyer", "is_company": True})
        invoice = (
            self.env["account.move"]
            .with_company(other)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": buyer.id,
                    "invoice_date": self.month + relativedelta(days=3),
                    "invoice_line_ids": [
                        Command.create({"product_id": self.pump.id, "price_unit": 7000.0})
                    ],
                }
            )
        )
        invoice.action_post()
        run, _action = self._open()
        totals = self.Analysis.with_user(self.manager).formatted_read_group(
            [("run_id", "=", run.id)], [], ["revenue:sum", "revenue_compare:sum"]
        )
        self.assertEqual(totals[0]["revenue:sum"], 2050.0)
        self.assertEqual(totals[0]["revenue_compare:sum"], 2300.0)
        self.assertNotIn(buyer, self.Analysis.sudo().search([("run_id", "=", run.id)]).partner_id)
        # the other company's analysis has that invoice only
        run, _action = self._open(company=other)
        rows = (
            self.Analysis.with_user(self.manager)
            .with_company(other)
            .search([("run_id", "=", run.id)])
        )
        self.assertEqual(rows.partner_id, buyer)
        self.assertEqual(rows.revenue, 7000.0)
        self.assertEqual(rows.company_id, other)

    def test_delivered_quantities_by_salesperson_and_region(self):
        """The figures component's new keys: a delivery's salesperson is its
        sale order's, its region the customer's."""
        rows = self.figures.get_delivered_quantities(
            None, self.month, self.month_end, ("salesperson", "state", "country")
        )
        self.assertEqual(
            {(r["salesperson"], r["state"], r["country"]): r["quantity"] for r in rows},
            {
                (self.salesman.id, self.north.id, self.vietnam.id): 3.0,
                (self.salesman_2.id, self.south.id, self.vietnam.id): 4.0,
            },
        )

    # ------------------------------------------------------------------
    # Periods
    # ------------------------------------------------------------------
    def test_the_menu_opens_last_month_against_the_same_month_last_year(self):
        action = self.env.ref("sale_customer_care.action_sale_care_sales_analysis_open")
        result = action.with_user(self.manager).run()
        run = self.Run.with_user(self.manager).browse(result["domain"][0][2])
        self.assertEqual((run.date_from, run.date_to), (self.month, self.month_end))
        self.assertEqual((run.compare_from, run.compare_to), (self.year_ago, self.year_ago_end))
        self.assertEqual((run.period, run.comparison), ("last_month", "last_year"))
        self.assertEqual(result["path"], action.path, "a reload opens the menu's analysis")
        self.assertNotIn("id", result)
        self.assertEqual(result["context"]["sale_care_analysis_run_id"], run.id)
        self.assertIn(
            self.month.strftime("%b %Y"),
            result["display_name"],
            "the breadcrumb names the periods",
        )

    def test_periods_and_comparisons(self):
        Run = self.Run
        day = fields.Date.to_date("2026-03-18")
        self.assertEqual(
            Run._period_dates("last_month", day),
            (fields.Date.to_date("2026-02-01"), fields.Date.to_date("2026-02-28")),
        )
        self.assertEqual(
            Run._period_dates("last_quarter", day),
            (fields.Date.to_date("2025-10-01"), fields.Date.to_date("2025-12-31")),
        )
        self.assertEqual(
            Run._period_dates("this_year", day), (fields.Date.to_date("2026-01-01"), day)
        )
        self.assertEqual(
            Run._period_dates("last_12_months", day), (fields.Date.to_date("2025-03-19"), day)
        )
        self.assertIsNone(Run._period_dates("custom", day))
        # February of a leap year against a common one, and back: month ends stay month ends
        feb_2028 = (fields.Date.to_date("2028-02-01"), fields.Date.to_date("2028-02-29"))
        self.assertEqual(
            Run._comparison_dates("last_year", *feb_2028),
            (fields.Date.to_date("2027-02-01"), fields.Date.to_date("2027-02-28")),
        )
        self.assertEqual(
            Run._comparison_dates(
                "last_year", fields.Date.to_date("2029-02-01"), fields.Date.to_date("2029-02-28")
            ),
            feb_2028,
        )
        # the previous period: whole months, else as many days
        self.assertEqual(
            Run._comparison_dates("previous", *feb_2028),
            (fields.Date.to_date("2028-01-01"), fields.Date.to_date("2028-01-31")),
        )
        self.assertEqual(
            Run._comparison_dates(
                "previous", fields.Date.to_date("2026-03-10"), fields.Date.to_date("2026-03-16")
            ),
            (fields.Date.to_date("2026-03-03"), fields.Date.to_date("2026-03-09")),
        )

    def test_the_periods_dialog(self):
        """From the analysis, *Periods* opens the dialog on the periods shown;
        the manager asks for the year to date against a range of their own, for one
        salesperson."""
        Run = self.Run.with_user(self.manager)
        action = Run._action_open_default()
        run = Run.browse(action["domain"][0][2])
        wizard_form = Form(
            self.env["sale.care.sales.analysis.wizard"]
            .with_user(self.manager)
            .with_context(**action["context"])
        )
        self.assertEqual(wizard_form.period, "last_month")
        self.assertEqual(wizard_form.date_from, run.date_from)
        self.assertEqual(wizard_form.compare_to, run.compare_to)
        wizard_form.period = "this_year"
        self.assertEqual(wizard_form.date_from, self.today.replace(month=1, day=1))
        self.assertEqual(wizard_form.compare_to, self.today - relativedelta(years=1))
        wizard_form.comparison = "custom"
        wizard_form.compare_from = self.year_ago
        wizard_form.compare_to = self.year_ago_end
        wizard_form.user_ids.add(self.salesman_2)
        result = wizard_form.save().action_open()
        new_run = self.Run.with_user(self.manager).browse(result["domain"][0][2])
        self.assertNotEqual(new_run, run)
        self.assertEqual(new_run.user_ids, self.salesman_2)
        self.assertEqual(
            (new_run.compare_from, new_run.compare_to), (self.year_ago, self.year_ago_end)
        )
        # only salesman_2's invoices and deliveries
        self.assertEqual(
            set(self.Analysis.sudo().search([("run_id", "=", new_run.id)]).user_id.ids),
            {self.salesman_2.id},
        )
        # another user's run gives the defaults, not its periods
        wizard = self.env["sale.care.sales.analysis.wizard"].with_user(self.salesman)
        defaults = wizard.with_context(sale_care_analysis_run_id=new_run.id).default_get(
            ["period", "user_ids"]
        )
        self.assertEqual(defaults["period"], "last_month")
        self.assertNotIn("user_ids", defaults)

    def test_a_period_that_ends_before_it_starts_is_refused(self):
        wizard = (
            self.env["sale.care.sales.analysis.wizard"]
            .with_user(self.manager)
            .create({"period": "custom", "date_from": self.month_end, "date_to": self.month})
        )
        runs = self.Run.sudo().search_count([])
        with self.assertRaises(UserError):
            wizard.action_open()
        self.assertEqual(self.Run.sudo().search_count([]), runs, "nothing written")

    def test_old_openings_are_vacuumed_with_their_rows(self):
        old, _action = self._open()
        recent, _action = self._open()
        self.env.cr.execute(
            "UPDATE sale_care_sales_analysis_run SET create_date = %s WHERE id = %s",
            [datetime.now() - timedelta(hours=25), old.id],
        )
        self.Run._gc_runs()
        self.assertFalse(old.exists())
        self.assertTrue(recent.exists())
        self.assertFalse(self.Analysis.sudo().search_count([("run_id", "=", old.id)]))
        self.assertTrue(self.Analysis.sudo().search_count([("run_id", "=", recent.id)]))

    # ------------------------------------------------------------------
    # From the meeting report
    # ------------------------------------------------------------------
    def test_opened_from_the_meeting_report(self):
        team = self.env["crm.team"].create(
            {
                "name": "Team South",
                "user_id": self.team_leader.id,
                "member_ids": [Command.set(self.salesman_2.ids)],
            }
        )
        wizard_form = Form(self.env["sale.care.meeting.report.wizard"].with_user(self.team_leader))
        wizard_form.period = "month"
        wizard_form.date = self.month + relativedelta(days=10)
        wizard_form.team_id = team
        wizard = wizard_form.save()
        action = wizard.action_open_sales_analysis()
        run = self.Run.with_user(self.team_leader).browse(action["domain"][0][2])
        self.assertEqual((run.date_from, run.date_to), (self.month, self.month_end))
        self.assertEqual((run.compare_from, run.compare_to), (self.year_ago, self.year_ago_end))
        self.assertEqual(run.user_ids, self.salesman_2 | self.team_leader)
        # the team's falling pipes, down to the customer
        self.assertEqual(
            self._levels(run, "categ_id", user=self.team_leader)[0],
            (self.categ_pipes.id, 50.0, 600.0, -550.0, -91.7, 4.0, 20.0),
        )

    def test_opened_from_the_meeting_report_on_a_running_week(self):
        """Only the days that have happened, against the same days a year
        before: the days to come would fall by -100 %; a week to come has
        nothing to analyse."""
        today = fields.Date.context_today(self.env["sale.care.meeting.report.wizard"])
        Wizard = self.env["sale.care.meeting.report.wizard"].with_user(self.team_leader)
        wizard = Wizard.create(
            {
                "period": "custom",
                "date_from": today - relativedelta(days=2),
                "date_to": today + relativedelta(days=4),
                "user_ids": self.team_leader.ids,
            }
        )
        action = wizard.action_open_sales_analysis()
        run = self.Run.with_user(self.team_leader).browse(action["domain"][0][2])
        self.assertEqual((run.date_from, run.date_to), (wizard.date_from, today))
        self.assertEqual(run.compare_to, today - relativedelta(years=1))
        runs = self.Run.sudo().search_count([])
        wizard.write(
            {"date_from": today + relativedelta(days=5), "date_to": today + relativedelta(days=11)}
        )
        with self.assertRaisesRegex(UserError, "has not started yet"):
            wizard.action_open_sales_analysis()
        self.assertEqual(self.Run.sudo().search_count([]), runs, "nothing written")

    def test_the_meeting_report_button_refuses_a_colleagues_meeting(self):
        wizard = (
            self.env["sale.care.meeting.report.wizard"]
            .with_user(self.salesman)
            .create({"period": "month", "date": self.month, "user_ids": self.salesman_2.ids})
        )
        runs = self.Run.sudo().search_count([])
        with self.assertRaises(AccessError):
            wizard.action_open_sales_analysis()
        wizard.user_ids = False
        with self.assertRaises(UserError):
            wizard.action_open_sales_analysis()
        self.assertEqual(self.Run.sudo().search_count([]), runs, "nothing written")

    # ------------------------------------------------------------------
    # Who sees what
    # ------------------------------------------------------------------
    def test_a_salesperson_sees_their_own_sales_and_customers(self):
        """ "Own documents": the customers they care for and their own sales;
        "all documents" and managers: everything."""
        run, _action = self._open(user=self.salesman)
        self.assertEqual(
            self._levels(run, "partner_id", user=self.salesman),
            [
                (self.danube.id, 300.0, 300.0, 0.0, 0.0, 0.0, 0.0),
                (self.north_pumps.id, 1700.0, 1000.0, 700.0, 70.0, 3.0, 0.0),
            ],
        )
        run, _action = self._open(user=self.salesman_2)
        self.assertEqual(
            [row[0] for row in self._levels(run, "partner_id", user=self.salesman_2)],
            [self.south_pipes.id],
        )
        # as backup of South Pipes, the salesman sees it too
        self._member(self.salesman, "2", self.south_pipes)
        run, _action = self._open(user=self.salesman)
        self.assertEqual(
            len(self._levels(run, "partner_id", user=self.salesman)), 3, "South Pipes included"
        )
        for user in (self.team_leader, self.manager):
            run, _action = self._open(user=user)
            self.assertEqual(len(self._levels(run, "partner_id", user=user)), 3, user.name)

    def test_the_record_rules_say_the_same_as_the_opening(self):
        """A row of a colleague's customer, were it in the salesman's run, stays out of sight."""
        run, _action = self._open(user=self.salesman)
        foreign = self.Analysis.sudo().create(
            {
                "run_id": run.id,
                "company_id": self.company.id,
                "partner_id": self.south_pipes.id,
                "user_id": self.salesman_2.id,
                "revenue": 1.0,
            }
        )
        rows = self.Analysis.with_user(self.salesman).search([("run_id", "=", run.id)])
        self.assertNotIn(foreign, rows)
        self.assertTrue(rows)
        with self.assertRaises(AccessError):
            foreign.with_user(self.salesman).read(["revenue"])

    def test_an_opening_is_its_owners_only(self):
        run, _action = self._open(user=self.manager)
        rows = self.Analysis.sudo().search([("run_id", "=", run.id)])
        for user in (self.salesman, self.team_leader):
            self.assertFalse(self.Analysis.with_user(user).search([("run_id", "=", run.id)]))
            self.assertFalse(self.Run.with_user(user).search([("id", "=", run.id)]))
            with self.assertRaises(AccessError):
                rows[:1].with_user(user).read(["revenue"])

    def test_no_analysis_without_sales_rights_or_outside_ones_companies(self):
        portal = new_test_user(self.env, "care_portal_sa", "base.group_portal")
        employee = new_test_user(self.env, "care_employee_sa", "base.group_user")
        run, _action = self._open()
        for user in (portal, employee):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.Run.with_user(user)._open_analysis(
                        self.month, self.month_end, self.year_ago, self.year_ago_end
                    )
                with self.assertRaises(AccessError):
                    self.Analysis.with_user(user).search([("run_id", "=", run.id)])
                with self.assertRaises(AccessError):
                    self.Analysis.with_user(user)._compare(
                        (self.month, self.month_end), (self.year_ago, self.year_ago_end)
                    )
                with self.assertRaises(AccessError):
                    self.env["sale.care.sales.analysis.wizard"].with_user(user).create({})
        other = self.env["res.company"].create({"name": "Not Mine Ltd"})
        with self.assertRaises(AccessError):
            self._open(user=self.salesman, company=other)

    # ------------------------------------------------------------------
    # For reports: the same figures straight from the books
    # ------------------------------------------------------------------
    def test_compare_gives_the_rows_of_a_report(self):
        periods = ((self.month, self.month_end), (self.year_ago, self.year_ago_end))
        rows = self.Analysis.with_user(self.manager)._compare(*periods, ("category", "state"))
        self.assertEqual(
            [
                (
                    row["categ_id"],
                    row["state_id"],
                    row["revenue"],
                    row["revenue_compare"],
                    row["revenue_change_percent"],
                    row["quantity"],
                    row["quantity_compare"],
                )
                for row in rows
            ],
            [
                (self.categ_pipes, self.south, 50.0, 600.0, -91.7, 4.0, 20.0),
                (self.categ_pumps, self.south, 0.0, 400.0, -100.0, 0.0, 0.0),
                (self.categ_pipes, self.env["res.country.state"], 300.0, 300.0, 0.0, 0.0, 0.0),
                (self.categ_pipes, self.north, 200.0, 0.0, None, 0.0, 0.0),
                (self.categ_pumps, self.north, 1500.0, 1000.0, 50.0, 3.0, 0.0),
            ],
        )
        top = self.Analysis.with_user(self.manager)._compare(*periods, ("salesperson",), limit=1)
        self.assertEqual(len(top), 1)
        self.assertEqual((top[0]["user_id"], top[0]["revenue_change"]), (self.salesman_2, -950.0))
        # with "own documents", their own figures only
        mine = self.Analysis.with_user(self.salesman)._compare(*periods, ("partner",))
        self.assertEqual({row["partner_id"] for row in mine}, {self.north_pumps, self.danube})

    # ------------------------------------------------------------------
    # Set-based: the books are read once per opening, groups read the rows
    # ------------------------------------------------------------------
    def test_queries_do_not_grow_with_the_customers(self):
        """The books are read by one statement per opening, whatever the
        number of customers (into a temporary table, whose rows are then
        copied: five statements with SET LOCAL, DROP and a look at the
        table's statistics); each drill level
        groups the opening's rows in one statement (and reads the names of
        its groups)."""
        run, _action = self._open()
        self._open()  # caches (rules, actions, views) warm
        with self.assertQueryCount(5):
            run.sudo()._fill()
        with self.assertQueryCount(6):  # the run, then its rows
            run, _action = self._open()
        for index in range(30):
            customer = self._customer(f"More Pumps {index}", state_id=self.north.id)
            self._invoice(customer, 100.0, self.month + relativedelta(days=3))
            self._invoice(customer, 90.0, self.year_ago + relativedelta(days=3), product=self.pipe)
        self.env.invalidate_all()
        run, _action = self._open()
        with self.assertQueryCount(5):
            run.sudo()._fill()
        with self.assertQueryCount(6):  # the run, then its rows
            run, _action = self._open()
        Analysis = self.Analysis.with_user(self.manager)
        Analysis.formatted_read_group([("run_id", "=", run.id)], ["categ_id"], MEASURES)
        for groupby in ("categ_id", "state_id", "country_id", "user_id", "partner_id"):
            with self.subTest(level=groupby), self.assertQueryCount(3):
                Analysis.formatted_read_group([("run_id", "=", run.id)], [groupby], MEASURES)
