// Copyright 2026 sale_customer_care contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
//
// The Sales Analysis views: Odoo's pivot, graph and list with a "Periods"
// button in the control panel, which opens the periods dialog on the periods
// shown (the run named in the action's context).

import { Component } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { GraphController } from "@web/views/graph/graph_controller";
import { graphView } from "@web/views/graph/graph_view";
import { ListController } from "@web/views/list/list_controller";
import { listView } from "@web/views/list/list_view";
import { PivotController } from "@web/views/pivot/pivot_controller";
import { pivotView } from "@web/views/pivot/pivot_view";

export class SalesAnalysisPeriodsButton extends Component {
    static template = "sale_customer_care.SalesAnalysisPeriodsButton";
    static props = { context: { type: Object, optional: true } };

    setup() {
        this.action = useService("action");
    }

    onClick() {
        return this.action.doAction("sale_customer_care.action_sale_care_sales_analysis_wizard", {
            additionalContext: {
                sale_care_analysis_run_id: this.props.context?.sale_care_analysis_run_id,
            },
        });
    }
}

export class SalesAnalysisPivotController extends PivotController {
    static template = "sale_customer_care.SalesAnalysisPivotView";
    static components = { ...PivotController.components, SalesAnalysisPeriodsButton };
}

export class SalesAnalysisGraphController extends GraphController {
    static template = "sale_customer_care.SalesAnalysisGraphView";
    static components = { ...GraphController.components, SalesAnalysisPeriodsButton };
}

export class SalesAnalysisListController extends ListController {
    static template = "sale_customer_care.SalesAnalysisListView";
    static components = { ...ListController.components, SalesAnalysisPeriodsButton };
}

const views = registry.category("views");
views.add("sale_care_sales_analysis_pivot", {
    ...pivotView,
    Controller: SalesAnalysisPivotController,
});
views.add("sale_care_sales_analysis_graph", {
    ...graphView,
    Controller: SalesAnalysisGraphController,
});
views.add("sale_care_sales_analysis_list", {
    ...listView,
    Controller: SalesAnalysisListController,
});
