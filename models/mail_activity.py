# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    care_plan_line_id = fields.Many2one(
        "sale.monthly.plan.line",
        string="Monthly Plan Line",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        help="The monthly plan line this activity was scheduled for; done activities stay "
        "linked (archived), so the plan counts them and never schedules them twice.",
    )

    # Customers at risk: who did the activity assigned on a signal
    def _action_done(self, feedback=False, attachment_ids=None):
        # sudo: the person marking their activity done may not read the
        # signal; only who acted and when are written on it
        signals = self.env["customer.risk.signal"].sudo().search([("activity_id", "in", self.ids)])
        for activity in self:
            done = signals.filtered(lambda s, a=activity: s.activity_id == a)
            if done:
                done._record_action(self.env.user, feedback)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
