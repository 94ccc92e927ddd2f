# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Overdue: a record still being worked on whose deadline has passed.  Shared
by the VIP programme's problems and the sales meetings' issues, which are
shown in red and filtered the same way."""

from odoo import api, fields, models
from odoo.fields import Domain


class CustomerCareOverdueMixin(models.AbstractModel):
    _name = "customer.care.overdue.mixin"
    _description = "Customer Care Overdue Deadline"

    # states in which the record is still being worked on
    _overdue_states = ("open",)

    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )

    @api.depends("state", "date_deadline")
    @api.depends_context("date")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for record in self:
            record.is_overdue = bool(
                record.state in self._overdue_states
                and record.date_deadline
                and record.date_deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = Domain(
            [
                ("state", "in", self._overdue_states),
                ("date_deadline", "<", fields.Date.context_today(self)),
            ]
        )
        return domain if (operator == "in") == (True in value) else ~domain
