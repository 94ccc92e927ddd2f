# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The VIP programme (seed 001): an annual list of significant customers,
prepared each summer, whose decision makers are interviewed by the staff who
know them, so that trust does not wear away into talk about money and
problems only."""

import math
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

PROGRAMME_STATES = [
    ("preparing", "Preparing"),
    ("running", "Running"),
    ("closed", "Closed"),
]
WORKDAYS = 5


class CustomerVipProgramme(models.Model):
    _name = "customer.vip.programme"
    _description = "VIP Programme"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        required=True,
        tracking=True,
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
    )
    year = fields.Integer(
        required=True,
        tracking=True,
        default=lambda self: self._default_year(),
        help="The year in which the listed customers are interviewed.",
    )
    state = fields.Selection(
        PROGRAMME_STATES, default="preparing", required=True, tracking=True, copy=False
    )
    date_start = fields.Date(
        string="Interviews From",
        required=True,
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
    )
    date_end = fields.Date(
        string="Interviews Until",
        required=True,
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
    )
    prepare_date_start = fields.Date(
        string="Preparation From",
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
        help="The list is prepared in summer, when business is slow: June to August of "
        "the year before, by default.",
    )
    prepare_date_end = fields.Date(
        string="Preparation Until",
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
    )
    top_percent = fields.Float(
        string="Top Revenue (%)",
        default=lambda self: self.env.company.vip_top_percent,
        help="Besides VIP and A customers, the proposal takes this share of customers "
        "with the highest revenue over the last 12 months.",
    )
    member_count = fields.Integer(compute="_compute_counts")
    interview_count = fields.Integer(compute="_compute_counts")
    open_case_count = fields.Integer(string="Open Problems", compute="_compute_counts")
    note = fields.Html()
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        required=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        help="Controls the programme; receives the problems of customers without a supervisor.",
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Questionnaire",
        default=lambda self: self.env.ref(
            "sale_customer_care.survey_vip_interview", raise_if_not_found=False
        ),
        help="The interview questionnaire filled in on each customer's behalf.",
    )
    member_ids = fields.One2many("customer.vip.member", "programme_id", string="Members")
    interview_ids = fields.One2many("customer.vip.interview", "programme_id", string="Interviews")
    case_ids = fields.One2many("customer.care.case", "programme_id", string="Problems")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.model
    def _default_year(self):
        """From June on, the list being prepared is next year's."""
        today = fields.Date.context_today(self)
        return today.year + 1 if today.month >= 6 else today.year

    @api.depends("year")
    def _compute_name(self):
        for programme in self:
            if programme.year and not programme.name:
                programme.name = self.env._("VIP Programme %(year)s", year=programme.year)

    @api.depends("year")
    def _compute_dates(self):
        for programme in self.filtered(lambda p: 1900 < p.year < 3000):
            year = programme.year
            programme.date_start = date(year, 1, 1)
            programme.date_end = date(year, 12, 31)
            programme.prepare_date_start = date(year - 1, 6, 1)
            programme.prepare_date_end = date(year - 1, 8, 31)

    def _compute_counts(self):
        domain = [("programme_id", "in", self.ids)]
        members = dict(
            self.env["customer.vip.member"]._read_group(domain, ["programme_id"], ["__count"])
        )
        interviews = dict(
            self.env["customer.vip.interview"]._read_group(
                domain + [("state", "=", "done")], ["programme_id"], ["__count"]
            )
        )
        cases = dict(
            self.env["customer.care.case"]._read_group(
                domain + [("state", "in", ("open", "in_progress"))], ["programme_id"], ["__count"]
            )
        )
        for programme in self:
            programme.member_count = members.get(programme, 0)
            programme.interview_count = interviews.get(programme, 0)
            programme.open_case_count = cases.get(programme, 0)

    @api.constrains("year", "date_start", "date_end")
    def _check_dates(self):
        for programme in self:
            if not 1900 < programme.year < 3000:
                raise ValidationError(
                    self.env._("%(year)s is not a valid programme year.", year=programme.year)
                )
            if programme.date_end < programme.date_start:
                raise ValidationError(
                    self.env._(
                        "The interviews of %(programme)s cannot end before they start.",
                        programme=programme.name,
                    )
                )

    @api.constrains("state", "year", "company_id")
    def _check_one_running_per_year(self):
        self._check_running_conflicts()

    def write(self, vals):
        if vals.get("state") == "running" or (
            {"year", "company_id"} & vals.keys() and "running" in self.mapped("state")
        ):
            # refused before anything is written
            self._check_running_conflicts(
                year=vals.get("year"), company_id=vals.get("company_id"), state=vals.get("state")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_interviewed(self):
        if self.interview_ids:
            raise UserError(
                self.env._(
                    "%(programme)s has interviews: they stay as the customers' record. Close "
                    "the programme instead.",
                    programme=self.filtered("interview_ids")[0].name,
                )
            )

    @api.constrains("top_percent")
    def _check_top_percent(self):
        if any(not 0 <= programme.top_percent <= 100 for programme in self):
            raise ValidationError(
                self.env._("The top revenue share is a percentage between 0 and 100.")
            )

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def action_start(self):
        self._check_manager()
        if self.filtered(lambda p: p.state != "preparing"):
            raise UserError(self.env._("Only a programme in preparation can be started."))
        if self.filtered(lambda p: not p.member_ids):
            raise UserError(self.env._("Add members to the VIP list before starting it."))
        self.write({"state": "running"})

    def action_close(self):
        self._check_manager()
        self.write({"state": "closed"})

    def action_reset_to_preparing(self):
        self._check_manager()
        self.write({"state": "preparing"})

    def action_propose_members(self):
        """Fill the list from the sales figures: customers of tier VIP and A,
        plus the top share by 12-month revenue, none dormant, none twice.
        Members already on the list (added or removed by hand) stay as they
        are."""
        self._check_manager()
        Member = self.env["customer.vip.member"]
        created = Member
        for programme in self:
            if programme.state == "closed":
                raise UserError(self.env._("A closed programme cannot take new members."))
            proposal = programme._propose_partners()
            existing = set(programme.member_ids.partner_id.ids)
            vals_list = [
                {
                    "programme_id": programme.id,
                    "partner_id": partner_id,
                    "origin": origin,
                    "revenue_12m": revenue,
                }
                for partner_id, (origin, revenue) in proposal.items()
                if partner_id not in existing
            ]
            created |= Member.create(vals_list)
            if vals_list:
                programme.message_post(
                    body=self.env._(
                        "%(count)s customers proposed from the sales figures.",
                        count=len(vals_list),
                    )
                )
        return self._notify(
            self.env._("%(count)s customers added to the VIP list.", count=len(created))
        )

    def action_schedule_interviews(self):
        """Spread the first interviews of the members not scheduled yet over
        the programme's weeks, never more than a person's weekly quota in a
        week (counting what is already planned for them, in any programme),
        and plan a Meeting activity on the customer for that person."""
        self._check_manager()
        scheduled, unscheduled = self.env["customer.vip.member"], []
        for programme in self:
            if programme.state == "closed":
                raise UserError(self.env._("A closed programme has no interviews to schedule."))
            done, left = programme._schedule_members()
            scheduled |= done
            unscheduled += left
        message = self.env._("%(count)s first interviews scheduled.", count=len(scheduled))
        if unscheduled:
            message += " " + self.env._(
                "Not scheduled (no assigned person, or their quota is full until the end of "
                "the programme): %(customers)s.",
                customers=", ".join(m.partner_id.display_name for m in unscheduled),
            )
        return self._notify(message, "warning" if unscheduled else "success")

    def action_view_members(self):
        return self._action_open("sale_customer_care.action_customer_vip_member")

    def action_view_interviews(self):
        return self._action_open("sale_customer_care.action_customer_vip_interview")

    def action_view_cases(self):
        return self._action_open("sale_customer_care.action_customer_care_case")

    def action_view_quotas(self):
        return self._action_open("sale_customer_care.action_customer_vip_quota_report")

    def action_print_status(self):
        self.check_access("read")
        return self.env.ref("sale_customer_care.action_report_vip_programme").report_action(self)

    def _check_running_conflicts(self, year=None, company_id=None, state=None):
        """One running programme per year and company (with the values about
        to be written, if any)."""
        for programme in self:
            if (state or programme.state) != "running":
                continue
            programme_year = year or programme.year
            company = self.env["res.company"].browse(company_id or programme.company_id.id)
            if self.search_count(
                [
                    ("id", "not in", self.ids),
                    ("state", "=", "running"),
                    ("year", "=", programme_year),
                    ("company_id", "=", company.id),
                ],
                limit=1,
            ):
                raise ValidationError(
                    self.env._(
                        "A VIP programme for %(year)s is already running for %(company)s: "
                        "close it first or add the customers to it.",
                        year=programme_year,
                        company=company.name,
                    )
                )

    # ------------------------------------------------------------------
    # Proposal and scheduling
    # ------------------------------------------------------------------
    def _propose_partners(self):
        """``{commercial partner id: (origin, 12-month revenue)}`` for this
        programme's company: tiers VIP and A, then the top share by revenue;
        dormant customers left out.  Two figures and two searches, whatever
        the number of customers."""
        self.ensure_one()
        company = self.company_id
        Partner = self.env["res.partner"].with_context(active_test=True)
        date_to = fields.Date.context_today(self)
        figures = self.env["sale.care.figures"]
        revenue = figures.get_revenue_by_partner(
            None, Partner._care_12m_start(date_to), date_to, company
        )
        top_ids = []
        positive = sorted(
            ((amount, partner_id) for partner_id, amount in revenue.items() if amount > 0),
            reverse=True,
        )
        if positive and self.top_percent:
            top_count = math.ceil(len(positive) * self.top_percent / 100.0)
            top_ids = [partner_id for _amount, partner_id in positive[:top_count]]
        # shared customers count when this company has invoiced them
        invoiced_ids = list(figures.get_invoice_stats(None, None, date_to, company))
        tiered = Partner.search(
            [
                *Partner._care_commercial_domain(),
                ("customer_tier_id.code", "in", ("VIP", "A")),
                "|",
                ("company_id", "=", company.id),
                "&",
                ("company_id", "=", False),
                ("id", "in", invoiced_ids),
            ]
        )
        candidates = Partner.search(
            [
                ("id", "in", tiered.ids + top_ids),
                ("relationship_stage", "!=", "dormant"),
                ("company_id", "in", (False, company.id)),
            ]
        )
        proposal = {}
        for partner in candidates.sorted(lambda p: -revenue.get(p.id, 0.0)):
            code = partner.customer_tier_id.code
            origin = {"VIP": "tier_vip", "A": "tier_a"}.get(code, "top_revenue")
            proposal[partner.id] = (origin, revenue.get(partner.id, 0.0))
        return proposal

    def _schedule_members(self):
        """Schedule this programme's members to schedule; returns the members
        scheduled and those that could not be."""
        self.ensure_one()
        members = self.member_ids.filtered(lambda m: m.state == "draft").sorted(
            lambda m: (-m.revenue_12m, m.partner_id.display_name or "")
        )
        today = fields.Date.context_today(self)
        first_day = max(self.date_start, today)
        if first_day.weekday() >= WORKDAYS:  # a weekend: start on Monday
            first_day += timedelta(days=7 - first_day.weekday())
        first_monday = first_day - timedelta(days=first_day.weekday())
        if first_day > self.date_end:
            return members.browse(), list(members)
        users = members.user_id
        load = self._weekly_load(users, first_monday, self.date_end, exclude=members)
        workdays = self._working_days_by_week(first_day, self.date_end)
        to_plan, unscheduled = [], []
        for member in members:
            user = member.user_id
            quota = user.vip_weekly_quota
            monday = first_monday
            while user and quota > 0 and monday <= self.date_end:
                planned = load[user.id, monday]
                days = workdays.get(monday)
                if days and planned < quota:
                    day = days[planned % len(days)]
                    load[user.id, monday] += 1
                    to_plan.append((member, day))
                    break
                monday += timedelta(days=7)
            else:
                unscheduled.append(member)
        scheduled = self.env["customer.vip.member"].concat(*(m for m, _day in to_plan))
        activities = self.env["mail.activity"].create(
            [member._prepare_interview_activity(day) for member, day in to_plan]
        )
        for (member, day), activity in zip(to_plan, activities, strict=True):
            member.write({"planned_date": day, "activity_id": activity.id, "state": "scheduled"})
        return scheduled, unscheduled

    def _working_days_by_week(self, date_from, date_to):
        """``{monday: [working days of that week between the two dates]}``:
        Monday to Friday, without the public holidays (global time off) of
        the company's working schedule; a week without one is left out."""
        self.ensure_one()
        calendar = self.company_id.resource_calendar_id
        off = (
            calendar._get_unusual_days(
                datetime.combine(date_from, time.min),
                datetime.combine(date_to, time.max),
                self.company_id,
            )
            if calendar
            else {}
        )
        weeks = defaultdict(list)
        day = date_from
        while day <= date_to:
            if day.weekday() < WORKDAYS and not off.get(fields.Date.to_string(day)):
                weeks[day - timedelta(days=day.weekday())].append(day)
            day += timedelta(days=1)
        return weeks

    @api.model
    def _weekly_load(self, users, date_from, date_to, exclude=None):
        """``{(user id, monday): first interviews planned}`` for ``users``
        between the two dates, in every programme (one grouped query)."""
        load = defaultdict(int)
        domain = [
            ("user_id", "in", users.ids),
            ("planned_date", ">=", date_from),
            ("planned_date", "<=", date_to),
        ]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        groups = (
            self.env["customer.vip.member"]
            .sudo()
            ._read_group(domain, ["user_id", "planned_date:day"], ["__count"])
        )
        for user, day, count in groups:
            day = fields.Date.to_date(day)
            load[user.id, day - timedelta(days=day.weekday())] += count
        return load

    @api.model
    def _cron_remind_preparation(self):
        """From 1 June: remind the sales managers of each company to prepare
        next year's VIP list, on a programme in preparation created for it
        (once per company and year)."""
        today = fields.Date.context_today(self)
        if today.month < 6:
            return
        year = today.year + 1
        managers = self.env.ref("sales_team.group_sale_manager").all_user_ids.filtered(
            lambda u: not u.share and u.active
        )
        Programme = self.sudo()
        for company in managers.company_ids:
            if Programme.search_count(
                [("year", "=", year), ("company_id", "=", company.id)], limit=1
            ):
                continue
            company_managers = managers.filtered(lambda u, c=company: c in u.company_ids)
            if not company_managers:
                continue
            programme = Programme.with_company(company).create(
                {"year": year, "company_id": company.id, "user_id": company_managers[0].id}
            )
            for manager in company_managers:
                programme.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=date(today.year, 8, 31),
                    summary=self.env._("Prepare the VIP list for %(year)s", year=year),
                    note=self.env._(
                        "Propose the members from the sales figures, adjust the list by hand, "
                        "check who interviews whom, then start the programme."
                    ),
                    user_id=manager.id,
                )

    # ------------------------------------------------------------------
    # Report
    # ------------------------------------------------------------------
    def _get_status_values(self):
        """Figures of the status report, for one programme, from grouped reads."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        monday = today - timedelta(days=today.weekday())
        sunday = monday + timedelta(days=6)
        Member = self.env["customer.vip.member"]
        Interview = self.env["customer.vip.interview"]
        Case = self.env["customer.care.case"]
        domain = [("programme_id", "=", self.id)]
        rows = defaultdict(
            lambda: dict.fromkeys(("members", "revenue", "planned_week", "done_week"), 0)
        )
        for user, count, revenue in Member._read_group(
            domain, ["user_id"], ["__count", "revenue_12m:sum"]
        ):
            rows[user].update(members=count, revenue=revenue)
        for user, count in Member._read_group(
            domain + [("planned_date", ">=", monday), ("planned_date", "<=", sunday)],
            ["user_id"],
            ["__count"],
        ):
            rows[user]["planned_week"] = count
        done_domain = domain + [("state", "=", "done")]
        for user, count in Interview._read_group(
            done_domain + [("date", ">=", monday), ("date", "<=", sunday)],
            ["user_id"],
            ["__count"],
        ):
            rows[user]["done_week"] = count
        done_by_user = dict(Interview._read_group(done_domain, ["user_id"], ["__count"]))
        satisfaction = dict(Interview._read_group(done_domain, ["satisfaction"], ["__count"]))
        open_cases = Case.search(
            domain + [("state", "in", ("open", "in_progress"))], order="date_deadline, id"
        )
        by_user = [
            {
                "user": user,
                "quota": user.vip_weekly_quota,
                "done_total": done_by_user.get(user, 0),
                **values,
            }
            for user, values in sorted(rows.items(), key=lambda item: item[0].name or "")
        ]
        return {
            "today": today,
            "week_start": monday,
            "week_end": sunday,
            "by_user": by_user,
            "members": sum(row["members"] for row in by_user),
            "revenue": sum(row["revenue"] for row in by_user),
            "planned_week": sum(row["planned_week"] for row in by_user),
            "done_week": sum(row["done_week"] for row in by_user),
            "planned_total": Member.search_count(domain + [("planned_date", "!=", False)]),
            "to_schedule": Member.search_count(domain + [("state", "=", "draft")]),
            "done_total": sum(done_by_user.values()),
            "satisfaction": [(score, satisfaction.get(score, 0)) for score in range(5, 0, -1)],
            "unrated": satisfaction.get(0, 0),
            "open_cases": open_cases,
            "overdue_cases": open_cases.filtered("is_overdue"),
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _check_manager(self):
        """Preparing and running the list changes the programme: declared by
        its access rights (sales managers write programmes), checked before
        the figures are read or anything is written."""
        self.check_access("write")

    def _action_open(self, xmlid):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("programme_id", "=", self.id)]
        action["context"] = {"default_programme_id": self.id}
        return action

    def _notify(self, message, kind="success"):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": kind,
                "message": message,
                "sticky": kind != "success",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
