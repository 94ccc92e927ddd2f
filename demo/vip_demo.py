# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo of the VIP programme: this year's programme running, its list
proposed from the demo sales figures, a few customers already interviewed
through the questionnaire (answered as an interviewer would), the problems
their answers opened, one of them solved, and the other first interviews
scheduled within the weekly quotas."""

from datetime import timedelta

from odoo import api, fields, models

MODULE = "sale_customer_care"

# (satisfaction, contacts, services, expansion, products, referrals, days ago)
INTERVIEWS = [
    (
        5,
        "Lê Thị Hương; Purchasing director; huong.le@example.com; +84 28 3822 1100",
        ["Delivery to site", "Technical advice"],
        "Second treatment plant in Thủ Đức from next spring.",
        "Frequency inverters for the pumping stations: samples requested.",
        "Biên Hòa Water Works; Mr Quang; quang@bienhoa-water.example.com",
        9,
    ),
    (
        4,
        "Kovács Péter; Technical director; peter.kovacs@example.com",
        ["Maintenance and repairs", "Installation and commissioning"],
        "Replacement of the valves of the northern network over two years.",
        "Butterfly valves DN100 with actuators.",
        "",
        8,
    ),
    (
        2,
        "Trần Minh Khoa; Site manager; +84 24 3933 5500",
        ["Delivery to site"],
        "On hold until the deliveries are on time again.",
        "",
        "",
        6,
    ),
    (
        1,
        "Dr. Weber; Plant manager; weber@example.com",
        ["Maintenance and repairs"],
        "None before the repairs are done properly.",
        "",
        "",
        3,
    ),
]
# why the dissatisfied ones are unhappy, by satisfaction
DISSATISFACTION_REASONS = {
    2: "Three deliveries to site were late since spring; the site waited for the pumps.",
    1: "The repairs of the pumps last year had to be redone twice.",
}


class SaleCareDemo(models.AbstractModel):
    _inherit = "sale.care.demo"

    @api.model
    def _generate_vip(self):
        """This year's VIP programme (once)."""
        if self.env.ref(f"{MODULE}.demo_vip_programme", raise_if_not_found=False):
            return False
        company = self.env.ref("base.main_company")
        demo = self._demo_env(company)
        today = fields.Date.context_today(demo)
        manager = demo._demo_ref("demo_user_manager")
        demo._demo_ref("demo_user_dung").vip_dedicated = True
        programme = demo.env["customer.vip.programme"].create(
            {
                "year": today.year,
                "user_id": manager.id,
                "company_id": company.id,
                "top_percent": 20.0,
                "note": "<p>Interviews of the decision makers, first half of the year.</p>",
            }
        )
        self.env["ir.model.data"].create(
            {
                "module": MODULE,
                "name": "demo_vip_programme",
                "model": programme._name,
                "res_id": programme.id,
                "noupdate": True,
            }
        )
        programme.action_propose_members()
        programme.action_start()
        members = programme.member_ids.sorted(lambda m: (-m.revenue_12m, m.id))
        for member, spec in zip(members, INTERVIEWS, strict=False):
            demo._demo_vip_interview(member, today, *spec)
        cases = programme.case_ids.sorted("id")
        if cases:
            cases[0].write(
                {
                    "state": "in_progress",
                    "date_open": today - timedelta(days=20),
                    "date_deadline": today - timedelta(days=6),
                }
            )
        if len(cases) > 1:
            cases[1].write(
                {
                    "resolution": "Service engineer sent on site; the two pumps were repaired "
                    "and a spare kept in their store.",
                    "state": "solved",
                }
            )
        programme.action_schedule_interviews()
        return True

    @api.model
    def _demo_vip_interview(
        self, member, today, satisfaction, contacts, services, expansion, products, referrals, days
    ):
        """An interview answered through the questionnaire, then submitted."""
        interview = self.env["customer.vip.interview"].create(
            {
                "member_id": member.id,
                "user_id": member.user_id.id or member.programme_id.user_id.id,
                "date": today - timedelta(days=days),
            }
        )
        user_input = interview._get_or_create_user_input()
        questions = {q.vip_field: q for q in user_input.survey_id.question_ids if q.vip_field}
        Line = self.env["survey.user_input.line"]
        lines = [
            {
                "question_id": questions["satisfaction"].id,
                "answer_type": "scale",
                "value_scale": satisfaction,
            },
            {
                "question_id": questions["contact_persons"].id,
                "answer_type": "text_box",
                "value_text_box": contacts,
            },
            {
                "question_id": questions["expansion_prospects"].id,
                "answer_type": "text_box",
                "value_text_box": expansion,
            },
        ]
        for service in services:
            answer = questions["services_used"].suggested_answer_ids.filtered(
                lambda a, s=service: a.value == s
            )
            lines.append(
                {
                    "question_id": questions["services_used"].id,
                    "answer_type": "suggestion",
                    "suggested_answer_id": answer.id,
                }
            )
        for fname, text in (
            ("proposed_products", products),
            ("referrals", referrals),
            ("dissatisfaction_reason", DISSATISFACTION_REASONS.get(satisfaction)),
        ):
            if text:
                lines.append(
                    {
                        "question_id": questions[fname].id,
                        "answer_type": "text_box",
                        "value_text_box": text,
                    }
                )
        Line.create([{"user_input_id": user_input.id, "skipped": False, **line} for line in lines])
        user_input._mark_done()
        return interview
