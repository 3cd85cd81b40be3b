#!/usr/bin/env python
from cdktf import App

from lib.tap_stack import TapStack
import os

app = App()
environment_suffix = os.getenv("ENVIRONMENT_SUFFIX", "dev")
TapStack(app, f"tap-{environment_suffix}")  # the one stack

app.synth()
