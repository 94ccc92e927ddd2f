# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every menu of the addon opens in the real web client, for every role that
sees it: the demo's sales manager, team leader and salesperson log in, click
each of their menus (as the menu bar does) and switch to each view the
action offers; any client error, "Oops!" dialog or failed RPC fails the test,
and so does a customer's name or a column label cut short in a list.  The
Vietnamese and the Hungarian salesperson walk their menus too: labels are
longest in their languages."""

import json

from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

# The demo's logins (password = login), one per role.
ROLES = {
    "care.manager": "sale_customer_care.demo_user_manager",
    "care.lead": "sale_customer_care.demo_user_lead",
    "care.anna": "sale_customer_care.demo_user_anna",
    # salespeople working in Vietnamese and in Hungarian (the demo sets their language)
    "care.bao": "sale_customer_care.demo_user_bao",
    "care.csaba": "sale_customer_care.demo_user_csaba",
}

# Opens each menu through the menu service, like a click in the menu bar,
# then every multi-record view of the action; reports the first failure
# with the menu's name.
CLICK_MENUS_JS = """
(async () => {
    const menus = %(menus)s;
    const env = odoo.__WOWL_DEBUG__.root.env;
    const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
    const describe = (error) => {
        const messages = [];
        for (let cause = error; cause; cause = cause.cause) {
            messages.push((cause.data && cause.data.message) || cause.message || String(cause));
        }
        return messages.join(", caused by: ");
    };
    const checkNoError = (where) => {
        const dialog = document.querySelector(".o_error_dialog");
        if (dialog) {
            throw new Error(`${where}: ${dialog.innerText}`);
        }
        // lists show the customer's name whole, never cut to a few letters
        for (const cell of document.querySelectorAll(
            ".o_list_renderer td.o_data_cell[name=partner_id]"
        )) {
            if (cell.scrollWidth > cell.clientWidth + 1) {
                throw new Error(`${where}: the customer name "${cell.innerText}" is cut`);
            }
        }
        // column labels wrap, never end in "…" (long in Vietnamese and Hungarian)
        for (const label of document.querySelectorAll(
            ".o_list_renderer thead th .text-truncate"
        )) {
            if (label.scrollWidth > label.clientWidth + 1) {
                throw new Error(`${where}: the column label "${label.innerText}" is cut`);
            }
        }
    };
    for (const [menuId, name] of menus) {
        let where = `menu "${name}"`;
        try {
            await env.services.menu.selectMenu(menuId);
            await settle();
            checkNoError(where);
            const controller = env.services.action.currentController;
            const current = controller.view && controller.view.type;
            const types = (controller.views || [])
                .map((view) => view.type)
                .filter((type) => type !== "form" && type !== current);
            for (const type of types) {
                where = `menu "${name}", ${type} view`;
                await env.services.action.switchView(type);
                await settle();
                checkNoError(where);
            }
        } catch (error) {
            console.error(`${where} failed for %(login)s: ${describe(error)}`);
            return;
        }
    }
    console.log("test successful");
})();
"""


@tagged("post_install", "-at_install")
class TestMenus(HttpCase):
    def _addon_menus(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "sale_customer_care"), ("model", "=", "ir.ui.menu")]
        )
        return self.env["ir.ui.menu"].browse(data.mapped("res_id")).filtered("action")

    def test_every_menu_opens_for_every_role(self):
        menus = self._addon_menus()
        self.assertGreater(len(menus), 15, "the addon's menus were not found")
        seen = self.env["ir.ui.menu"]
        for login, xmlid in ROLES.items():
            user = self.env.ref(xmlid)
            user.tour_enabled = False
            visible = menus.filtered(
                lambda m, u=user: m.id in self.env["ir.ui.menu"].with_user(u)._visible_menu_ids()
            )
            self.assertTrue(visible, f"{login} sees none of the addon's menus")
            seen |= visible
            payload = json.dumps([[menu.id, menu.complete_name] for menu in visible])
            with self.subTest(login=login):
                self.browser_js(
                    "/odoo",
                    CLICK_MENUS_JS % {"menus": payload, "login": login},
                    "odoo.isReady === true",
                    login=login,
                    timeout=600,
                )
        self.assertEqual(seen, menus, "a menu of the addon is seen by none of the roles")

    def test_interviewers_are_every_salesperson(self):
        # the menu's domain is evaluated by the web client: no ref() in it
        action = self.env.ref("sale_customer_care.action_res_users_vip_quota")
        interviewers = self.env["res.users"].search(safe_eval(action.domain))
        for xmlid in ROLES.values():
            self.assertIn(self.env.ref(xmlid), interviewers)
        self.assertFalse(interviewers.filtered("share"))
