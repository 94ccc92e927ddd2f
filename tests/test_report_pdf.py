# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The sales manager prints every PDF of the addon, from the browser (the real
HTTP server, as the web client downloads it) and from the ORM, and reads it:
the text is text (searchable, not drawn as outlines), with the company, the
title, the print date in the reader's format and "page x / y", on Debian's
wkhtmltopdf too.

Through HTTP the server reads what is committed: the demo data, which the
test command always installs, and the demo manager's login."""

import json
import shutil
import subprocess

import requests

from odoo import fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import config, format_date

MEETING = "sale_customer_care.report_sale_care_meeting"
VIP = "sale_customer_care.report_vip_programme"
CALL_LIST = "sale_customer_care.report_sale_care_call_list"
PROFILE = "sale_customer_care.report_customer_profile"
MONTHLY = "sale_customer_care.report_sale_care_monthly"  # issue 11 §4


@tagged("post_install", "-at_install")
class TestReportPdf(TransactionCase):
    @classmethod
    def setUpClass(cls):
        # wkhtmltopdf fetches the stylesheets from report.url: the server of
        # this test run, set for the whole session by the test command's
        # plugin (scripts/pytest_care_report_url.py)
        cls.base_url = f"http://127.0.0.1:{config['http_port']}"
        super().setUpClass()
        cls.manager = cls.env.ref("sale_customer_care.demo_user_manager")
        company = cls.manager.company_id
        cls.programme = cls.env["customer.vip.programme"].search(
            [("company_id", "=", company.id), ("state", "!=", "draft")], limit=1
        )
        cls.plan = cls.env["sale.monthly.plan"].search(
            [("company_id", "=", company.id), ("line_ids", "!=", False)],
            order="date desc, id",
            limit=1,
        )
        cls.team = cls.env.ref("sale_customer_care.demo_team_distribution")

    def setUp(self):
        super().setUp()
        self.assertTrue(shutil.which("pdftotext"), "poppler-utils is part of the test setup")
        self.assertTrue(self.programme and self.plan, "the demo data is installed")

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _http_pdf(self, report_name, res_ids=None, data=None):
        """The PDF as the web client downloads it, logged in as the manager."""
        session = requests.Session()
        login = self.manager.login
        response = session.post(
            f"{self.base_url}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "params": {"db": self.env.cr.dbname, "login": login, "password": login},
            },
            timeout=60,
        )
        response.raise_for_status()
        self.assertEqual(response.json()["result"]["uid"], self.manager.id)
        url = f"{self.base_url}/report/pdf/{report_name}"
        if res_ids:
            url += "/" + ",".join(map(str, res_ids))
        # outside tests Odoo always renders the PDF; tests fall back to HTML without this
        params = {"context": json.dumps({"force_report_rendering": True})}
        if data:
            params["options"] = json.dumps(data)
        response = session.get(url, params=params, timeout=300)
        response.raise_for_status()
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        return response.content

    def _orm_pdf(self, report_name, res_ids=None, data=None):
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report_name, res_ids, data=data)
        )
        self.assertEqual(kind, "pdf")
        return pdf

    def _read(self, pdf):
        """The PDF's text, after checking that it is text in a system font."""
        self.assertTrue(pdf.startswith(b"%PDF"))
        fonts = subprocess.run(
            ["pdffonts", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        self.assertIn("DejaVuSans", fonts, "the body is printed in DejaVu Sans")
        self.assertNotIn("Type 3", fonts, "no text drawn as outlines")
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        # the pages with their page number merged in stay compressed
        self.assertLess(len(pdf), 150_000 * text.count("\f"), "some dozens of KB a page")
        return text

    def _assert_layout(self, text, title):
        """Company, title, print date in the reader's format, page x / y."""
        env = self.env(user=self.manager, context={"lang": self.manager.lang})
        today = fields.Date.context_today(self.manager)
        self.assertIn(self.manager.company_id.name, text)
        self.assertIn(title, text)
        self.assertIn(f"Printed on {format_date(env, today)}", text)
        # pdftotext -layout joins "1 / 3" (a small font in the margin) to "1/3"
        pages = text.count("\f")
        self.assertRegex(text, rf"\b1 ?/ ?{pages}\b")
        self.assertRegex(text, rf"\b{pages} ?/ ?{pages}\b", "the last page says it is the last")

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------
    def test_vip_programme_status(self):
        member = self.programme.member_ids.sorted(lambda m: len(m.partner_id.name))[:1]
        self.assertTrue(member)
        for pdf in (
            self._http_pdf(VIP, self.programme.ids),
            self._orm_pdf(VIP, self.programme.ids),
        ):
            text = self._read(pdf)
            self._assert_layout(text, f"VIP programme status: {self.programme.name}")
            self.assertIn("Members by assigned person", text)
            self.assertIn("Open problems", text)
            self.assertIn(member.user_id.name, text)

    def test_meeting_report_of_a_plan(self):
        line = self.plan.line_ids.sorted(lambda line: len(line.partner_id.name))[:1]
        for pdf in (
            self._http_pdf(MEETING, self.plan.ids),
            self._orm_pdf(MEETING, self.plan.ids),
        ):
            text = self._read(pdf)
            self._assert_layout(text, "Monthly sales meeting")
            self.assertIn("1. Expected and achieved revenue", text)
            self.assertIn(self.plan.user_id.name, text)
            self.assertIn(line.partner_id.name, text)

    def test_meeting_report_of_the_team(self):
        wizard = (
            self.env["sale.care.meeting.report.wizard"]
            .with_user(self.manager)
            .create({"team_id": self.team.id, "period": "month"})
        )
        data = wizard._report_data()
        for pdf in (self._http_pdf(MEETING, data=data), self._orm_pdf(MEETING, data=data)):
            text = self._read(pdf)
            self._assert_layout(text, "Monthly sales meeting")
            self.assertIn("Total", text)
            for user in wizard.user_ids:
                self.assertIn(user.name, text)

    def test_several_programmes_in_one_pdf(self):
        """Printed from the list: one PDF, each document on its own pages."""
        other = self.programme.copy({"year": self.programme.year + 5})
        text = self._read(self._orm_pdf(VIP, (self.programme | other).ids))
        self.assertIn(f"VIP programme status: {self.programme.name}", text)
        self.assertIn(f"VIP programme status: {other.name}", text)
        self.assertRegex(text, r"\b2 ?/ ?2\b")

    # Working documents (issue 12): the demo's call list and customer profile
    def test_call_list_of_a_demo_salesperson(self):
        anna = self.env.ref("sale_customer_care.demo_user_anna")
        data = {"user_ids": anna.ids, "date": fields.Date.to_string(fields.Date.today())}
        for pdf in (
            self._http_pdf(CALL_LIST, anna.ids, data=data),
            self._orm_pdf(CALL_LIST, anna.ids, data=data),
        ):
            text = self._read(pdf)
            self._assert_layout(text, f"Call list of {anna.name}")
            self.assertIn("overdue", text, "the demo has overdue activities")
            self.assertIn("Outcome", text)

    def test_profile_of_the_demo_vip_customers(self):
        interviews = self.env["customer.vip.interview"].search(
            [("state", "=", "done"), ("company_id", "=", self.manager.company_id.id)]
        )
        customers = interviews.partner_id
        self.assertGreater(len(customers), 1)
        for pdf in (
            self._http_pdf(PROFILE, customers.ids),
            self._orm_pdf(PROFILE, customers.ids),
        ):
            text = self._read(pdf)
            self._assert_layout(text, "Customer profile: ")
            for customer in customers:
                self.assertIn(f"Customer profile: {customer.name}", text)
            self.assertEqual(text.count("Revenue by product category"), len(customers))
            self.assertEqual(text.count("VIP interview of"), len(customers))

    # The manager's monthly report (issue 11 §4): last month of the demo team
    def test_monthly_report_of_the_demo_team(self):
        wizard = (
            self.env["sale.care.monthly.report.wizard"]
            .with_user(self.manager)
            .create({"team_id": self.team.id})
        )
        data = wizard.action_print()["data"]
        for pdf in (self._http_pdf(MONTHLY, data=data), self._orm_pdf(MONTHLY, data=data)):
            text = self._read(pdf)
            self._assert_layout(text, "Monthly management report")
            for heading in (
                "1. The month against the plan and last year",
                "2. Where sales fell and rose most",
                "3. Customers at risk",
                "4. Growth in customers",
                "5. Top customers' whitespace",
            ):
                self.assertIn(heading, text)
            self.assertIn("Pipes & Fittings", text, "the demo's falling category")
            self.assertIn("Saigon Water Supply JSC", text, "the demo's customer at risk")
