from . import care_demo
from . import vip_demo

# Working documents (issue 12)
from . import papers_demo
from . import meeting_demo
from . import risk_demo
