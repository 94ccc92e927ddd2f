from . import sale_care_figures
from . import customer_tier
from . import customer_care_history_mixin
from . import customer_tier_history
from . import customer_stage_history
from . import customer_care_evaluation
from . import customer_care_member
from . import customer_care_handover_log
from . import customer_care_document_mixin
from . import crm_lead
from . import sale_revenue_commitment
from . import sale_monthly_plan
from . import sale_monthly_plan_line
from . import mail_activity
from . import customer_vip_programme
from . import customer_vip_member
from . import customer_vip_reassignment
from . import customer_vip_interview
from . import customer_care_overdue_mixin
from . import customer_care_case
from . import res_company
from . import ir_actions_report
from . import res_config_settings
from . import res_partner
from . import sale_order
from . import res_users
from . import survey_question
from . import survey_user_input

# Working documents (issue 12)
from . import sale_care_self_assessment
from . import sale_care_self_assessment_score

# Sales meetings (issue 12)
from . import sale_care_meeting_series
from . import sale_care_meeting
from . import sale_care_meeting_issue
from . import sale_care_meeting_agenda
from . import calendar_event
from . import customer_risk_signal

# growth (issue 11 §3)
from . import customer_whitespace
from . import customer_category_potential
