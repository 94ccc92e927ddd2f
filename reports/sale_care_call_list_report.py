# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The daily call list of a salesperson (seed 002, "working documents"): the
customers to call or meet today, whoever the activity was planned on (the
customer, one of its contacts or one of its opportunities), with whom to
speak, their phone, where the customer stands, the last time we spoke and
why we call, and room to write down the outcome."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import format_date
from odoo.tools.mail import html_to_inner_content

SALES_USERS = "sales_team.group_sale_salesman"

# The activities of a call list: calls, meetings and to-dos ...
CALL_LIST_ACTIVITY_TYPES = (
    "mail.mail_activity_data_call",
    "mail.mail_activity_data_meeting",
    "mail.mail_activity_data_todo",
)
# ... and any other type that is a call or a meeting.
CALL_LIST_CATEGORIES = ("phonecall", "meeting")
# the documents an activity of the call list is planned on
CALL_LIST_MODELS = ("res.partner", "crm.lead")
# Rows of a table block (sale.care.report): a row of the call list is tall,
# with room for the outcome.
ROWS_PER_BLOCK = 6


class SaleCareCallListReport(models.AbstractModel):
    _name = "report.sale_customer_care.report_sale_care_call_list"
    _inherit = ["sale.care.report"]
    _description = "Daily Call List"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        users = self.env["res.users"].browse(docids or data.get("user_ids") or self.env.uid)
        day = fields.Date.to_date(data.get("date")) or fields.Date.context_today(self)
        company = (
            self.env["res.company"].browse(data["company_id"])
            if data.get("company_id")
            else self.env.company
        )
        self._check_call_list_access(users, company)
        return {
            "doc_ids": users.ids,
            "doc_model": "res.users",
            "docs": users,
            "call_lists": [self._prepare_call_list(user, day, company) for user in users],
            **self._care_report_values(ROWS_PER_BLOCK),
        }

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    @api.model
    def _check_call_list_access(self, users, company):
        """A salesperson prints their own call list, a team leader those of
        the members of the teams they lead, a sales manager anyone's, in a
        company the caller works for (their own companies, not the ones a
        client names).  Raise ``AccessError`` before anything is read."""
        if self.env.su:
            return
        me = self.env.user
        self.env["res.users"]._care_require_group(
            SALES_USERS, self.env._("Only salespeople can print call lists.")
        )
        self.env["res.users"]._care_require_company(
            company,
            self.env._(
                "You do not work for %(company)s: you cannot print its call lists.",
                # sudo: the name the caller asked for, to refuse it
                company=company.sudo().display_name,
            ),
        )
        others = users - me - self.env["res.users"]._care_led_members()
        if others:
            # whose activities are printed is not a record: no rule can say it
            self.env["res.users"]._care_require_manager(
                self.env._(
                    "You can print your own call list and those of the teams you lead, "
                    "not the call list of %(people)s.",
                    people=", ".join(others.sorted("name").mapped("name")),
                )
            )

    @api.model
    def _allowed_user_ids(self, company):
        """Whose call list the caller may print: themselves, the members of
        the teams they lead; every salesperson of the company for managers."""
        me = self.env.user
        if me.has_group("sales_team.group_sale_manager"):
            return (
                self.env["res.users"]
                .search(
                    [
                        ("share", "=", False),
                        ("company_ids", "in", company.ids),
                        ("all_group_ids", "in", self.env.ref(SALES_USERS).ids),
                    ]
                )
                .ids
            )
        return (me | self.env["res.users"]._care_led_members()).ids

    # ------------------------------------------------------------------
    # Values
    # ------------------------------------------------------------------
    @api.model
    def _activity_types(self):
        types = self.env["mail.activity.type"].search([("category", "in", CALL_LIST_CATEGORIES)])
        for xmlid in CALL_LIST_ACTIVITY_TYPES:
            types |= self.env.ref(xmlid, raise_if_not_found=False) or types.browse()
        return types

    @api.model
    def _prepare_call_list(self, user, day, company):
        """Everything the call list of ``user`` on ``day`` shows: one row per
        customer (or opportunity without a customer), its activities due on
        ``day`` or overdue, set-based (a fixed number of statements for any
        number of activities)."""
        # sudo: the caller may print this salesperson's call list
        # (_check_call_list_access); their activities are read whatever
        # document they are on, and the documents only for names and phones
        Activity = self.env["mail.activity"].sudo()
        activities = Activity.search(
            [
                ("user_id", "=", user.id),
                ("date_deadline", "<=", day),
                ("activity_type_id", "in", self._activity_types().ids),
                ("res_model", "in", CALL_LIST_MODELS),
            ],
            order="date_deadline, id",
        )
        on_model = defaultdict(list)
        for activity in activities:
            on_model[activity.res_model].append(activity.res_id)
        Partner = self.env["res.partner"].sudo().with_company(company)
        contacts = Partner.browse(on_model["res.partner"]).exists()
        Lead = self.env["crm.lead"].sudo().with_company(company)
        leads = Lead.browse(on_model["crm.lead"]).exists()
        customers = (contacts | leads.partner_id).commercial_partner_id.with_company(company)
        first_contacts = self._first_contacts(customers)
        interactions = self.env["sale.care.figures"].get_last_interactions(
            customers, date_to=day, include_planned=False
        )
        stages = dict(Partner._fields["relationship_stage"]._description_selection(self.env))
        kinds = {
            "message": self.env._("Note or message"),
            "activity": self.env._("Activity done"),
        }
        records = {("res.partner", p.id): p for p in contacts}
        records.update({("crm.lead", lead.id): lead for lead in leads})
        rows = {}
        for activity in activities:
            record = records.get((activity.res_model, activity.res_id))
            if record is None:
                continue  # the document is gone
            lead = record if record._name == "crm.lead" else leads.browse()
            person = lead.partner_id if lead else record
            customer = person.commercial_partner_id
            if not self._in_company(customer, lead, company):
                continue
            key = ("res.partner", customer.id) if customer else ("crm.lead", lead.id)
            row = rows.get(key)
            if row is None:
                row = rows[key] = self._prepare_row(
                    customer, lead, first_contacts, interactions, stages, kinds
                )
            if person and person != customer and not row["contact_from_activity"]:
                row.update(self._contact_values(person))
                row["contact_from_activity"] = True
            row["items"].append(self._prepare_item(activity, lead, day))
        lines = sorted(
            rows.values(), key=lambda r: (r["items"][0]["deadline"], r["name"].casefold())
        )
        for number, row in enumerate(lines, start=1):
            row["number"] = number
        overdue = sum(item["overdue"] for row in lines for item in row["items"])
        return {
            "user": user,
            "date": day,
            "company": company,
            "title": self.env._(
                "Call list of %(user)s, %(date)s",
                user=user.name,
                date=format_date(self.env, day, date_format="EEEE d MMMM y"),
            ),
            "rows": lines,
            "activity_count": sum(len(row["items"]) for row in lines),
            "overdue_count": overdue,
        }

    @api.model
    def _in_company(self, customer, lead, company):
        if lead and lead.company_id and lead.company_id != company:
            return False
        return not customer.company_id or customer.company_id == company

    @api.model
    def _first_contacts(self, customers):
        """``{customer_id: contact}``: the first person of each customer, to
        ask for when the activity names nobody (one statement)."""
        people = (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    ("parent_id", "in", customers.ids),
                    ("is_company", "=", False),
                    ("type", "=", "contact"),
                ],
                order="parent_id, id",
            )
        )
        first = {}
        for person in people:
            first.setdefault(person.parent_id.id, person)
        return first

    @api.model
    def _contact_values(self, person):
        return {
            "contact": person.name or "",
            "function": person.function or "",
            "phone": person.phone or person.commercial_partner_id.phone or "",
            "email": person.email or "",
        }

    @api.model
    def _prepare_row(self, customer, lead, first_contacts, interactions, stages, kinds):
        if customer:
            person = first_contacts.get(customer.id)
            values = self._contact_values(person) if person else self._contact_values(customer)
            if not person:
                values.update(contact="", function="")
            interaction = interactions.get(customer.id, {})
            return {
                "name": customer.name or "",
                "customer": customer,
                "tier": customer.customer_tier_id.name or "",
                "stage": stages.get(customer.relationship_stage, ""),
                "last_date": interaction.get("date"),
                "last_kind": kinds.get(interaction.get("kind"), ""),
                "items": [],
                "contact_from_activity": False,
                **values,
            }
        # an opportunity without a customer: what the lead knows
        return {
            "name": lead.partner_name or lead.contact_name or lead.name,
            "customer": customer,
            "tier": "",
            "stage": "",
            "last_date": False,
            "last_kind": "",
            "items": [],
            "contact_from_activity": True,
            "contact": lead.contact_name or "",
            "function": lead.function or "",
            "phone": lead.phone or "",
            "email": lead.email_from or "",
        }

    @api.model
    def _prepare_item(self, activity, lead, day):
        """Why we call: the activity, its note, the opportunity it is on and
        the next action of the monthly plan it was scheduled for."""
        note = " ".join(html_to_inner_content(activity.note or "").split())
        return {
            "type": activity.activity_type_id.name or "",
            "deadline": activity.date_deadline,
            "overdue": activity.date_deadline < day,
            "summary": activity.summary or "",
            "note": note,
            "opportunity": lead.name if lead else "",
            "next_action": activity.care_plan_line_id.next_action or "",
        }
