from . import care_demo
from . import vip_demo
from . import risk_demo
