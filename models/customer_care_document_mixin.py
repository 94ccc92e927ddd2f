# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models


class CustomerCareDocumentMixin(models.AbstractModel):
    """What a customer's opportunities and quotations show of its care: the
    tier and the care team, which follows the document."""

    _name = "customer.care.document.mixin"
    _description = "Customer Care on Sales Documents"

    # computed, not related: the models using the mixin bring partner_id
    care_member_ids = fields.Many2many(
        "customer.care.member",
        string="Care Team",
        compute="_compute_customer_care",
        groups="sales_team.group_sale_salesman",
    )
    customer_tier_id = fields.Many2one(
        "customer.tier",
        compute="_compute_customer_care",
        groups="sales_team.group_sale_salesman",
    )

    def _compute_customer_care(self):
        for record in self:
            customer = record.partner_id.commercial_partner_id
            record.care_member_ids = customer.care_member_ids
            record.customer_tier_id = customer.customer_tier_id

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        # runs inside mail.thread's create, which subscribes the creator next
        # without looking for an existing follower: leave the creator to it
        context = self.env.context
        creator_follows = not (
            context.get("tracking_disable")
            or context.get("mail_create_nosubscribe")
            or self.env.user.share
            or not self.env.user.active
        )
        records._care_subscribe_team(exclude=self.env.user.partner_id if creator_follows else None)
        return records

    def write(self, vals):
        result = super().write(vals)
        if vals.get("partner_id"):
            self._care_subscribe_team()
        return result

    def _care_subscribe_team(self, exclude=None):
        """The whole care team follows what happens with the customer."""
        for record in self.sudo().filtered("partner_id"):
            users = record.partner_id.commercial_partner_id.care_member_ids.user_id
            partners = users.partner_id - (exclude or users.partner_id.browse())
            if partners:
                record.message_subscribe(partner_ids=partners.ids)
