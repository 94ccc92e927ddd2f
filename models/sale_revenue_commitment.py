# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Framework agreements in which a customer commits to a revenue over a
period ("hợp đồng nguyên tắc cam kết doanh số"), with their progress from the
books."""

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class SaleRevenueCommitment(models.Model):
    _name = "sale.revenue.commitment"
    _description = "Revenue Commitment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, tracking=True, default=lambda self: self.env._("New")
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    date_start = fields.Date(string="Start", required=True, tracking=True)
    date_end = fields.Date(string="End", required=True, tracking=True)
    amount = fields.Monetary(string="Committed Revenue", required=True, tracking=True)
    invoiced_amount = fields.Monetary(
        string="Invoiced",
        compute="_compute_progress",
        help="Posted invoices minus credit notes of the customer within the period, untaxed, "
        "for the covered product categories (and their subcategories) if any.",
    )
    progress = fields.Float(string="Progress (%)", compute="_compute_progress")
    remaining_amount = fields.Monetary(string="Still Expected", compute="_compute_progress")
    remaining_months = fields.Integer(compute="_compute_progress")
    expected_per_month = fields.Monetary(
        string="Expected per Remaining Month", compute="_compute_progress"
    )
    note = fields.Html()
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        index=True,
        tracking=True,
        compute="_compute_user_id",
        store=True,
        readonly=False,
        domain="[('share', '=', False)]",
    )
    categ_ids = fields.Many2many(
        "product.category",
        "sale_revenue_commitment_categ_rel",
        "commitment_id",
        "categ_id",
        string="Product Categories",
        help="Leave empty when the commitment covers everything the customer buys.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.depends("partner_id")
    def _compute_user_id(self):
        for commitment in self.filtered(lambda c: c.partner_id and not c.user_id):
            commitment.user_id = commitment.partner_id._care_account_manager() or self.env.user

    @api.depends("amount", "date_start", "date_end", "categ_ids", "partner_id")
    @api.depends_context("date")
    def _compute_progress(self):
        invoiced = self.env["sale.care.figures"].get_commitment_revenue(self.filtered("id"))
        today = fields.Date.context_today(self)
        for commitment in self:
            amount = invoiced.get(commitment.id, 0.0)
            remaining = max(commitment.amount - amount, 0.0)
            months = commitment._months_left(today)
            commitment.invoiced_amount = amount
            commitment.progress = 100.0 * amount / commitment.amount if commitment.amount else 0.0
            commitment.remaining_amount = remaining
            commitment.remaining_months = months
            commitment.expected_per_month = remaining / months if months else 0.0

    @api.constrains("amount", "date_start", "date_end")
    def _check_values(self):
        for commitment in self:
            if commitment.amount <= 0:
                raise ValidationError(
                    self.env._("A revenue commitment needs a committed amount above zero.")
                )
            if commitment.date_end < commitment.date_start:
                raise ValidationError(
                    self.env._(
                        "The commitment of %(customer)s cannot end before it starts.",
                        customer=commitment.partner_id.display_name,
                    )
                )

    @api.constrains("state", "partner_id", "date_start", "date_end", "categ_ids")
    def _check_overlap(self):
        for commitment in self.filtered(lambda c: c.state == "active"):
            others = self.search(
                [
                    ("id", "!=", commitment.id),
                    ("state", "=", "active"),
                    ("partner_id", "=", commitment.partner_id.id),
                    ("date_start", "<=", commitment.date_end),
                    ("date_end", ">=", commitment.date_start),
                ]
            )
            if others.filtered(lambda o, c=commitment: o.categ_ids == c.categ_ids):
                raise ValidationError(
                    self.env._(
                        "%(customer)s already has an active commitment for these product "
                        "categories in that period: close it or change the dates.",
                        customer=commitment.partner_id.display_name,
                    )
                )

    def write(self, vals):
        if "state" in vals and (
            vals["state"] == "cancelled" or "cancelled" in self.mapped("state")
        ):
            # a state written, not a record: no record rule can say it
            self.env["res.users"]._care_require_manager(
                self.env._("Only a sales manager can cancel a commitment or take it back.")
            )
        return super().write(vals)

    def action_activate(self):
        if self.filtered(lambda c: c.state != "draft"):
            raise UserError(self.env._("Only draft commitments can be activated."))
        self.write({"state": "active"})

    def action_close(self):
        if self.filtered(lambda c: c.state != "active"):
            raise UserError(self.env._("Only active commitments can be closed."))
        self.write({"state": "closed"})

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def action_draft(self):
        self.filtered(lambda c: c.state == "cancelled").write({"state": "draft"})

    @api.model
    def _monthly_share_by_partner(self, partner_ids, month, company):
        """``{partner_id: amount}``: for each customer, the sum over its active
        commitments running in ``month`` (its first day) of the committed
        amount spread evenly over the commitment's calendar months."""
        commitments = self.sudo().search(
            [
                ("partner_id", "in", partner_ids),
                ("company_id", "=", company.id),
                ("state", "=", "active"),
                ("date_start", "<=", month + relativedelta(day=31)),
                ("date_end", ">=", month),
            ]
        )
        shares = defaultdict(float)
        for commitment in commitments:
            shares[commitment.partner_id.id] += commitment.amount / commitment._months_count()
        return dict(shares)

    def _months_count(self):
        """Calendar months the period touches."""
        self.ensure_one()
        return (
            (self.date_end.year - self.date_start.year) * 12
            + self.date_end.month
            - self.date_start.month
            + 1
        )

    def _months_left(self, today):
        """Calendar months of the period from this month on (0 once ended)."""
        self.ensure_one()
        if not self.date_end or today > self.date_end:
            return 0
        start = max(today, self.date_start) if self.date_start else today
        return max(
            (self.date_end.year - start.year) * 12 + self.date_end.month - start.month + 1, 0
        )
