# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A manager fills every form of the addon half-way, in any order: each date,
number and relation set to a plausible value, then cleared. The form answers
with a value or with a sentence (ValidationError, UserError), never with a
server error."""

import traceback

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CustomerCareCommon

MODULE = "sale_customer_care"
TESTED_TYPES = ("date", "datetime", "integer", "float", "monetary", "many2one")


@tagged("post_install", "-at_install")
class TestForms(CustomerCareCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # its salesperson is its account manager (a care team membership)
        cls.customer = cls._customer("Half-filled Forms Ltd", user_id=cls.salesman.id)
        # a log is only ever written by a handover: its form opens on an existing one
        cls.env["customer.care.handover.log"].sudo().create(
            {
                "date": cls.today,
                "mode": "user",
                "from_user_id": cls.salesman.id,
                "user_id": cls.manager.id,
                "company_id": cls.company.id,
            }
        )
        # working documents (issue 12): a self-assessment is only ever recorded
        # by a submitted questionnaire: its form opens on an existing one
        survey = cls.env.ref("sale_customer_care.survey_self_assessment")
        survey._create_answer(user=cls.manager, check_attempts=False)._mark_done()
        # customers at risk are raised by the daily check: the form opens on one
        cls.env["customer.risk.signal"].sudo().create(
            {
                "partner_id": cls.customer.id,
                "categ_id": cls.categ_pumps.id,
                "kind": "late",
                "date_since": cls.today,
                "date_last_purchase": cls.today - relativedelta(days=60),
                "rhythm_days": 30.0,
                "user_id": cls.salesman.id,
            }
        )

    def _form_views(self):
        """Every form view of the addon for a model the addon defines."""
        views = (
            self.env["ir.ui.view"]
            .search([("type", "=", "form"), ("mode", "=", "primary")])
            .filtered(
                lambda v: (
                    v.xml_id.startswith(MODULE + ".")
                    and v.model in self.env
                    and self.env[v.model]._original_module == MODULE
                )
            )
        )
        return views

    def _values(self, field_info):
        """Plausible values to try for a field, and then clearing it."""
        today = fields.Date.context_today(self.manager)
        kind = field_info["type"]
        if kind == "date":
            values = [today, today - relativedelta(days=1), today + relativedelta(years=1)]
        elif kind == "datetime":
            now = fields.Datetime.now().replace(microsecond=0)
            values = [now, now - relativedelta(days=1), now + relativedelta(years=1)]
        elif kind == "integer":
            values = [0, -1, 10**6]
        elif kind in ("float", "monetary"):
            values = [0.0, -1.0, 10.0**9]
        else:
            comodel = self.env[field_info["relation"]].with_user(self.manager)
            values = [comodel.search([], limit=1)]
            if comodel._name == "res.partner":
                values.append(self.customer)
            return [*values, comodel.browse()]
        return [*values, False]

    def _fill(self, value, field_info):
        """A value for a required field left empty, so the form can be saved."""
        kind = field_info["type"]
        today = fields.Date.context_today(self.manager)
        if kind == "date":
            return today
        if kind == "datetime":
            return fields.Datetime.now().replace(microsecond=0)
        if kind in ("integer", "float", "monetary"):
            return 1
        if kind in ("char", "text", "html"):
            return "Half-filled"
        if kind == "selection":
            return field_info["selection"][0][0]
        if kind == "many2one":
            if field_info["relation"] == "res.partner":
                return self.customer
            return self.env[field_info["relation"]].with_user(self.manager).search([], limit=1)
        return value

    def _editable(self, form, name):
        return not form._get_modifier(name, "readonly") and not form._get_modifier(
            name, "invisible"
        )

    def _blank(self, view):
        """A new record, or the first record the manager can read for the
        models nobody creates from their form."""
        model = self.env[view.model].with_user(self.manager)
        if model.has_access("create"):
            return model
        record = model.search([], limit=1)
        self.assertTrue(record, f"a record of {model._name} to open {view.xml_id} on")
        return record

    def _open(self, view):
        """A new record in the form, its required fields filled like a user
        who saves the form in one go would."""
        form = Form(self._blank(view), view)
        for name, info in form._view["fields"].items():
            if (
                form._get_modifier(name, "required")
                and not form._values.get(name)
                and info["type"] not in ("one2many", "many2many", "boolean")
                and self._editable(form, name)
            ):
                value = self._fill(form._values.get(name), info)
                if info["type"] == "many2one" and not value:
                    continue
                form[name] = value
        return form

    def _try(self, view, name, value, save_first):
        """Set ``name`` to ``value`` on a fresh form (on the record already
        saved when ``save_first``), then save; return the failure, if any."""
        try:
            with self.env.cr.savepoint():
                try:
                    form = self._open(view)
                    if save_first:
                        form.save()
                    if not self._editable(form, name):
                        raise _Rollback  # read-only once saved: undo the first save too
                    form[name] = value
                    form.save()
                except (UserError, ValidationError) as error:
                    if not str(error.args[0] if error.args else "").strip():
                        return f"an error without a sentence: {error!r}"
                except AssertionError as error:
                    # the client refuses to save a required field left empty
                    if "is a required field" not in str(error):
                        return _last_lines(traceback.format_exc())
                raise _Rollback
        except _Rollback:
            return None
        except Exception:  # noqa: BLE001 - every other exception is the failure
            return _last_lines(traceback.format_exc())

    def test_every_form_tolerates_half_filled_input(self):
        views = self._form_views()
        self.assertIn(
            "sale.revenue.commitment", views.mapped("model"), "the addon's forms are found"
        )
        failures = []
        for view in views:
            form = Form(self._blank(view), view)
            names = [
                name
                for name, info in form._view["fields"].items()
                if info["type"] in TESTED_TYPES and self._editable(form, name)
            ]
            for name in names:
                for value in self._values(form._view["fields"][name]):
                    for save_first in (False, True):
                        failure = self._try(view, name, value, save_first)
                        if failure:
                            failures.append(
                                f"{view.xml_id}: {name} = {value!r}"
                                f"{' (after a first save)' if save_first else ''}\n{failure}"
                            )
                            break
        self.assertFalse(failures, "\n\n".join(failures))

    def test_commitment_end_filled_before_start(self):
        form = Form(self.env["sale.revenue.commitment"].with_user(self.manager))
        form.partner_id = self.customer
        form.amount = 1000.0
        form.date_end = self.today + relativedelta(months=5)
        self.assertEqual(form.remaining_months, 6, "from this month on, until the end")
        form.date_start = self.today + relativedelta(months=6)
        self.assertEqual(form.remaining_months, 0)
        with self.assertRaisesRegex(ValidationError, "cannot end before it starts"):
            form.save()

    def test_problem_deadline_cleared_then_before_opening(self):
        form = Form(self.env["customer.care.case"].with_user(self.manager))
        form.name = "Pump noise"
        form.partner_id = self.customer
        form.date_deadline = False
        self.assertFalse(form.is_overdue)
        form.date_deadline = self.today - relativedelta(days=1)
        with self.assertRaisesRegex(ValidationError, "cannot be before the day it was opened"):
            form.save()
        form.date_deadline = self.today
        case = form.save()
        self.assertFalse(case.is_overdue)
        with self.assertRaisesRegex(ValidationError, "cannot be before the day it was opened"):
            case.date_open = self.today + relativedelta(days=1)


def _last_lines(text, count=8):
    """The end of a traceback: where it failed and why."""
    return "\n".join(text.rstrip().splitlines()[-count:])


class _Rollback(Exception):
    """Undo what one attempt wrote, whatever its outcome."""
