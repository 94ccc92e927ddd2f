from . import customer_care_handover
from . import sale_monthly_plan_return
from . import sale_care_meeting_report_wizard
from . import customer_vip_reassign
from . import customer_survey_request
