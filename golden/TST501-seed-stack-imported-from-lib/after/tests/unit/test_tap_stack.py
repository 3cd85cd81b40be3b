"""Unit tests for TapStack."""
from cdktf import App

from lib.tap_stack import TapStack


class TestStackStructure:
    def test_tap_stack_instantiates_successfully_via_props(self):
        app = App()
        stack = TapStack(app, "TestTapStackWithProps", environment_suffix="test", aws_region="us-east-1")

        assert stack is not None
        assert stack.environment_suffix == "test"
        assert hasattr(stack, 'bucket')  # ❌ Attribute doesn't exist
        assert hasattr(stack, 'bucket_versioning')  # ❌ Attribute doesn't exist
        assert hasattr(stack, 'bucket_encryption')  # ❌ Attribute doesn't exist
