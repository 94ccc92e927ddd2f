# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The minutes of a sales meeting on paper: the agenda's figures, the
decisions and the issue list with who and by when; sent to the attendees."""

from odoo import api, models


class SaleCareMeetingMinutes(models.AbstractModel):
    _name = "report.sale_customer_care.report_sale_care_meeting_minutes"
    _inherit = ["sale.care.report"]
    _description = "Sales Meeting Minutes"

    @api.model
    def _get_report_values(self, docids, data=None):
        meetings = self.env["sale.care.meeting"].browse(docids)
        # read as the user: another salesperson's one-to-one is refused here
        meetings.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "sale.care.meeting",
            "docs": meetings,
            **self._care_report_values(),
        }
