from . import care_report
from . import sale_monthly_plan_analysis
from . import sale_care_meeting_report
from . import customer_vip_quota_report

# Working documents (issue 12)
from . import sale_care_call_list_report
from . import customer_profile_report

# Sales meetings (issue 12)
from . import sale_care_meeting_minutes
from . import revenue_change_mixin
from . import sale_care_sales_analysis_run
from . import sale_care_sales_analysis
from . import customer_wallet_report

# The manager's monthly report and the Customer Care dashboard (issue 11 §4)
from . import sale_care_monthly_report
from . import sale_care_sales_trend
