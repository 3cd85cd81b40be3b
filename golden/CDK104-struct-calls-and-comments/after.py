from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.kms_key import KmsKey
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from constructs import Construct
from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import S3BucketServerSideEncryptionConfigurationA, S3BucketServerSideEncryptionConfigurationRuleA, S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA


class LogStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        key = KmsKey(self, "logs-key", enable_key_rotation=True)
        self.logs = S3Bucket(self, f"logs-{environment_suffix}",
            bucket_prefix="logs-",
            force_destroy=True,  # test stacks only
            # billing
            tags={"team": "platform"})
        # Encrypt with the customer managed key
        # required by the audit policy
        S3BucketServerSideEncryptionConfigurationA(
            self, f"logs-{environment_suffix}-encryption",
            bucket=self.logs.id,
            rule=[S3BucketServerSideEncryptionConfigurationRuleA(  # one rule per bucket
                apply_server_side_encryption_by_default=S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(
                    sse_algorithm="aws:kms",
                    kms_master_key_id=key.arn,  # rotated yearly
                ),
                # halves the KMS requests
                bucket_key_enabled=True,
            )],
        )
        self.logs_name = self.logs.bucket
