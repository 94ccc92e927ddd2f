from . import test_sales_figures
from . import test_customer_tier
from . import test_relationship_stage
from . import test_evaluation
from . import test_access
from . import test_care_team
from . import test_revenue_commitment
from . import test_handover
