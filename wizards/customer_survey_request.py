# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from odoo import api, fields, models

from ..models.customer_category_potential import SURVEY_DEADLINE_DAYS


class CustomerSurveyRequest(models.TransientModel):
    """A manager sends a salesperson to survey a customer's capacity in some
    product categories (seed 000 C, "market size"), with a deadline."""

    _name = "customer.survey.request"
    _description = "Request a Market Survey"
    _check_company_auto = True

    date_deadline = fields.Date(
        string="Deadline",
        required=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=SURVEY_DEADLINE_DAYS),
    )
    note = fields.Text(
        string="Instructions",
        help="What to find out: volumes, current suppliers, projects coming.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
    )
    categ_ids = fields.Many2many("product.category", string="Product Categories", required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Surveyor",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        required=True,
        check_company=True,
        domain=lambda self: [
            ("share", "=", False),
            ("all_group_ids", "in", self.env.ref("sales_team.group_sale_salesman").ids),
        ],
        help="The customer's account manager by default; any salesperson.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )

    @api.depends("partner_id")
    def _compute_user_id(self):
        for wizard in self:
            partner = wizard.partner_id.commercial_partner_id
            wizard.user_id = partner._care_account_manager() or partner.user_id or wizard.user_id

    def action_confirm(self):
        self.ensure_one()
        self._check_requester()
        potentials = self.env["customer.category.potential"]._request_surveys(
            self.partner_id, self.categ_ids, self.user_id, self.date_deadline, self.note
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(user)s has a To-Do to survey %(customer)s: %(categories)s.",
                    user=self.user_id.name,
                    customer=self.partner_id.display_name,
                    categories=", ".join(potentials.categ_id.mapped("display_name")),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _check_requester(self):
        self.env["res.users"]._care_require_manager(
            self.env._("Only a sales manager can send a salesperson to survey a customer.")
        )

    @api.model
    def _action_open(self, partner, categories):
        """The wizard for ``partner`` and ``categories``."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request a Market Survey"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_partner_id": partner.commercial_partner_id.id,
                "default_categ_ids": [fields.Command.set(categories.ids)],
            },
        }
