# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One customer in a salesperson's monthly plan: what is expected of it, what
is planned with it, and what the books say happened."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .res_partner import RELATIONSHIP_STAGES
from .sale_monthly_plan import PLANNED_ACTIVITY_TYPES

# A customer planned by two salespeople in the same month (its account
# manager and its backup, say) is one customer for the team: its revenue
# counts once, for the plan of the salesperson who is its account manager
# (layer 1) during the month, else for the plan that planned it first. The
# rank of a line ``l`` of plan ``p`` among the lines of the same customer,
# month and company; 1 owns the revenue. Shared by the lines and the analysis.
REVENUE_OWNER_RANK = SQL(
    """row_number() OVER (
        PARTITION BY p.company_id, l.partner_id, p.date
        ORDER BY EXISTS (
            SELECT 1 FROM customer_care_member m
             WHERE m.partner_id = l.partner_id AND m.user_id = p.user_id
               AND m.layer = '1' AND m.state = 'confirmed'
               AND m.date_start < (p.date + interval '1 month')::date
               AND (m.date_end IS NULL OR m.date_end > p.date)
        ) DESC, l.id
    )"""
)


class SaleMonthlyPlanLine(models.Model):
    _name = "sale.monthly.plan.line"
    _description = "Monthly Sales Plan Line"
    _order = "plan_id, sequence, id"
    _check_company_auto = True

    _unique_partner = models.Constraint(
        "UNIQUE(plan_id, partner_id)",
        "A customer appears once in a plan.",
    )

    sequence = fields.Integer(default=10)
    stage_planned = fields.Selection(
        RELATIONSHIP_STAGES,
        string="Stage at Planning",
        compute="_compute_snapshot",
        store=True,
        readonly=True,
    )
    stage_now = fields.Selection(related="partner_id.relationship_stage", string="Stage Now")
    expected_revenue = fields.Monetary(string="Expected")
    committed_revenue = fields.Monetary(
        string="Committed",
        compute="_compute_figures",
        help="This month's share of the customer's active revenue commitments.",
    )
    actual_revenue = fields.Monetary(
        string="Achieved",
        compute="_compute_figures",
        help="Posted invoices minus credit notes of the customer in the month, untaxed.",
    )
    counted_revenue = fields.Monetary(
        string="Counted",
        compute="_compute_figures",
        help="The achieved revenue this plan counts in its totals. A customer planned by "
        "several salespeople in the same month counts once: for the plan of its account "
        "manager, else for the plan that planned it first.",
    )
    revenue_counted_here = fields.Boolean(
        compute="_compute_figures",
        help="This plan counts the customer's revenue (another plan may show it too).",
    )
    achieved_percent = fields.Float(string="Achieved (%)", compute="_compute_figures")
    has_ordered = fields.Boolean(
        string="Ordered",
        compute="_compute_figures",
        help="The customer confirmed an order in the month.",
    )
    revenue_last_month = fields.Monetary(string="Last Month", compute="_compute_figures")
    revenue_last_year = fields.Monetary(string="Same Month Last Year", compute="_compute_figures")
    last_interaction_date = fields.Date(compute="_compute_figures")
    last_interaction_kind = fields.Selection(
        [("message", "Note or message"), ("activity", "Activity done")],
        compute="_compute_figures",
    )
    planned_calls = fields.Integer(string="Calls")
    planned_meetings = fields.Integer(string="Meetings")
    planned_tasks = fields.Integer(string="Tasks")
    activities_scheduled = fields.Integer(string="Scheduled", compute="_compute_activity_counts")
    activities_done = fields.Integer(string="Done", compute="_compute_activity_counts")
    next_action = fields.Char(help="What to do next with this customer.")
    plan_id = fields.Many2one("sale.monthly.plan", required=True, index=True, ondelete="cascade")
    plan_state = fields.Selection(related="plan_id.state")
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
    )
    tier_planned_id = fields.Many2one(
        "customer.tier",
        string="Tier at Planning",
        compute="_compute_snapshot",
        store=True,
        readonly=True,
    )
    tier_now_id = fields.Many2one(related="partner_id.customer_tier_id", string="Tier Now")
    activity_ids = fields.One2many(
        "mail.activity",
        "care_plan_line_id",
        string="Planned Activities",
        context={"active_test": False},
    )

    @api.depends("partner_id")
    def _compute_snapshot(self):
        """Stage and tier when the customer was planned: they stay as they
        were, the ``*_now`` fields show where the customer is today."""
        for line in self:
            # tier and stage are company-dependent: the plan's company's
            partner = line.partner_id.with_company(line.plan_id.company_id or self.env.company)
            line.stage_planned = partner.relationship_stage
            line.tier_planned_id = partner.customer_tier_id

    @api.depends("partner_id", "plan_id.date", "expected_revenue")
    def _compute_figures(self):
        """Everything the books say about the lines' customers, one month at
        a time: a fixed number of grouped queries whatever the number of
        lines."""
        figures = self.env["sale.care.figures"]
        Commitment = self.env["sale.revenue.commitment"]
        for (month, company), lines in self.env["sale.monthly.plan"]._group_by_month(self).items():
            if not month:
                lines._set_empty_figures()
                continue
            partners = lines.partner_id
            month_end = month + relativedelta(day=31)
            last_month = month - relativedelta(months=1)
            last_year = month - relativedelta(years=1)
            actual = figures.get_revenue_by_partner(partners, month, month_end, company=company)
            previous = figures.get_revenue_by_partner(
                partners, last_month, month - relativedelta(days=1), company=company
            )
            year_ago = figures.get_revenue_by_partner(
                partners, last_year, last_year + relativedelta(day=31), company=company
            )
            orders = figures.get_order_stats(partners, month, month_end, company=company)
            interactions = figures.get_last_interactions(
                partners, date_to=month_end, include_planned=False
            )
            committed = Commitment._monthly_share_by_partner(partners.ids, month, company)
            owners = lines._revenue_owner_ids()
            for line in lines:
                pid = line.partner_id.id
                line.actual_revenue = actual.get(pid, 0.0)
                line.revenue_counted_here = line.id in owners or not line.id
                line.counted_revenue = line.actual_revenue if line.revenue_counted_here else 0.0
                line.achieved_percent = (
                    100.0 * line.actual_revenue / line.expected_revenue
                    if line.expected_revenue
                    else 0.0
                )
                line.has_ordered = bool(orders.get(pid, {}).get("order_count"))
                line.revenue_last_month = previous.get(pid, 0.0)
                line.revenue_last_year = year_ago.get(pid, 0.0)
                line.last_interaction_date = interactions.get(pid, {}).get("date")
                line.last_interaction_kind = interactions.get(pid, {}).get("kind")
                line.committed_revenue = committed.get(pid, 0.0)

    def _revenue_owner_ids(self):
        """The lines of ``self`` that count their customer's revenue (see
        ``REVENUE_OWNER_RANK``): one statement for all of them. Ranked over
        every plan, whoever reads: only which line counts is learnt."""
        ids = [line_id for line_id in self.ids if line_id]
        if not ids:
            return set()
        self.flush_model()
        self.env["sale.monthly.plan"].flush_model(["date", "user_id", "company_id"])
        self.env["customer.care.member"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM (
                    SELECT l.id, %(rank)s AS rank
                      FROM sale_monthly_plan_line l
                      JOIN sale_monthly_plan p ON p.id = l.plan_id
                     WHERE (l.partner_id, p.date, p.company_id) IN (
                            SELECT l2.partner_id, p2.date, p2.company_id
                              FROM sale_monthly_plan_line l2
                              JOIN sale_monthly_plan p2 ON p2.id = l2.plan_id
                             WHERE l2.id = ANY(%(ids)s))
                ) ranked
                 WHERE rank = 1 AND id = ANY(%(ids)s)
                """,
                rank=REVENUE_OWNER_RANK,
                ids=ids,
            )
        )
        return {row[0] for row in self.env.cr.fetchall()}

    def _set_empty_figures(self):
        self.update(
            {
                "actual_revenue": 0.0,
                "counted_revenue": 0.0,
                "revenue_counted_here": False,
                "achieved_percent": 0.0,
                "has_ordered": False,
                "revenue_last_month": 0.0,
                "revenue_last_year": 0.0,
                "last_interaction_date": False,
                "last_interaction_kind": False,
                "committed_revenue": 0.0,
            }
        )

    @api.depends("activity_ids", "activity_ids.active")
    def _compute_activity_counts(self):
        data = {
            (line.id, active): count
            for line, active, count in self.env["mail.activity"]
            .with_context(active_test=False)
            .sudo()
            ._read_group(
                [("care_plan_line_id", "in", self.ids)],
                ["care_plan_line_id", "active"],
                ["__count"],
            )
        }
        for line in self:
            done = data.get((line.id, False), 0)
            line.activities_done = done
            line.activities_scheduled = done + data.get((line.id, True), 0)

    @api.constrains("expected_revenue", "planned_calls", "planned_meetings", "planned_tasks")
    def _check_amounts(self):
        for line in self:
            if line.expected_revenue < 0:
                raise ValidationError(
                    self.env._(
                        "The expected revenue of %(customer)s cannot be negative.",
                        customer=line.partner_id.display_name,
                    )
                )
            if min(line.planned_calls, line.planned_meetings, line.planned_tasks) < 0:
                raise ValidationError(
                    self.env._(
                        "The planned calls, meetings and tasks of %(customer)s cannot be negative.",
                        customer=line.partner_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        Partner = self.env["res.partner"]
        for vals in vals_list:
            if vals.get("partner_id"):
                vals["partner_id"] = Partner.browse(vals["partner_id"]).commercial_partner_id.id
        self.env["sale.monthly.plan"].browse(
            {vals.get("plan_id") for vals in vals_list if vals.get("plan_id")}
        )._check_lines_editable()
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("partner_id"):
            vals["partner_id"] = (
                self.env["res.partner"].browse(vals["partner_id"]).commercial_partner_id.id
            )
        self.plan_id._check_lines_editable(set(vals))
        if vals.get("plan_id"):
            # a line moved to another plan is a line added there: that plan
            # must take new lines from the caller too (rules check only the
            # line as it was)
            self.env["sale.monthly.plan"].browse(vals["plan_id"])._check_lines_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_editable_plan(self):
        self.plan_id._check_lines_editable()

    @api.model
    def _default_activity_counts(self, partner):
        """What a proposed line plans by default: a call for everyone, a
        meeting with the customers being won and the most important ones."""
        meeting = partner.relationship_stage in ("potential", "approaching") or (
            partner.customer_tier_id.code in ("VIP", "A")
        )
        return {"planned_calls": 1, "planned_meetings": int(meeting), "planned_tasks": 0}

    def _schedule_activities(self):
        """Create the activities still missing for the planned counts, on the
        customer, for the plan's salesperson, spread evenly over the working
        days left in the month."""
        Activity = self.env["mail.activity"].with_context(active_test=False)
        model_id = self.env["ir.model"]._get_id("res.partner")
        existing = {
            (line.id, activity_type.id): count
            for line, activity_type, count in Activity.sudo()._read_group(
                [("care_plan_line_id", "in", self.ids)],
                ["care_plan_line_id", "activity_type_id"],
                ["__count"],
            )
        }
        types = {
            field: self.env.ref(xmlid, raise_if_not_found=False)
            for field, xmlid in PLANNED_ACTIVITY_TYPES.items()
        }
        vals_list = []
        for plan in self.plan_id:
            days = plan._month_working_days()
            missing = []
            for line in self.filtered(lambda ln, p=plan: ln.plan_id == p):
                for field, activity_type in types.items():
                    if not activity_type:
                        continue
                    count = line[field] - existing.get((line.id, activity_type.id), 0)
                    missing += [(line, activity_type)] * max(count, 0)
            for index, (line, activity_type) in enumerate(missing):
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": line.partner_id.id,
                        "activity_type_id": activity_type.id,
                        "summary": self.env._(
                            "%(type)s with %(customer)s",
                            type=activity_type.name,
                            customer=line.partner_id.name,
                        ),
                        "note": line.next_action or False,
                        "user_id": plan.user_id.id,
                        "date_deadline": days[index * len(days) // len(missing)],
                        "care_plan_line_id": line.id,
                    }
                )
        return Activity.create(vals_list)
