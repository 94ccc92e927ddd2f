# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The handover log: what the care-team handover moved, from whom, to whom,
on which day and by whose decision.  Written once by the handover wizard and
read-only afterwards, so that nothing a leaving salesperson held is lost."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from .customer_care_member import CARE_LAYERS

# What a handover moves: record type -> model of the record.
HANDOVER_RECORD_MODELS = {
    "member": "customer.care.member",
    "opportunity": "crm.lead",
    "quotation": "sale.order",
    "activity": "mail.activity",
    "salesperson": "res.partner",
}
HANDOVER_RECORD_TYPES = [
    ("member", "Membership"),
    ("opportunity", "Opportunity"),
    ("quotation", "Quotation"),
    ("activity", "Activity"),
    ("salesperson", "Salesperson"),
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
