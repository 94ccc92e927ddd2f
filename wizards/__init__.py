from . import customer_care_handover
