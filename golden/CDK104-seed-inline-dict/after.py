from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from constructs import Construct
from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import S3BucketServerSideEncryptionConfigurationA, S3BucketServerSideEncryptionConfigurationRuleA, S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)

        AwsProvider(self, "aws", region="us-east-1")

        bucket_name = f"tap-bucket-{environment_suffix}".lower()

        tap_bucket = S3Bucket(
            self, "tap_bucket",
            bucket=bucket_name,
            tags={"Name": f"tap-bucket-{environment_suffix}"}
        )

        S3BucketServerSideEncryptionConfigurationA(
            self, "tap_bucket_encryption",
            bucket=tap_bucket.id,
            rule=[S3BucketServerSideEncryptionConfigurationRuleA(
                apply_server_side_encryption_by_default=S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(
                    sse_algorithm="AES256",
                ),
            )],
        )

        self.bucket_name = bucket_name
