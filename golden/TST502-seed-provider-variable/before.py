"""Unit tests for the stack's provider configuration."""
import json

from cdktf import App, TerraformStack, Testing
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


class TapStack(TerraformStack):
    def __init__(self, scope, construct_id, aws_region="us-east-1"):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region=aws_region)
        S3Bucket(self, "data", bucket="tap-data")


class TestProviderConfiguration:
    def test_aws_provider_region(self):
        app = App()
        stack = TapStack(app, "TestStack", aws_region="us-east-1")
        config = json.loads(Testing.synth(stack))

        aws_provider = config["provider"]["aws"]  # the stack declares one AWS provider
        assert aws_provider["region"] == "us-east-1"

    def test_region_follows_the_argument(self):
        stack = TapStack(App(), "TestStack", aws_region="eu-west-1")
        config = json.loads(Testing.synth(stack))
        assert config["provider"]["aws"]["region"] == "eu-west-1"
