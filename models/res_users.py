# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Weekly VIP interview quotas: at most 15 questionnaires a week for staff
dedicated to the VIP programme, 5-6 for a regular salesperson (seed 001)."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class ResUsers(models.Model):
    _inherit = "res.users"

    vip_dedicated = fields.Boolean(
        string="Dedicated VIP Staff",
        help="Works on the VIP programme full time: a larger weekly interview quota.",
    )
    vip_weekly_quota = fields.Integer(
        string="Weekly VIP Interviews",
        compute="_compute_vip_weekly_quota",
        store=True,
        readonly=False,
        help="The most VIP interviews this person is given in one week. Defaults to the "
        "company's quota for dedicated VIP staff or for regular salespeople.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["vip_dedicated", "vip_weekly_quota"]

    @api.depends("vip_dedicated")
    def _compute_vip_weekly_quota(self):
        for user in self:
            company = user.company_id or self.env.company
            user.vip_weekly_quota = (
                company.vip_quota_dedicated if user.vip_dedicated else company.vip_quota_regular
            )

    @api.model
    def _care_require_group(self, group_xmlid, message):
        """The one place where a right that no ACL or record rule can express
        is checked: raise ``AccessError(message)`` unless the current user
        (not a context flag) is in ``group_xmlid``. The superuser passes:
        internal code runs as it only after checking its caller."""
        if self.env.su or self.env.user.has_group(group_xmlid):
            return
        raise AccessError(message)

    @api.model
    def _care_require_company(self, company, message):
        """The current user works for ``company``: one of their own companies,
        not one a client names in its context.  Raise ``AccessError(message)``
        otherwise; the superuser passes."""
        if self.env.su or company in self.env.user.company_ids:
            return
        raise AccessError(message)

    @api.model
    def _care_led_members(self):
        """The members of the sales teams the current user leads (who leads
        a team is not a record rule's question)."""
        return self.env["crm.team"].search([("user_id", "=", self.env.uid)]).member_ids

    @api.model
    def _care_require_manager(self, message=None):
        """Sales managers only (``sales_team.group_sale_manager``)."""
        self._care_require_group(
            "sales_team.group_sale_manager",
            message or self.env._("Only a sales manager can do this."),
        )

    @api.constrains("vip_weekly_quota")
    def _check_vip_weekly_quota(self):
        if any(user.vip_weekly_quota < 0 for user in self):
            raise ValidationError(self.env._("A weekly interview quota cannot be negative."))
