# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo of the customers at risk: five customers whose books tell the story
of the feature, on top of the forty of ``care_demo.py`` (whose own history
raises its signals too: the dormant ones stopped, a falling VIP category).

* two monthly buyers silent for seven and eight weeks: late (one assigned to
  its account manager with a Call, the other still to assign);
* a customer that has not bought its safety equipment for five months:
  stopped, a To-Do for its account manager;
* a monthly buyer that was late three weeks ago, was called by its account
  manager, and bought again last week: recovered, with the revenue back;
* a seasonal greenhouse late on its tools: dismissed by the team leader with
  the reason heard at the visit.

The daily check runs as of three weeks ago, then today (both at the end of
the generation, after every invoice is posted), so the screens have data.
"""

from datetime import timedelta

from odoo import Command, api, fields, models

MODULE = "sale_customer_care"
RAISED_DAYS_AGO = 20

# key, name, city, country, salesperson, category, every (days), first and last
# purchase (days ago), amount, then the purchase that came back (days ago) if any
RISK_CUSTOMERS = [
    (
        "long_an_water",
        "Long An Water Treatment JSC",
        "Tan An",
        "vn",
        "bao",
        "pipes",
        30,
        700,
        52,
        3200,
        None,
    ),
    (
        "tatabanya_vizmu",
        "Tatabányai Vízműszolgáltató Zrt.",
        "Tatabánya",
        "hu",
        "anna",
        "pumps",
        28,
        690,
        49,
        4100,
        None,
    ),
    (
        "rostock_hafen",
        "Rostocker Hafenservice und Schiffsausrüstung GmbH",
        "Rostock",
        "de",
        "csaba",
        "safety",
        21,
        720,
        150,
        1800,
        None,
    ),
    (
        "ben_tre_coconut",
        "Ben Tre Coconut Processing Co., Ltd.",
        "Ben Tre",
        "vn",
        "bao",
        "electrical",
        30,
        700,
        75,
        2600,
        8,
    ),
    (
        "godollo_kerteszet",
        "Gödöllői Kertészeti és Öntözéstechnikai Kft.",
        "Gödöllő",
        "hu",
        "anna",
        "tools",
        35,
        710,
        70,
        1500,
        None,
    ),
]


class SaleCareDemo(models.AbstractModel):
    _inherit = "sale.care.demo"

    @api.model
    def _generate_risk(self):
        """The customers at risk and what people did about them (once)."""
        if self.env.ref(f"{MODULE}.demo_customer_long_an_water", raise_if_not_found=False):
            return False
        company = self.env.ref("base.main_company")
        demo = self._demo_env(company)
        today = fields.Date.context_today(demo)
        customers = demo._demo_risk_customers()
        demo._demo_risk_invoices(customers, company, today)
        self.env["customer.care.evaluation"]._evaluate_partners(
            self.env["res.partner"].browse([c.id for c in customers.values()]), company
        )
        Signal = self.env["customer.risk.signal"].with_company(company)
        # three weeks ago the check found Ben Tre late: its account manager called
        Signal._update_signals(company, today - timedelta(days=RAISED_DAYS_AGO))
        self._demo_risk_called(customers["ben_tre_coconut"], today)
        # today's check (the cron's): Ben Tre bought again, the others are late or stopped
        Signal._update_signals(company)
        self._demo_risk_actions(customers, today)
        return True

    @api.model
    def _demo_risk_customers(self):
        Partner = self.env["res.partner"]
        vals_list = []
        for key, name, city, country, salesperson, *_rest in RISK_CUSTOMERS:
            domain = key.replace("_", "-") + ".example.com"
            vals_list.append(
                {
                    "name": name,
                    "is_company": True,
                    "city": city,
                    "country_id": self.env.ref(f"base.{country}").id,
                    "email": f"info@{domain}",
                    "user_id": self._demo_ref(f"demo_user_{salesperson}").id,
                }
            )
        partners = Partner.create(vals_list)
        # their account managers cared for them from the first purchase
        partners.care_history_ids.date_start = fields.Date.context_today(self) - timedelta(days=730)
        self.env["ir.model.data"]._update_xmlids(
            [
                {"xml_id": f"{MODULE}.demo_customer_{spec[0]}", "record": partner, "noupdate": True}
                for spec, partner in zip(RISK_CUSTOMERS, partners, strict=True)
            ]
        )
        return {spec[0]: partner for spec, partner in zip(RISK_CUSTOMERS, partners, strict=True)}

    @api.model
    def _demo_risk_invoices(self, customers, company, today):
        """One invoice of the customer's category every ``every`` days."""
        vals_list = []
        for (
            key,
            _name,
            _city,
            _c,
            person,
            categ,
            every,
            first,
            last,
            amount,
            back,
        ) in RISK_CUSTOMERS:
            product = self.env["product.product"].search(
                [("categ_id", "=", self._demo_ref(f"demo_categ_{categ}").id)],
                order="list_price desc",
                limit=1,
            )
            days = list(range(first, last - 1, -every))
            if days[-1] != last:
                days.append(last)
            if back:
                days.append(back)
            for index, days_ago in enumerate(days):
                # amounts vary a little around the customer's usual order
                price = amount * (0.9 + 0.1 * (index % 3))
                quantity = max(1, round(price / product.list_price))
                vals_list.append(
                    {
                        "move_type": "out_invoice",
                        "partner_id": customers[key].id,
                        "invoice_user_id": self._demo_ref(f"demo_user_{person}").id,
                        "team_id": self._demo_ref("demo_team_distribution").id,
                        "company_id": company.id,
                        "invoice_date": self._demo_workday(today - timedelta(days=days_ago)),
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "quantity": quantity,
                                    "price_unit": product.list_price,
                                }
                            )
                        ],
                    }
                )
        vals_list.sort(key=lambda vals: vals["invoice_date"])
        moves = self.env["account.move"].with_company(company).create(vals_list)
        moves.action_post()

    @api.model
    def _demo_risk_env(self, login_xmlid):
        """As a person of the demo would click, with the chatter on."""
        user = self._demo_ref(login_xmlid)
        company = self.env.ref("base.main_company")
        return self.env(user=user, context={"tracking_disable": False}, su=False)[
            "customer.risk.signal"
        ].with_company(company)

    @api.model
    def _demo_risk_called(self, partner, today):
        """The manager assigned Ben Tre's late signal to Bảo, who called."""
        signal = self._demo_risk_env("demo_user_manager").search(
            [("partner_id", "=", partner.id), ("state", "=", "open")]
        )
        activity = signal._assign_activities(
            "call", today - timedelta(days=RAISED_DAYS_AGO - 2), "Ask why the orders stopped."
        )
        bao = self._demo_ref("demo_user_bao")
        activity.with_user(bao).action_feedback(
            feedback="They changed their maintenance contractor; new order coming next week."
        )
        signal.sudo().write(
            {
                "date_assigned": today - timedelta(days=RAISED_DAYS_AGO),
                "date_acted": today - timedelta(days=RAISED_DAYS_AGO - 3),
            }
        )

    @api.model
    def _demo_risk_actions(self, customers, today):
        """Today: the manager assigns a late and the stopped customer, the
        team leader dismisses the seasonal one; Tatabánya is still to do."""
        as_manager = self._demo_risk_env("demo_user_manager")
        for key, kind, note in (
            ("long_an_water", "call", "They usually order pipes every month: call the buyer."),
            (
                "rostock_hafen",
                "todo",
                "Five months without safety equipment: find out who supplies them now.",
            ),
        ):
            signals = as_manager.search(
                [("partner_id", "=", customers[key].id), ("state", "=", "open")]
            )
            signals._assign_activities(kind, today + timedelta(days=2), note)
        as_leader = self._demo_risk_env("demo_user_lead")
        as_leader.search(
            [("partner_id", "=", customers["godollo_kerteszet"].id), ("state", "=", "open")]
        )._dismiss(
            "Their greenhouses were rebuilt after the summer storm; they order tools again "
            "in March (told us at the visit)."
        )
