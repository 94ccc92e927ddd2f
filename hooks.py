# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def post_init_hook(env):
    """Customers that already have a salesperson get them as account manager
    (care layer 1), so Odoo's salesperson and the care team agree from day one."""
    partners = env["res.partner"].search(
        [("user_id", "!=", False), "|", ("is_company", "=", True), ("parent_id", "=", False)]
    )
    partners._care_sync_account_manager(strict=False)
