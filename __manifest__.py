# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Sales Customer Care",
    "summary": "Customer tiers, relationship stages and care of B2B customers, "
    "computed from the books",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/sale-customer-care/sale_customer_care",
    "author": "sale_customer_care contributors",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": [
        "account",
        "crm",
        "sale_management",
        "sale_crm",
        "sale_stock",
    ],
    "data": [
        "security/security.xml",
        "security/ir.model.access.csv",
        "data/customer_tier_data.xml",
        "data/ir_cron_data.xml",
        "views/customer_tier_views.xml",
        "views/customer_tier_history_views.xml",
        "views/customer_stage_history_views.xml",
        "views/res_partner_views.xml",
        "views/customer_care_member_views.xml",
        "views/customer_care_handover_log_views.xml",
        "views/crm_lead_views.xml",
        "views/sale_order_views.xml",
        "views/sale_revenue_commitment_views.xml",
        "wizards/customer_care_handover_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "post_init_hook": "post_init_hook",
    "demo": [
        "demo/care_demo_data.xml",
    ],
}
