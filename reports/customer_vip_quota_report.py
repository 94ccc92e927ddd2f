# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models, tools
from odoo.tools import SQL


class CustomerVipQuotaReport(models.Model):
    """Per person and week: first interviews planned and interviews done,
    against the person's weekly quota."""

    _name = "customer.vip.quota.report"
    _description = "VIP Interviews per Week"
    _auto = False
    _order = "week_start desc, user_id"

    week_start = fields.Date(string="Week", readonly=True)
    planned_count = fields.Integer(string="Planned", readonly=True)
    done_count = fields.Integer(string="Done", readonly=True)
    quota = fields.Integer(string="Weekly Quota", readonly=True, aggregator="max")
    free_count = fields.Integer(
        string="Free Slots", readonly=True, help="Quota minus the interviews planned."
    )
    is_full = fields.Boolean(string="Quota Reached", readonly=True)
    user_id = fields.Many2one("res.users", string="Interviewer", readonly=True)
    programme_id = fields.Many2one("customer.vip.programme", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT ROW_NUMBER() OVER (
                               ORDER BY x.week_start, x.user_id, x.programme_id
                           ) AS id,
                           x.week_start, x.user_id, x.programme_id, x.company_id,
                           SUM(x.planned)::int AS planned_count,
                           SUM(x.done)::int AS done_count,
                           COALESCE(u.vip_weekly_quota, 0) AS quota,
                           COALESCE(u.vip_weekly_quota, 0) - SUM(x.planned)::int AS free_count,
                           SUM(x.planned) >= COALESCE(u.vip_weekly_quota, 0) AS is_full
                      FROM (
                            SELECT m.user_id, m.programme_id, m.company_id,
                                   date_trunc('week', m.planned_date)::date AS week_start,
                                   1 AS planned, 0 AS done
                              FROM customer_vip_member m
                             WHERE m.planned_date IS NOT NULL AND m.user_id IS NOT NULL
                            UNION ALL
                            SELECT i.user_id, i.programme_id, i.company_id,
                                   date_trunc('week', i.date)::date, 0, 1
                              FROM customer_vip_interview i
                             WHERE i.state = 'done'
                      ) x
                      JOIN res_users u ON u.id = x.user_id
                     GROUP BY x.week_start, x.user_id, x.programme_id, x.company_id,
                              u.vip_weekly_quota
                )
                """,
                SQL.identifier(self._table),
            )
        )
