from . import care_demo
