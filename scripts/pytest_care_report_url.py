# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""pytest-odoo starts the test HTTP server on a random free port: every PDF
the suite renders must fetch its stylesheets from that server (``report.url``),
never from another Odoo on 8069 (``scripts/serve``), whose web fonts would be
drawn as outlines by Debian's wkhtmltopdf."""

import pytest

import odoo
from odoo.modules.registry import Registry


@pytest.fixture(scope="session", autouse=True)
def care_report_url(load_http):
    url = f"http://127.0.0.1:{odoo.tools.config['http_port']}"
    db_name = odoo.tools.config["db_name"]
    registry = Registry(db_name[0] if isinstance(db_name, list | tuple) else db_name)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        params = env["ir.config_parameter"]
        for key in ("report.url", "web.base.url"):
            params.set_param(key, url)
    return url
