# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    care_member_ids = fields.One2many(
        related="partner_id.commercial_partner_id.care_member_ids", string="Care Team"
    )
    customer_tier_id = fields.Many2one(
        related="partner_id.commercial_partner_id.customer_tier_id", string="Customer Tier"
    )

    @api.model_create_multi
    def create(self, vals_list):
        partners = self.env["res.partner"].browse(
            [vals["partner_id"] for vals in vals_list if vals.get("partner_id")]
        )
        managers = {
            p.id: p.commercial_partner_id.care_member_ids.filtered(lambda m: m.layer == "1").user_id
            for p in partners.sudo()
        }
        for vals in vals_list:
            manager = managers.get(vals.get("partner_id"))
            if manager and "user_id" not in vals:
                vals["user_id"] = manager.id
        leads = super().create(vals_list)
        leads._care_subscribe_team()
        return leads

    def write(self, vals):
        result = super().write(vals)
        if vals.get("partner_id"):
            self._care_subscribe_team()
        return result

    @api.onchange("partner_id")
    def _onchange_partner_id_care(self):
        """A new opportunity for a customer goes to its account manager."""
        manager = (
            self.partner_id.sudo()
            .commercial_partner_id.care_member_ids.filtered(lambda m: m.layer == "1")
            .user_id
        )
        if manager and not self._origin:
            self.user_id = manager

    def _care_subscribe_team(self):
        """The whole care team follows what happens with the customer."""
        for record in self.filtered("partner_id"):
            users = record.sudo().partner_id.commercial_partner_id.care_member_ids.user_id
            if users:
                record.sudo().message_subscribe(partner_ids=users.partner_id.ids)
