# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "customer.care.document.mixin"]

    vip_interview_id = fields.Many2one(
        "customer.vip.interview",
        string="VIP Interview",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The VIP interview in which a customer referred this lead.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        """A new opportunity for a customer goes to its account manager."""
        partners = self.env["res.partner"].browse(
            [vals["partner_id"] for vals in vals_list if vals.get("partner_id")]
        )
        managers = {partner.id: partner._care_account_manager() for partner in partners}
        for vals in vals_list:
            manager = managers.get(vals.get("partner_id"))
            if manager and "user_id" not in vals:
                vals["user_id"] = manager.id
        return super().create(vals_list)

    @api.onchange("partner_id")
    def _onchange_partner_id_care(self):
        manager = self.partner_id._care_account_manager()
        if manager and not self._origin:
            self.user_id = manager
