"""Unit tests for TAP Stack."""
import json

from cdktf import App, TerraformStack, Testing
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from constructs import Construct


class TapStack(TerraformStack):
    def __init__(self, scope, construct_id, environment_suffix="dev"):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        self.bucket = S3Bucket(self, "bucket", bucket=f"tap-data-{environment_suffix}")


class Storage(Construct):
    """A construct, not a stack: its attributes are not this rule's business."""


class TestStackStructure:
    def test_tap_stack_instantiates_successfully_via_props(self):
        app = App()
        stack = TapStack(app, "TestTapStackWithProps", environment_suffix="test")

        assert stack is not None
        assert hasattr(stack, "bucket")  # set in __init__
        assert hasattr(stack, "node")  # every TerraformStack has it

        # Synthesize and verify Terraform configuration
        synthesized = Testing.synth(stack)
        assert synthesized is not None

        # Parse and verify resources
        config = json.loads(synthesized)
        assert "resource" in config
        assert "terraform" in config
        resources = config.get("resource", {})
        assert "aws_s3_bucket" in resources
        assert Testing.to_have_resource(synthesized, S3Bucket.TF_RESOURCE_TYPE)

    def test_other_objects(self):
        storage = Storage(App(), "storage")
        assert not hasattr(storage, "bucket")
        stack = TapStack(App(), "TestTapStack")
        stack.extra = "set by the test"
        assert hasattr(stack, "extra")
