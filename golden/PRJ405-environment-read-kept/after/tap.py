import os

from cdktf import App

from lib.tap_stack import TapStack

app = App()
TapStack(app, "TapStack" + os.environ.get("ENVIRONMENT_SUFFIX", ""))
app.synth()
