# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The calendar event of a sales meeting: moved in the calendar, the meeting
follows; deleted, the meeting is cancelled.  Both with the rights of whoever
does it on the meeting: who may not change the meeting may not move it."""

from odoo import api, fields, models

SALES_USERS = "sales_team.group_sale_salesman"


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    care_meeting_ids = fields.One2many(
        "sale.care.meeting", "event_id", string="Sales Meetings", groups=SALES_USERS
    )

    @api.model
    def _get_activity_excluded_models(self):
        # the meeting is the event's document, not a document to remind of it
        return [*super()._get_activity_excluded_models(), "sale.care.meeting"]

    def write(self, vals):
        result = super().write(vals)
        if {"start", "stop", "duration", "start_date", "stop_date"} & set(vals):
            for event, meetings in self._care_meetings().items():
                if not event.allday:
                    meetings._follow_event(event)
        return result

    def unlink(self):
        for meetings in self._care_meetings().values():
            meetings.filtered(lambda m: m.state in ("planned", "in_progress")).action_cancel()
        return super().unlink()

    def _care_meetings(self):
        """``{event: meetings}`` of the events' sales meetings, as the caller
        (found past the rules, changed with the caller's rights)."""
        if not self:
            return {}
        Meeting = self.env["sale.care.meeting"]
        found = Meeting.sudo().search([("event_id", "in", self.ids)])
        return {
            event: meetings.with_env(Meeting.env)
            for event, meetings in found.grouped("event_id").items()
        }
