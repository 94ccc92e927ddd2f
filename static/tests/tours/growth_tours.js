// Copyright 2026 sale_customer_care contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

/** Sales › Customer Care › <menu>, clicked as a user does. */
function openCareMenu(menuXmlid) {
    return [
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
            content: `open ${menuXmlid}`,
            trigger: `.o-dropdown--menu [data-menu-xmlid='sale_customer_care.${menuXmlid}']`,
            run: "click",
        },
    ];
}

// A manager sends the account manager of a top customer to survey its
// capacity in a whitespace category, from the Whitespace list.
registry.category("web_tour.tours").add("sale_customer_care_request_survey", {
    url: "/odoo",
    steps: () => [
        ...openCareMenu("menu_customer_whitespace"),
        {
            content: "the whitespace is grouped by customer: open the top customer's",
            trigger: ".o_list_view .o_group_header:contains('Hanoi Industrial Park')",
            run: "click",
        },
        {
            content: "request a survey of the category",
            trigger:
                ".o_data_row:contains('Pipes & Fittings') button[name=action_request_survey]",
            run: "click",
        },
        {
            content: "the account manager is proposed as surveyor",
            trigger: ".modal .o_field_widget[name=user_id] input:value(Phạm Thị Dung)",
        },
        {
            content: "tell them what to find out",
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit Yearly pipe consumption and current suppliers",
        },
        {
            content: "request the survey",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "the manager is told who has the To-Do",
            trigger: ".o_notification:contains('has a To-Do to survey')",
        },
    ],
});

// The surveyor records the customer's yearly potential and marks it surveyed.
registry.category("web_tour.tours").add("sale_customer_care_fill_survey", {
    url: "/odoo",
    steps: () => [
        ...openCareMenu("menu_customer_category_potential"),
        {
            content: "open the survey to do",
            trigger: ".o_data_row:contains('Hanoi Industrial Park') td[name=partner_id]",
            run: "click",
        },
        {
            content: "record the yearly potential",
            trigger: ".o_form_view .o_field_widget[name=potential_amount] input",
            run: "edit 90000",
        },
        {
            content: "mark it surveyed",
            trigger: ".o_form_view button[name=action_mark_surveyed]",
            run: "click",
        },
        {
            content: "the survey is done",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='surveyed']",
        },
    ],
});
