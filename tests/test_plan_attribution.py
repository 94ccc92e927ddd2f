# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The account manager and the backup both plan the same customer: each plan
shows the customer's revenue, the team counts it once."""

from odoo.tests import tagged

from .common import MonthlyPlanCommon


@tagged("post_install", "-at_install")
class TestPlanAttribution(MonthlyPlanCommon):
    def test_a_customer_in_two_plans_counts_once_for_the_team(self):
        # backed_up: account manager salesman_2, backup salesman
        self._invoice(self.backed_up, 1000.0, self.month.replace(day=10))
        self._invoice(self.managed, 300.0, self.month.replace(day=12))
        backup_plan = self._plan(
            self.salesman,
            lines=[
                {"partner_id": self.backed_up.id, "expected_revenue": 800.0},
                {"partner_id": self.managed.id, "expected_revenue": 300.0},
            ],
        )
        manager_plan = self._plan(
            self.salesman_2, lines=[{"partner_id": self.backed_up.id, "expected_revenue": 800.0}]
        )
        backup_line = backup_plan.line_ids.filtered(lambda line: line.partner_id == self.backed_up)
        manager_line = manager_plan.line_ids

        # both plans show what the customer bought...
        self.assertEqual(backup_line.actual_revenue, 1000.0)
        self.assertEqual(manager_line.actual_revenue, 1000.0)
        # ...and it counts for the account manager's plan only
        self.assertEqual(
            (manager_line.counted_revenue, manager_line.revenue_counted_here), (1000.0, True)
        )
        self.assertEqual(
            (backup_line.counted_revenue, backup_line.revenue_counted_here), (0.0, False)
        )
        self.assertEqual(manager_plan.amount_achieved, 1000.0)
        self.assertEqual(backup_plan.amount_achieved, 300.0)

        # the plan analysis sums to what was invoiced to the planned customers
        self.env.flush_all()
        Analysis = self.env["sale.monthly.plan.analysis"]
        rows = Analysis._read_group(
            [("date", "=", self.month), ("plan_id", "in", (backup_plan | manager_plan).ids)],
            [],
            ["actual_revenue:sum", "expected_revenue:sum"],
        )
        self.assertEqual(rows, [(1300.0, 1900.0)])
        by_user = dict(
            Analysis._read_group(
                [("plan_id", "in", (backup_plan | manager_plan).ids)],
                ["user_id"],
                ["actual_revenue:sum"],
            )
        )
        self.assertEqual(by_user, {self.salesman: 300.0, self.salesman_2: 1000.0})

        # so does the team's meeting report, each salesperson's section included
        meeting = self.env["report.sale_customer_care.report_sale_care_meeting"]._prepare_meeting(
            self.salesman | self.salesman_2,
            self.month,
            self.month_end,
            self.company,
        )
        self.assertEqual(meeting["totals"]["achieved"], 1300.0)
        self.assertEqual(
            {s["user"]: s["achieved"] for s in meeting["sections"]},
            {self.salesman: 300.0, self.salesman_2: 1000.0},
        )

    def test_without_account_manager_the_first_plan_counts(self):
        self._invoice(self.prospect, 500.0, self.month.replace(day=5))
        first = self._plan(self.salesman, lines=[{"partner_id": self.prospect.id}])
        second = self._plan(self.salesman_2, lines=[{"partner_id": self.prospect.id}])
        self.assertEqual(first.amount_achieved, 500.0)
        self.assertEqual(second.amount_achieved, 0.0)
        self.assertEqual(second.line_ids.actual_revenue, 500.0)
