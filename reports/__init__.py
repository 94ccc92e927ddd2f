from . import sale_monthly_plan_analysis
from . import sale_care_meeting_report
from . import customer_vip_quota_report

# Sales meetings (issue 12)
from . import sale_care_meeting_minutes
