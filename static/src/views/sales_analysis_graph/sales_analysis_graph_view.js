// Copyright 2026 sale_customer_care contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
//
// The graph view of the Sales Analysis, with its Periods button (Odoo's graph
// view is in the lazy bundle: so is this).

import { registry } from "@web/core/registry";
import { GraphController } from "@web/views/graph/graph_controller";
import { graphView } from "@web/views/graph/graph_view";
import { SalesAnalysisPeriodsButton } from "@sale_customer_care/views/sales_analysis/sales_analysis_periods_button";

export class SalesAnalysisGraphController extends GraphController {
    static template = "sale_customer_care.SalesAnalysisGraphView";
    static components = { ...GraphController.components, SalesAnalysisPeriodsButton };
}

registry.category("views").add("sale_care_sales_analysis_graph", {
    ...graphView,
    Controller: SalesAnalysisGraphController,
});
