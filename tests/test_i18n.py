# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The users' languages stay complete: Vietnamese and Hungarian translate
every string the addon has today, and nothing it no longer has.

The template is exported afresh from the installed addon (what
``odoo i18n export`` writes), so a string added to a model, a view, a report
or a data file without its translations fails here; then both languages are
loaded into the database, and the meeting report and the VIP questionnaire
come out in them."""

import re
from pathlib import Path

import polib

from odoo.tests import tagged
from odoo.tools.translate import TranslationModuleReader

from .common import MonthlyPlanCommon

I18N = Path(__file__).resolve().parent.parent / "i18n"
LANGS = {"vi": "vi_VN", "hu": "hu_HU"}
# placeholders a translation must keep: %(name)s, %s, %d, %%, {name}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf%]|\{\w*\}")
# tags of view and report strings
TAG = re.compile(r"</?([a-zA-Z][\w-]*)")


def _po_entries(path):
    return {entry.msgid: entry for entry in polib.pofile(str(path)) if not entry.obsolete}


@tagged("post_install", "-at_install")
class TestTranslations(MonthlyPlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        reader = TranslationModuleReader(cls.env.cr, modules=["sale_customer_care"])
        cls.template = {row[4] for row in reader if row[4]}
        cls.po = {code: _po_entries(I18N / f"{code}.po") for code in LANGS}

    def test_the_committed_template_is_current(self):
        pot = set(_po_entries(I18N / "sale_customer_care.pot")) - {""}
        self.assertFalse(
            sorted(self.template - pot)[:20],
            "strings missing from i18n/sale_customer_care.pot: export it again "
            "(README, Development)",
        )
        self.assertFalse(sorted(pot - self.template)[:20], "obsolete strings in the template")

    def test_every_string_is_translated_in_both_languages(self):
        for code, entries in self.po.items():
            with self.subTest(lang=code):
                translated = {msgid for msgid, entry in entries.items() if entry.msgstr.strip()}
                self.assertFalse(
                    sorted(self.template - translated)[:20],
                    f"strings without a translation in i18n/{code}.po",
                )
                self.assertFalse(
                    sorted(set(entries) - self.template - {""})[:20],
                    f"obsolete entries in i18n/{code}.po",
                )

    def test_translations_keep_placeholders_and_tags(self):
        for code, entries in self.po.items():
            for msgid, entry in entries.items():
                if not msgid or not entry.msgstr:
                    continue
                with self.subTest(lang=code, msgid=msgid[:60]):
                    self.assertEqual(
                        sorted(PLACEHOLDER.findall(entry.msgstr)),
                        sorted(PLACEHOLDER.findall(msgid)),
                    )
                    self.assertEqual(sorted(TAG.findall(entry.msgstr)), sorted(TAG.findall(msgid)))

    def test_reports_and_questionnaires_in_the_users_languages(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["res.lang"]._activate_lang("hu_HU")
        self.env["ir.module.module"]._load_module_terms(
            ["sale_customer_care"], list(LANGS.values()), overwrite=True
        )
        plan = self._plan(lines=[self._line(self.managed, 1000.0)])
        survey = self.env.ref("sale_customer_care.survey_vip_interview")
        for code, lang in LANGS.items():
            heading = self.po[code]["Product categories with falling sales"].msgstr
            with self.subTest(lang=lang):
                self.salesman.lang = lang
                html, _type = (
                    self.env["ir.actions.report"]
                    .with_user(self.salesman)
                    .with_context(lang=lang)
                    ._render_qweb_html(
                        "sale_customer_care.action_report_sale_care_meeting", plan.ids
                    )
                )
                self.assertIn(heading, html.decode())
                self.assertNotIn("Product categories with falling sales", html.decode())
                self.assertEqual(
                    survey.with_context(lang=lang).title, self.po[code][survey.title].msgstr
                )

    def test_monthly_report_in_the_users_languages(self):
        """The monthly report's headings (QWeb) and its sentences (built
        whole in Python, figures in place) come out in the reader's language."""
        self.env["ir.module.module"]._load_module_terms(
            ["sale_customer_care"], list(LANGS.values()), overwrite=True
        )
        month = self.month.replace(day=1)
        data = {"month": str(month), "company_id": self.company.id, "team_id": False}
        for code, lang in LANGS.items():
            self.env["res.lang"]._activate_lang(lang)
            with self.subTest(lang=lang):
                self.manager.lang = lang
                html = (
                    self.env["ir.actions.report"]
                    .with_user(self.manager)
                    .with_context(lang=lang)
                    ._render_qweb_html(
                        "sale_customer_care.action_report_sale_care_monthly", None, data=data
                    )[0]
                    .decode()
                )
                for source in (
                    "1. The month against the plan and last year",
                    "4. Growth in customers",
                ):
                    self.assertIn(self.po[code][source].msgstr, html)
                    self.assertNotIn(source, html)
                # sentences: their words before the first placeholder
                for source in (
                    "Monthly management report, %(month)s",
                    "The whole company · %(start)s – %(end)s",
                ):
                    words = self.po[code][source].msgstr.split("%(")[0].strip()
                    self.assertTrue(words)
                    self.assertIn(words, html)
                    self.assertNotIn(source.split("%(")[0].strip(), html)
