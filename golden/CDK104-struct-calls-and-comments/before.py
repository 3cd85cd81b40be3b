from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.kms_key import KmsKey
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket, S3BucketServerSideEncryptionConfiguration
from cdktf_cdktf_provider_aws.s3_bucket import S3BucketServerSideEncryptionConfigurationRule
from cdktf_cdktf_provider_aws.s3_bucket import S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault
from constructs import Construct


class LogStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        key = KmsKey(self, "logs-key", enable_key_rotation=True)
        self.logs = S3Bucket(self, f"logs-{environment_suffix}",
            bucket_prefix="logs-",
            force_destroy=True,  # test stacks only
            # Encrypt with the customer managed key
            server_side_encryption_configuration=S3BucketServerSideEncryptionConfiguration(
                rule=S3BucketServerSideEncryptionConfigurationRule(  # one rule per bucket
                    apply_server_side_encryption_by_default=
                        S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault(
                            sse_algorithm="aws:kms",
                            kms_master_key_id=key.arn,  # rotated yearly
                        ),
                    # halves the KMS requests
                    bucket_key_enabled=True,
                )
            ),  # required by the audit policy
            # billing
            tags={"team": "platform"})
        self.logs_name = self.logs.bucket
