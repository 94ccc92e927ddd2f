# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import tagged

from .common import CustomerCareCommon


@tagged("post_install", "-at_install")
class TestRelationshipStage(CustomerCareCommon):
    """potential -> approaching -> new -> loyal, and dormant."""

    def test_prospect_without_contact_is_potential(self):
        partner = self._customer("Cold prospect")
        self._evaluate(partner)
        self.assertEqual(partner.relationship_stage, "potential")
        self.assertEqual(partner.relationship_stage_date, self.today)

    def test_open_opportunity_makes_a_prospect_approaching(self):
        partner = self._customer("Warm prospect")
        lead = (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create(
                {"name": "Pumps for the new plant", "type": "opportunity", "partner_id": partner.id}
            )
        )
        self._evaluate(partner)
        self.assertEqual(partner.relationship_stage, "approaching")
        lead.action_set_lost()
        self._evaluate(partner)
        self.assertEqual(partner.relationship_stage, "potential", "a lost deal is no approach")

    def test_recent_interaction_makes_a_prospect_approaching(self):
        partner = self._customer("Called prospect")
        contact = self.env["res.partner"].create({"name": "Purchaser", "parent_id": partner.id})
        message = contact.with_user(self.salesman).message_post(
            body="Called, interested in pipes",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self._evaluate(partner)
        self.assertEqual(partner.relationship_stage, "approaching")
        message.sudo().date = self._days_ago(61)
        self._evaluate(partner)
        self.assertEqual(partner.relationship_stage, "potential", "older than 60 days")
        self.company.care_approach_days = 90
        self._evaluate(partner)
        self.assertEqual(partner.relationship_stage, "approaching")

    def test_planned_activity_makes_a_prospect_approaching(self):
        partner = self._customer("Visit planned")
        partner.with_user(self.salesman).activity_schedule(
            "mail.mail_activity_data_meeting",
            user_id=self.salesman.id,
            summary="First visit",
        )
        self._evaluate(partner)
        self.assertEqual(partner.relationship_stage, "approaching")

    def test_first_invoice_within_a_year_is_new_then_loyal(self):
        new = self._customer("New customer")
        self._invoice(new, 500.0, self._days_ago(200))
        self._invoice(new, 500.0, self._days_ago(10))
        loyal = self._customer("Loyal customer")
        self._invoice(loyal, 500.0, self._days_ago(500))
        self._invoice(loyal, 500.0, self._days_ago(20))
        self._evaluate(new | loyal)
        self.assertEqual(new.relationship_stage, "new")
        self.assertEqual(loyal.relationship_stage, "loyal")

    def test_customer_without_recent_purchase_is_dormant(self):
        partner = self._customer("Stopped ordering")
        self._invoice(partner, 500.0, self._days_ago(500))
        self._invoice(partner, 500.0, self._days_ago(91))
        self._evaluate(partner)
        self.assertEqual(partner.relationship_stage, "dormant")
        self.company.care_dormant_days = 120
        self._evaluate(partner)
        self.assertEqual(partner.relationship_stage, "loyal")
        self.assertEqual(
            partner.stage_history_ids.sorted("id").mapped(lambda h: (h.old_stage, h.new_stage)),
            [(False, "dormant"), ("dormant", "loyal")],
        )

    def test_first_confirmed_order_makes_a_customer_new_at_once(self):
        partner = self._customer("First order")
        self.env["crm.lead"].create(
            {"name": "Deal", "type": "opportunity", "partner_id": partner.id}
        )
        self._evaluate(partner)
        self.assertEqual(partner.relationship_stage, "approaching")
        self._order(partner)  # confirmed by the salesperson, no cron
        self.assertEqual(partner.relationship_stage, "new")
        self.assertRecordValues(
            partner.stage_history_ids.sorted("id")[-1:],
            [{"old_stage": "approaching", "new_stage": "new", "reason": "automatic"}],
        )

    def test_order_from_a_dormant_customer_wins_it_back(self):
        partner = self._customer("Came back")
        self._invoice(partner, 500.0, self._days_ago(700))
        self._invoice(partner, 500.0, self._days_ago(200))
        self._evaluate(partner)
        self.assertEqual(partner.relationship_stage, "dormant")
        self._order(partner)
        self.assertEqual(partner.relationship_stage, "loyal")
