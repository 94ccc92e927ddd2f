# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models
from odoo.exceptions import UserError


class SaleCareMeetingIssueClose(models.TransientModel):
    _name = "sale.care.meeting.issue.close"
    _description = "Solve or Drop Meeting Issues"

    mode = fields.Selection(
        [("solve", "Solved"), ("drop", "Dropped")], required=True, default="solve"
    )
    note = fields.Text(
        string="Resolution",
        help="How the issue was solved, or why it is dropped: the meeting's minutes show it.",
    )
    issue_ids = fields.Many2many("sale.care.meeting.issue", string="Issues", required=True)

    def action_confirm(self):
        self.ensure_one()
        # every issue the dialog was opened on, also those the user may not
        # see: closing them is then refused, not silently skipped
        issues = self.sudo().issue_ids.with_env(self.env)
        if not issues:
            raise UserError(self.env._("Pick the issues to close."))
        issues.check_access("write")
        if self.mode == "solve":
            issues._solve(self.note)
        else:
            issues._drop(self.note)
        return {"type": "ir.actions.act_window_close"}
