# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo of the working documents: a call list worth printing for every
salesperson today (calls, meetings and to-dos due today, a few overdue, on
the customers, their contacts and their opportunities), and the sales
heads' self-assessments answered through the questionnaire (the manager
twice, a few months apart, so that the roles move)."""

from datetime import datetime, time, timedelta

from markupsafe import Markup

from odoo import api, fields, models

MODULE = "sale_customer_care"

# What each salesperson has to do today: (document, activity type, days from
# today, summary, note).  The document is the salesperson's n-th customer by
# revenue ("customer"), that customer's first contact ("contact") or the
# salesperson's first open opportunity ("opportunity").
CALL_LIST = [
    ("customer", 0, "call", 0, "Confirm the delivery date of the pumps", ""),
    ("contact", 1, "call", 0, "Ask for the yearly volume forecast", "Budget decided in January."),
    ("opportunity", 0, "meeting", 0, "Walk through the technical offer", ""),
    ("customer", 2, "todo", -3, "Send the revised quotation", "Discount of 4 % agreed by Margit."),
    ("customer", 3, "call", -1, "Follow up on the unpaid invoice", ""),
]

# Country calling codes of the demo customers.
PHONE_PREFIXES = {"VN": "+84 28", "HU": "+36 1", "DE": "+49 89", "AT": "+43 1"}

# The last interactions of the two biggest customers: (days ago, call
# summary, feedback, note logged the next day).
PROFILE_INTERACTIONS = [
    (
        5,
        "Delivery schedule of the booster pumps",
        "Two pumps in January, the rest in March; they ask for a spare seal kit.",
        "Sent the offer for spare seal kits (10 sets) to the purchasing manager.",
    ),
    (
        4,
        "Next year's framework agreement",
        "Procurement wants the new price list before 15 December.",
        "Price list for next year requested from the product managers.",
    ),
]

# The self-assessments: (login xmlid, days ago, questions answered "no",
# ideas).  Questions are numbered as in the seed (1-20).
SELF_ASSESSMENTS = [
    (
        "demo_user_manager",
        120,
        (3, 4, 6, 7, 10, 11, 13, 14, 18, 19, 20),
        (
            "Weekly results: one page per salesperson, discussed every Friday.\n"
            "Hand the VIP visits over to Dung; I sell only to teach."
        ),
    ),
    (
        "demo_user_manager",
        12,
        (6, 7, 13, 20),
        "Ask the team for one new approach a month (innovation slot in the Friday meeting).",
    ),
    ("demo_user_lead", 20, (1, 8, 11, 14, 15), ""),
]


class SaleCareDemo(models.AbstractModel):
    _inherit = "sale.care.demo"

    @api.model
    def _generate_papers(self):
        """Today's call lists and the self-assessments (once)."""
        survey = self.env.ref(f"{MODULE}.survey_self_assessment")
        if self.env["sale.care.self.assessment"].sudo().search_count([]):
            return False
        company = self.env.ref("base.main_company")
        demo = self._demo_env(company)
        today = fields.Date.context_today(demo)
        demo._demo_phones(company)
        demo._demo_call_lists(company, today)
        demo._demo_profile_interactions(company, today)
        for xmlid, days, noes, ideas in SELF_ASSESSMENTS:
            demo._demo_self_assessment(survey, demo._demo_ref(xmlid), today, days, noes, ideas)
        return True

    @api.model
    def _demo_phones(self, company):
        """Phone numbers for the demo customers and their people: a call
        list is for calling."""
        customers = self.env["res.partner"].search(
            [("is_company", "=", True), ("user_id", "!=", False)], order="id"
        )
        for index, customer in enumerate(customers):
            prefix = PHONE_PREFIXES.get(customer.country_id.code, "+1 555")
            if not customer.phone:
                customer.phone = f"{prefix} {100 + index:03d} {1000 + 7 * index:04d}"
            for number, person in enumerate(customer.child_ids.filtered(lambda p: not p.phone)):
                person.phone = f"{prefix} {200 + index:03d} {3000 + 11 * number:04d}"

    @api.model
    def _demo_call_lists(self, company, today):
        """Activities of every salesperson due today or overdue."""
        Partner = self.env["res.partner"].with_company(company)
        for xmlid in ("demo_user_anna", "demo_user_bao", "demo_user_csaba", "demo_user_dung"):
            user = self._demo_ref(xmlid)
            customers = Partner.search(
                [("user_id", "=", user.id), ("is_company", "=", True)]
            ).sorted(lambda p: (-p.revenue_12m, p.id))
            opportunity = self.env["crm.lead"].search(
                [("user_id", "=", user.id), ("type", "=", "opportunity")], order="id", limit=1
            )
            for kind, index, activity_type, days, summary, note in CALL_LIST:
                customer = customers[index : index + 1]
                record = {
                    "customer": customer,
                    "contact": customer.child_ids[:1],
                    "opportunity": opportunity,
                }[kind]
                if not record:
                    continue
                record.with_user(user).sudo().activity_schedule(
                    f"mail.mail_activity_data_{activity_type}",
                    date_deadline=today + timedelta(days=days),
                    summary=summary,
                    note=note or False,
                    user_id=user.id,
                )

    @api.model
    def _demo_profile_interactions(self, company, today):
        """The biggest customers' last calls and notes, for their profiles."""
        customers = (
            self.env["res.partner"]
            .with_company(company)
            .search([("is_company", "=", True), ("user_id", "!=", False)])
            .sorted(lambda p: (-p.revenue_12m, p.id))[:2]
        )
        for customer, (days, summary, feedback, note) in zip(
            customers, PROFILE_INTERACTIONS, strict=False
        ):
            user = customer.user_id
            partner = customer.with_user(user).sudo()
            activity = partner.activity_schedule(
                "mail.mail_activity_data_call",
                date_deadline=today - timedelta(days=days),
                summary=summary,
                user_id=user.id,
            )
            messages, _next = activity._action_done(feedback=feedback)
            messages.date = datetime.combine(today - timedelta(days=days), time(10))
            message = partner.message_post(
                body=Markup("<p>%s</p>") % note,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
            message.date = datetime.combine(today - timedelta(days=days - 1), time(15))

    @api.model
    def _demo_self_assessment(self, survey, user, today, days, noes, ideas):
        """The questionnaire answered by ``user`` ``days`` ago: "no" to the
        questions numbered in ``noes``, "yes" to the others."""
        user_input = survey._create_answer(user=user, check_attempts=False)
        lines = []
        number = 0
        for question in survey.question_ids.sorted("sequence"):
            if question.self_assessment_role:
                number += 1
                answer = question.suggested_answer_ids.filtered(
                    lambda a, no=number in noes: a.is_correct != no
                )[:1]
                lines.append(
                    {
                        "question_id": question.id,
                        "answer_type": "suggestion",
                        "suggested_answer_id": answer.id,
                    }
                )
            elif question.question_type == "text_box" and ideas:
                lines.append(
                    {
                        "question_id": question.id,
                        "answer_type": "text_box",
                        "value_text_box": ideas,
                    }
                )
        self.env["survey.user_input.line"].create(
            [{"user_input_id": user_input.id, "skipped": False, **line} for line in lines]
        )
        user_input._mark_done()
        when = datetime.combine(today - timedelta(days=days), time(17))
        user_input.write({"start_datetime": when - timedelta(minutes=20), "end_datetime": when})
        assessment = self.env["sale.care.self.assessment"].search(
            [("user_input_id", "=", user_input.id)]
        )
        assessment.date = when.date()
        return assessment
