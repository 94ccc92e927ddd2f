from . import care_demo
from . import vip_demo
from . import meeting_demo
