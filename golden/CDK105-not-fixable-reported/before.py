from cdktf import TerraformOutput, TerraformStack
from cdktf_cdktf_provider_aws.data_aws_availability_zones import DataAwsAvailabilityZones
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from constructs import Construct


class OutputsStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        azs = DataAwsAvailabilityZones(self, "azs")
        bucket = S3Bucket(self, "bucket", bucket_prefix="logs-")
        # Not inside a Terraform expression: `{azs.fqn}.names` would be literal text here.
        TerraformOutput(self, "zones", value=f"{azs.names_fqn}")
        # An attribute the provider computes and the tool cannot confirm.
        TerraformOutput(self, "arn", value=f"${{{bucket.arn_fqn}}}")
        # Read as a Python value.
        self.zone_names = azs.names_fqn
