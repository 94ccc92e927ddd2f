# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A revenue against a compared revenue, and the change in %: shared by the
Sales Analysis (two chosen periods) and Sales against Last Year (the
dashboard's view).  The % of a group comes from the group's sums, never from
summing the rows' percentages."""

from odoo import models
from odoo.tools import SQL


class SaleCareRevenueChangeMixin(models.AbstractModel):
    _name = "sale.care.revenue.change.mixin"
    _description = "Customer Care Revenue Change"

    # the field of the compared revenue
    _revenue_compare_field = "revenue_compare"

    def _change_percent_sql(self, revenue, revenue_compare):
        """The change in % of ``revenue`` against ``revenue_compare`` (SQL
        expressions); NULL when nothing was sold in the compared period."""
        return SQL(
            "ROUND((100.0 * (%s - %s) / NULLIF(ABS(%s), 0))::numeric, 1)",
            revenue,
            revenue_compare,
            revenue_compare,
        )

    def _read_group_select(self, aggregate_spec, query):
        """The change in % of a group: from the group's sums."""
        if aggregate_spec in ("revenue_change_percent:sum", "revenue_change_percent:avg"):
            self._check_field_access(self._fields["revenue_change_percent"], "read")
            return self._change_percent_sql(
                SQL("SUM(%s)", self._field_to_sql(self._table, "revenue", query)),
                SQL(
                    "SUM(%s)",
                    self._field_to_sql(self._table, self._revenue_compare_field, query),
                ),
            )
        return super()._read_group_select(aggregate_spec, query)
