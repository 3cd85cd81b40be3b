from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import (
    S3BucketServerSideEncryptionConfigurationA,
    S3BucketServerSideEncryptionConfigurationRuleA,
    S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA,
)
from constructs import Construct

ENCRYPTION = {"rule": {"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}}


class DataStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        S3Bucket(self, "shared", server_side_encryption_configuration=ENCRYPTION)

        self.buckets = [
            S3Bucket(self, f"data-{n}", server_side_encryption_configuration=ENCRYPTION)
            for n in range(3)
        ]

        raw = S3Bucket(
            self,
            "raw",
            server_side_encryption_configuration={"rule": {"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms"}, "bucket_key_enabled": True}},
        )
        S3BucketServerSideEncryptionConfigurationA(
            self,
            "raw_encryption",
            bucket=raw.id,
            rule=[S3BucketServerSideEncryptionConfigurationRuleA(
                apply_server_side_encryption_by_default=S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(sse_algorithm="aws:kms"),
                bucket_key_enabled=True,
            )],
        )
