# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The sales manager prepares the monthly meeting (seed 002) with the monthly
management report: last month against the plans and last year, the best and
the lagging salespeople, where sales fell and rose, the customers at risk,
the growth in customers, the top customers' whitespace, next month's plans.
The figures are checked against the ones computed by hand in
``MonthlyReportCommon``."""

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import format_date

from .common import MonthlyReportCommon

REPORT = "sale_customer_care.action_report_sale_care_monthly"


@tagged("post_install", "-at_install")
class TestMonthlyReport(MonthlyReportCommon):
    def _pdf(self, month=None, team=None):
        """The PDF's text as the manager reads it (Odoo writes a negative
        number with a zero-width space after its minus sign)."""
        text = self._pdf_text(REPORT, data=self._data(month, team))
        return text.replace("\u200b", "")

    # ------------------------------------------------------------------
    # 1. The month against the plans and last year
    # ------------------------------------------------------------------
    def test_the_team_month_against_the_plans_and_last_year(self):
        report = self._report(team=self.team)
        rows = {row["user"]: row for row in report["salespeople"]}
        self.assertEqual(set(rows), {self.salesman, self.salesman_2}, "the team's salespeople")
        sam, sue = rows[self.salesman], rows[self.salesman_2]
        self.assertAlmostEqual(sam["expected"], 3000.0)
        # Backed Up Ltd is counted once, for its account manager
        self.assertAlmostEqual(sam["achieved"], 1700.0, msg="1,500 pumps + 200 pipes")
        self.assertAlmostEqual(sue["expected"], 1100.0)
        self.assertAlmostEqual(sue["achieved"], 1100.0, msg="1,000 - 300 credit note + 400")
        self.assertAlmostEqual(sam["percent"], 100.0 * 1700 / 3000)
        self.assertAlmostEqual(sue["percent"], 100.0)
        self.assertTrue(sue["best"])
        self.assertTrue(sam["lagging"], "57 % of plan, under 80 %")
        self.assertFalse(sam["best"] or sue["lagging"])
        self.assertEqual(report["salespeople"][0]["user"], self.salesman_2, "the best first")
        # against the same month last year, from the books
        self.assertAlmostEqual(sam["revenue"], 1700.0)
        self.assertAlmostEqual(sam["revenue_last_year"], 1900.0)
        self.assertAlmostEqual(sue["revenue"], 1100.0)
        self.assertAlmostEqual(sue["revenue_last_year"], 600.0)
        self.assertAlmostEqual(sue["change"], 100.0 * 500 / 600)
        totals = report["totals"]
        self.assertAlmostEqual(totals["expected"], 4100.0)
        self.assertAlmostEqual(totals["achieved"], 2800.0, msg="the shared customer once")
        self.assertAlmostEqual(totals["percent"], 100.0 * 2800 / 4100)
        self.assertAlmostEqual(totals["revenue"], 2800.0, msg="the outsider is not in the team")
        self.assertAlmostEqual(totals["revenue_last_year"], 2500.0)
        self.assertAlmostEqual(totals["change"], 12.0)
        self.assertEqual(self.plan | self.plan_2, sam["plans"] | sue["plans"])

    def test_the_company_month_has_everyone_who_sold(self):
        report = self._report()
        rows = {row["user"]: row for row in report["salespeople"]}
        olga = rows[self.outsider]
        self.assertIsNone(olga["percent"], "no plan: no % of plan")
        self.assertFalse(olga["best"] or olga["lagging"])
        self.assertAlmostEqual(olga["revenue"], 5000.0)
        self.assertEqual(report["salespeople"][-1]["user"], self.outsider, "unplanned last")
        self.assertAlmostEqual(report["totals"]["revenue"], 7800.0)
        self.assertAlmostEqual(report["totals"]["expected"], 4100.0)

    # ------------------------------------------------------------------
    # 2. What fell and rose most
    # ------------------------------------------------------------------
    def test_what_fell_and_rose_most(self):
        movers = self._report(team=self.team)["movers"]

        def names(rows):
            return [(row["name"], round(row["change"])) for row in rows]

        category = movers["category"]
        self.assertEqual(names(category["falling"]), [(self.categ_pipes.complete_name, -400)])
        self.assertEqual(names(category["rising"]), [(self.categ_pumps.complete_name, 700)])
        self.assertAlmostEqual(category["falling"][0]["percent"], -40.0)
        region = movers["region"]
        self.assertEqual(names(region["falling"]), [("Care North, Vietnam", -200)])
        self.assertEqual(names(region["rising"]), [("Hungary", 300), ("Care South, Vietnam", 200)])
        salesperson = movers["salesperson"]
        self.assertEqual(names(salesperson["falling"]), [(self.salesman.name, -200)])
        self.assertEqual(names(salesperson["rising"]), [(self.salesman_2.name, 500)])

    # ------------------------------------------------------------------
    # 3. - 6. From the models that own them
    # ------------------------------------------------------------------
    def test_customers_at_risk_and_what_came_back(self):
        risk = self._report(team=self.team)["risk"]
        self.assertEqual(risk["rows"], self.late | self.stopped, "open and in progress, team's")
        self.assertEqual(risk["rows"][0], self.late, "the largest revenue at risk first")
        self.assertEqual(risk["count"], 2)
        self.assertAlmostEqual(risk["revenue"], 1300.0)
        by_kind = {row["kind"]: row for row in risk["by_kind"]}
        self.assertEqual(set(by_kind), {"Late", "Stopped"})
        self.assertEqual(risk["recovered"], self.recovered)
        self.assertEqual(risk["summary"]["recovered"], 1)
        self.assertAlmostEqual(risk["summary"]["revenue_recovered"], 700.0)
        company = self._report()["risk"]
        self.assertIn(self.outside_risk, company["rows"], "the company's report: everyone's")
        self.assertEqual(company["rows"][0], self.outside_risk)

    def test_growth_in_customers(self):
        growth = self._report(team=self.team)["growth"]
        moves = {row["name"]: row["count"] for row in growth["transitions"]}
        self.assertEqual(moves, {"Won": 1, "Reactivated": 1, "Became Loyal": 1, "Went Dormant": 1})
        # gained and lost count buying customers: gained - lost = net; becoming
        # loyal is progress of a customer already counted
        self.assertEqual(
            (growth["gained"], growth["lost"], growth["net"], growth["loyal"]), (2, 1, 1, 1)
        )
        for row in growth["salespeople"] + growth["trend"]:
            self.assertEqual(row["gained"] - row["lost"], row["net"], row)
        per_salesperson = {row["name"]: row["net"] for row in growth["salespeople"]}
        self.assertEqual(per_salesperson, {self.salesman.name: 1, self.salesman_2.name: 0})
        self.assertEqual(len(growth["trend"]), 6)
        self.assertEqual(growth["trend"][-1]["month"], self.month)
        self.assertEqual(growth["trend"][-1]["net"], 1)
        # the company's: the outsider's customer won too
        self.assertEqual(self._report()["growth"]["net"], 2)

    def test_top_customers_whitespace_and_next_month(self):
        report = self._report(team=self.team)
        whitespace = report["whitespace"]
        self.assertEqual(whitespace["top_count"], 1)
        (customer,) = whitespace["customers"]
        self.assertEqual(customer["partner"], self.backed_up)
        self.assertEqual(customer["tier"], self.tier_a)
        (row,) = customer["categories"]
        self.assertEqual(row["categ"], self.categ_pipes, "two of the three A customers buy pipes")
        self.assertAlmostEqual(row["share"], 100.0 * 2 / 3)
        self.assertAlmostEqual(row["typical_revenue"], 300.0, msg="the median of 200 and 400")
        self.assertFalse(row["potential"], "no survey asked yet")
        self.assertEqual(report["next_plans"]["plans"], self.next_plan)

    # ------------------------------------------------------------------
    # A month to come, an empty month
    # ------------------------------------------------------------------
    def test_a_month_to_come_compares_nothing(self):
        """No "-100 %" for a month without sales yet: nothing is compared."""
        next_month = self.today.replace(day=1) + relativedelta(months=1)
        self._invoice(self.managed, 700.0, next_month - relativedelta(years=1), product=self.pipe)
        report = self._report(month=next_month, team=self.team)
        self.assertFalse(report["started"])
        self.assertEqual(report["movers"]["category"], {"falling": [], "rising": []})
        self.assertIsNone(report["totals"]["change"])
        self.assertEqual(report["totals"]["revenue_last_year"], 0.0)
        text = self._pdf(next_month, self.team)
        self.assertIn("The month has not started yet", text)
        self.assertNotIn("100 %", text)
        self.assertNotIn("Lagging", text, "nobody lags behind a month to come")
        self.assertIn(self.salesman.name, text, "next month's plan is there")

    def test_an_empty_month(self):
        empty = self.month - relativedelta(years=3)
        report = self._report(month=empty, team=self.team)
        self.assertEqual(report["salespeople"], [])
        self.assertIsNone(report["totals"]["percent"])
        self.assertIsNone(report["totals"]["change"])
        self.assertEqual(report["growth"]["transitions"], [])
        text = self._pdf(empty, self.team)
        self.assertIn("No salesperson planned or sold this month.", text)
        self.assertIn("Nothing fell.", text)
        self.assertIn("No customer changed stage this month.", text)
        self.assertIn("No plan yet.", text)

    # ------------------------------------------------------------------
    # On paper
    # ------------------------------------------------------------------
    def test_the_pdf_of_the_team(self):
        text = self._pdf(team=self.team)
        self.assertIn(self.company.name, text)
        self.assertIn("Monthly management report", text)
        self.assertIn("Sales team Team East", text)
        env = self.env(user=self.manager, context={"lang": self.manager.lang})
        self.assertIn(format_date(env, self.month), text, "dates in the reader's format")
        self.assertIn("1. The month against the plan and last year", text)
        self.assertRegex(text, r"Best: Sue Salesman \(100 % of plan\)")
        self.assertRegex(text, r"Lagging \(under 80 % of plan\): Sam Salesman \(57 %\)")
        self.assertRegex(text, r"Total\s+\S*\s?4,100\.00\s+\S*\s?2,800\.00\s+68 %")
        self.assertIn("2. Where sales fell and rose most", text)
        self.assertRegex(text, r"Pipes\s.*-400\.00\s+-40 %")
        self.assertRegex(text, r"Pumps\s.*\+47 %")
        self.assertIn("Care North, Vietnam", text)
        self.assertIn("3. Customers at risk", text)
        self.assertIn("Managed Ltd", text)
        self.assertRegex(text, r"recovered 1 \(\S*\s?700\.00 came back\)")
        self.assertNotIn("Outside Ltd", text, "not the team's")
        self.assertIn("4. Growth in customers", text)
        self.assertRegex(
            text,
            r"Gained 2 \(won or reactivated\), lost 1 \(went dormant\): net \+1 buying"
            r"\s+customers this month; 1 became loyal\.",
        )
        self.assertIn("5. Top customers' whitespace", text)
        self.assertRegex(text, r"Backed Up Ltd\s.*Pipes\s+67 %")
        self.assertIn("6. Plans for", text)
        self.assertRegex(text, r"\b1 ?/ ?\d\b", "page x / y")

    def test_the_wizard_prints_last_month_for_the_team_leader(self):
        wizard = Form(self.env["sale.care.monthly.report.wizard"].with_user(self.team_leader))
        self.assertEqual(wizard.month, self.month, "last month by default")
        self.assertEqual(wizard.team_id, self.team, "the team they lead")
        wizard.month = self.month + relativedelta(days=12)
        self.assertEqual(wizard.month, self.month, "the first day of the month picked")
        action = wizard.save().action_print()
        self.assertEqual(action["report_name"], "sale_customer_care.report_sale_care_monthly")
        self.assertEqual(action["data"], self._data(team=self.team))

    def test_the_same_statements_for_a_larger_team(self):
        """Every section reads its model once for all the salespeople and
        customers: more of them, not more statements."""

        def count():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._report(team=self.team)
            return self.env.cr.sql_log_count - before

        count()  # the users' caches (rules, groups) warm
        small = count()
        newcomer = self._user("care_newcomer", "Nina Newcomer")
        self.team.member_ids |= newcomer
        customers = [
            self._customer(f"Newcomer Customer {i}", user_id=newcomer.id) for i in range(4)
        ]
        for customer in customers:
            self._invoice(customer, 250.0, self.month + relativedelta(days=9), user=newcomer)
        self._plan(newcomer, lines=[self._line(customer, 300.0) for customer in customers])
        count()  # the caches a new user empties warm again
        self.assertEqual(count(), small)

    # ------------------------------------------------------------------
    # Who may print it
    # ------------------------------------------------------------------
    def test_a_salesperson_is_refused(self):
        for team in (self.team, self.env["crm.team"]):
            with self.assertRaises(AccessError):
                self.MonthlyReport.with_user(self.salesman)._report_action(
                    self.month, self.company, team
                )
            with self.assertRaises(AccessError):
                self.MonthlyReport.with_user(self.salesman)._get_report_values(
                    None, self._data(team=team)
                )
        wizard = self.env["sale.care.monthly.report.wizard"].with_user(self.salesman).create({})
        with self.assertRaises(AccessError):
            wizard.action_print()

    def test_a_team_leader_prints_their_team_only(self):
        Report = self.MonthlyReport.with_user(self.team_leader)
        self.assertTrue(Report._report_action(self.month, self.company, self.team))
        with self.assertRaisesRegex(AccessError, "Team West"):
            Report._report_action(self.month, self.company, self.team_west)
        with self.assertRaisesRegex(AccessError, "whole company"):
            Report._report_action(self.month, self.company, None)
        with self.assertRaises(AccessError):
            Report._get_report_values(None, self._data(team=self.team_west))

    def test_a_manager_prints_any_team_of_their_companies(self):
        Report = self.MonthlyReport.with_user(self.manager)
        for team in (self.team, self.team_west, None):
            self.assertTrue(Report._report_action(self.month, self.company, team))
        other = self.env["res.company"].create({"name": "Other Care Company"})
        with self.assertRaisesRegex(AccessError, "Other Care Company"):
            Report._report_action(self.month, other, None)
        other_team = self.env["crm.team"].create({"name": "Far Team", "company_id": other.id})
        self.manager.company_ids = [Command.link(other.id)]
        with self.assertRaises(UserError):
            Report._report_action(self.month, self.company, other_team)
