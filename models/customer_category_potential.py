# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Market size of a customer per product category (seed 000 C: "assign
salespeople to survey the customer's ability to consume, per product line").

A manager requests a survey (from the whitespace or the customer): a potential
to fill and a To-Do activity for the salesperson, with a deadline.  The
salesperson records the estimated yearly potential and marks it surveyed.
Share of wallet = our 12-month revenue of the category (the books, through
``sale.care.figures``) / the potential."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

POTENTIAL_STATES = [("requested", "To Survey"), ("surveyed", "Surveyed")]
# Set by the request (managers) and by "Mark Surveyed": never written directly
# by a salesperson, whatever the client sends.
MANAGER_FIELDS = {"partner_id", "categ_id", "company_id", "user_id", "date_deadline"}
WORKFLOW_FIELDS = {"state", "surveyed_by_id"}
SURVEY_DEADLINE_DAYS = 14


class CustomerCategoryPotential(models.Model):
    _name = "customer.category.potential"
    _description = "Customer Market Potential per Category"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state, date_deadline, id desc"
    _check_company_auto = True

    _unique_partner_categ = models.Constraint(
        "UNIQUE (partner_id, categ_id, company_id)",
        "A customer has one market potential per product category: open the existing one.",
    )
    _potential_positive = models.Constraint(
        "CHECK (potential_amount >= 0)",
        "An estimated yearly potential cannot be negative.",
    )

    state = fields.Selection(
        POTENTIAL_STATES,
        default="requested",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    potential_amount = fields.Monetary(
        string="Estimated Yearly Potential",
        tracking=True,
        help="What the customer buys of this category in a year, from us and from others: "
        "its capacity, as surveyed.",
    )
    date_deadline = fields.Date(
        string="Survey Deadline",
        tracking=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=SURVEY_DEADLINE_DAYS),
    )
    survey_date = fields.Date(tracking=True, help="The day the survey was made.")
    note = fields.Text(help="How the potential was estimated: who said what, volumes, projects.")
    revenue_12m = fields.Monetary(
        string="Revenue (12 months)",
        compute="_compute_share_of_wallet",
        help="Our invoiced revenue of the category with the customer over the last 12 months.",
    )
    share_of_wallet = fields.Float(
        string="Share of Wallet",
        compute="_compute_share_of_wallet",
        help="Our 12-month revenue of the category divided by the customer's yearly potential "
        "(empty while no potential is known).",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        tracking=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
    )
    categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    tier_id = fields.Many2one(related="partner_id.customer_tier_id", string="Tier")
    user_id = fields.Many2one(
        "res.users",
        string="Surveyor",
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        help="The salesperson asked to survey the customer.",
    )
    surveyed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.depends("partner_id", "categ_id", "potential_amount")
    @api.depends_context("date")
    def _compute_share_of_wallet(self):
        """Revenue per customer and category from the books: one grouped
        statement per company, whatever the number of potentials."""
        figures = self.env["sale.care.figures"]
        today = fields.Date.context_today(self)
        date_from = self.env["res.partner"]._care_12m_start(today)
        revenue = {}
        for company, potentials in self.grouped("company_id").items():
            partners = potentials.partner_id.commercial_partner_id
            if not (company and partners):
                continue
            for row in figures.get_invoiced_revenue(
                partners, date_from, today, ("partner", "category"), company
            ):
                revenue[company.id, row["partner"], row["category"]] = row["revenue"]
        for potential in self:
            amount = revenue.get(
                (
                    potential.company_id.id,
                    potential.partner_id.commercial_partner_id.id,
                    potential.categ_id.id,
                ),
                0.0,
            )
            potential.revenue_12m = amount
            potential.share_of_wallet = (
                amount / potential.potential_amount if potential.potential_amount > 0 else 0.0
            )

    @api.depends("partner_id", "categ_id")
    def _compute_display_name(self):
        for potential in self:
            potential.display_name = " – ".join(
                name for name in (potential.partner_id.name, potential.categ_id.name) if name
            )

    @api.constrains("partner_id")
    def _check_partner_commercial(self):
        for potential in self:
            if potential.partner_id and potential.partner_id.commercial_partner_id != (
                potential.partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "Record the market potential on the company %(company)s, not on its "
                        "contact %(contact)s.",
                        company=potential.partner_id.commercial_partner_id.display_name,
                        contact=potential.partner_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_potential_amount(vals)
            if vals.get("user_id", self.env.uid) != self.env.uid or WORKFLOW_FIELDS & vals.keys():
                self._check_manager()
        potentials = super().create(vals_list)
        potentials._link_whitespace()
        return potentials

    def write(self, vals):
        self._check_potential_amount(vals)
        if (MANAGER_FIELDS | WORKFLOW_FIELDS) & vals.keys():
            self._check_manager()
        return super().write(vals)

    @api.model
    def _check_potential_amount(self, vals):
        """A sentence before the database's own check refuses it."""
        if (vals.get("potential_amount") or 0.0) < 0:
            raise ValidationError(
                self.env._(
                    "The estimated yearly potential is what the customer buys in a year: it "
                    "cannot be negative."
                )
            )

    def action_mark_surveyed(self):
        """The surveyor (or a manager) recorded the potential: the survey is
        done, its To-Do activities with it."""
        self.check_access("write")
        today = fields.Date.context_today(self)
        for potential in self:
            # the workflow fields: the caller may write the potential (checked above)
            potential.sudo().write(
                {
                    "state": "surveyed",
                    "surveyed_by_id": self.env.user.id,
                    "survey_date": potential.survey_date or today,
                }
            )
        todo = self.env.ref("mail.mail_activity_data_todo")
        self.activity_ids.filtered(lambda a: a.activity_type_id == todo).action_feedback(
            feedback=self.env._("Surveyed.")
        )
        return True

    # ------------------------------------------------------------------
    # Requesting surveys (the wizard's one method)
    # ------------------------------------------------------------------
    @api.model
    def _request_surveys(self, partner, categories, user, date_deadline, note=None):
        """A survey of ``partner``'s capacity in each of ``categories`` by
        ``user`` before ``date_deadline``: the potentials to fill (existing
        ones asked again) and a To-Do activity on each for ``user``.

        :return: the potentials
        """
        self._check_manager()
        if not user.has_group("sales_team.group_sale_salesman"):
            raise ValidationError(
                self.env._(
                    "%(user)s has no Sales rights: ask a salesperson to survey %(customer)s.",
                    user=user.name,
                    customer=partner.display_name,
                )
            )
        partner = partner.commercial_partner_id
        company = self.env.company
        existing = self.search(
            [
                ("partner_id", "=", partner.id),
                ("categ_id", "in", categories.ids),
                ("company_id", "=", company.id),
            ]
        )
        vals = {"user_id": user.id, "date_deadline": date_deadline, "state": "requested"}
        existing.write(vals)
        potentials = existing | self.create(
            [
                dict(vals, partner_id=partner.id, categ_id=categ.id, company_id=company.id)
                for categ in categories - existing.categ_id
            ]
        )
        potentials.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=date_deadline,
            summary=self.env._("Survey the market size"),
            note=note or "",
            user_id=user.id,
        )
        return potentials

    def _link_whitespace(self):
        """Link the whitespace rows of each potential's customer and category
        to it (the snapshot is written by the evaluation only)."""
        rows = (
            self.env["customer.whitespace"]
            .sudo()
            .search(
                Domain.OR(
                    Domain(
                        [
                            ("partner_id", "=", potential.partner_id.id),
                            ("categ_id", "=", potential.categ_id.id),
                            ("company_id", "=", potential.company_id.id),
                        ]
                    )
                    for potential in self
                )
            )
        )
        by_key = {(p.partner_id.id, p.categ_id.id, p.company_id.id): p for p in self}
        for potential, linked in rows.grouped(
            lambda row: by_key[row.partner_id.id, row.categ_id.id, row.company_id.id]
        ).items():
            linked.potential_id = potential

    @api.model
    def _check_manager(self):
        self.env["res.users"]._care_require_manager(
            self.env._(
                "Only a sales manager requests market surveys, chooses who surveys and when; "
                "the surveyor records the potential and marks it surveyed."
            )
        )
