from cdktf import TerraformStack
from cdktf_cdktf_provider_aws import s3_bucket
from cdktf_cdktf_provider_aws.provider import AwsProvider
from constructs import Construct


class ArchiveStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, key_arn: str):
        super().__init__(scope, construct_id)

        west = AwsProvider(self, "aws-west", region="us-west-2", alias="west")

        self.archive = s3_bucket.S3Bucket(
            self,
            "archive-bucket",
            bucket_prefix="archive-",
            server_side_encryption_configuration=s3_bucket.S3BucketServerSideEncryptionConfiguration(
                rule=s3_bucket.S3BucketServerSideEncryptionConfigurationRule(
                    apply_server_side_encryption_by_default=s3_bucket.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault(
                        sse_algorithm="aws:kms", kms_master_key_id=key_arn
                    ),
                    bucket_key_enabled=True,
                ),
            ),
            provider=west,
        )

        s3_bucket.S3Bucket(self, "scratch", force_destroy=True, server_side_encryption_configuration={"rule": {"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}})
