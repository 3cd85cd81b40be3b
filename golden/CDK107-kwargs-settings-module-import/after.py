import cdktf
from cdktf_cdktf_provider_aws.provider import AwsProvider, AwsProviderDefaultTags
from constructs import Construct


class TapStack(cdktf.TerraformStack):
    """The stack; settings arrive as keyword arguments from tap.py."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)
        environment_suffix = kwargs.get("environment_suffix", "dev")
        aws_region = kwargs.get("aws_region", "us-east-1")
        state_bucket_region = kwargs.get("state_bucket_region", "us-east-1")
        state_bucket = kwargs.get("state_bucket", "iac-rlhf-tf-states")
        default_tags = kwargs.get("default_tags", {})
        cdktf.S3Backend(
            self,
            bucket=state_bucket,
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=state_bucket_region,
            encrypt=True,
        )
        AwsProvider(self, "aws", region=aws_region, default_tags=[AwsProviderDefaultTags(tags=default_tags)])
        self.environment_suffix = environment_suffix


class Helper:
    """Not a stack: it only passes the name on."""

    def __init__(self, state_bucket: str):
        self.state_bucket = state_bucket
