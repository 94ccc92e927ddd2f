# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The care-team handover: when a salesperson leaves, a manager hands their
customers over to one person or spreads them across a team, in one go, and
the handover log keeps what moved where.

What moves, for the customers of which the leaving user is a current care
team member (in the wizard's company):

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
first by name), so that the portfolio is balanced by the books.
"""

from collections import Counter, defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.customer_care_handover_log import HANDOVER_MODES, HANDOVER_RECORD_MODELS


class CustomerCareHandover(models.TransientModel):
    _name = "customer.care.handover"
    _description = "Customer Care Handover"

    mode = fields.Selection(
        HANDOVER_MODES,
        string="Hand Over",
        required=True,
        default="user",
    )
    handover_date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="The leaving person's memberships end on this day and their successors' start "
        "on it. Opportunities, quotations and activities move at once.",
    )
    note = fields.Text(help="Why and how, kept in the handover log.")
    line_count = fields.Integer(string="Records to Move", compute="_compute_summary")
    summary = fields.Char(compute="_compute_summary")
    from_user_id = fields.Many2one(
        "res.users",
        string="Leaving",
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    to_user_id = fields.Many2one(
        "res.users",
        string="Taken Over By",
        domain="[('share', '=', False), ('company_ids', 'in', company_id), "
        "('id', '!=', from_user_id)]",
    )
    to_user_ids = fields.Many2many(
        "res.users",
        "customer_care_handover_to_user_rel",
        "wizard_id",
        "user_id",
        string="Team",
        domain="[('share', '=', False), ('company_ids', 'in', company_id), "
        "('id', '!=', from_user_id)]",
        help="The leaving person's customers are spread among these people, "
        "balanced by their revenue of the last 12 months.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    line_ids = fields.One2many(
        "customer.care.handover.line",
        "wizard_id",
        string="Preview",
        compute="_compute_line_ids",
        store=True,
        readonly=True,
    )

    @api.depends("from_user_id", "mode", "to_user_id", "to_user_ids", "handover_date", "company_id")
    def _compute_line_ids(self):
        for wizard in self:
            moves = wizard._get_moves() if wizard.from_user_id else []
            wizard.line_ids = [Command.clear()] + [
                Command.create(wizard._prepare_line_vals(move, sequence))
                for sequence, move in enumerate(moves, start=1)
            ]

    @api.depends("line_ids")
    def _compute_summary(self):
        types = dict(
            self.env["customer.care.handover.line"]
            ._fields["record_type"]
            ._description_selection(self.env)
        )
        for wizard in self:
            counts = Counter(wizard.line_ids.mapped("record_type"))
            wizard.line_count = len(wizard.line_ids)
            wizard.summary = " · ".join(
                [
                    self.env._("Customers: %(count)s", count=len(wizard.line_ids.partner_id)),
                    *(f"{label}: {counts[key]}" for key, label in types.items()),
                ]
            )

    def action_confirm(self):
        """Move everything the preview shows, write the log and open it."""
        self.ensure_one()
        if not self.env["customer.care.member"]._is_care_manager():
            raise AccessError(self.env._("Only a sales manager can hand customers over."))
        self._check_handover()
        moves = self._get_moves()
        self._apply_moves(moves)
        log = self._create_log(moves)
        return {
            "type": "ir.actions.act_window",
            "res_model": "customer.care.handover.log",
            "res_id": log.id,
            "views": [(False, "form")],
            "target": "current",
        }

    # ------------------------------------------------------------------
    # What moves where
    # ------------------------------------------------------------------
    def _get_targets(self):
        self.ensure_one()
        return self.to_user_id._origin if self.mode == "user" else self.to_user_ids._origin

    def _get_leaving_memberships(self):
        """Current memberships of the leaving user in the wizard's company."""
        self.ensure_one()
        return self.env["customer.care.member"].search(
            [
                ("user_id", "=", self.from_user_id._origin.id),
                ("company_id", "=", self.company_id._origin.id),
                ("is_current", "=", True),
            ]
        )

    def _check_handover(self):
        """Refuse bad input with one sentence, before anything is written."""
        self.ensure_one()
        leaving = self.from_user_id
        if not leaving:
            raise UserError(self.env._("Choose the person who is leaving."))
        if self.handover_date > fields.Date.context_today(self):
            raise UserError(
                self.env._(
                    "The handover date cannot be in the future: opportunities, quotations "
                    "and activities move at once."
                )
            )
        targets = self._get_targets()
        if not targets:
            if self.mode == "user":
                raise UserError(
                    self.env._("Choose who takes over from %(user)s.", user=leaving.name)
                )
            raise UserError(
                self.env._(
                    "Choose the team among whom the customers of %(user)s are spread.",
                    user=leaving.name,
                )
            )
        if leaving in targets:
            raise UserError(
                self.env._(
                    "%(user)s is the one leaving and cannot take over their own customers.",
                    user=leaving.name,
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
            if self.company_id not in target.company_ids:
                raise UserError(
                    self.env._(
                        "%(user)s does not work for %(company)s and cannot take over its "
                        "customers.",
                        user=target.name,
                        company=self.company_id.name,
                    )
                )
        members = self._get_leaving_memberships()
        if not members:
            raise UserError(
                self.env._(
                    "%(user)s cares for no customer of %(company)s today: there is nothing "
                    "to hand over.",
                    user=leaving.name,
                    company=self.company_id.name,
                )
            )
        late = members.filtered(lambda m: m.date_start > self.handover_date)[:1]
        if late:
            raise UserError(
                self.env._(
                    "%(user)s started caring for %(customer)s on %(date)s, after the handover "
                    "date: choose a later handover date.",
                    user=leaving.name,
                    customer=late.partner_id.display_name,
                    date=late.date_start,
                )
            )

    def _get_moves(self):
        """Everything the handover moves, in the order of the preview: a list
        of dicts with ``record_type``, ``record``, ``partner`` (the customer),
        ``from_user``, ``to_user`` (empty while no target is chosen) and
        ``name``; for memberships also ``layer``, ``remark``, ``keep`` (the
        target's membership that already holds the layer: nothing to create)
        and ``supersede`` (the target's membership ended by a promotion)."""
        self.ensure_one()
        leaving = self.from_user_id._origin
        members = self._get_leaving_memberships()
        customers = members.partner_id
        assignment = self._assign_customers(customers)
        moves = self._get_membership_moves(members, assignment)
        Partner = self.env["res.partner"]

        leads = self.env["crm.lead"].search(
            [
                ("type", "=", "opportunity"),
                ("won_status", "=", "pending"),
                ("user_id", "=", leaving.id),
                ("partner_id.commercial_partner_id", "in", customers.ids),
                ("company_id", "in", [self.company_id._origin.id, False]),
            ],
            order="id",
        )
        orders = self.env["sale.order"].search(
            [
                ("state", "in", ("draft", "sent")),
                ("user_id", "=", leaving.id),
                ("partner_id.commercial_partner_id", "in", customers.ids),
                ("company_id", "=", self.company_id._origin.id),
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
                        "from_user": leaving,
                        "to_user": assignment[customer],
                        "name": record.display_name,
                    }
                )

        activities = Partner._care_customer_activities(customers, leaving).sorted("id")
        activity_customers = self._get_activity_customers(activities)
        for activity in activities:
            customer = activity_customers[activity]
            moves.append(
                {
                    "record_type": "activity",
                    "record": activity,
                    "partner": customer,
                    "from_user": leaving,
                    "to_user": assignment[customer],
                    "name": self.env._(
                        "%(activity)s on %(document)s",
                        activity=activity.summary or activity.activity_type_id.name,
                        document=activity.res_name or customer.display_name,
                    ),
                }
            )

        moves += self._get_salesperson_moves(members, assignment)
        return moves

    def _assign_customers(self, customers):
        """``{customer: target}``: all of one customer's records go to the same
        person.  A team is balanced by the customers' revenue of the last 12
        months up to the handover date: largest first, each to the target with
        the least revenue handed over so far (then the fewest customers).  The
        targets' existing portfolios do not count: the balance is that of what
        is handed over."""
        self.ensure_one()
        targets = self._get_targets()
        if len(targets) < 2:
            return dict.fromkeys(customers, targets)
        date_to = self.handover_date or fields.Date.context_today(self)
        revenue = self.env["sale.care.figures"].get_revenue_by_partner(
            customers,
            self.env["res.partner"]._care_12m_start(date_to),
            date_to,
            self.company_id._origin,
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

    def _get_membership_moves(self, members, assignment):
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

    def _get_salesperson_moves(self, members, assignment):
        """Odoo's salesperson of a customer is its account manager: where the
        leaving user was the account manager, the target becomes the
        salesperson.  Contacts (and customers) whose salesperson is the
        leaving user get the customer's account manager after the handover
        (the target when the customer has none)."""
        leaving = self.from_user_id._origin
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
                ("user_id", "=", leaving.id),
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
    def _get_activity_customers(self, activities):
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
    def _prepare_line_vals(self, move, sequence):
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

    # ------------------------------------------------------------------
    # Doing it
    # ------------------------------------------------------------------
    def _apply_moves(self, moves):
        """End and create memberships, then move the records, grouped by
        target.  The care sync is off: both sides are written here, equal."""
        self.ensure_one()
        day = self.handover_date
        Member = self.env["customer.care.member"].with_context(care_member_sync=True)
        member_moves = [move for move in moves if move["record_type"] == "member"]
        ended = Member.concat(*[move["record"] | move["supersede"] for move in member_moves])
        ended.write({"date_end": day})
        to_create = [move for move in member_moves if not move["keep"]]
        new_members = Member.create(
            [
                {
                    "partner_id": move["partner"].id,
                    "user_id": move["to_user"].id,
                    "layer": move["layer"],
                    "date_start": day,
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
            "salesperson": {"care_member_sync": True},
        }
        for record_type, context in contexts.items():
            by_target = defaultdict(list)
            for move in moves:
                if move["record_type"] == record_type:
                    by_target[move["to_user"]].append(move["record"].id)
            Model = self.env[HANDOVER_RECORD_MODELS[record_type]].with_context(**context)
            for target, ids in by_target.items():
                Model.browse(ids).write({"user_id": target.id})
        ended.partner_id._care_recompute_coverage()

    def _create_log(self, moves):
        self.ensure_one()
        lines = []
        for sequence, move in enumerate(moves, start=1):
            vals = self._prepare_line_vals(move, sequence)
            if move["record_type"] == "member":
                vals["new_member_id"] = move["new_member"].id
                vals["superseded_member_id"] = move["supersede"].id
            lines.append(Command.create(vals))
        return (
            self.env["customer.care.handover.log"]
            .sudo()
            .create(
                {
                    "date": self.handover_date,
                    "mode": self.mode,
                    "note": self.note,
                    "user_id": self.env.user.id,
                    "from_user_id": self.from_user_id.id,
                    "to_user_ids": [Command.set(self._get_targets().ids)],
                    "company_id": self.company_id.id,
                    "line_ids": lines,
                }
            )
        )


class CustomerCareHandoverLine(models.TransientModel):
    _name = "customer.care.handover.line"
    _inherit = "customer.care.handover.record.mixin"
    _description = "Customer Care Handover Preview Line"

    wizard_id = fields.Many2one(
        "customer.care.handover", required=True, index=True, ondelete="cascade"
    )
