# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Care layers: every important customer is cared for by 2-3 layers of staff
(account manager, backup, supervisor), so that the relationship survives when
one salesperson leaves.  A membership is current while today is inside
[date_start, date_end): the day a membership ends, its successor starts."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain

CARE_LAYERS = [
    ("1", "Account Manager"),
    ("2", "Backup"),
    ("3", "Supervisor"),
]


class CustomerCareMember(models.Model):
    _name = "customer.care.member"
    _description = "Customer Care Team Member"
    _inherit = "mail.thread"
    _order = "partner_id, layer, date_start desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Staff Member",
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    layer = fields.Selection(CARE_LAYERS, required=True, default="1", tracking=True)
    date_start = fields.Date(
        string="Start Date", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(
        string="Ended On",
        tracking=True,
        copy=False,
        help="First day on which this person no longer cares for the customer.",
    )
    state = fields.Selection(
        [("proposed", "Proposed"), ("confirmed", "Confirmed")],
        default="confirmed",
        required=True,
        tracking=True,
        help="A salesperson may propose a backup for their own customer; a manager confirms it.",
    )
    is_current = fields.Boolean(
        string="Current", compute="_compute_is_current", search="_search_is_current"
    )
    note = fields.Text()
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )

    @api.depends("partner_id")
    def _compute_company_id(self):
        for member in self:
            member.company_id = (
                member.partner_id.company_id or member.company_id or self.env.company
            )

    @api.depends("date_start", "date_end", "state")
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for member in self:
            member.is_current = member._is_current_on(today)

    def _search_is_current(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        today = fields.Date.context_today(self)
        domain = Domain(
            [
                ("state", "=", "confirmed"),
                ("date_start", "<=", today),
                "|",
                ("date_end", "=", False),
                ("date_end", ">", today),
            ]
        )
        positive = (operator == "in") == (True in value)
        return domain if positive else ~domain

    @api.depends("user_id", "layer")
    def _compute_display_name(self):
        layers = dict(self._fields["layer"]._description_selection(self.env))
        for member in self:
            member.display_name = (
                f"{member.user_id.name} ({layers.get(member.layer)})"
                if member.user_id
                else layers.get(member.layer)
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for member in self:
            if member.date_end and member.date_end < member.date_start:
                raise ValidationError(
                    self.env._(
                        "The care of %(customer)s by %(user)s cannot end before it starts.",
                        customer=member.partner_id.display_name,
                        user=member.user_id.name,
                    )
                )

    @api.constrains("partner_id", "user_id", "layer", "date_start", "date_end", "state")
    def _check_overlaps(self):
        for member in self.filtered(lambda m: m.state == "confirmed"):
            overlapping = self.search(
                [
                    ("id", "!=", member.id),
                    ("partner_id", "=", member.partner_id.id),
                    ("state", "=", "confirmed"),
                    *member._overlap_domain(),
                ]
            )
            if member.layer == "1" and overlapping.filtered(lambda m: m.layer == "1"):
                raise ValidationError(
                    self.env._(
                        "%(customer)s already has an account manager for that period: "
                        "end the current one first, or use the handover.",
                        customer=member.partner_id.display_name,
                    )
                )
            if overlapping.filtered(lambda m, member=member: m.user_id == member.user_id):
                raise ValidationError(
                    self.env._(
                        "%(user)s already cares for %(customer)s in another layer for that period.",
                        user=member.user_id.name,
                        customer=member.partner_id.display_name,
                    )
                )

    @api.constrains("partner_id", "user_id", "company_id")
    def _check_care_company(self):
        for member in self:
            partner = member.partner_id
            if partner.commercial_partner_id != partner:
                raise ValidationError(
                    self.env._(
                        "Care teams belong to companies, not to their contacts: "
                        "add %(user)s to %(company)s instead.",
                        user=member.user_id.name,
                        company=partner.commercial_partner_id.display_name,
                    )
                )
            if partner.company_id and partner.company_id != member.company_id:
                raise ValidationError(
                    self.env._(
                        "%(customer)s belongs to %(company)s: its care team must too.",
                        customer=partner.display_name,
                        company=partner.company_id.name,
                    )
                )
            if member.company_id not in member.user_id.company_ids:
                raise ValidationError(
                    self.env._(
                        "%(user)s does not work for %(company)s and cannot care for its customers.",
                        user=member.user_id.name,
                        company=member.company_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._is_care_manager():
            for vals in vals_list:
                self._check_proposal(vals)
                vals["state"] = "proposed"
        members = super().create(vals_list)
        members._sync_partner_salesperson()
        members.partner_id._care_recompute_coverage()
        return members

    def write(self, vals):
        self._check_care_manager()
        partners = self.partner_id
        result = super().write(vals)
        self._sync_partner_salesperson()
        (partners | self.partner_id)._care_recompute_coverage()
        return result

    def unlink(self):
        self.check_access("unlink")  # the ACL speaks first: managers only
        if self.filtered(lambda m: m.state == "confirmed") and not self.env.su:
            raise ValidationError(
                self.env._(
                    "Care team memberships are the customer's history: end them "
                    "(set the end date) instead of deleting them."
                )
            )
        partners = self.partner_id
        result = super().unlink()
        partners._care_recompute_coverage()
        return result

    def action_confirm(self):
        """Manager: confirm a proposed backup."""
        self._check_care_manager()
        self.filtered(lambda m: m.state == "proposed").write({"state": "confirmed"})
        return True

    def action_end(self):
        """Manager: end these memberships today."""
        self._check_care_manager()
        today = fields.Date.context_today(self)
        self.filtered(lambda m: not m.date_end or m.date_end > today).write({"date_end": today})
        return True

    def _is_current_on(self, day):
        self.ensure_one()
        return bool(
            self.state == "confirmed"
            and self.date_start
            and self.date_start <= day
            and (not self.date_end or self.date_end > day)
        )

    def _overlap_domain(self):
        """Memberships whose period overlaps this one's."""
        self.ensure_one()
        domain = ["|", ("date_end", "=", False), ("date_end", ">", self.date_start)]
        if self.date_end:
            domain.append(("date_start", "<", self.date_end))
        return domain

    @api.model
    def _cron_refresh_coverage(self):
        """Daily: memberships start and end with the calendar, not with a write."""
        today = fields.Date.context_today(self)
        week_ago = fields.Date.subtract(today, days=7)
        members = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    "|",
                    "&",
                    ("date_start", ">", week_ago),
                    ("date_start", "<=", today),
                    "&",
                    ("date_end", ">", week_ago),
                    ("date_end", "<=", today),
                ]
            )
        )
        members.partner_id._care_recompute_coverage()

    @api.model
    def _check_care_manager(self):
        # the user, not a context, decides: a context is client input
        self.env["res.users"]._care_require_manager(
            self.env._("Only a sales manager can change or end a care team membership.")
        )

    @api.model
    def _is_care_manager(self):
        """Whether the caller manages care teams (a sales manager, or internal
        code running as superuser after checking its own caller); anyone else
        may only propose a backup."""
        try:
            self._check_care_manager()
        except AccessError:
            return False
        return True

    @api.model
    def _check_proposal(self, vals):
        """A salesperson may propose a backup (layer 2) for a customer of
        which they are the current account manager; nothing else."""
        partner = self.env["res.partner"].browse(vals.get("partner_id"))
        # sudo: only to read who cares for the customer, so that a salesperson
        # who may not see it gets this sentence rather than a bare access error
        is_own = partner.sudo().care_member_ids.filtered(
            lambda m: m.layer == "1" and m.user_id == self.env.user
        )
        if vals.get("layer") != "2" or not is_own:
            raise AccessError(
                self.env._(
                    "Only a sales manager can add people to a care team; as account manager "
                    "you may propose a backup for your own customer."
                )
            )

    def _sync_partner_salesperson(self):
        """Odoo's salesperson of the customer is its current account manager
        (layer 1).  Written only where it differs: the partner side, which
        ends and creates memberships when a salesperson changes, then finds
        the two already equal and writes nothing back (values stop the loop,
        not a context).  A customer left without a current account manager
        loses its salesperson only if it is the person whose account
        management these memberships ended (not while the partner side
        replaces them by the new salesperson)."""
        account = self.filtered(lambda m: m.layer == "1")
        by_user = defaultdict(list)
        for partner in account.partner_id.sudo():
            manager = partner.care_member_ids.filtered(lambda m: m.layer == "1").user_id[:1]
            if partner.user_id == manager:
                continue
            ended_here = account.filtered(lambda m, p=partner: m.partner_id == p).user_id
            if not manager and partner.user_id not in ended_here:
                continue
            by_user[manager.id].append(partner.id)
        # sudo: create and write checked the caller (a manager; a salesperson's
        # proposal never reaches layer 1), and the salesperson follows the
        # team whoever may edit the customer
        Partner = self.env["res.partner"].sudo()
        for user_id, partner_ids in by_user.items():
            Partner.browse(partner_ids).write({"user_id": user_id or False})
