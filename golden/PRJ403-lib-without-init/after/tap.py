#!/usr/bin/env python
import pulumi

from lib.tap_stack import TapStack, TapStackArgs

environment_suffix = pulumi.Config().get("env") or "dev"
stack = TapStack(name="pulumi-infra", args=TapStackArgs(environment_suffix=environment_suffix))
