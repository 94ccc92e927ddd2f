from . import customer_vip_quota_report
