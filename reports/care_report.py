# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the addon's PDFs share besides their layout
(``care_report_layout.xml``): the reader's language and long tables cut into
blocks of rows, each printed with its header and moved to the next page
whole by wkhtmltopdf."""

from functools import partial

from odoo import api, models

# Rows of a table block.
ROWS_PER_BLOCK = 10


class SaleCareReport(models.AbstractModel):
    _name = "sale.care.report"
    _description = "Customer Care Report"

    @api.model
    def _care_report_values(self, rows_per_block=ROWS_PER_BLOCK):
        """The values every template of the addon's layout uses: ``lang``
        (``t-lang``) and ``blocks(rows)``."""
        return {
            "lang": self.env.lang or self.env.user.lang,
            "blocks": partial(self._blocks, size=rows_per_block),
        }

    @api.model
    def _blocks(self, rows, size=ROWS_PER_BLOCK):
        """``rows`` in blocks of ``size``."""
        return [rows[i : i + size] for i in range(0, len(rows), size)]
