# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Customer Care dashboard (issue 11 §4): the sales manager opens it in
Dashboards › Sales (or Sales › Customer Care › Dashboard) and reads last
month's headline figures, live from the addon's models.

The dashboard is a JSON file that no editor of Odoo Community can check:
these tests check that it is what ``scripts/build_care_dashboard.py``
writes, that every model, field, measure, filter and menu it names exists,
that each of its pivots and lists reads as a manager, and that the web
client evaluates every formula without an error."""

import importlib.util
import json
import re

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import file_path
from odoo.tools.safe_eval import safe_eval

from .common import MonthlyReportCommon

DASHBOARD = "sale_customer_care.spreadsheet_dashboard_customer_care"
# =ODOO.LIST(1, 3, "user_id") and =ODOO.LIST.HEADER(1, "user_id")
LIST_FORMULA = r'ODOO\.LIST(?:\.HEADER)?\((\d+),[^"]*"(\w+)"'


def load_builder():
    """``scripts/build_care_dashboard.py`` as a module."""
    path = file_path("sale_customer_care/scripts/build_care_dashboard.py")
    spec = importlib.util.spec_from_file_location("build_care_dashboard", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def eval_domain(domain, today):
    """A pivot's or chart's domain as the web client evaluates it."""
    if isinstance(domain, str):
        return safe_eval(
            domain,
            {
                "context_today": lambda: today,
                "relativedelta": relativedelta,
            },
        )
    return domain


@tagged("post_install", "-at_install")
class TestCareDashboard(MonthlyReportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dashboard = cls.env.ref(DASHBOARD)
        cls.data = json.loads(cls.dashboard.spreadsheet_data)
        cls.Trend = cls.env["sale.care.sales.trend"]

    # ------------------------------------------------------------------
    # The file
    # ------------------------------------------------------------------
    def test_the_dashboard_is_the_scripts_output(self):
        builder = load_builder()
        with open(builder.OUTPUT, encoding="utf-8") as handle:
            self.assertEqual(
                handle.read(),
                builder.render(),
                "run scripts/build_care_dashboard.py and commit its output",
            )
        self.assertEqual(self.data, builder.build(), "the record loads the file")
        self.assertEqual(self.dashboard.dashboard_group_id.name, "Sales")
        self.assertEqual(self.dashboard.group_ids, self.env.ref("sales_team.group_sale_manager"))
        self.assertTrue(self.dashboard.is_published)
        # Odoo's own check of the models and fields a spreadsheet names
        self.dashboard._check_spreadsheet_data()

    def _field(self, model, chain):
        """The last field of ``chain`` (``partner_id.top_customer``) from
        ``model``, each step checked."""
        field = None
        for name in chain.split("."):
            self.assertIn(name, self.env[model]._fields, f"{model}.{name}")
            field = self.env[model]._fields[name]
            model = field.comodel_name or model
        return field

    def _sources(self):
        """``(kind, model, definition)`` of every pivot, list and chart."""
        return [
            *(("pivot", p["model"], p) for p in self.data["pivots"].values()),
            *(("list", ls["model"], ls) for ls in self.data["lists"].values()),
            *(
                ("chart", f["data"]["metaData"]["resModel"], f["data"])
                for f in self.data["sheets"][0]["figures"]
                if f["data"]["type"].startswith("odoo_")
            ),
        ]

    def test_every_filter_matches_a_field_of_its_kind(self):
        filters = {f["id"]: f for f in self.data["globalFilters"]}
        sources = self._sources()
        self.assertEqual(len(sources), 10, "8 pivots, a list, a chart")
        for kind, model, source in sources:
            self.assertIn(model, self.env)
            for filter_id, matching in source["fieldMatching"].items():
                with self.subTest(kind=kind, model=model, chain=matching["chain"]):
                    field = self._field(model, matching["chain"])
                    if filters[filter_id]["type"] == "date":
                        self.assertIn(field.type, ("date", "datetime"))
                    else:
                        self.assertEqual(field.comodel_name, filters[filter_id]["modelName"])

    def test_every_measure_group_and_column_exists(self):
        for kind, model, source in self._sources():
            described = self.env[model].fields_get(attributes=["groupable", "aggregator"])
            with self.subTest(kind=kind, model=model):
                if kind == "pivot":
                    for measure in source["measures"]:
                        name = measure["fieldName"]
                        if name != "__count":
                            self._field(model, name)
                            self.assertTrue(
                                measure.get("aggregator") or described[name].get("aggregator"),
                                f"{model}.{name} adds up",
                            )
                    for row in source["rows"]:
                        self.assertTrue(described[row["fieldName"]]["groupable"])
                    if "sortedColumn" in source:
                        ids = [m["id"] for m in source["measures"]]
                        self.assertIn(source["sortedColumn"]["measure"], ids)
                elif kind == "list":
                    for column in source["columns"]:
                        self._field(model, column)
                    for order in source["orderBy"]:
                        self.assertTrue(self._field(model, order["name"]).store)
                else:
                    for groupby in source["metaData"]["groupBy"]:
                        self.assertTrue(described[groupby.split(":")[0]]["groupable"])
                    # the web client's domain, evaluated: a valid search
                    self.env[model].search_count(
                        eval_domain(source["searchParams"]["domain"], self.today)
                    )

    def test_every_formula_names_a_measure_column_and_menu_that_exist(self):
        for sheet in self.data["sheets"]:
            for cell, content in sheet["cells"].items():
                where = f"{sheet['name']}!{cell}"
                for pivot_id, measure in re.findall(r'PIVOT\.VALUE\((\d+), "([^"]+)"', content):
                    ids = [m["id"] for m in self.data["pivots"][pivot_id]["measures"]]
                    self.assertIn(measure, ids, where)
                for list_id, field in re.findall(LIST_FORMULA, content):
                    self.assertIn(field, self.data["lists"][list_id]["columns"], where)
                for pivot_id in re.findall(r"=PIVOT\((\d+)", content):
                    self.assertIn(pivot_id, self.data["pivots"], where)
                for menu in re.findall(r"odoo://ir_menu_xml_id/([\w.]+)", content):
                    self.assertEqual(self.env.ref(menu)._name, "ir.ui.menu", where)
        for menu in self.data["chartOdooMenusReferences"].values():
            self.assertEqual(self.env.ref(menu)._name, "ir.ui.menu")

    def test_every_pivot_and_list_reads_as_a_manager(self):
        """As the web client asks, with the default filter (last month)."""
        month = self.month, self.month_end
        filters = {f["id"]: f for f in self.data["globalFilters"]}
        for pivot in self.data["pivots"].values():
            with self.subTest(pivot=pivot["name"]):
                domain = list(eval_domain(pivot["domain"], self.today))
                for filter_id, matching in pivot["fieldMatching"].items():
                    if filters[filter_id]["type"] == "date":
                        field = matching["chain"]
                        domain += [(field, ">=", month[0]), (field, "<=", month[1])]
                aggregates = [
                    "__count"
                    if m["fieldName"] == "__count"
                    else f"{m['fieldName']}:{m.get('aggregator') or 'sum'}"
                    for m in pivot["measures"]
                ]
                groupby = [row["fieldName"] for row in pivot["rows"]]
                self.env[pivot["model"]].with_user(self.manager).formatted_read_group(
                    domain, groupby, aggregates
                )
        for definition in self.data["lists"].values():
            order = ", ".join(
                f"{o['name']} {'asc' if o['asc'] else 'desc'}" for o in definition["orderBy"]
            )
            self.env[definition["model"]].with_user(self.manager).search_read(
                definition["domain"], definition["columns"], order=order, limit=5
            )

    # ------------------------------------------------------------------
    # The figures: the month against the same days last year, live
    # ------------------------------------------------------------------
    def test_sales_against_last_year_by_hand(self):
        Trend = self.Trend.with_user(self.manager)
        month = [("date", ">=", self.month), ("date", "<=", self.month_end)]
        [(revenue, last_year)] = Trend._read_group(
            month, [], ["revenue:sum", "revenue_last_year:sum"]
        )
        self.assertAlmostEqual(revenue, 7800.0, msg="the draft is not revenue")
        self.assertAlmostEqual(last_year, 2500.0)
        by_category = {
            categ: (now, before, change, percent)
            for categ, now, before, change, percent in Trend._read_group(
                month,
                ["categ_id"],
                [
                    "revenue:sum",
                    "revenue_last_year:sum",
                    "revenue_change:sum",
                    "revenue_change_percent:sum",
                ],
            )
        }
        self.assertEqual(by_category[self.categ_pipes], (600.0, 1000.0, -400.0, -40.0))
        self.assertEqual(
            by_category[self.categ_pumps],
            (7200.0, 1500.0, 5700.0, 380.0),
            "the change in % from the group's sums, never summed",
        )
        by_team = dict(Trend._read_group(month, ["team_id"], ["revenue:sum"]))
        self.assertAlmostEqual(
            by_team[self.team], 2800.0, msg="the invoices' team, the outsider has none"
        )
        # a period of days: the same days a year before
        days = [("date", ">=", self.month), ("date", "<=", self.month + relativedelta(days=3))]
        [(revenue, last_year)] = Trend._read_group(
            days, [], ["revenue:sum", "revenue_last_year:sum"]
        )
        self.assertEqual(
            (revenue, last_year),
            (1500.0 + 1000.0, 1000.0 + 900.0),
            "the 500 invoiced on the fifth day a year before is not of these days",
        )

    def test_only_sales_managers_see_it(self):
        for user in (self.salesman, self.team_leader):
            with self.subTest(user=user.name):
                self.assertFalse(
                    self.env["spreadsheet.dashboard"]
                    .with_user(user)
                    .search([("id", "=", self.dashboard.id)])
                )
                with self.assertRaises(AccessError):
                    self.Trend.with_user(user).search_read([], ["revenue"], limit=1)
        self.assertEqual(
            self.env["spreadsheet.dashboard"]
            .with_user(self.manager)
            .search([("id", "=", self.dashboard.id)]),
            self.dashboard,
        )


# Opens the dashboard as the web client does, waits until every data source
# has loaded (no cell says "Loading..." twice in a row), then reports any
# formula in error and the headline revenue.
OPEN_DASHBOARD_JS = """
(async () => {
    const env = odoo.__WOWL_DEBUG__.root.env;
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const fail = (message) => console.error(`dashboard: ${message}`);
    await env.services.action.doAction("sale_customer_care.action_care_dashboard");
    const loader = env.services.spreadsheet_dashboard_loader;
    let model, calm = 0;
    for (let i = 0; i < 300 && calm < 3; i++) {
        await sleep(200);
        const dashboard = loader.getActiveDashboard();
        if (dashboard && dashboard.error) {
            return fail(dashboard.error.message || String(dashboard.error));
        }
        if (!dashboard || dashboard.status !== "Loaded") {
            continue;
        }
        model = dashboard.model;
        const loading = model.getters.getSheetIds().some((sheetId) =>
            model.getters.getEvaluatedCells(sheetId).some((cell) => cell.value === "Loading...")
        );
        calm = loading ? 0 : calm + 1;
    }
    if (!model || calm < 3) {
        return fail("still loading after a minute");
    }
    if (document.querySelector(".o_error_dialog")) {
        return fail(document.querySelector(".o_error_dialog").innerText);
    }
    const errors = [];
    for (const sheetId of model.getters.getSheetIds()) {
        for (const position of model.getters.getEvaluatedCellsPositions(sheetId)) {
            const cell = model.getters.getEvaluatedCell(position);
            if (cell.type === "error") {
                const where = `${sheetId} ${position.col},${position.row}`;
                errors.push(`${where}: ${cell.value} ${cell.message}`);
            }
        }
    }
    if (errors.length) {
        return fail(errors.join("; "));
    }
    const revenue = model.getters.getEvaluatedCell({
        sheetId: "care_dashboard_data", col: 1, row: 1,
    }).value;
    if (Math.abs(revenue - %(revenue)s) > 0.01) {
        return fail(`revenue ${revenue}, expected %(revenue)s`);
    }
    console.log("test successful");
})();
"""


@tagged("post_install", "-at_install")
class TestCareDashboardInTheBrowser(HttpCase):
    """The demo's manager opens the dashboard: every formula evaluates, and
    last month's revenue is the books'."""

    def test_the_manager_opens_the_dashboard(self):
        manager = self.env.ref("sale_customer_care.demo_user_manager")
        manager.tour_enabled = False
        today = fields.Date.context_today(manager)
        month = today.replace(day=1) - relativedelta(months=1)
        figures = self.env["sale.care.figures"].with_company(manager.company_id)
        revenue = sum(
            row["revenue"]
            for row in figures.get_invoiced_revenue(
                None, month, month + relativedelta(day=31), groupby=()
            )
        )
        self.assertTrue(revenue, "the demo invoiced last month")
        self.browser_js(
            "/odoo",
            OPEN_DASHBOARD_JS % {"revenue": revenue},
            "odoo.isReady === true",
            login=manager.login,
            timeout=300,
        )
