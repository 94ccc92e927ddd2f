from . import customer_care_handover
from . import sale_monthly_plan_return
from . import sale_care_meeting_report_wizard
from . import customer_vip_reassign

# Working documents (issue 12)
from . import sale_care_call_list_wizard

# Sales meetings (issue 12)
from . import sale_care_meeting_issue_close
from . import customer_risk_assign
from . import customer_risk_dismiss
from . import sale_care_sales_analysis_wizard
from . import customer_survey_request

# The manager's monthly report (issue 11 §4)
from . import sale_care_monthly_report_wizard
