"""Pulumi entry point."""
import os

import pulumi

from lib.tap_stack import TapStack as Stack

Stack(
    "tap",
    environment_suffix=os.environ.get("ENVIRONMENT_SUFFIX", "dev"),
    tags={"Team": "platform"},  # cost allocation
    opts=pulumi.ResourceOptions(),
)
