# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Transitions of the relationship stage, the base of the growth in
customers (seed 000 C: "growth in the number of customers, from potential to
buying, to ordering regularly").

Every row says which kind of move it is (``transition``), what it does to the
number of buying customers (``net_growth``) and who owned the customer when it
moved (``salesperson_id``, ``team_id``): the evaluation sets them when it logs
the row, so that growth can be read per month, salesperson and team without
asking who owned the customer back then."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import column_exists

from .res_partner import RELATIONSHIP_STAGES

TRANSITIONS = [
    ("first", "First Classification"),
    ("approached", "Approached"),
    ("cooled", "Back to Potential"),
    ("won", "Won"),
    ("loyal", "Became Loyal"),
    ("reactivated", "Reactivated"),
    ("lost", "Went Dormant"),
    ("other", "Other"),
]
# "Gained" and "lost" of the Customer Growth view (and of the monthly report)
GAINED_TRANSITIONS = ("won", "loyal", "reactivated")
LOST_TRANSITIONS = ("lost",)
# What a transition does to the number of buying (new or loyal) customers:
# becoming loyal is progress of a customer already counted.
NET_GROWTH = {"won": 1, "reactivated": 1, "lost": -1}
# A customer seen for the first time as "new" was won now when its first
# purchase is this recent (what a monthly run sees for the first time, with a
# month of margin); an older first purchase means the evaluation never saw it
# before (the first run after install): a first classification, not growth.
WON_WINDOW_DAYS = 62
# Group-by keys of _stage_growth -> field of the history
GROWTH_GROUPBY = {
    "month": "date:month",
    "transition": "transition",
    "salesperson": "salesperson_id",
    "team": "team_id",
}


def stage_transition(old_stage, new_stage, first_purchase=None, date=None):
    """The kind of a move from ``old_stage`` to ``new_stage`` (``False`` for
    none) on ``date``; ``first_purchase`` is the customer's first invoice or
    confirmed order, needed only for a first classification as new."""
    if not old_stage:
        recent = (
            first_purchase is None
            or date is None
            or (first_purchase > date - timedelta(days=WON_WINDOW_DAYS))
        )
        return "won" if new_stage == "new" and recent else "first"
    if new_stage == "dormant":
        return "lost"
    if old_stage == "dormant":
        return "reactivated"
    if new_stage == "new" or (new_stage == "loyal" and old_stage != "new"):
        return "won"
    return {"loyal": "loyal", "approaching": "approached", "potential": "cooled"}.get(
        new_stage, "other"
    )


class CustomerStageHistory(models.Model):
    """Transitions of the relationship stage; growth analysis counts them
    (how many potential customers became new ones this quarter...)."""

    _name = "customer.stage.history"
    _inherit = "customer.care.history.mixin"
    _description = "Customer Relationship Stage Change"

    old_stage = fields.Selection(RELATIONSHIP_STAGES, index=True)
    new_stage = fields.Selection(RELATIONSHIP_STAGES, index=True)
    transition = fields.Selection(
        TRANSITIONS,
        index=True,
        readonly=True,
        help="Won: became a buying customer; Became Loyal: buying for more than a year; "
        "Reactivated: bought again after being dormant; Went Dormant: stopped buying; "
        "First Classification: the first evaluation of a customer it never saw before.",
    )
    net_growth = fields.Integer(
        string="Net Customers",
        readonly=True,
        help="What the change does to the number of buying customers: +1 won or reactivated, "
        "-1 went dormant, 0 otherwise (becoming loyal is progress of a customer already "
        "counted).",
    )
    salesperson_id = fields.Many2one(
        "res.users",
        index="btree_not_null",
        readonly=True,
        help="The customer's salesperson (its account manager) when the stage changed.",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        index="btree_not_null",
        readonly=True,
        help="The salesperson's sales team in the company when the stage changed.",
    )

    def _auto_init(self):
        # Rows logged before the growth columns existed are filled once, when
        # the columns are created (an update of the addon), never afterwards;
        # after every model's columns exist (it reads the books and partners).
        new_columns = not column_exists(self.env.cr, self._table, "transition")
        result = super()._auto_init()
        if new_columns:
            self.pool.post_init(self._backfill_growth)
        return result

    # ------------------------------------------------------------------
    # Growth API (Customer Growth view, the manager's monthly report)
    # ------------------------------------------------------------------
    @api.model
    def _stage_growth(self, company, date_from, date_to, groupby=("month", "transition")):
        """The customers' moves between stages of ``company`` from
        ``date_from`` to ``date_to`` (both included), first classifications
        left out, read as the current user (one grouped query).

        :param groupby: keys of :data:`GROWTH_GROUPBY` (``month``,
            ``transition``, ``salesperson``, ``team``)
        :return: list of dicts with the group keys (first day of the month,
            transition key, ``res.users`` / ``crm.team`` records), ``count``
            (moves), ``net_growth`` (change in buying customers), ``gained``
            and ``lost`` (moves of :data:`GAINED_TRANSITIONS` /
            :data:`LOST_TRANSITIONS` in the group)
        """
        keys = tuple(groupby or ())
        unknown = set(keys) - set(GROWTH_GROUPBY)
        if unknown:
            raise ValueError(
                f"Unknown group-by keys {sorted(unknown)}; use {sorted(GROWTH_GROUPBY)}"
            )
        domain = [
            ("company_id", "=", company.id),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
            ("transition", "!=", "first"),
        ]
        # grouped by transition too, to count the gains and losses of each group
        specs = [GROWTH_GROUPBY[key] for key in keys if key != "transition"] + ["transition"]
        rows = {}
        for *values, transition, count, net in self._read_group(
            domain, specs, ["__count", "net_growth:sum"], order=", ".join(specs)
        ):
            group = dict(zip((k for k in keys if k != "transition"), values, strict=True))
            if "transition" in keys:
                group["transition"] = transition
            row = rows.setdefault(
                tuple(group[key] for key in keys),
                dict(group, count=0, net_growth=0, gained=0, lost=0),
            )
            row["count"] += count
            row["net_growth"] += net
            row["gained"] += count if transition in GAINED_TRANSITIONS else 0
            row["lost"] += count if transition in LOST_TRANSITIONS else 0
        return list(rows.values())

    # ------------------------------------------------------------------
    # Owners at the time of the transition (written by the evaluation)
    # ------------------------------------------------------------------
    @api.model
    def _owners_query(self, partner_column, company_column):
        """``(salesperson, team)`` SQL expressions of a customer: its
        salesperson (Odoo's, kept equal to its account manager), and that
        salesperson's sales team in the company (led or joined, the first by
        sequence, as Odoo picks the team of a new order)."""
        salesperson = SQL("(SELECT p.user_id FROM res_partner p WHERE p.id = %s)", partner_column)
        team = SQL(
            """(SELECT t.id FROM crm_team t
                 WHERE t.active
                   AND (t.company_id IS NULL OR t.company_id = %(company)s)
                   AND (t.user_id = %(user)s
                        OR EXISTS (SELECT 1 FROM crm_team_member m
                                    WHERE m.crm_team_id = t.id AND m.active
                                      AND m.user_id = %(user)s))
                 ORDER BY t.sequence, t.id LIMIT 1)""",
            company=company_column,
            user=salesperson,
        )
        return salesperson, team

    @api.model
    def _read_owners(self, partner_ids, company):
        """``{partner_id: (salesperson id, team id)}`` now, in ``company``:
        one statement for any number of customers."""
        if not partner_ids:
            return {}
        salesperson, team = self._owners_query(SQL("x.id"), SQL("%s", company.id))
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT x.id, %s, %s FROM unnest(%s::int[]) AS x(id)",
                salesperson,
                team,
                sorted(set(partner_ids)),
            )
        )
        return {
            partner_id: (user_id or False, team_id or False)
            for partner_id, user_id, team_id in self.env.cr.fetchall()
        }

    @api.model
    def _backfill_growth(self):
        """Give the rows logged before the growth columns existed their
        transition, net growth and owners (the customer's current salesperson
        and team: the best that is known), in three statements; a first
        classification as new counts as won only if the first purchase was
        recent then (the books, through ``sale.care.figures``)."""
        cr = self.env.cr
        table = SQL.identifier(self._table)
        salesperson, team = self._owners_query(SQL("h.partner_id"), SQL("h.company_id"))
        cases = SQL(" ").join(
            SQL(
                "WHEN h.old_stage IS NOT DISTINCT FROM %s AND h.new_stage = %s THEN %s",
                old,
                new,
                stage_transition(old, new),
            )
            for old in (None, *(key for key, _label in RELATIONSHIP_STAGES))
            for new in (key for key, _label in RELATIONSHIP_STAGES)
            if old != new
        )
        cr.execute(
            SQL(
                """
                UPDATE %(table)s h
                   SET transition = CASE %(cases)s ELSE 'other' END,
                       salesperson_id = %(salesperson)s,
                       team_id = %(team)s
                 WHERE h.transition IS NULL
             RETURNING h.id, h.company_id, h.partner_id, h.date, h.old_stage, h.new_stage
                """,
                table=table,
                cases=cases,
                salesperson=salesperson,
                team=team,
            )
        )
        rows = cr.fetchall()
        if not rows:
            return
        # a first classification as new: won only if the first purchase was recent
        first_as_new = [row for row in rows if not row[4] and row[5] == "new"]
        figures = self.env["sale.care.figures"].sudo()
        not_won = []
        for company_id in {row[1] for row in first_as_new}:
            company = self.env["res.company"].browse(company_id)
            in_company = [row for row in first_as_new if row[1] == company_id]
            partner_ids = [row[2] for row in in_company]
            invoices = figures.get_invoice_stats(partner_ids, None, None, company)
            orders = figures.get_order_stats(partner_ids, None, None, company)
            for history_id, _company, partner_id, date, _old, new in in_company:
                days = [
                    day
                    for day in (
                        invoices.get(partner_id, {}).get("first_invoice_date"),
                        orders.get(partner_id, {}).get("first_order_date"),
                    )
                    if day
                ]
                first = min(days) if days else None
                if stage_transition(False, new, first, date) != "won":
                    not_won.append(history_id)
        if not_won:
            cr.execute(SQL("UPDATE %s SET transition = 'first' WHERE id = ANY(%s)", table, not_won))
        growth = SQL(" ").join(
            SQL("WHEN %s THEN %s", key, value) for key, value in NET_GROWTH.items()
        )
        cr.execute(
            SQL(
                "UPDATE %s SET net_growth = CASE transition %s ELSE 0 END WHERE id = ANY(%s)",
                table,
                growth,
                [row[0] for row in rows],
            )
        )
        self.invalidate_model()

    @api.model
    def _growth_values(self, old_stage, new_stage, first_purchase, date):
        """The transition and net growth of a new row."""
        transition = stage_transition(old_stage, new_stage, first_purchase, date)
        return {"transition": transition, "net_growth": NET_GROWTH.get(transition, 0)}
