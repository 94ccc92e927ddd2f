# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class CustomerVipReassignment(models.Model):
    """Log of a VIP customer given to another interviewer, and why (for
    instance: the assigned person keeps others away from the customer)."""

    _name = "customer.vip.reassignment"
    _description = "VIP Member Reassignment"
    _order = "create_date desc, id desc"

    reason = fields.Text(required=True, readonly=True)
    member_id = fields.Many2one(
        "customer.vip.member", required=True, index=True, ondelete="cascade", readonly=True
    )
    programme_id = fields.Many2one(related="member_id.programme_id", store=True)
    partner_id = fields.Many2one(related="member_id.partner_id", store=True, string="Customer")
    old_user_id = fields.Many2one("res.users", string="From", readonly=True)
    new_user_id = fields.Many2one("res.users", string="To", required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Reassigned By", default=lambda self: self.env.user, readonly=True
    )
    company_id = fields.Many2one(related="member_id.company_id", store=True)
