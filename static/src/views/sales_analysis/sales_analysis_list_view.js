// Copyright 2026 sale_customer_care contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
//
// The list of the Sales Analysis, with its Periods button.

import { registry } from "@web/core/registry";
import { ListController } from "@web/views/list/list_controller";
import { listView } from "@web/views/list/list_view";
import { SalesAnalysisPeriodsButton } from "./sales_analysis_periods_button";

export class SalesAnalysisListController extends ListController {
    static template = "sale_customer_care.SalesAnalysisListView";
    static components = { ...ListController.components, SalesAnalysisPeriodsButton };
}

registry.category("views").add("sale_care_sales_analysis_list", {
    ...listView,
    Controller: SalesAnalysisListController,
});
