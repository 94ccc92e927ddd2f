# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A VIP interview: the questionnaire (an Odoo Survey answer filled in on the
customer's behalf) and what it taught us, in fields the rest of the addon can
use.  A completed interview closes the loop: referrals become leads, the
people named become contacts of the customer, and a dissatisfied customer
opens a problem in the register."""

import re
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
PHONE_RE = re.compile(r"^\+?[\d\s().\-/]{6,}$")
# the text fields filled from the questions designated for them
TEXT_FIELDS = (
    "dissatisfaction_reason",
    "contact_persons",
    "new_managers",
    "services_used",
    "expansion_prospects",
    "proposed_products",
    "referrals",
)


class CustomerVipInterview(models.Model):
    _name = "customer.vip.interview"
    _description = "VIP Interview"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True, index=True)
    week_start = fields.Date(
        string="Week",
        compute="_compute_week_start",
        store=True,
        help="Monday of the interview's week.",
    )
    state = fields.Selection(
        [("draft", "To Do"), ("done", "Done")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    satisfaction = fields.Integer(
        tracking=True,
        aggregator="avg",
        help="1 (very dissatisfied) to 5 (very satisfied); 0 when not rated.",
    )
    dissatisfaction_reason = fields.Text(
        string="Why Dissatisfied",
        help="What the customer is unhappy about; a dissatisfied customer's problem starts "
        "from it.",
    )
    contact_persons = fields.Text(
        help="One person per line: name; job title; e-mail; phone. Each becomes (or updates) "
        "a contact of the customer."
    )
    new_managers = fields.Text(
        string="Newly Appointed Managers",
        help="One person per line: name; job title; e-mail; phone.",
    )
    services_used = fields.Text()
    expansion_prospects = fields.Text()
    proposed_products = fields.Text()
    referrals = fields.Text(
        help="One referral per line: company or person; contact; e-mail; phone. Each becomes "
        "a lead for the interviewer."
    )
    lead_count = fields.Integer(compute="_compute_lead_count")
    survey_id = fields.Many2one(related="programme_id.survey_id", string="Questionnaire Template")
    user_input_id = fields.Many2one(
        "survey.user_input",
        string="Questionnaire",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    member_id = fields.Many2one(
        "customer.vip.member",
        string="VIP Member",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    programme_id = fields.Many2one(
        related="member_id.programme_id", store=True, index=True, string="Programme"
    )
    partner_id = fields.Many2one(
        related="member_id.partner_id", store=True, index=True, string="Customer"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Interviewer",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    contact_ids = fields.Many2many(
        "res.partner",
        "customer_vip_interview_contact_rel",
        "interview_id",
        "partner_id",
        string="Contacts Named",
        readonly=True,
        copy=False,
    )
    lead_ids = fields.One2many("crm.lead", "vip_interview_id", string="Referral Leads")
    case_ids = fields.One2many("customer.care.case", "interview_id", string="Problems")
    company_id = fields.Many2one(
        related="member_id.company_id", store=True, index=True, precompute=True
    )

    @api.depends("partner_id", "date")
    def _compute_name(self):
        for interview in self:
            interview.name = interview._interview_label()

    @api.depends_context("lang")
    @api.depends("partner_id", "date")
    def _compute_display_name(self):
        # the stored name is in the language of whoever saved it; the
        # display name is the reader's, with the date in their format
        for interview in self:
            interview.display_name = interview._interview_label()

    @api.depends("date")
    def _compute_week_start(self):
        for interview in self:
            day = interview.date
            interview.week_start = day and day - timedelta(days=day.weekday())

    def _compute_lead_count(self):
        counts = dict(
            self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group([("vip_interview_id", "in", self.ids)], ["vip_interview_id"], ["__count"])
        )
        for interview in self:
            interview.lead_count = counts.get(interview, 0)

    @api.constrains("satisfaction")
    def _check_satisfaction(self):
        for interview in self:
            self._check_satisfaction_value(interview.satisfaction)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_satisfaction_value(vals.get("satisfaction"))
        return super().create(vals_list)

    def write(self, vals):
        # refused before anything is written, not only when the constraint runs
        self._check_satisfaction_value(vals.get("satisfaction"))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def action_fill_questionnaire(self):
        """Open the questionnaire for the interviewer, in their own session:
        the answer is theirs (its partner is the interviewer), the customer is
        the interview's."""
        self.ensure_one()
        # the questionnaire is created and opened as superuser (survey
        # officers own answers): only for an interview the caller may change
        self.check_access("write")
        if self.state == "done":
            raise UserError(self.env._("This interview is done: open its answers instead."))
        if self.env.user != self.user_id:
            raise AccessError(
                self.env._(
                    "Only the interviewer, %(user)s, can fill in this questionnaire. To interview "
                    "the customer yourself, make yourself the interviewer first.",
                    user=self.user_id.name,
                )
            )
        user_input = self._get_or_create_user_input()
        return {
            "type": "ir.actions.act_url",
            "name": self.env._("VIP Interview"),
            "target": "new",
            # sudo: the caller is the interviewer (checked above); salespeople
            # have no access to survey answers of their own
            "url": user_input.sudo().get_start_url(),
        }

    def action_view_answers(self):
        self.ensure_one()
        self.check_access("read")  # before the answer's link is read as superuser
        if not self.user_input_id:
            raise UserError(self.env._("No questionnaire was filled in for this interview."))
        return {
            "type": "ir.actions.act_url",
            "target": "new",
            # sudo: whoever may read the interview (its record rules, applied
            # when reading it above) may read its answers
            "url": self.user_input_id.sudo().get_print_url(),
        }

    def action_done(self):
        """Done without (or besides) the questionnaire: the fields typed in
        the form close the loop the same way.  An interview with nothing
        learnt is not done."""
        for interview in self:
            if not interview.satisfaction:
                raise UserError(
                    self.env._(
                        "Rate the customer's satisfaction (1 to 5) in the interview "
                        "%(interview)s before marking it done, or fill in the questionnaire.",
                        interview=interview.display_name,
                    )
                )
            if interview.satisfaction <= 2 and not (interview.dissatisfaction_reason or "").strip():
                raise UserError(
                    self.env._(
                        "%(customer)s is dissatisfied: write down why before marking the "
                        "interview done, the problem opened for them starts from it.",
                        customer=interview.partner_id.display_name,
                    )
                )
        self.write({"state": "done"})
        self._close_the_loop()
        return True

    def action_view_leads(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("crm.crm_lead_all_leads")
        action.update(
            domain=[("vip_interview_id", "=", self.id)],
            context={"active_test": False},
        )
        return action

    @api.model
    def _check_satisfaction_value(self, value):
        if value and not 1 <= value <= 5:
            raise ValidationError(
                self.env._(
                    "Satisfaction is rated from 1 (very dissatisfied) to 5 (very satisfied), "
                    "not %(value)s.",
                    value=value,
                )
            )

    # ------------------------------------------------------------------
    # Questionnaire
    # ------------------------------------------------------------------
    def _interview_label(self):
        self.ensure_one()
        return self.env._(
            "%(customer)s, %(date)s",
            customer=self.partner_id.display_name or "",
            date=format_date(self.env, self.date) if self.date else "",
        )

    def _get_or_create_user_input(self):
        """The interviewer's answer to the questionnaire: its partner is the
        interviewer, so that the survey pages let them (and only them) answer
        it in their own session.  The caller has been checked to be the
        interviewer."""
        self.ensure_one()
        interviewer = self.user_id.partner_id
        # sudo: salespeople have no access to survey answers; the caller is
        # the interviewer (see action_fill_questionnaire)
        user_input = self.user_input_id.sudo()
        if user_input:
            if user_input.partner_id != interviewer and user_input.state != "done":
                # started by a former interviewer (or for the customer, before
                # answers belonged to the interviewer): the interviewer's now
                user_input.write({"partner_id": interviewer.id, "email": self.user_id.email})
            return user_input
        survey = self.programme_id.survey_id.sudo()
        if not survey:
            raise UserError(
                self.env._(
                    "%(programme)s has no questionnaire: choose one on the programme.",
                    programme=self.programme_id.name,
                )
            )
        user_input = survey._create_answer(user=self.user_id, check_attempts=False)
        self.sudo().user_input_id = user_input
        return user_input

    def _apply_user_input(self):
        """Fill the structured fields from the submitted questionnaires, then
        close the loop."""
        for interview in self:
            answers = interview.user_input_id.sudo()._vip_answers()
            vals = {fname: answers.get(fname) or False for fname in TEXT_FIELDS}
            vals["satisfaction"] = answers.get("satisfaction") or 0
            vals["state"] = "done"
            interview.write(vals)
        self._close_the_loop()

    # ------------------------------------------------------------------
    # Closing the loop
    # ------------------------------------------------------------------
    def _close_the_loop(self):
        """After the interview: contacts, referral leads, a problem for a
        dissatisfied customer, the member interviewed and its meeting done.
        Each of these happens once, however often it is called."""
        self._update_contacts()
        self._create_referral_leads()
        self._open_cases()
        members = self.member_id.filtered(lambda m: m.state != "done")
        activities = members.activity_id
        members.sudo().write({"state": "done"})
        if activities:
            activities.sudo().action_feedback(feedback=self.env._("VIP interview done."))

    def _update_contacts(self):
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        for interview in self:
            customer = interview.partner_id.sudo()
            people = self._parse_people(interview.contact_persons) + self._parse_people(
                interview.new_managers
            )
            if not people:
                continue
            existing = Partner.search([("parent_id", "=", customer.id)])
            contacts = Partner
            for person in people:
                contact = existing.filtered(
                    lambda p, person=person: (
                        (person["email"] and (p.email or "").lower() == person["email"].lower())
                        or (p.name or "").casefold() == person["name"].casefold()
                    )
                )[:1]
                vals = {k: v for k, v in person.items() if v and k != "name"}
                if contact:
                    changed = {k: v for k, v in vals.items() if contact[k] != v}
                    if changed:
                        contact.write(changed)
                else:
                    contact = Partner.create(
                        {
                            "parent_id": customer.id,
                            "type": "contact",
                            "name": person["name"],
                            **vals,
                        }
                    )
                    existing |= contact
                contacts |= contact
            interview.sudo().contact_ids = [fields.Command.link(c.id) for c in contacts]

    def _create_referral_leads(self):
        Lead = self.env["crm.lead"].sudo().with_context(active_test=False)
        source = self.env.ref("sale_customer_care.utm_source_vip_referral")
        vals_list = []
        for interview in self:
            referrals = self._parse_people(interview.referrals)
            if not referrals:
                continue
            known = {
                (lead.partner_name or lead.contact_name or "").casefold()
                for lead in Lead.search(
                    [
                        ("source_id", "=", source.id),
                        ("company_id", "in", (False, interview.company_id.id)),
                    ]
                )
            }
            for referral in referrals:
                key = referral["name"].casefold()
                if key in known:
                    continue
                known.add(key)
                vals_list.append(
                    {
                        "name": self.env._(
                            "%(name)s (referred by %(customer)s)",
                            name=referral["name"],
                            customer=interview.partner_id.name,
                        ),
                        "type": "lead",
                        "partner_name": referral["name"],
                        "contact_name": referral["function"],
                        "email_from": referral["email"],
                        "phone": referral["phone"],
                        "source_id": source.id,
                        "user_id": interview.user_id.id,
                        "company_id": interview.company_id.id,
                        "vip_interview_id": interview.id,
                        "description": self.env._(
                            "Referred by %(customer)s in the VIP interview of %(date)s.",
                            customer=interview.partner_id.name,
                            date=format_date(self.env, interview.date),
                        ),
                    }
                )
        if vals_list:
            Lead.create(vals_list)

    def _open_cases(self):
        """A customer rating its satisfaction 2 or less opens a problem."""
        dissatisfied = self.filtered(
            lambda i: i.state == "done" and 0 < i.satisfaction <= 2 and not i.sudo().case_ids
        )
        if not dissatisfied:
            return
        today = fields.Date.context_today(self)
        vals_list = []
        for interview in dissatisfied:
            supervisor = (
                interview.partner_id.sudo()
                .care_member_ids.filtered(lambda m: m.layer == "3")
                .user_id[:1]
            )
            days = interview.company_id.care_case_deadline_days
            vals_list.append(
                {
                    "name": self.env._(
                        "%(customer)s is dissatisfied (%(score)s/5)",
                        customer=interview.partner_id.name,
                        score=interview.satisfaction,
                    ),
                    "partner_id": interview.partner_id.id,
                    "interview_id": interview.id,
                    "user_id": (supervisor or interview.programme_id.user_id).id,
                    "date_deadline": today + timedelta(days=days),
                    "description": interview.dissatisfaction_reason
                    or self.env._("The customer did not say why."),
                    "company_id": interview.company_id.id,
                }
            )
        self.env["customer.care.case"].sudo().create(vals_list)

    @api.model
    def _parse_people(self, text):
        """``"Ms Lan; Purchasing head; lan@x.vn; +84 90 123"`` per line ->
        ``[{"name", "function", "email", "phone"}]`` (the name first, the
        other parts recognised by their shape)."""
        people = []
        for line in (text or "").splitlines():
            parts = [p.strip() for p in re.split(r"[;|\t]", line) if p.strip()]
            if not parts:
                continue
            person = {"name": parts[0].lstrip("-*• ").strip(), "function": False}
            person.update(email=False, phone=False)
            for part in parts[1:]:
                if EMAIL_RE.fullmatch(part):
                    person["email"] = part
                elif PHONE_RE.match(part):
                    person["phone"] = part
                elif not person["function"]:
                    person["function"] = part
            if person["name"]:
                people.append(person)
        return people
