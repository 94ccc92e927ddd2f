# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A customer on a VIP list, and the person who interviews it: by default
the one who brought the customer in."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

MEMBER_STATES = [
    ("draft", "To Schedule"),
    ("scheduled", "Scheduled"),
    ("done", "Interviewed"),
]
MEMBER_ORIGINS = [
    ("tier_vip", "Tier VIP"),
    ("tier_a", "Tier A"),
    ("top_revenue", "Top Revenue"),
    ("manual", "Added by Hand"),
]


class CustomerVipMember(models.Model):
    _name = "customer.vip.member"
    _description = "VIP Programme Member"
    _inherit = ["mail.thread"]
    _order = "programme_id desc, user_id, revenue_12m desc, id"
    _rec_name = "partner_id"
    _check_company_auto = True

    state = fields.Selection(
        MEMBER_STATES, default="draft", required=True, tracking=True, copy=False
    )
    origin = fields.Selection(
        MEMBER_ORIGINS,
        string="Why on the List",
        default="manual",
        required=True,
        readonly=True,
    )
    revenue_12m = fields.Monetary(
        string="Revenue (12 months)",
        readonly=True,
        help="Invoiced revenue over the 12 months before the customer was proposed.",
    )
    planned_date = fields.Date(
        string="First Interview", tracking=True, copy=False, index=True, readonly=True
    )
    interview_count = fields.Integer(compute="_compute_interview_stats")
    last_satisfaction = fields.Integer(compute="_compute_interview_stats")
    programme_id = fields.Many2one(
        "customer.vip.programme",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
    )
    customer_tier_id = fields.Many2one(related="partner_id.customer_tier_id", string="Tier")
    user_id = fields.Many2one(
        "res.users",
        string="Assigned To",
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
        help="Interviews the customer. By default the person who brought the customer in "
        "(salesperson of its first confirmed order), else its account manager.",
    )
    activity_id = fields.Many2one(
        "mail.activity", string="Planned Meeting", readonly=True, copy=False, ondelete="set null"
    )
    interview_ids = fields.One2many("customer.vip.interview", "member_id", string="Interviews")
    reassignment_ids = fields.One2many(
        "customer.vip.reassignment", "member_id", string="Reassignments", readonly=True
    )
    company_id = fields.Many2one(
        related="programme_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    _programme_partner_unique = models.Constraint(
        "UNIQUE (programme_id, partner_id)",
        "A customer can be on a VIP list only once.",
    )

    def _compute_interview_stats(self):
        interviews = self.env["customer.vip.interview"].search(
            [("member_id", "in", self.ids), ("state", "=", "done")], order="date desc, id desc"
        )
        for member in self:
            own = interviews.filtered(lambda i, m=member: i.member_id == m)
            member.interview_count = len(own)
            member.last_satisfaction = own[:1].satisfaction

    @api.constrains("programme_id", "partner_id")
    def _check_commercial_partner(self):
        contact = self.filtered(lambda m: m.partner_id.commercial_partner_id != m.partner_id)
        if contact:
            raise ValidationError(
                self.env._(
                    "Put the company %(company)s on the VIP list, not its contact.",
                    company=contact[0].partner_id.commercial_partner_id.display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_manager()
        self._check_new_pairs(
            [(vals.get("programme_id"), vals.get("partner_id")) for vals in vals_list]
        )
        missing = [vals for vals in vals_list if not vals.get("user_id") and vals.get("partner_id")]
        if missing:
            partners = self.env["res.partner"].browse({vals["partner_id"] for vals in missing})
            users = self._default_users(partners)
            for vals in missing:
                vals["user_id"] = users.get(vals["partner_id"], False)
        return super().create(vals_list)

    @api.model
    def _check_new_pairs(self, pairs, exclude=()):
        """Refuse a customer twice in a programme with a sentence, before the
        database refuses it with its constraint (one query; ``exclude``: the
        members being written)."""
        pairs = [pair for pair in pairs if all(pair)]
        if not pairs:
            return
        seen = {
            (member.programme_id.id, member.partner_id.id)
            for member in self.sudo().search(
                [
                    ("id", "not in", list(exclude)),
                    ("programme_id", "in", [programme_id for programme_id, _p in pairs]),
                    ("partner_id", "in", [partner_id for _p, partner_id in pairs]),
                ]
            )
        }
        for pair in pairs:
            if pair in seen:
                programme = self.env["customer.vip.programme"].browse(pair[0])
                partner = self.env["res.partner"].browse(pair[1])
                raise ValidationError(
                    self.env._(
                        "%(customer)s is already on the list of %(programme)s.",
                        customer=partner.display_name,
                        programme=programme.name,
                    )
                )
            seen.add(pair)

    def write(self, vals):
        if "user_id" in vals:
            self._check_interviewer_change(vals["user_id"])
        if {"programme_id", "partner_id"} & set(vals):
            self._check_new_pairs(
                [
                    (
                        vals.get("programme_id", member.programme_id.id),
                        vals.get("partner_id", member.partner_id.id),
                    )
                    for member in self
                ],
                exclude=self.ids,
            )
        return super().write(vals)

    def unlink(self):
        self._check_manager()
        if self.interview_ids:
            raise UserError(
                self.env._("A customer already interviewed stays on the list as a record.")
            )
        self.activity_id.unlink()
        return super().unlink()

    def action_reassign(self):
        """Open the reassignment wizard (a reason is asked)."""
        self._check_manager()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reassign VIP Customers"),
            "res_model": "customer.vip.reassign",
            "view_mode": "form",
            "target": "new",
            "context": {"default_member_ids": self.ids},
        }

    def action_new_interview(self):
        """Start an interview of this customer (its first or a later one)."""
        self.ensure_one()
        interview = self.env["customer.vip.interview"].create(
            {
                "member_id": self.id,
                "user_id": (self.user_id or self.env.user).id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "customer.vip.interview",
            "res_id": interview.id,
            "view_mode": "form",
        }

    def action_view_interviews(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale_customer_care.action_customer_vip_interview"
        )
        action["domain"] = [("member_id", "=", self.id)]
        action["context"] = {"default_member_id": self.id}
        return action

    @api.model
    def _default_users(self, partners):
        """``{partner id: user id}``: the salesperson of each customer's first
        confirmed order unless they left its care team, else its account
        manager (one query for all)."""
        by_company = {}
        for partner in partners:
            company = partner.company_id or self.env.company
            by_company.setdefault(company, self.env["res.partner"])
            by_company[company] |= partner
        brought_in = {}
        for company, company_partners in by_company.items():
            brought_in.update(
                self.env["sale.care.figures"].get_first_order_salespeople(company_partners, company)
            )
        active_ids = set(
            self.env["res.users"].browse(set(brought_in.values())).filtered("active").ids
        )
        result = {}
        for partner in partners:
            customer = partner.commercial_partner_id
            user_id = brought_in.get(customer.id)
            # who brought the customer in keeps it unless they left its care
            # team (a handover ended their membership): then the account
            # manager takes it. sudo: only who is, or was, on the team is read
            history = customer.sudo().care_history_ids
            left = set(history.user_id.ids) - set(history.filtered("is_current").user_id.ids)
            if user_id not in active_ids or user_id in left:
                user_id = False
            result[partner.id] = user_id or partner._care_account_manager().id or False
        return result

    def _prepare_interview_activity(self, day):
        self.ensure_one()
        return {
            "res_model_id": self.env["ir.model"]._get_id("res.partner"),
            "res_id": self.partner_id.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_meeting").id,
            "user_id": self.user_id.id,
            "date_deadline": day,
            "summary": self.env._(
                "VIP interview (%(programme)s)", programme=self.programme_id.name
            ),
            "note": self.env._(
                "Meet the decision makers; fill in the questionnaire from the VIP interview."
            ),
        }

    @api.model
    def _check_manager(self):
        # the user, not a context, decides: a context is client input
        self.env["res.users"]._care_require_manager(
            self.env._("Only a sales manager can change the VIP list.")
        )

    def _check_interviewer_change(self, user_id):
        """Only managers choose who interviews a customer; once the interview
        is scheduled, through the reassignment, which logs the reason."""
        changed = self.filtered(lambda m: m.user_id.id != (user_id or False))
        if not changed:
            return
        self.env["res.users"]._care_require_manager(
            self.env._("Only a sales manager can choose who interviews a VIP customer.")
        )
        if changed.filtered(lambda m: m.state != "draft") and not self.env.su:
            raise UserError(
                self.env._(
                    "Use Reassign to give a scheduled customer to someone else: "
                    "the reason is logged."
                )
            )

    def _vip_reassign(self, user, reason):
        """Give these customers to ``user`` as interviewer, for ``reason``:
        a reassignment row and a message per customer keep the reason, and the
        planned meeting goes with the customer.  Managers only.  Returns the
        members that changed hands."""
        self.env["res.users"]._care_require_manager(
            self.env._("Only a sales manager can reassign VIP customers.")
        )
        self.check_access("write")
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason of the reassignment."))
        if not user or user.share:
            raise UserError(self.env._("Choose an internal user as the new interviewer."))
        members = self.filtered(lambda m: m.user_id != user)
        if not members:
            raise UserError(
                self.env._("These customers are already assigned to %(user)s.", user=user.name)
            )
        # sudo: reassignments are read-only to everyone (ACL), so that they stay
        # what happened; only this method, after checking its caller, writes them
        self.env["customer.vip.reassignment"].sudo().create(
            [
                {
                    "member_id": member.id,
                    "old_user_id": member.user_id.id,
                    "new_user_id": user.id,
                    "reason": reason,
                }
                for member in members
            ]
        )
        for member in members:
            member.message_post(
                body=self.env._(
                    "Reassigned from %(old)s to %(new)s: %(reason)s",
                    old=member.user_id.name or self.env._("nobody"),
                    new=user.name,
                    reason=reason,
                )
            )
        # sudo: the one path that changes the interviewer of a scheduled
        # customer (write refuses it to everyone else): its reason is logged above
        members.sudo().write({"user_id": user.id})
        # the planned meeting goes with the customer
        members.activity_id.write({"user_id": user.id})
        return members
