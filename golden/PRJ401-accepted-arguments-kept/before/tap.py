from cdktf import App

from lib.tap_stack import TapStack
from lib.other import OtherStack

app = App()
TapStack(app, "TapStackdev", environment_suffix="dev")
OtherStack(app, "other", anything="goes")
app.synth()
