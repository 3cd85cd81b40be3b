import os

from cdktf import TerraformOutput, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from constructs import Construct


class TapStack(TerraformStack):
    def __init__(
        self,
        scope: Construct,
        stack_id: str,
        environment_suffix: str = None,
        state_bucket: str = None,
        state_bucket_region: str = None,
        aws_region: str = None,
        default_tags: dict = None,
    ):
        super().__init__(scope, stack_id)

        # Handle parameter defaults
        environment_suffix = environment_suffix or os.environ.get("ENVIRONMENT_SUFFIX", "test")
        state_bucket = state_bucket or os.environ.get("TERRAFORM_STATE_BUCKET", "iac-rlhf-tf-states")
        state_bucket_region = state_bucket_region or os.environ.get("TERRAFORM_STATE_BUCKET_REGION", "us-east-1")
        aws_region = aws_region or os.environ.get("AWS_REGION", "us-east-1")

        # Configure AWS Provider
        AwsProvider(self, "aws", region=aws_region, default_tags=[default_tags] if default_tags else None)

        TerraformOutput(self, "environment_suffix", value=environment_suffix)
