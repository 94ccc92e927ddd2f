// Copyright 2026 sale_customer_care contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

/** Sales › Customer Care › <menu>, clicked as a user does. */
function openCareMenu(menuXmlid) {
    return [
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

function openSales() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "open Sales",
            trigger: ".o_app[data-menu-xmlid='sale.sale_menu_root']",
            run: "click",
        },
    ];
}

// A salesperson's month: a new plan (for the first month not planned yet),
// its lines proposed, its activities scheduled, then submitted.
registry.category("web_tour.tours").add("sale_customer_care_salesperson_month", {
    url: "/odoo",
    steps: () => [
        ...openSales(),
        ...openCareMenu("menu_sale_monthly_plan"),
        {
            content: "the plans are listed",
            trigger: ".o_breadcrumb:contains('Monthly Plans')",
        },
        {
            content: "create a plan",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            content: "the month is a month picker",
            trigger: ".o_form_view .o_field_widget[name=date] .o_input",
            run: "click",
        },
        {
            content: "it shows months, not days",
            trigger: ".o_datetime_picker .o_date_item_cell:contains('Jan')",
        },
        {
            content: "close the picker, keeping the proposed month",
            trigger: ".o_form_view .oe_title",
            run: "click",
        },
        {
            content: "propose the lines",
            trigger: ".o_form_view button[name=action_propose_lines].btn-primary",
            run: "click",
        },
        {
            content: "the customers are proposed",
            trigger: ".o_field_widget[name=line_ids] .o_data_row",
        },
        {
            content: "schedule the activities",
            trigger: ".o_form_view button[name=action_schedule_activities]",
            run: "click",
        },
        {
            content: "the salesperson is told how many activities were scheduled",
            trigger: ".o_notification:contains('activities scheduled')",
        },
        {
            content: "submit the plan",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "the plan is submitted",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='submitted']",
        },
    ],
});

// A team leader approves a submitted plan of the team, then prints the
// team's meeting report from Sales › Customer Care › Meeting Report.
registry.category("web_tour.tours").add("sale_customer_care_leader_approval", {
    url: "/odoo",
    steps: () => [
        ...openSales(),
        ...openCareMenu("menu_sale_monthly_plan"),
        {
            content: "open the submitted plan",
            trigger:
                ".o_list_view .o_data_row:contains('Nguyễn Gia Bảo'):contains('Submitted') .o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "approve it",
            trigger: ".o_form_view button[name=action_approve]",
            run: "click",
        },
        {
            content: "the plan is approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='approved']",
        },
        ...openCareMenu("menu_sale_care_meeting_report"),
        {
            content: "the meeting report wizard opens",
            trigger: ".modal .modal-title:contains('Meeting Report')",
        },
        {
            content: "the wizard proposes the leader's team",
            trigger: ".modal .o_field_widget[name=team_id] input:value(Distribution)",
            run() {
                // the PDF itself is wkhtmltopdf's business: record the report
                // action the client receives instead of rendering it
                registry
                    .category("ir.actions.report handlers")
                    .add("sale_customer_care_tour", async (action) => {
                        document.body.dataset.careReport = action.report_name;
                        return true;
                    });
            },
        },
        {
            content: "print",
            trigger: ".modal button[name=action_print]",
            run: "click",
        },
        {
            content: "the meeting report is printed",
            trigger: "body[data-care-report='sale_customer_care.report_sale_care_meeting']",
        },
    ],
});

// A sales manager hands a leaving salesperson's customers over to a
// colleague: the preview lists what moves, the form refuses a handover date
// before the leaver's care started while it is filled in, and Hand Over moves
// everything and opens the log.
registry.category("web_tour.tours").add("sale_customer_care_handover", {
    url: "/odoo",
    steps: () => [
        ...openSales(),
        ...openCareMenu("menu_customer_care_handover"),
        {
            content: "the handover wizard opens",
            trigger: ".modal .o_field_widget[name=from_user_id] input",
            run: "edit Csaba",
        },
        {
            content: "pick the leaving salesperson",
            trigger: ".o-autocomplete--dropdown-item:contains('Csaba Tóth')",
            run: "click",
        },
        {
            content: "choose who takes over",
            trigger: ".modal .o_field_widget[name=to_user_id] input",
            run: "edit Dung",
        },
        {
            content: "pick the successor",
            trigger: ".o-autocomplete--dropdown-item:contains('Phạm Thị Dung')",
            run: "click",
        },
        {
            content: "the preview lists the customers and records that move",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row",
        },
        {
            content: "nothing blocks the handover",
            trigger: ".modal:not(:has(.alert-warning:visible)) button[name=action_confirm]",
        },
        {
            content: "hand over",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "confirm that everything moves now",
            trigger: ".modal .modal-footer .btn-primary:contains('Ok')",
            run: "click",
        },
        {
            content: "the handover log opens",
            trigger: ".o_form_view .o_field_widget[name=from_user_id]:contains('Csaba Tóth')",
        },
    ],
});
