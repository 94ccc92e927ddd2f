from . import care_demo
from . import vip_demo
