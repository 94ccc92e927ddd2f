// Copyright 2026 sale_customer_care contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A team leader runs the Friday planning meeting (seed 002): opens it from
// Sales › Customer Care › Sales Meetings, starts it, ticks an issue solved, adds a
// new one, then closes the meeting and goes on to the next one, which has
// taken the open issues over.
registry.category("web_tour.tours").add("sale_customer_care_weekly_meeting", {
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
            content: "open the meetings",
            trigger:
                ".o-dropdown--menu [data-menu-xmlid='sale_customer_care.menu_sale_care_meeting']",
            run: "click",
        },
        {
            content: "the meetings open in the calendar",
            trigger: ".o_calendar_view",
        },
        {
            content: "switch to the list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "open the planned weekly meeting",
            trigger:
                ".o_list_view .o_data_row:contains('Weekly Planning'):contains('Planned') .o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "start the meeting",
            trigger: ".o_form_view button[name=action_start]",
            run: "click",
        },
        {
            content: "the meeting is in progress",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='in_progress']",
        },
        {
            content: "the agenda shows plan against achieved",
            trigger: ".o_field_widget[name=agenda_html]:contains('Plan against achieved')",
        },
        {
            content: "open the issue list",
            trigger: ".o_notebook .nav-link[name=issues]",
            run: "click",
        },
        {
            content: "the seals were carried over, overdue",
            trigger:
                ".o_field_widget[name=issue_ids] .o_data_row.text-danger:contains('Spare seals')",
        },
        {
            content: "tick the seals solved",
            trigger:
                ".o_field_widget[name=issue_ids] .o_data_row:contains('Spare seals') button[name=action_solve]",
            run: "click",
        },
        {
            content: "say how",
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit The 40 sets are on site since Wednesday",
        },
        {
            content: "confirm",
            trigger: ".modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "the seals are solved",
            trigger:
                ".o_field_widget[name=issue_ids] .o_data_row:contains('Spare seals'):contains('Solved')",
        },
        {
            content: "add an issue",
            trigger: ".o_field_widget[name=issue_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "what stands in the way",
            trigger:
                ".o_field_widget[name=issue_ids] .o_selected_row .o_field_widget[name=name] input",
            run: "edit Catalogue of the new pump range missing",
        },
        {
            content: "who solves it",
            trigger:
                ".o_field_widget[name=issue_ids] .o_selected_row .o_field_widget[name=user_id] input",
            run: "edit Anna",
        },
        {
            content: "Anna",
            trigger: ".o-autocomplete--dropdown-item:contains('Anna Szabó')",
            run: "click",
        },
        {
            content: "close the meeting (saving it) and go on to the next one",
            trigger: ".o_form_view button[name=action_next_meeting]",
            run: "click",
        },
        {
            content: "the next meeting is planned",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='planned']",
        },
        {
            content: "open its issue list",
            trigger: ".o_notebook .nav-link[name=issues]",
            run: "click",
        },
        {
            content: "the new issue was taken over",
            trigger:
                ".o_field_widget[name=issue_ids] .o_data_row:contains('Catalogue of the new pump range missing')",
        },
    ],
});
