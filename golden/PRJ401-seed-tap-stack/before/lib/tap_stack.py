"""The TAP stack."""

from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from constructs import Construct


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, stack_id: str):
        super().__init__(scope, stack_id)

        AwsProvider(self, "aws", region="us-east-1")
