// Copyright 2026 sale_customer_care contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
//
// The "Periods" button of the Sales Analysis views (pivot, graph, list): opens
// the periods dialog on the periods shown (the run named in the action's
// context).

import { Component } from "@odoo/owl";
import { useService } from "@web/core/utils/hooks";

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
