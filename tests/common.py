# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The worlds of the tests, one layer on the other, as ``crm/tests/common.py``
builds them:

``CustomerCareCommon``
    a fresh company with a chart of accounts (from Odoo's accounting test
    base, so demo data never leaks into the figures), the roles of a sales
    organisation, products in two categories, and helpers that create users,
    customers and care-team members, post real invoices, confirm real orders
    and run the evaluation;
``CareTeamCommon``
    the third care layer and a salesperson outside every care team;
``MonthlyPlanCommon``
    a sales team led by the team leader, last month, customers under care,
    a prospect with an opportunity and a customer with an active commitment;
``VipCommon``
    a VIP programme whose interviews start next Monday, a customer with a
    supervisor, and helpers that answer the questionnaire through the ORM as
    the interviewer would on the survey page;
``WorkingDocumentsCommon``
    Team East's working documents (call list, customer profile): a buyer
    with a phone, helpers that plan activities and read a PDF;
``SelfAssessmentCommon``
    the sales head's self-assessment questionnaire and a helper that
    answers it.

Every layer builds its world once per class, in ``setUpClass``, with mail
tracking disabled; the test modules add only what is specific to their
stories."""

import shutil
import subprocess
from datetime import UTC, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import new_test_user
from odoo.tests.common import freeze_time

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

# Noon (UTC) of the day the suite starts, the clock running on from there.
# Every test sees the date its class's fixtures were built on, in every time
# zone from UTC-11 to UTC+11 (the test users have none, the superuser is in
# Brussels, the demo's people in Hanoi and Budapest), even when the suite runs
# past midnight: "today" used to differ between a class's setup and its tests,
# or between two users, for an hour every night.
SUITE_NOON = datetime.combine(datetime.now(UTC).date(), time(12))


class CustomerCareCommon(AccountTestInvoicingCommon):
    """The base world: company, roles, products, tiers; invoice and order
    helpers."""

    freeze_time = freeze_time(SUITE_NOON, tick=True)

    @classmethod
    def get_default_groups(cls):
        # the test environment's user sets up data as a sales administrator
        return super().get_default_groups() | cls.quick_ref("sales_team.group_sale_manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the setup writes no chatter, as in Odoo's own tests; a test that
        # checks tracking enables it on the records it writes
        cls.env = cls.env["base"].with_context(**DISABLED_MAIL_CONTEXT).env
        cls.company = cls.env.company
        cls.today = fields.Date.context_today(cls.env.user)
        cls.evaluation = cls.env["customer.care.evaluation"]
        cls.figures = cls.env["sale.care.figures"]

        # Roles
        # ------------------------------------------------------------
        # salesman, salesman_2   own documents        (care_salesman, care_salesman_2)
        # team_leader            all documents        (care_leader)
        # manager                sales administrator  (care_manager)
        cls.salesman = cls._user("care_salesman", "Sam Salesman")
        cls.salesman_2 = cls._user("care_salesman_2", "Sue Salesman")
        cls.team_leader = cls._user(
            "care_leader", "Lea Leader", groups="sales_team.group_sale_salesman_all_leads"
        )
        cls.manager = cls._user(
            "care_manager", "Max Manager", groups="sales_team.group_sale_manager"
        )

        # Products: pumps and pipes, each in its category
        # ------------------------------------------------------------
        cls.categ_pumps = cls.env["product.category"].create({"name": "Pumps"})
        cls.categ_pipes = cls.env["product.category"].create({"name": "Pipes"})
        for categ in cls.categ_pumps | cls.categ_pipes:
            categ.with_company(cls.company).write(
                {
                    "property_account_income_categ_id": cls.company_data[
                        "default_account_revenue"
                    ].id,
                }
            )
        cls.pump = cls._create_product(
            name="Pump P-100",
            categ_id=cls.categ_pumps.id,
            list_price=100.0,
            is_storable=True,
            taxes_id=[Command.set(cls.tax_sale_a.ids)],
        )
        cls.pipe = cls._create_product(
            name="Pipe 2m",
            categ_id=cls.categ_pipes.id,
            list_price=10.0,
            is_storable=True,
            taxes_id=[Command.set(cls.tax_sale_a.ids)],
        )

        # Tiers: the addon's defaults
        # ------------------------------------------------------------
        cls.tier_vip = cls.env.ref("sale_customer_care.customer_tier_vip")
        cls.tier_a = cls.env.ref("sale_customer_care.customer_tier_a")
        cls.tier_b = cls.env.ref("sale_customer_care.customer_tier_b")
        cls.tier_c = cls.env.ref("sale_customer_care.customer_tier_c")
        cls.tier_d = cls.env.ref("sale_customer_care.customer_tier_d")

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @classmethod
    def _user(cls, login, name, company=None, groups="sales_team.group_sale_salesman"):
        """A user of ``company`` (the test company by default), a salesperson
        limited to own documents unless ``groups`` says otherwise."""
        company = company or cls.company
        return new_test_user(
            cls.env,
            login,
            groups,
            name=name,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    @classmethod
    def _customer(cls, name, **vals):
        return cls.env["res.partner"].create(
            {"name": name, "is_company": True, "company_id": cls.company.id, **vals}
        )

    @classmethod
    def _member(cls, user, layer, partner=None, **vals):
        """``user`` in care layer ``layer`` of ``partner`` (the class's
        ``customer`` by default), from today unless ``vals`` say otherwise."""
        return cls.env["customer.care.member"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "user_id": user.id,
                "layer": layer,
                **vals,
            }
        )

    @classmethod
    def _days_ago(cls, days):
        return cls.today - relativedelta(days=days)

    @classmethod
    def _invoice(
        cls,
        partner,
        amount,
        date=None,
        refund=False,
        post=True,
        product=None,
        user=None,
        quantity=1.0,
    ):
        """A customer invoice (or credit note) of ``amount`` untaxed, posted."""
        move = cls.env["account.move"].create(
            {
                "move_type": "out_refund" if refund else "out_invoice",
                "partner_id": partner.id,
                "invoice_date": date or cls.today,
                "invoice_user_id": (user or cls.salesman).id,
                "company_id": cls.company.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": (product or cls.pump).id,
                            "quantity": quantity,
                            "price_unit": amount / quantity,
                        }
                    )
                ],
            }
        )
        if post:
            move.action_post()
        return move

    @classmethod
    def _invoices(cls, partner, count, amount, first_days_ago, step_days=7, **kwargs):
        """``count`` invoices of ``amount`` each, one every ``step_days``."""
        return cls.env["account.move"].concat(
            *[
                cls._invoice(
                    partner, amount, cls._days_ago(first_days_ago - i * step_days), **kwargs
                )
                for i in range(count)
            ]
        )

    @classmethod
    def _order(cls, partner, product=None, quantity=1.0, confirm=True, user=None):
        order = (
            cls.env["sale.order"]
            .with_user(user or cls.salesman)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": cls.company.id,
                    "order_line": [
                        Command.create(
                            {"product_id": (product or cls.pump).id, "product_uom_qty": quantity}
                        )
                    ],
                }
            )
        )
        if confirm:
            order.action_confirm()
        return order

    @classmethod
    def _deliver(cls, order):
        """Validate the order's delivery with the ordered quantities."""
        for picking in order.picking_ids:
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            picking.move_ids.picked = True
            picking.button_validate()
        return order.picking_ids

    @classmethod
    def _evaluate(cls, partners=None):
        """Rate ``partners`` (every customer by default) as the cron does."""
        if partners is None:
            return cls.evaluation._evaluate_all()
        return cls.evaluation._evaluate_partners(partners)


class CareTeamCommon(CustomerCareCommon):
    """Care teams: besides the account manager (layer 1) and the backup
    (layer 2), a supervisor for layer 3 and a salesperson in no care team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Member = cls.env["customer.care.member"]
        cls.supervisor = cls._user("care_supervisor", "Sid Supervisor")
        cls.outsider = cls._user("care_outsider", "Otto Outsider")

    @classmethod
    def _team(cls, partner=None):
        """The full care team of ``partner``: salesman, salesman_2 as backup,
        supervisor."""
        cls._member(cls.salesman, "1", partner)
        cls._member(cls.salesman_2, "2", partner)
        cls._member(cls.supervisor, "3", partner)


class MonthlyPlanCommon(CustomerCareCommon):
    """Last month's plans: Team East (the team leader, salesman and
    salesman_2) and the customers a plan is made of."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["sale.monthly.plan"]
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Team East",
                "user_id": cls.team_leader.id,
                "company_id": cls.company.id,
                "member_ids": [Command.set((cls.salesman | cls.salesman_2).ids)],
            }
        )
        # last month: every day of it is in the past, so its books can be complete
        cls.month = cls.today.replace(day=1) - relativedelta(months=1)
        cls.month_end = cls.month + relativedelta(day=31)

        cls.managed = cls._customer("Managed Ltd", user_id=cls.salesman.id)
        cls.backed_up = cls._customer("Backed Up Ltd", user_id=cls.salesman_2.id)
        cls._member(cls.salesman, "2", cls.backed_up)
        cls.foreign = cls._customer("Someone Else's Ltd", user_id=cls.salesman_2.id)
        # the care teams exist since last year
        (cls.managed | cls.backed_up | cls.foreign).care_history_ids.date_start = (
            cls.month - relativedelta(years=1)
        )
        cls.prospect = cls._customer("Prospect Ltd")
        cls.prospect_contact = cls.env["res.partner"].create(
            {"name": "Petra Prospect", "parent_id": cls.prospect.id}
        )
        cls.env["crm.lead"].create(
            {
                "name": "Pumps for the new plant",
                "type": "opportunity",
                "partner_id": cls.prospect_contact.id,
                "user_id": cls.salesman.id,
            }
        )
        cls.committed = cls._customer("Committed Ltd")
        cls.commitment = cls.env["sale.revenue.commitment"].create(
            {
                "name": "Framework 12k",
                "partner_id": cls.committed.id,
                "user_id": cls.salesman.id,
                "date_start": cls.month - relativedelta(months=5),
                "date_end": cls.month + relativedelta(months=7) - relativedelta(days=1),
                "amount": 12000.0,
            }
        )
        cls.commitment.action_activate()

    @classmethod
    def _plan(cls, user=None, month=None, lines=()):
        user = user or cls.salesman
        return cls.env["sale.monthly.plan"].create(
            {
                "user_id": user.id,
                "date": month or cls.month,
                "line_ids": [Command.create(vals) for vals in lines],
            }
        )

    @classmethod
    def _line(cls, partner, expected=1000.0, **vals):
        return {"partner_id": partner.id, "expected_revenue": expected, **vals}


class VipCommon(CareTeamCommon):
    """The VIP programme of next year: interviews from next Monday, for eight
    weeks; Saigon Water, the salesman's customer, supervised by the
    supervisor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("sale_customer_care.survey_vip_interview")
        cls.questions = {q.vip_field: q for q in cls.survey.question_ids if q.vip_field}
        cls.next_monday = cls.today + timedelta(days=7 - cls.today.weekday())
        cls.programme = (
            cls.env["customer.vip.programme"]
            .with_user(cls.manager)
            .create(
                {
                    "year": cls.next_monday.year,
                    "date_start": cls.next_monday,
                    "date_end": cls.next_monday + timedelta(weeks=8, days=-1),
                }
            )
        )
        cls.customer = cls._customer("Saigon Water", user_id=cls.salesman.id)
        cls._member(cls.supervisor, "3", cls.customer)

    @classmethod
    def _start_programme(cls):
        """The customer as ``member`` of the programme, the programme started."""
        cls.member = cls._vip_member(cls.customer)
        cls.programme.with_user(cls.manager).action_start()

    @classmethod
    def _vip_member(cls, partner, programme=None, user=None):
        vals = {"programme_id": (programme or cls.programme).id, "partner_id": partner.id}
        if user is not None:
            vals["user_id"] = user.id
        return cls.env["customer.vip.member"].with_user(cls.manager).create(vals)

    def _interview(self, member, user=None):
        """An interview started by its interviewer from the member."""
        action = member.with_user(user or member.user_id).action_new_interview()
        return self.env["customer.vip.interview"].browse(action["res_id"])

    def _answer(self, interview, satisfaction, **texts):
        """Answer the questionnaire as the interviewer: open it from the
        interview, save an answer per question, submit."""
        action = interview.with_user(interview.user_id).action_fill_questionnaire()
        user_input = interview.user_input_id.sudo()
        self.assertIn(user_input.access_token, action["url"])
        lines = [
            {
                "question_id": self.questions["satisfaction"].id,
                "answer_type": "scale",
                "value_scale": satisfaction,
            }
        ]
        for fname, text in texts.items():
            question = self.questions[fname]
            if question.question_type == "multiple_choice":
                for value in text:
                    answer = question.suggested_answer_ids.filtered(lambda a, v=value: a.value == v)
                    lines.append(
                        {
                            "question_id": question.id,
                            "answer_type": "suggestion",
                            "suggested_answer_id": answer.id,
                        }
                    )
            else:
                lines.append(
                    {"question_id": question.id, "answer_type": "text_box", "value_text_box": text}
                )
        self.env["survey.user_input.line"].sudo().create(
            [{"user_input_id": user_input.id, "skipped": False, **line} for line in lines]
        )
        user_input._mark_done()
        return user_input


# ----------------------------------------------------------------------
# Working documents (issue 12): call list, customer profile, self-assessment
# ----------------------------------------------------------------------
class WorkingDocumentsCommon(MonthlyPlanCommon):
    """Team East's working documents: Managed Ltd with its buyer Mai Nguyen
    (a contact with a phone), and helpers that plan activities as the
    salespeople do and read a PDF's text."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.managed.phone = "+36 1 555 0100"
        cls.buyer = cls.env["res.partner"].create(
            {
                "name": "Mai Nguyen",
                "parent_id": cls.managed.id,
                "function": "Buyer",
                "phone": "+84 90 111 2222",
            }
        )

    @classmethod
    def _activity(cls, record, user, kind="call", days=0, summary="", note=False):
        """An activity of ``kind`` (call, meeting, todo, email) planned by
        ``user`` for themselves on ``record``, due ``days`` from today."""
        return (
            record.with_user(user)
            .sudo()
            .activity_schedule(
                f"mail.mail_activity_data_{kind}",
                date_deadline=cls.today + timedelta(days=days),
                summary=summary,
                note=note,
                user_id=user.id,
            )
        )

    def _pdf_text(self, report, res_ids=None, data=None, user=None):
        """The PDF of ``report`` rendered for real as ``user``, as text."""
        self.assertTrue(shutil.which("pdftotext"), "poppler-utils is part of the test setup")
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(user or self.manager)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, res_ids, data=data)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        return subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()


class SelfAssessmentCommon(CustomerCareCommon):
    """The sales head's self-assessment: the questionnaire shipped with the
    addon, its questions by the seed's number (1-20), and a helper that
    answers it through the ORM as the survey pages do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Assessment = cls.env["sale.care.self.assessment"]
        cls.survey = cls.env.ref("sale_customer_care.survey_self_assessment")
        cls.questions = dict(
            enumerate(
                cls.survey.question_ids.filtered("self_assessment_role").sorted("sequence"),
                start=1,
            )
        )
        cls.ideas = cls.survey.question_ids.filtered(lambda q: q.question_type == "text_box")

    def _assess(self, user, noes=(), ideas=None, skipped=()):
        """``user`` takes the self-assessment from the menu and answers "no"
        to the questions numbered in ``noes``, "yes" to the others (none to
        those in ``skipped``); returns the assessment recorded on submit."""
        action = self.Assessment.with_user(user).action_take()
        token = action["url"].split("answer_token=")[1]
        user_input = self.env["survey.user_input"].sudo().search([("access_token", "=", token)])
        self.assertEqual(user_input.partner_id, user.partner_id, "the sales head's own answer")
        lines = []
        for number, question in self.questions.items():
            if number in skipped:
                continue
            answer = question.suggested_answer_ids.filtered(
                lambda a, no=number in noes: a.is_correct != no
            )
            lines.append(
                {
                    "question_id": question.id,
                    "answer_type": "suggestion",
                    "suggested_answer_id": answer.id,
                }
            )
        if ideas:
            lines.append(
                {"question_id": self.ideas.id, "answer_type": "text_box", "value_text_box": ideas}
            )
        self.env["survey.user_input.line"].sudo().create(
            [{"user_input_id": user_input.id, "skipped": False, **line} for line in lines]
        )
        user_input._mark_done()
        return self.Assessment.sudo().search([("user_input_id", "=", user_input.id)])


# Sales meetings (issue 12)
class MeetingCommon(MonthlyPlanCommon):
    """Team East's meeting rhythm, chaired by its team leader (everyone in
    UTC, so that a meeting's day is its start's date): helpers create
    meetings at a day and hour and raise issues, as the people would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Meeting = cls.env["sale.care.meeting"]
        cls.Issue = cls.env["sale.care.meeting.issue"]
        cls.Series = cls.env["sale.care.meeting.series"]
        (cls.team_leader | cls.salesman | cls.salesman_2 | cls.manager).write({"tz": "UTC"})
        # the Friday three weeks before this week's: four weekly meetings
        # up to this week
        this_friday = cls.today + timedelta(days=4 - cls.today.weekday())
        cls.friday = this_friday - timedelta(weeks=3)
        cls.other_team = cls.env["crm.team"].create(
            {"name": "Team West", "user_id": cls.manager.id, "company_id": cls.company.id}
        )

    @classmethod
    def _at(cls, day, hour=17, minute=0):
        """A naive UTC datetime, as the ORM stores them."""
        return fields.Datetime.to_datetime(day) + timedelta(hours=hour, minutes=minute)

    @classmethod
    def _meeting(cls, kind="weekly", day=None, hour=17, user=None, **vals):
        """A meeting of Team East created by ``user`` (the team leader)."""
        return (
            cls.env["sale.care.meeting"]
            .with_user(user or cls.team_leader)
            .create(
                {
                    "kind": kind,
                    "team_id": cls.team.id,
                    "start": cls._at(day or cls.friday, hour),
                    **vals,
                }
            )
        )

    @classmethod
    def _issue(cls, meeting=None, user=None, by=None, deadline_days=7, **vals):
        """An issue raised by ``by`` (the team leader) on ``meeting``'s list,
        for ``user`` (the salesman)."""
        return (
            cls.env["sale.care.meeting.issue"]
            .with_user(by or cls.team_leader)
            .create(
                {
                    "name": vals.pop("name", "Stock of spare seals too low"),
                    "meeting_id": meeting.id if meeting else False,
                    "user_id": (user or cls.salesman).id,
                    "team_id": cls.team.id,
                    "date_deadline": cls.today + timedelta(days=deadline_days),
                    **vals,
                }
            )
        )


class RiskSignalCommon(CareTeamCommon):
    """Customers at risk: a customer of the salesman (account manager) with
    salesman_2 as backup and the supervisor on its care team, and helpers
    that post a buyer's history and run the daily check on the test
    company's books (as of any day)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Signal = cls.env["customer.risk.signal"]
        cls.customer = cls._customer("Monthly Pumps Ltd", user_id=cls.salesman.id)
        cls._member(cls.salesman_2, "2")
        cls._member(cls.supervisor, "3")

    @classmethod
    def _buyer(cls, partner, last_days_ago, count=6, every=30, amount=1000.0, product=None):
        """``count`` invoices of ``amount``, one every ``every`` days, the
        last one ``last_days_ago`` days ago."""
        return cls._invoices(
            partner,
            count,
            amount,
            first_days_ago=last_days_ago + (count - 1) * every,
            step_days=every,
            product=product,
        )

    @classmethod
    def _check(cls, today=None):
        """The daily check on the test company's books; its signals."""
        cls.Signal._update_signals(cls.company, today=today)
        return cls.Signal.search([("company_id", "=", cls.company.id)])


class SalesAnalysisCommon(CustomerCareCommon):
    """Issue 11, the Sales Analysis: last month against the same month last
    year, two product categories (pumps, pipes), two regions of Vietnam
    (North, South) and a customer in Hungary without a state, two
    salespeople; invoices, a credit note, deliveries of real orders; an
    invoice of another company; and the figures by hand:

    ============  ======================  ====================  ===============
    customer      comparison month        last month            salesperson
    ============  ======================  ====================  ===============
    North Pumps   pumps 1,000             pumps 1,500           salesman
                                          pipes 200
    South Pipes   pipes 600, pumps 400    pipes 100 - 50 (CN)   salesman_2
    Danube        pipes 300               pipes 500 - 200 (CN)  salesman
    ============  ======================  ====================  ===============

    Delivered: 20 pipes to South Pipes in the comparison month; 3 pumps to
    North Pumps and 4 pipes to South Pipes last month."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Run = cls.env["sale.care.sales.analysis.run"]
        cls.Analysis = cls.env["sale.care.sales.analysis"]
        cls.month = cls.today.replace(day=1) - relativedelta(months=1)
        cls.month_end = cls.month + relativedelta(day=31)
        cls.year_ago = cls.month - relativedelta(years=1)
        cls.year_ago_end = cls.year_ago + relativedelta(day=31)
        vietnam, hungary = cls.env.ref("base.vn"), cls.env.ref("base.hu")
        cls.north, cls.south = cls.env["res.country.state"].create(
            [
                {"name": "Care North", "code": "CARE-N", "country_id": vietnam.id},
                {"name": "Care South", "code": "CARE-S", "country_id": vietnam.id},
            ]
        )
        cls.vietnam, cls.hungary = vietnam, hungary
        cls.north_pumps = cls._customer(
            "North Pumps", state_id=cls.north.id, country_id=vietnam.id, user_id=cls.salesman.id
        )
        cls.south_pipes = cls._customer(
            "South Pipes", state_id=cls.south.id, country_id=vietnam.id, user_id=cls.salesman_2.id
        )
        cls.danube = cls._customer("Danube Trading", country_id=hungary.id, user_id=cls.salesman.id)

        def day(start, days):
            return start + relativedelta(days=days)

        before, now = cls.year_ago, cls.month
        cls._invoice(cls.north_pumps, 1000.0, day(before, 4))
        cls._invoice(cls.south_pipes, 600.0, day(before, 5), product=cls.pipe, user=cls.salesman_2)
        cls._invoice(cls.south_pipes, 400.0, day(before, 6), user=cls.salesman_2)
        cls._invoice(cls.danube, 300.0, day(before, 7), product=cls.pipe)
        cls._invoice(cls.north_pumps, 1500.0, day(now, 4))
        cls._invoice(cls.north_pumps, 200.0, day(now, 5), product=cls.pipe)
        cls._invoice(cls.south_pipes, 100.0, day(now, 6), product=cls.pipe, user=cls.salesman_2)
        cls._invoice(
            cls.south_pipes, 50.0, day(now, 8), product=cls.pipe, user=cls.salesman_2, refund=True
        )
        cls._invoice(cls.danube, 500.0, day(now, 7), product=cls.pipe)
        # the credit note brings part of it back
        cls._invoice(cls.danube, 200.0, day(now, 9), product=cls.pipe, refund=True)
        # not in the figures: a draft, and an invoice between the two months
        # (the same month as next month, a year ago: the future period's figure)
        cls._invoice(cls.north_pumps, 9999.0, day(now, 10), post=False)
        cls.between = cls._invoice(
            cls.north_pumps, 800.0, cls.month + relativedelta(months=2, years=-1, days=4)
        )
        # deliveries of real orders, dated in the two months
        cls._deliver_on(
            cls._order(cls.south_pipes, cls.pipe, 20, user=cls.salesman_2), day(before, 8)
        )
        cls._deliver_on(cls._order(cls.north_pumps, cls.pump, 3), day(now, 8))
        cls._deliver_on(cls._order(cls.south_pipes, cls.pipe, 4, user=cls.salesman_2), day(now, 9))

    @classmethod
    def _deliver_on(cls, order, day):
        """Deliver ``order`` and date its moves ``day``, as if done then."""
        pickings = cls._deliver(order)
        pickings.move_ids.date = datetime.combine(day, time(10))
        return pickings

    def _open(self, user=None, **kwargs):
        """The analysis of last month against the same month last year as
        ``user`` (the manager by default): ``(run, action)``."""
        periods = {
            "date_from": self.month,
            "date_to": self.month_end,
            "compare_from": self.year_ago,
            "compare_to": self.year_ago_end,
            **kwargs,
        }
        Run = self.Run.with_user(user or self.manager)
        action = Run._open_analysis(**periods)
        run = Run.browse(action["domain"][0][2])
        return run, action


class GrowthCommon(CareTeamCommon):
    """Growth (issue 11 §3): a third product category (tools), a sales team
    of the two salespeople, and helpers that buy in a category and run the
    evaluation's growth step (top customers, whitespace) on the test
    company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.History = cls.env["customer.stage.history"]
        cls.Whitespace = cls.env["customer.whitespace"]
        cls.Potential = cls.env["customer.category.potential"]
        cls.categ_tools = cls.env["product.category"].create({"name": "Tools"})
        cls.categ_tools.with_company(
            cls.company
        ).property_account_income_categ_id = cls.company_data["default_account_revenue"]
        cls.tool = cls._create_product(
            name="Pipe Wrench",
            categ_id=cls.categ_tools.id,
            list_price=50.0,
            taxes_id=[Command.set(cls.tax_sale_a.ids)],
        )
        cls.growth_team = cls.env["crm.team"].create(
            {
                "name": "Team Growth",
                "user_id": cls.team_leader.id,
                "company_id": cls.company.id,
                "member_ids": [Command.set((cls.salesman | cls.salesman_2).ids)],
            }
        )

    @classmethod
    def _buy(cls, partner, product, amount, days_ago=10, **kwargs):
        """A posted invoice of ``amount`` of ``product``, ``days_ago``."""
        return cls._invoice(partner, amount, cls._days_ago(days_ago), product=product, **kwargs)

    @classmethod
    def _growth(cls, company=None):
        """The evaluation's growth step, as the monthly run does it."""
        cls.evaluation._evaluate_growth(company or cls.company)

    def _last_move(self, partner):
        """The latest stage history row of ``partner``."""
        return self.History.search([("partner_id", "=", partner.id)], limit=1)


# The manager's monthly report (issue 11 §4)
class MonthlyReportCommon(WorkingDocumentsCommon):
    """Team East's last month for the monthly report, with the figures by
    hand (untaxed; the same month a year before in brackets):

    ==============  ==========  =========================  ==================  ========
    customer        region      invoices of the month      last year           plans
    ==============  ==========  =========================  ==================  ========
    Managed Ltd     Care North  pumps 1,500, pipes 200     (pumps 1,000,       salesman 2,000
                                (salesman)                 pipes 900)
    Backed Up Ltd   Care South  pumps 1,000 - 300 CN       (pumps 500)         salesman 1,000
                                (salesman_2)                                   salesman_2 800
    Someone Else's  Hungary     pipes 400 (salesman_2)     (pipes 100)         salesman_2 300
    Outside Ltd     -           pumps 5,000 (outsider)     -                   -
    ==============  ==========  =========================  ==================  ========

    Backed Up Ltd is planned by both salespeople: it counts once, for its
    account manager salesman_2.  Achieved: salesman 1,700 of 3,000 (57 %,
    lagging), salesman_2 1,100 of 1,100 (100 %, best); the team 2,800 of
    4,100.  Revenue by invoice salesperson: salesman 1,700 (1,900), salesman_2
    1,100 (600).  Pumps rose 1,500 -> 2,200, pipes fell 1,000 -> 600.  The
    outsider (no team) sells to Outside Ltd: in the company's report, not in
    the team's.  Customers at risk, stage moves and a top customer with
    whitespace (pipes, which two of the three tier A customers buy) come from
    their own models."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.MonthlyReport = cls.env["report.sale_customer_care.report_sale_care_monthly"]
        cls.year_ago = cls.month - relativedelta(years=1)
        vietnam, hungary = cls.env.ref("base.vn"), cls.env.ref("base.hu")
        cls.north, cls.south = cls.env["res.country.state"].create(
            [
                {"name": "Care North", "code": "CARE-MN", "country_id": vietnam.id},
                {"name": "Care South", "code": "CARE-MS", "country_id": vietnam.id},
            ]
        )
        cls.managed.write({"state_id": cls.north.id, "country_id": vietnam.id})
        cls.backed_up.write({"state_id": cls.south.id, "country_id": vietnam.id})
        cls.foreign.country_id = hungary
        cls.outsider = cls._user("care_outsider_seller", "Olga Outsider")
        cls.outside = cls._customer("Outside Ltd", user_id=cls.outsider.id)
        cls.team_west = cls.env["crm.team"].create(
            {"name": "Team West", "user_id": cls.manager.id, "company_id": cls.company.id}
        )

        def day(start, days):
            return start + relativedelta(days=days)

        now, before = cls.month, cls.year_ago
        cls._invoice(cls.managed, 1500.0, day(now, 2))
        cls._invoice(cls.managed, 200.0, day(now, 4), product=cls.pipe)
        cls._invoice(cls.backed_up, 1000.0, day(now, 3), user=cls.salesman_2)
        cls._invoice(cls.backed_up, 300.0, day(now, 7), user=cls.salesman_2, refund=True)
        cls._invoice(cls.foreign, 400.0, day(now, 5), product=cls.pipe, user=cls.salesman_2)
        cls._invoice(cls.outside, 5000.0, day(now, 6), user=cls.outsider)
        cls._invoice(cls.managed, 9999.0, day(now, 8), post=False)  # a draft: nothing
        cls._invoice(cls.managed, 1000.0, day(before, 2))
        cls._invoice(cls.managed, 900.0, day(before, 3), product=cls.pipe)
        cls._invoice(cls.backed_up, 500.0, day(before, 4), user=cls.salesman_2)
        cls._invoice(cls.foreign, 100.0, day(before, 5), product=cls.pipe, user=cls.salesman_2)

        cls.plan = cls._plan(
            cls.salesman, lines=[cls._line(cls.managed, 2000.0), cls._line(cls.backed_up, 1000.0)]
        )
        cls.plan_2 = cls._plan(
            cls.salesman_2, lines=[cls._line(cls.backed_up, 800.0), cls._line(cls.foreign, 300.0)]
        )
        cls.next_plan = cls._plan(
            cls.salesman,
            month=cls.month + relativedelta(months=1),
            lines=[cls._line(cls.managed, 2500.0)],
        )

        # customers at risk, as the daily check leaves them
        Signal = cls.env["customer.risk.signal"].sudo()

        def signal(partner, user, kind, state, revenue, **vals):
            return Signal.create(
                {
                    "partner_id": partner.id,
                    "categ_id": vals.pop("categ", cls.categ_pumps).id,
                    "kind": kind,
                    "state": state,
                    "user_id": user.id,
                    "date_since": day(now, 1),
                    "date_last_purchase": day(now, -40),
                    "rhythm_days": 20.0,
                    "purchase_count": 6,
                    "revenue_at_risk": revenue,
                    **vals,
                }
            )

        cls.late = signal(cls.managed, cls.salesman, "late", "open", 900.0)
        cls.stopped = signal(
            cls.foreign, cls.salesman_2, "stopped", "in_progress", 400.0, categ=cls.categ_pipes
        )
        cls.outside_risk = signal(cls.outside, cls.outsider, "falling", "open", 3000.0)
        cls.recovered = signal(
            cls.backed_up,
            cls.salesman_2,
            "late",
            "recovered",
            500.0,
            date_closed=day(now, 10),
            revenue_recovered=700.0,
        )
        signal(
            cls.backed_up,
            cls.salesman_2,
            "falling",
            "dismissed",
            50.0,
            categ=cls.categ_pipes,
            dismiss_reason="Seasonal",
        )

        # the month's stage moves, as the evaluation logs them
        History = cls.env["customer.stage.history"].sudo()

        def move(partner, user, old, new, transition, net, team=cls.team):
            return History.create(
                {
                    "partner_id": partner.id,
                    "company_id": cls.company.id,
                    "date": day(now, 1),
                    "reason": "automatic",
                    "old_stage": old,
                    "new_stage": new,
                    "transition": transition,
                    "net_growth": net,
                    "salesperson_id": user.id,
                    "team_id": team.id if team else False,
                }
            )

        move(cls.managed, cls.salesman, "approaching", "new", "won", 1)
        move(cls.backed_up, cls.salesman_2, "dormant", "new", "reactivated", 1)
        move(cls.foreign, cls.salesman_2, "loyal", "dormant", "lost", -1)
        move(cls.managed, cls.salesman, "new", "loyal", "loyal", 0)
        move(cls.prospect, cls.salesman, False, "potential", "first", 0)
        move(cls.outside, cls.outsider, "potential", "new", "won", 1, team=None)

        # tiers and the top customer, as the monthly evaluation leaves them
        for partner in cls.managed | cls.backed_up | cls.foreign:
            partner.with_company(cls.company).sudo().write(
                {"customer_tier_id": cls.tier_a.id, "top_customer": False}
            )
        cls.backed_up.with_company(cls.company).sudo().top_customer = "top1"

    def _report(self, user=None, month=None, team=None):
        """The report's values for ``team`` (or the company) as ``user``
        (the manager by default)."""
        return self.MonthlyReport.with_user(user or self.manager)._prepare_report(
            month or self.month, self.company, team or self.env["crm.team"]
        )

    def _data(self, month=None, team=None):
        return {
            "month": str(month or self.month),
            "company_id": self.company.id,
            "team_id": team.id if team else False,
        }
