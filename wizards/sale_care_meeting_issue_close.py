# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


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
        if self.mode == "solve":
            self.issue_ids._solve(self.note)
        else:
            self.issue_ids._drop(self.note)
        return {"type": "ir.actions.act_window_close"}
