from . import customer_care_handover
from . import customer_vip_reassign
