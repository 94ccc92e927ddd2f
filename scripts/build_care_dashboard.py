#!/usr/bin/env python3
# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Writes data/files/customer_care_dashboard.json, the Customer Care dashboard
(issue 11 §4) of Odoo Community's spreadsheet_dashboard.

Odoo Community has no spreadsheet editor: the dashboard is this script's
output, kept in git beside it.  Change the script, run it
(``python3 scripts/build_care_dashboard.py``), commit both; the tests
(tests/test_care_dashboard.py) check that the file is the script's output,
that every model, field, measure and menu it names exists, and read every
pivot and list as a sales manager.

Every figure is a live ODOO.PIVOT / ODOO.LIST formula over the addon's
models, filtered by the dashboard's Month (last month by default), Sales Team
and Salesperson filters:

* revenue of the month against the same month last year
  (``sale.care.sales.trend``) and against the plans (``sale.monthly.plan.analysis``);
* customers at risk (``customer.risk.signal``): open and in progress by kind,
  the largest revenue at risk, what came back in the month;
* stage transitions per month over a year and the month's net growth
  (``customer.stage.history``);
* the product categories that fell and rose most, and the top customers
  (``sale.care.sales.trend``)."""

import json
import os

OUTPUT = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    "data",
    "files",
    "customer_care_dashboard.json",
)

# Global filters (ids are fixed: the JSON is diffed in git and tested)
MONTH = "6a1f3c2e-0b5d-4f1e-9a61-care0month001"
TEAM = "6a1f3c2e-0b5d-4f1e-9a61-care0team0002"
SALESPERSON = "6a1f3c2e-0b5d-4f1e-9a61-care0user0003"

GLOBAL_FILTERS = [
    {"id": MONTH, "type": "date", "label": "Month", "defaultValue": "last_month"},
    {
        "id": TEAM,
        "type": "relation",
        "label": "Sales Team",
        "modelName": "crm.team",
        "defaultValueDisplayNames": [],
    },
    {
        "id": SALESPERSON,
        "type": "relation",
        "label": "Salesperson",
        "modelName": "res.users",
        "defaultValueDisplayNames": [],
    },
]

# Field matching of the filters per model: (month field or None, team chain,
# salesperson chain).  The customers at risk are today's: the month filter
# leaves them alone (except what came back, by closing date).
MATCHING = {
    "sale.care.sales.trend": ("date", "team_id", "user_id"),
    "sale.monthly.plan.analysis": ("date", "team_id", "user_id"),
    "customer.risk.signal": (None, "user_id.sale_team_id", "user_id"),
    "customer.risk.signal:closed": ("date_closed", "user_id.sale_team_id", "user_id"),
    "customer.stage.history": ("date", "team_id", "salesperson_id"),
    "customer.stage.history:year": (None, "team_id", "salesperson_id"),
}

# The moves of the growth analysis (customer.stage.history.transition).
GROWTH_MOVES = ["won", "loyal", "reactivated", "lost"]
# The stage transitions chart: the last 12 months, this one included.
LAST_12_MONTHS = (
    f"[('transition', 'in', {GROWTH_MOVES}), "
    "('date', '>=', (context_today() + relativedelta(months=-11, day=1)).strftime('%Y-%m-%d'))]"
)

STYLES = {
    "1": {"textColor": "#01666b", "bold": True, "fontSize": 16},  # section title
    "2": {"bold": True, "fontSize": 11, "textColor": "#434343"},  # table header
    "3": {"textColor": "#434343", "verticalAlign": "middle"},  # table cell
    "4": {"bold": True, "fontSize": 11, "textColor": "#434343", "align": "right"},  # header, right
}
FORMATS = {"1": "0%", "2": "#,##0", "3": '0.0" %"'}
BORDERS = {"1": {"bottom": {"style": "thin", "color": "#CCCCCC"}}}


def matching(key, offset=0):
    month, team, salesperson = MATCHING[key]
    result = {}
    if month:
        result[MONTH] = {"chain": month, "type": "date", "offset": offset}
    result[TEAM] = {"chain": team, "type": "many2one"}
    result[SALESPERSON] = {"chain": salesperson, "type": "many2one"}
    return result


def measure(field, aggregator=None, name=None):
    result = {"id": f"{field}:{aggregator}" if aggregator else field, "fieldName": field}
    if aggregator:
        result["aggregator"] = aggregator
    if name:
        result["userDefinedName"] = name
    return result


def pivot(pid, name, model, measures, rows=(), domain=(), match=None, sort=None):
    """An ODOO pivot; ``match``: the key of :data:`MATCHING` (the model's by
    default); ``sort``: ``(measure, "asc" | "desc")``."""
    definition = {
        "type": "ODOO",
        "id": str(pid),
        "formulaId": str(pid),
        "name": name,
        "model": model,
        "domain": list(domain) if not isinstance(domain, str) else domain,
        "context": {},
        "measures": measures,
        "rows": [{"fieldName": row} for row in rows],
        "columns": [],
        "fieldMatching": matching(match or model),
    }
    if sort:
        definition["sortedColumn"] = {"measure": sort[0], "order": sort[1], "domain": []}
    return definition


PIVOTS = {
    "1": pivot(
        1,
        "Revenue",
        "sale.care.sales.trend",
        [measure("revenue"), measure("revenue_last_year")],
    ),
    "2": pivot(
        2,
        "Salesperson",
        "sale.monthly.plan.analysis",
        [
            measure("expected_revenue", name="Expected"),
            measure("actual_revenue", name="Achieved"),
        ],
        rows=["user_id"],
        sort=("expected_revenue", "desc"),
    ),
    "3": pivot(
        3,
        "Product category (fall)",
        "sale.care.sales.trend",
        [
            measure("revenue", name="This Month"),
            measure("revenue_change"),
            measure("revenue_change_percent"),
        ],
        rows=["categ_id"],
        sort=("revenue_change", "asc"),
    ),
    "4": pivot(
        4,
        "Kind",
        "customer.risk.signal",
        [
            measure("__count", name="Signals"),
            measure("partner_id", "count_distinct", name="Customers"),
            measure("revenue_at_risk"),
        ],
        rows=["kind"],
        domain=[["state", "in", ["open", "in_progress"]]],
    ),
    "5": pivot(
        5,
        "Recovered in the month",
        "customer.risk.signal",
        [measure("__count"), measure("revenue_recovered")],
        domain=[["state", "=", "recovered"]],
        match="customer.risk.signal:closed",
    ),
    "6": pivot(
        6,
        "Product category (rise)",
        "sale.care.sales.trend",
        [
            measure("revenue", name="This Month"),
            measure("revenue_change"),
            measure("revenue_change_percent"),
        ],
        rows=["categ_id"],
        sort=("revenue_change", "desc"),
    ),
    "7": pivot(
        7,
        "Customer",
        "sale.care.sales.trend",
        [
            measure("revenue", name="This Month"),
            measure("revenue_last_year"),
            measure("revenue_change_percent"),
        ],
        rows=["partner_id"],
        domain=[["partner_id.top_customer", "!=", False]],
        sort=("revenue", "desc"),
    ),
    "8": pivot(
        8,
        "Growth in the month",
        "customer.stage.history",
        [measure("__count"), measure("net_growth")],
        rows=["transition"],
        domain=[["transition", "in", GROWTH_MOVES]],
    ),
}

LISTS = {
    "1": {
        "id": "1",
        "name": "Largest revenue at risk",
        "model": "customer.risk.signal",
        "columns": ["partner_id", "kind", "user_id", "revenue_at_risk"],
        "domain": [["state", "in", ["open", "in_progress"]]],
        "context": {},
        "orderBy": [{"name": "revenue_at_risk", "asc": False}],
        "fieldMatching": matching("customer.risk.signal"),
    }
}

CHART_ID = "6a1f3c2e-0b5d-4f1e-9a61-care0chart004"
SCORECARDS = [
    # (id, title, key, baseline, mode, description, background)
    ("care0card0001", "Revenue", "Data!C2", "Data!C3", "percentage", "vs last year", "#EFF6FF"),
    ("care0card0002", "Achieved against plan", "Data!C5", "Data!C4", "progress", "", "#EFF6FF"),
    (
        "care0card0003",
        "Customers at risk",
        "Data!B6",
        "Data!C7",
        "text",
        "revenue at risk",
        "#FFF7ED",
    ),
    ("care0card0004", "Revenue back", "Data!C9", "Data!B8", "text", "signals recovered", "#FFF7ED"),
    ("care0card0005", "Net customers", "Data!B10", "Data!C10", "text", "gained / lost", "#F0FDF4"),
]
MENUS = {
    "plan": "sale_customer_care.menu_sale_monthly_plan_analysis",
    "risk": "sale_customer_care.menu_customer_risk_signal",
    "analysis": "sale_customer_care.menu_sale_care_sales_analysis",
    "growth": "sale_customer_care.menu_customer_growth",
    "customers": "sale_customer_care.menu_care_customers",
}


def link(label, menu):
    return f"[{label}](odoo://ir_menu_xml_id/{MENUS[menu]})"


def dashboard_sheet():
    cells, styles, formats, borders = {}, {}, {}, {}

    def title(cell, label, menu, right_to):
        cells[cell] = link(label, menu)
        styles[cell] = 1
        borders[f"{cell}:{right_to}"] = 1

    def headers(row, first_col, labels):
        cols = "ABCD" if first_col == "A" else "FGHI"
        for col, label in zip(cols, labels, strict=True):
            cells[f"{col}{row}"] = f'=_t("{label}")'
        styles[f"{cols[0]}{row}:{cols[-1]}{row}"] = 2
        styles[f"{cols[1]}{row}:{cols[-1]}{row}"] = 4

    # scorecards on rows 1-5; then two columns of tables, A-D and F-I, each
    # with its own (translated) headers above a pivot without titles
    title("A7", "Plan and achieved by salesperson", "plan", "D7")
    headers(8, "A", ("Salesperson", "Expected", "Achieved", "% of plan"))
    cells["A9"] = "=PIVOT(2, 10, TRUE, FALSE, 10, FALSE)"
    for row in range(9, 20):
        cells[f"D{row}"] = f'=IF(C{row}="", "", IFERROR(C{row} / B{row}, ""))'
    formats["D9:D19"] = 1

    title("F7", "Customers at risk", "risk", "I7")
    headers(8, "F", ("Kind", "Signals", "Customers", "Revenue at risk"))
    cells["F9"] = "=PIVOT(4, 5, TRUE, FALSE, 10, FALSE)"
    cells["F14"] = '=_t("Largest revenue at risk")'
    styles["F14"] = 2
    for col, field in zip("FGHI", LISTS["1"]["columns"], strict=True):
        cells[f"{col}15"] = f'=ODOO.LIST.HEADER(1, "{field}")'
        for index in range(1, 6):
            cells[f"{col}{15 + index}"] = f'=ODOO.LIST(1, {index}, "{field}")'
    styles["F15:I15"] = 2
    styles["F16:I20"] = 3

    title("A22", "Product categories, largest fall first", "analysis", "D22")
    headers(23, "A", ("Product category", "This month", "Change", "Change %"))
    cells["A24"] = "=PIVOT(3, 5, FALSE, FALSE, 10, FALSE)"
    title("F22", "Product categories, largest rise first", "analysis", "I22")
    headers(23, "F", ("Product category", "This month", "Change", "Change %"))
    cells["F24"] = "=PIVOT(6, 5, FALSE, FALSE, 10, FALSE)"
    formats["D24:D28"] = 3
    formats["I24:I28"] = 3

    title("A31", "Stage transitions per month", "growth", "D31")
    title("F31", "Top customers", "customers", "I31")
    headers(32, "F", ("Customer", "This month", "Last year", "Change %"))
    cells["F33"] = "=PIVOT(7, 10, FALSE, FALSE, 10, FALSE)"
    formats["I33:I42"] = 3

    figures = [
        {
            "id": card_id,
            "tag": "chart",
            "width": 212,
            "height": 101,
            "col": 0,
            "row": 0,
            "offset": {"x": index * 222, "y": 11},
            "data": {
                "type": "scorecard",
                "title": {"text": name, "bold": True, "color": "#434343"},
                "keyValue": key,
                "baseline": baseline,
                "baselineMode": mode,
                "baselineDescr": {"text": description} if description else {},
                "baselineColorDown": "#DC6965",
                "baselineColorUp": "#00A04A",
                "background": background,
                "humanize": False,
                "chartId": card_id,
            },
        }
        for index, (card_id, name, key, baseline, mode, description, background) in enumerate(
            SCORECARDS
        )
    ]
    figures.append(
        {
            "id": CHART_ID,
            "tag": "chart",
            "width": 540,
            "height": 260,
            "col": 0,
            "row": 31,
            "offset": {"x": 0, "y": 6},
            "data": {
                "type": "odoo_bar",
                "title": {"text": ""},
                "background": "#FFFFFF",
                "legendPosition": "top",
                "metaData": {
                    "groupBy": ["date:month", "transition"],
                    "measure": "__count",
                    "order": None,
                    "resModel": "customer.stage.history",
                    "mode": "bar",
                },
                "searchParams": {
                    "comparison": None,
                    "context": {},
                    "domain": LAST_12_MONTHS,
                    "groupBy": ["date:month", "transition"],
                    "orderBy": [],
                },
                "dataSets": [{}, {}],
                "verticalAxisPosition": "left",
                "stacked": False,
                "axesDesign": {"y": {"title": {"text": "Customers"}}},
                "chartId": CHART_ID,
                "fieldMatching": matching("customer.stage.history:year"),
            },
        }
    )
    conditional = [
        {
            "id": f"care-change-{sign}-{cell_range}",
            "ranges": [cell_range],
            "rule": {
                "type": "CellIsRule",
                "operator": "isLessThan" if sign == "down" else "isGreaterThan",
                "values": ["0"],
                "style": {"textColor": "#DC6965" if sign == "down" else "#00A04A"},
            },
        }
        for cell_range in ("C24:D28", "H24:I28", "I33:I42")
        for sign in ("down", "up")
    ]
    return {
        "id": "care_dashboard",
        "name": "Dashboard",
        "colNumber": 9,
        "rowNumber": 45,
        "rows": {"6": {"size": 40}, "21": {"size": 40}, "30": {"size": 40}},
        "cols": {
            str(index): {"size": size}
            for index, size in enumerate((240, 100, 100, 80, 20, 240, 90, 115, 135))
        },
        "merges": [],
        "cells": cells,
        "styles": styles,
        "formats": formats,
        "borders": borders,
        "conditionalFormats": conditional,
        "dataValidationRules": [],
        "figures": figures,
        "tables": [],
        "areGridLinesVisible": False,
        "isVisible": True,
        "headerGroups": {"ROW": [], "COL": []},
        "comments": {},
    }


def data_sheet():
    """The headline figures of the scorecards: values (B) and as shown (C)."""
    rows = [
        ("Revenue", '=PIVOT.VALUE(1, "revenue")', "=FORMAT.LARGE.NUMBER(B2)"),
        (
            "Same month last year",
            '=PIVOT.VALUE(1, "revenue_last_year")',
            "=FORMAT.LARGE.NUMBER(B3)",
        ),
        ("Expected (plans)", '=PIVOT.VALUE(2, "expected_revenue")', "=FORMAT.LARGE.NUMBER(B4)"),
        ("Achieved (plans)", '=PIVOT.VALUE(2, "actual_revenue")', "=FORMAT.LARGE.NUMBER(B5)"),
        ("Customers at risk", '=PIVOT.VALUE(4, "partner_id:count_distinct")', ""),
        ("Revenue at risk", '=PIVOT.VALUE(4, "revenue_at_risk")', "=FORMAT.LARGE.NUMBER(B7)"),
        ("Signals recovered", '=PIVOT.VALUE(5, "__count")', ""),
        ("Revenue back", '=PIVOT.VALUE(5, "revenue_recovered")', "=FORMAT.LARGE.NUMBER(B9)"),
        ("Net customers", '=PIVOT.VALUE(8, "net_growth")', '=B11 & " / " & B12'),
        (
            "Gained",
            (
                '=PIVOT.VALUE(8, "__count", "transition", "won")'
                ' + PIVOT.VALUE(8, "__count", "transition", "loyal")'
                ' + PIVOT.VALUE(8, "__count", "transition", "reactivated")'
            ),
            "",
        ),
        ("Lost", '=PIVOT.VALUE(8, "__count", "transition", "lost")', ""),
    ]
    cells = {"A1": '=_t("KPI")', "B1": '=_t("Value")', "C1": '=_t("Shown")'}
    for index, (label, value, shown) in enumerate(rows, start=2):
        cells[f"A{index}"] = f'=_t("{label}")'
        cells[f"B{index}"] = value
        if shown:
            cells[f"C{index}"] = shown
    return {
        "id": "care_dashboard_data",
        "name": "Data",
        "colNumber": 4,
        "rowNumber": len(rows) + 2,
        "rows": {},
        "cols": {"0": {"size": 200}, "1": {"size": 120}, "2": {"size": 120}},
        "merges": [],
        "cells": cells,
        "styles": {"A1:C1": 2},
        "formats": {},
        "borders": {},
        "conditionalFormats": [],
        "dataValidationRules": [],
        "figures": [],
        "tables": [],
        "areGridLinesVisible": True,
        "isVisible": True,
        "headerGroups": {"ROW": [], "COL": []},
        "comments": {},
    }


def build():
    return {
        "version": "18.5.10",
        "sheets": [dashboard_sheet(), data_sheet()],
        "styles": STYLES,
        "formats": FORMATS,
        "borders": BORDERS,
        "revisionId": "START_REVISION",
        "uniqueFigureIds": True,
        "settings": {},
        "pivots": PIVOTS,
        "pivotNextId": len(PIVOTS) + 1,
        "customTableStyles": {},
        "globalFilters": GLOBAL_FILTERS,
        "lists": LISTS,
        "listNextId": len(LISTS) + 1,
        "chartOdooMenusReferences": {CHART_ID: MENUS["growth"]},
    }


def render():
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    with open(OUTPUT, "w", encoding="utf-8") as handle:
        handle.write(render())
    print(f"written {OUTPUT}")
