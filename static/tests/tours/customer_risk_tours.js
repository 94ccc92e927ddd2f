// Copyright 2026 sale_customer_care contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A manager opens Customers at Risk, picks a late monthly buyer and gives its
// account manager a To-Do with the reason.
registry.category("web_tour.tours").add("sale_customer_care_risk_assign", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "open Sales",
            trigger: ".o_app[data-menu-xmlid='sale.sale_menu_root']",
            run: "click",
        },
        {
            content: "open the Customer Care menu",
            trigger: ".o_menu_sections [data-menu-xmlid='sale_customer_care.menu_customer_care']",
            run: "click",
        },
        {
            content: "open Customers at Risk",
            trigger:
                ".o-dropdown--menu [data-menu-xmlid='sale_customer_care.menu_customer_risk_signal']",
            run: "click",
        },
        {
            content: "open the late monthly buyer",
            trigger: ".o_list_view .o_data_row td.o_data_cell:contains('Tatabányai')",
            run: "click",
        },
        {
            content: "the reason is written out",
            trigger: ".o_form_view .alert:contains('every 28 days')",
        },
        {
            content: "assign an action",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_assign]",
            run: "click",
        },
        {
            content: "a To-Do rather than a call",
            trigger: ".modal .o_field_widget[name=activity_type] input[data-value=todo]",
            run: "click",
        },
        {
            content: "assign it",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "the signal is in progress",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('In Progress')",
        },
    ],
});
