# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Page numbers on the addon's PDFs that every wkhtmltopdf prints: Debian's
build (unpatched Qt) ignores the header and footer documents Odoo gives it,
and with them Odoo's "page x / y"."""

import io

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from odoo import models
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

PAPERFORMAT = "sale_customer_care.paperformat_care_report"
# the page number, in the bottom margin of the paper format (16 mm)
FOOTER_FONT_SIZE = 8
FOOTER_BASELINE_MM = 7
FOOTER_MARGIN_MM = 7


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _run_wkhtmltopdf(self, bodies, *args, **kwargs):
        pdf = super()._run_wkhtmltopdf(bodies, *args, **kwargs)
        report_ref = kwargs.get("report_ref") or (args[0] if args else False)
        paperformat = self.env.ref(PAPERFORMAT, raise_if_not_found=False)
        if (
            paperformat
            and report_ref
            and self._get_report(report_ref).paperformat_id == paperformat
        ):
            pdf = self._care_stamp_page_numbers(pdf)
        return pdf

    def _care_stamp_page_numbers(self, pdf):
        """``pdf`` with "x / y" at the bottom right of every page, as text
        (a standard PDF font, so it stays searchable)."""
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        count = len(reader.pages)
        packet = io.BytesIO()
        stamp = canvas.Canvas(packet)
        for number, page in enumerate(reader.pages, start=1):
            width, height = float(abs(page.mediabox.width)), float(abs(page.mediabox.height))
            stamp.setPageSize((width, height))
            stamp.setFont("Helvetica", FOOTER_FONT_SIZE)
            stamp.setFillGray(0.35)
            stamp.drawRightString(
                width - FOOTER_MARGIN_MM * mm,
                FOOTER_BASELINE_MM * mm,
                f"{number} / {count}",
            )
            stamp.showPage()
        stamp.save()
        stamps = PdfFileReader(packet, strict=False)
        writer = PdfFileWriter()
        for page, page_stamp in zip(reader.pages, stamps.pages, strict=True):
            page.merge_page(page_stamp)
            writer.add_page(page)
        for page in writer.pages:
            # merging leaves the page's content uncompressed: 20 times larger
            page.compress_content_streams()
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()
