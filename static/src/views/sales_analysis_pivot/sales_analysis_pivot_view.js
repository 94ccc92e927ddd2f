// Copyright 2026 sale_customer_care contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
//
// The pivot view of the Sales Analysis, with its Periods button (Odoo's pivot
// view is in the lazy bundle: so is this).

import { registry } from "@web/core/registry";
import { PivotController } from "@web/views/pivot/pivot_controller";
import { pivotView } from "@web/views/pivot/pivot_view";
import { SalesAnalysisPeriodsButton } from "@sale_customer_care/views/sales_analysis/sales_analysis_periods_button";

export class SalesAnalysisPivotController extends PivotController {
    static template = "sale_customer_care.SalesAnalysisPivotView";
    static components = { ...PivotController.components, SalesAnalysisPeriodsButton };
}

registry.category("views").add("sale_care_sales_analysis_pivot", {
    ...pivotView,
    Controller: SalesAnalysisPivotController,
});
