import pytest
from cdktf import Testing


@pytest.fixture
def stack():
    from lib.tap_stack import TapStack  # the stack under test

    return TapStack(Testing.app(), "test")


def test_stack_keeps_its_bucket(stack):
    assert hasattr(stack, "bucket")
    assert stack.bucket.bucket == "tap-data"


def test_stack_synthesizes_a_bucket(stack):
    assert Testing.to_have_resource(Testing.synth(stack), "aws_s3_bucket")
