from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from constructs import Construct


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)

        AwsProvider(self, "aws", region="us-east-1")

        bucket_name = f"tap-bucket-{environment_suffix}".lower()

        S3Bucket(
            self, "tap_bucket",
            bucket=bucket_name,
            server_side_encryption_configuration={
                "rule": [{
                    "apply_server_side_encryption_by_default": {
                        "sse_algorithm": "AES256"
                    }
                }]
            },
            tags={"Name": f"tap-bucket-{environment_suffix}"}
        )

        self.bucket_name = bucket_name
