# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The care-team handover and its log.

When a salesperson leaves, a manager hands their customers over to one person
or spreads them across a team, in one go; the log keeps what moved, from
whom, to whom, on which day and by whose decision, read-only afterwards, so
that nothing a leaving salesperson held is lost.  The algorithm lives here, on
the log it writes (``_handover_preview`` and ``_handover_execute``); the wizard
only collects the choices and shows the preview.

What moves, for the customers of which the leaving user is a current care
team member (in the chosen company):

* their care memberships: ended on the handover date (end dates are
  exclusive) and continued by the target, in the same layer, from that date;
* their open opportunities (stage untouched), draft and sent quotations and
  planned activities on those customers, their contacts, opportunities and
  orders;
* the salesperson of those customers and contacts, kept equal to the
  customer's account manager (care layer 1).

All records of one customer go to the same target.  Across a team, customers
are spread greedily, largest 12-month revenue first, each to the target with
the least revenue handed over so far (ties: the fewest customers, then the
first by name), so that the portfolio is balanced by the books."""

from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from .customer_care_member import CARE_LAYERS

# What a handover moves: record type -> model of the record.
HANDOVER_RECORD_MODELS = {
    "member": "customer.care.member",
    "opportunity": "crm.lead",
    "quotation": "sale.order",
    "activity": "mail.activity",
    "salesperson": "res.partner",
    "vip_member": "customer.vip.member",
    "commitment": "sale.revenue.commitment",
}
HANDOVER_RECORD_TYPES = [
    ("member", "Membership"),
    ("opportunity", "Opportunity"),
    ("quotation", "Quotation"),
    ("activity", "Activity"),
    ("salesperson", "Salesperson"),
    ("vip_member", "VIP Interviewer"),
    ("commitment", "Revenue Commitment"),
]
HANDOVER_MODES = [
    ("user", "To one person"),
    ("team", "Spread across a team"),
]


class CustomerCareHandoverRecordMixin(models.AbstractModel):
    """One record a handover moves (preview line of the wizard, line of the log)."""

    _name = "customer.care.handover.record.mixin"
    _description = "Customer Care Handover Record"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    record_type = fields.Selection(HANDOVER_RECORD_TYPES, string="Type", required=True)
    res_model = fields.Char(string="Record Model", required=True)
    res_id = fields.Many2oneReference(string="Record ID", model_field="res_model", required=True)
    reference = fields.Reference(
        selection="_selection_reference", string="Record", compute="_compute_reference"
    )
    name = fields.Char(string="Description", required=True)
    layer = fields.Selection(CARE_LAYERS, help="Care layer of a membership.")
    remark = fields.Char(help="How the target takes the record over, when it is not plain.")
    partner_id = fields.Many2one("res.partner", string="Customer")
    from_user_id = fields.Many2one("res.users", string="From")
    to_user_id = fields.Many2one("res.users", string="To")

    @api.model
    def _selection_reference(self):
        return [(model, self.env[model]._description) for model in HANDOVER_RECORD_MODELS.values()]

    @api.depends("res_model", "res_id")
    def _compute_reference(self):
        for line in self:
            if line.res_model in HANDOVER_RECORD_MODELS.values() and line.res_id:
                line.reference = f"{line.res_model},{line.res_id}"
            else:
                line.reference = False

    def action_open(self):
        """Open the record (for an activity: the document it is planned on)."""
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id).exists()
        if record and record._name == "mail.activity":
            record = self.env[record.res_model].browse(record.res_id).exists()
        if not record:
            raise UserError(
                self.env._(
                    "“%(record)s” no longer exists: it was deleted after the handover.",
                    record=self.name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "views": [(False, "form")],
            "target": "current",
        }


class CustomerCareHandoverLog(models.Model):
    _name = "customer.care.handover.log"
    _description = "Customer Care Handover Log"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", compute="_compute_name", store=True, readonly=True)
    date = fields.Date(string="Handover Date", required=True, readonly=True, index=True)
    mode = fields.Selection(HANDOVER_MODES, required=True, readonly=True)
    note = fields.Text(readonly=True)
    customer_count = fields.Integer(string="Customers", compute="_compute_counts", store=True)
    member_count = fields.Integer(string="Memberships", compute="_compute_counts", store=True)
    opportunity_count = fields.Integer(
        string="Opportunities", compute="_compute_counts", store=True
    )
    quotation_count = fields.Integer(string="Quotations", compute="_compute_counts", store=True)
    activity_count = fields.Integer(string="Activities", compute="_compute_counts", store=True)
    salesperson_count = fields.Integer(
        string="Salesperson Changes",
        compute="_compute_counts",
        store=True,
        help="Customers and contacts whose salesperson changed.",
    )
    vip_member_count = fields.Integer(
        string="VIP Customers",
        compute="_compute_counts",
        store=True,
        help="VIP programme customers whose interviewer changed.",
    )
    commitment_count = fields.Integer(string="Commitments", compute="_compute_counts", store=True)
    user_id = fields.Many2one(
        "res.users",
        string="Done By",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
    )
    from_user_id = fields.Many2one(
        "res.users", string="Leaving", required=True, readonly=True, index=True
    )
    to_user_ids = fields.Many2many(
        "res.users",
        "customer_care_handover_log_to_user_rel",
        "log_id",
        "user_id",
        string="Taken Over By",
        readonly=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    line_ids = fields.One2many(
        "customer.care.handover.log.line", "log_id", string="Records", readonly=True
    )

    @api.depends("date")
    def _compute_name(self):
        for log in self:
            log.name = (
                f"HO/{log.date.year}/{log.id:05d}" if log.date and isinstance(log.id, int) else "/"
            )

    @api.depends("line_ids.record_type", "line_ids.partner_id")
    def _compute_counts(self):
        for log in self:
            counts = dict.fromkeys(HANDOVER_RECORD_MODELS, 0)
            for line in log.line_ids:
                counts[line.record_type] += 1
            log.customer_count = len(log.line_ids.partner_id)
            log.member_count = counts["member"]
            log.opportunity_count = counts["opportunity"]
            log.quotation_count = counts["quotation"]
            log.activity_count = counts["activity"]
            log.salesperson_count = counts["salesperson"]
            log.vip_member_count = counts["vip_member"]
            log.commitment_count = counts["commitment"]

    # ------------------------------------------------------------------
    # The handover: what moves where (preview), then doing it
    # ------------------------------------------------------------------
    @api.model
    def _handover_preview(self, from_user, targets, handover_date, company):
        """Everything a handover of ``from_user``'s customers in ``company``
        to ``targets`` (one user, or a team to spread them across) would
        move, in the order of the preview: a list of dicts with
        ``record_type``, ``record``, ``partner`` (the customer), ``from_user``,
        ``to_user`` (empty while no target is chosen) and ``name``; for
        memberships also ``layer``, ``remark``, ``keep`` (the target's
        membership that already holds the layer: nothing to create) and
        ``supersede`` (the target's membership ended by a promotion).
        Nothing is written.  Managers only: it shows other people's
        customers, opportunities and quotations."""
        self._handover_check_caller()
        return self._handover_moves(from_user, targets, handover_date, company)

    @api.model
    def _handover_execute(
        self, from_user, targets, handover_date, company, mode="user", note=False
    ):
        """Hand the customers of ``from_user`` in ``company`` over to
        ``targets`` on ``handover_date``: check the input (one sentence,
        nothing written on refusal), move everything the preview shows and
        return the log."""
        self._handover_check_caller()
        self._handover_check(from_user, targets, handover_date, company, mode)
        moves = self._handover_moves(from_user, targets, handover_date, company)
        self._handover_apply(moves, handover_date)
        return self._handover_create_log(
            moves, from_user, targets, handover_date, company, mode, note
        )

    @api.model
    def _handover_line_vals(self, move, sequence):
        """Values of a line (of the wizard's preview or of the log) for a move."""
        return {
            "sequence": sequence,
            "record_type": move["record_type"],
            "res_model": move["record"]._name,
            "res_id": move["record"].id,
            "name": move["name"],
            "layer": move.get("layer", False),
            "remark": move.get("remark", False),
            "partner_id": move["partner"].id,
            "from_user_id": move["from_user"].id,
            "to_user_id": move["to_user"].id,
        }

    @api.model
    def _handover_check_caller(self):
        # the user, not a context, decides: a context is client input
        self.env["res.users"]._care_require_manager(
            self.env._("Only a sales manager can hand customers over.")
        )

    @api.model
    def _handover_leaving_memberships(self, from_user, company):
        """Current memberships of the leaving user in the company."""
        return self.env["customer.care.member"].search(
            [
                ("user_id", "=", from_user.id),
                ("company_id", "=", company.id),
                ("is_current", "=", True),
            ]
        )

    @api.model
    def _handover_check(self, from_user, targets, handover_date, company, mode):
        """Refuse bad input with one sentence, before anything is written."""
        if not from_user:
            raise UserError(self.env._("Choose the person who is leaving."))
        if not handover_date:
            raise UserError(self.env._("Choose the handover date."))
        if handover_date > fields.Date.context_today(self):
            raise UserError(
                self.env._(
                    "The handover date cannot be in the future: opportunities, quotations "
                    "and activities move at once."
                )
            )
        if not targets:
            if mode == "user":
                raise UserError(
                    self.env._("Choose who takes over from %(user)s.", user=from_user.name)
                )
            raise UserError(
                self.env._(
                    "Choose the team among whom the customers of %(user)s are spread.",
                    user=from_user.name,
                )
            )
        if from_user in targets:
            raise UserError(
                self.env._(
                    "%(user)s is the one leaving and cannot take over their own customers.",
                    user=from_user.name,
                )
            )
        for target in targets:
            if not target.active or target.share:
                raise UserError(
                    self.env._(
                        "%(user)s is not an active internal user and cannot take over customers.",
                        user=target.name,
                    )
                )
            if company not in target.company_ids:
                raise UserError(
                    self.env._(
                        "%(user)s does not work for %(company)s and cannot take over its "
                        "customers.",
                        user=target.name,
                        company=company.name,
                    )
                )
        members = self._handover_leaving_memberships(from_user, company)
        if not members:
            raise UserError(
                self.env._(
                    "%(user)s cares for no customer of %(company)s today: there is nothing "
                    "to hand over.",
                    user=from_user.name,
                    company=company.name,
                )
            )
        late = members.filtered(lambda m: m.date_start > handover_date)[:1]
        if late:
            raise UserError(
                self.env._(
                    "%(user)s started caring for %(customer)s on %(date)s, after the handover "
                    "date: choose a later handover date.",
                    user=from_user.name,
                    customer=late.partner_id.display_name,
                    date=format_date(self.env, late.date_start),
                )
            )

    @api.model
    def _handover_moves(self, from_user, targets, handover_date, company):
        """The moves of ``_handover_preview`` (see there), unchecked."""
        members = self._handover_leaving_memberships(from_user, company)
        customers = members.partner_id
        assignment = self._handover_assign_customers(customers, targets, handover_date, company)
        moves = self._handover_membership_moves(members, assignment)

        leads = self.env["crm.lead"].search(
            [
                ("type", "=", "opportunity"),
                ("won_status", "=", "pending"),
                ("user_id", "=", from_user.id),
                ("partner_id.commercial_partner_id", "in", customers.ids),
                ("company_id", "in", [company.id, False]),
            ],
            order="id",
        )
        orders = self.env["sale.order"].search(
            [
                ("state", "in", ("draft", "sent")),
                ("user_id", "=", from_user.id),
                ("partner_id.commercial_partner_id", "in", customers.ids),
                ("company_id", "=", company.id),
            ],
            order="id",
        )
        for record_type, records in (("opportunity", leads), ("quotation", orders)):
            for record in records:
                customer = record.partner_id.commercial_partner_id
                moves.append(
                    {
                        "record_type": record_type,
                        "record": record,
                        "partner": customer,
                        "from_user": from_user,
                        "to_user": assignment[customer],
                        "name": record.display_name,
                    }
                )

        activities = (
            self.env["res.partner"]._care_customer_activities(customers, from_user).sorted("id")
        )
        activity_customers = self._handover_activity_customers(activities)
        for activity in activities:
            customer = activity_customers[activity]
            moves.append(
                {
                    "record_type": "activity",
                    "record": activity,
                    "partner": customer,
                    "from_user": from_user,
                    "to_user": assignment[customer],
                    "name": self.env._(
                        "%(activity)s on %(document)s",
                        activity=activity.summary or activity.activity_type_id.name,
                        document=activity.res_name or customer.display_name,
                    ),
                }
            )

        moves += self._handover_salesperson_moves(from_user, members, assignment)
        moves += self._handover_owned_moves(from_user, customers, assignment, company)
        return moves

    @api.model
    def _handover_owned_moves(self, from_user, customers, assignment, company):
        """What else the leaver owns on those customers: the VIP customers
        they interview in a programme not closed yet, and the revenue
        commitments they follow (draft or active)."""
        vip_members = self.env["customer.vip.member"].search(
            [
                ("user_id", "=", from_user.id),
                ("partner_id", "in", customers.ids),
                ("programme_id.state", "!=", "closed"),
                ("company_id", "=", company.id),
            ],
            order="id",
        )
        commitments = self.env["sale.revenue.commitment"].search(
            [
                ("user_id", "=", from_user.id),
                ("partner_id", "in", customers.ids),
                ("state", "in", ("draft", "active")),
                ("company_id", "=", company.id),
            ],
            order="id",
        )
        return [
            {
                "record_type": record_type,
                "record": record,
                "partner": record.partner_id.commercial_partner_id,
                "from_user": from_user,
                "to_user": assignment[record.partner_id.commercial_partner_id],
                "name": record.display_name,
            }
            for record_type, records in (("vip_member", vip_members), ("commitment", commitments))
            for record in records
        ]

    @api.model
    def _handover_assign_customers(self, customers, targets, handover_date, company):
        """``{customer: target}``: all of one customer's records go to the same
        person.  A team is balanced by the customers' revenue of the last 12
        months up to the handover date: largest first, each to the target with
        the least revenue handed over so far (then the fewest customers).  The
        targets' existing portfolios do not count: the balance is that of what
        is handed over."""
        if len(targets) < 2:
            return dict.fromkeys(customers, targets)
        date_to = handover_date or fields.Date.context_today(self)
        revenue = self.env["sale.care.figures"].get_revenue_by_partner(
            customers,
            self.env["res.partner"]._care_12m_start(date_to),
            date_to,
            company,
        )
        # (revenue, customers) handed over so far to each target, in name order
        load = {target: (0.0, 0) for target in targets.sorted(lambda u: (u.name or "", u.id))}
        assignment = {}
        for customer in customers.sorted(lambda c: (-revenue.get(c.id, 0.0), c.name or "", c.id)):
            # least revenue, then fewest customers (customers without revenue are
            # spread too), then the first by name: min() keeps the first of equals
            target = min(load, key=load.__getitem__)
            assignment[customer] = target
            amount, count = load[target]
            load[target] = (amount + revenue.get(customer.id, 0.0), count + 1)
        return assignment

    @api.model
    def _handover_membership_moves(self, members, assignment):
        """One move per membership of the leaving user.  One person holds at
        most one layer of a customer: when the target already cares for the
        customer, the more direct layer wins (1 account manager, then
        2 backup, then 3 supervisor):

        * target already in the same layer: the leaving membership just ends;
        * target in a more direct layer: they keep it, the leaving one ends;
        * target in a less direct layer: the target moves up, their former
          membership ends on the handover date too (so an account manager is
          always replaced by an account manager, never left out).
        """
        layers = dict(
            self.env["customer.care.member"]._fields["layer"]._description_selection(self.env)
        )
        moves = []
        for member in members:
            customer = member.partner_id
            target = assignment[customer]
            held = customer.care_member_ids.filtered(lambda m, t=target: m.user_id == t)[:1]
            move = {
                "record_type": "member",
                "record": member,
                "partner": customer,
                "from_user": member.user_id,
                "to_user": target,
                "layer": member.layer,
                "name": layers[member.layer],
                "remark": False,
                "keep": held.browse(),
                "supersede": held.browse(),
            }
            if held and held.layer <= member.layer:
                move["keep"] = held
                move["remark"] = self.env._(
                    "%(user)s already cares for this customer as %(layer)s.",
                    user=target.name,
                    layer=layers[held.layer],
                )
            elif held:
                move["supersede"] = held
                move["remark"] = self.env._(
                    "%(user)s moves up from %(layer)s.",
                    user=target.name,
                    layer=layers[held.layer],
                )
            moves.append(move)
        return moves

    @api.model
    def _handover_salesperson_moves(self, from_user, members, assignment):
        """Odoo's salesperson of a customer is its account manager: where the
        leaving user was the account manager, the target becomes the
        salesperson.  Contacts (and customers) whose salesperson is the
        leaving user get the customer's account manager after the handover
        (the target when the customer has none)."""
        customers = members.partner_id
        managed = members.filtered(lambda m: m.layer == "1").partner_id
        manager_after = {}
        for customer in customers:
            manager = customer._care_account_manager()
            if customer in managed or not manager:
                manager_after[customer] = assignment[customer]
            else:
                manager_after[customer] = manager[:1]
        partners = self.env["res.partner"].search(
            [
                ("commercial_partner_id", "in", customers.ids),
                "|",
                ("user_id", "=", from_user.id),
                ("id", "in", managed.ids),
            ],
            order="commercial_partner_id, id",
        )
        moves = []
        for partner in partners:
            customer = partner.commercial_partner_id
            new_user = manager_after[customer]
            if new_user and partner.user_id == new_user:
                continue
            moves.append(
                {
                    "record_type": "salesperson",
                    "record": partner,
                    "partner": customer,
                    "from_user": partner.user_id,
                    "to_user": new_user,
                    "name": partner.display_name,
                }
            )
        return moves

    @api.model
    def _handover_activity_customers(self, activities):
        """``{activity: customer}`` for activities on customers, their
        contacts, opportunities and orders."""
        result = {}
        for res_model, model_activities in activities.grouped("res_model").items():
            documents = self.env[res_model].browse(model_activities.mapped("res_id"))
            for activity in model_activities:
                document = documents.browse(activity.res_id)
                partner = document if res_model == "res.partner" else document.partner_id
                result[activity] = partner.commercial_partner_id
        return result

    @api.model
    def _handover_apply(self, moves, handover_date):
        """End and create memberships, then move the records, grouped by
        target.  The memberships keep Odoo's salesperson equal to the account
        manager on their own (they write it only where it differs), so the
        salesperson moves find most partners already right."""
        Member = self.env["customer.care.member"]
        member_moves = [move for move in moves if move["record_type"] == "member"]
        ended = Member.concat(*[move["record"] | move["supersede"] for move in member_moves])
        ended.write({"date_end": handover_date})
        to_create = [move for move in member_moves if not move["keep"]]
        new_members = Member.create(
            [
                {
                    "partner_id": move["partner"].id,
                    "user_id": move["to_user"].id,
                    "layer": move["layer"],
                    "date_start": handover_date,
                    "company_id": move["record"].company_id.id,
                    "note": self.env._("Taken over from %(user)s.", user=move["from_user"].name),
                }
                for move in to_create
            ]
        )
        for move, member in zip(to_create, new_members, strict=True):
            move["new_member"] = member
        for move in member_moves:
            move.setdefault("new_member", move["keep"])

        contexts = {
            "opportunity": {},
            "quotation": {},
            # one handover, not one mail per activity: the log tells who got what
            "activity": {"mail_activity_quick_update": True},
            "salesperson": {},
            "commitment": {},
        }
        for record_type, context in contexts.items():
            by_target = defaultdict(list)
            for move in moves:
                if move["record_type"] == record_type:
                    by_target[move["to_user"]].append(move["record"].id)
            Model = self.env[HANDOVER_RECORD_MODELS[record_type]].with_context(**context)
            for target, ids in by_target.items():
                records = Model.browse(ids)
                if record_type == "salesperson":
                    # already equal where the account manager changed with the memberships
                    records = records.filtered(lambda p, t=target: p.user_id != t)
                records.write({"user_id": target.id})
        # the VIP programme logs every change of interviewer with its reason
        vip_by_target = defaultdict(list)
        for move in moves:
            if move["record_type"] == "vip_member":
                vip_by_target[move["to_user"]].append(move["record"].id)
        for target, ids in vip_by_target.items():
            self.env["customer.vip.member"].browse(ids)._vip_reassign(
                target,
                self.env._("Handover from %(user)s.", user=moves[0]["from_user"].name),
            )
        ended.partner_id._care_recompute_coverage()

    @api.model
    def _handover_create_log(self, moves, from_user, targets, handover_date, company, mode, note):
        lines = []
        for sequence, move in enumerate(moves, start=1):
            vals = self._handover_line_vals(move, sequence)
            if move["record_type"] == "member":
                vals["new_member_id"] = move["new_member"].id
                vals["superseded_member_id"] = move["supersede"].id
            lines.append(Command.create(vals))
        # sudo: the log is read-only to everyone (ACL), so that it stays what
        # happened; only a handover, after checking its caller, writes it
        log = self.sudo().create(
            {
                "date": handover_date,
                "mode": mode,
                "note": note,
                "user_id": self.env.user.id,
                "from_user_id": from_user.id,
                "to_user_ids": [Command.set(targets.ids)],
                "company_id": company.id,
                "line_ids": lines,
            }
        )
        return log.with_env(self.env)


class CustomerCareHandoverLogLine(models.Model):
    _name = "customer.care.handover.log.line"
    _inherit = "customer.care.handover.record.mixin"
    _description = "Customer Care Handover Log Line"

    log_id = fields.Many2one(
        "customer.care.handover.log", required=True, index=True, ondelete="cascade"
    )
    new_member_id = fields.Many2one(
        "customer.care.member",
        string="Successor Membership",
        ondelete="set null",
        help="The membership through which the target now holds the layer.",
    )
    superseded_member_id = fields.Many2one(
        "customer.care.member",
        string="Superseded Membership",
        ondelete="set null",
        help="The target's former membership in another layer, ended by the promotion.",
    )
    company_id = fields.Many2one(related="log_id.company_id", store=True, index=True)
    date = fields.Date(related="log_id.date", store=True)
