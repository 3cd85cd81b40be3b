#!/usr/bin/env python
import os, \
    lib.tap_stack
from cdktf import App

app = App()
data = os.getenv("DATA", "seed")  # `data/` is a folder too, but no code imports it
lib.tap_stack.TapStack(app, f"tap-{data}")
app.synth()
