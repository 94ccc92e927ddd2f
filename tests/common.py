# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The world of the tests: a fresh company with a chart of accounts (from
Odoo's accounting test base, so demo data never leaks into the figures), the
roles of a sales organisation, products in two categories, and helpers that
post real invoices and confirm real orders."""

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class CustomerCareCommon(AccountTestInvoicingCommon):
    @classmethod
    def get_default_groups(cls):
        # the test environment's user sets up data as a sales administrator
        return super().get_default_groups() | cls.quick_ref("sales_team.group_sale_manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.today = fields.Date.context_today(cls.env.user)
        cls.evaluation = cls.env["customer.care.evaluation"]
        cls.figures = cls.env["sale.care.figures"]

        company_vals = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.salesman = new_test_user(
            cls.env,
            "care_salesman",
            "sales_team.group_sale_salesman",
            name="Sam Salesman",
            **company_vals,
        )
        cls.salesman_2 = new_test_user(
            cls.env,
            "care_salesman_2",
            "sales_team.group_sale_salesman",
            name="Sue Salesman",
            **company_vals,
        )
        cls.team_leader = new_test_user(
            cls.env,
            "care_leader",
            "sales_team.group_sale_salesman_all_leads",
            name="Lea Leader",
            **company_vals,
        )
        cls.manager = new_test_user(
            cls.env,
            "care_manager",
            "sales_team.group_sale_manager",
            name="Max Manager",
            **company_vals,
        )

        cls.categ_pumps = cls.env["product.category"].create({"name": "Pumps"})
        cls.categ_pipes = cls.env["product.category"].create({"name": "Pipes"})
        for categ in cls.categ_pumps | cls.categ_pipes:
            categ.with_company(cls.company).write(
                {
                    "property_account_income_categ_id": cls.company_data[
                        "default_account_revenue"
                    ].id,
                }
            )
        cls.pump = cls._create_product(
            name="Pump P-100",
            categ_id=cls.categ_pumps.id,
            list_price=100.0,
            is_storable=True,
            taxes_id=[Command.set(cls.tax_sale_a.ids)],
        )
        cls.pipe = cls._create_product(
            name="Pipe 2m",
            categ_id=cls.categ_pipes.id,
            list_price=10.0,
            is_storable=True,
            taxes_id=[Command.set(cls.tax_sale_a.ids)],
        )

        cls.tier_vip = cls.env.ref("sale_customer_care.customer_tier_vip")
        cls.tier_a = cls.env.ref("sale_customer_care.customer_tier_a")
        cls.tier_b = cls.env.ref("sale_customer_care.customer_tier_b")
        cls.tier_c = cls.env.ref("sale_customer_care.customer_tier_c")
        cls.tier_d = cls.env.ref("sale_customer_care.customer_tier_d")

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @classmethod
    def _customer(cls, name, **vals):
        return cls.env["res.partner"].create(
            {"name": name, "is_company": True, "company_id": cls.company.id, **vals}
        )

    @classmethod
    def _days_ago(cls, days):
        return cls.today - relativedelta(days=days)

    @classmethod
    def _invoice(
        cls,
        partner,
        amount,
        date=None,
        refund=False,
        post=True,
        product=None,
        user=None,
        quantity=1.0,
    ):
        """A customer invoice (or credit note) of ``amount`` untaxed, posted."""
        move = cls.env["account.move"].create(
            {
                "move_type": "out_refund" if refund else "out_invoice",
                "partner_id": partner.id,
                "invoice_date": date or cls.today,
                "invoice_user_id": (user or cls.salesman).id,
                "company_id": cls.company.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": (product or cls.pump).id,
                            "quantity": quantity,
                            "price_unit": amount / quantity,
                        }
                    )
                ],
            }
        )
        if post:
            move.action_post()
        return move

    @classmethod
    def _invoices(cls, partner, count, amount, first_days_ago, step_days=7, **kwargs):
        """``count`` invoices of ``amount`` each, one every ``step_days``."""
        return cls.env["account.move"].concat(
            *[
                cls._invoice(
                    partner, amount, cls._days_ago(first_days_ago - i * step_days), **kwargs
                )
                for i in range(count)
            ]
        )

    @classmethod
    def _order(cls, partner, product=None, quantity=1.0, confirm=True, user=None):
        order = (
            cls.env["sale.order"]
            .with_user(user or cls.salesman)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": cls.company.id,
                    "order_line": [
                        Command.create(
                            {"product_id": (product or cls.pump).id, "product_uom_qty": quantity}
                        )
                    ],
                }
            )
        )
        if confirm:
            order.action_confirm()
        return order

    def _deliver(self, order):
        """Validate the order's delivery with the ordered quantities."""
        for picking in order.picking_ids:
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            picking.move_ids.picked = True
            picking.button_validate()
        return order.picking_ids

    def _evaluate(self, partners=None):
        if partners is None:
            return self.evaluation._evaluate_all()
        return self.evaluation._evaluate_partners(partners)
