from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from constructs import Construct


class BaseStack(TerraformStack):
    """Provider and naming shared by the project's stacks."""

    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str, aws_region: str):
        super().__init__(scope, construct_id)
        self.environment_suffix = environment_suffix
        AwsProvider(self, "aws", region=aws_region)
