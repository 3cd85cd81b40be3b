from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
    S3BucketLifecycleConfiguration,
    S3BucketLifecycleConfigurationRule,
    S3BucketLifecycleConfigurationRuleExpiration,
)
from constructs import Construct


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)

        log_bucket = S3Bucket(self, f"log-bucket-{environment_suffix}", bucket_prefix="logs-")

        S3BucketLifecycleConfiguration(
            self,
            f"log-bucket-lifecycle-{environment_suffix}",
            bucket=log_bucket.id,
            rule=[
                S3BucketLifecycleConfigurationRule(
                    id="delete-old-logs",
                    status="Enabled",
                    expiration=[S3BucketLifecycleConfigurationRuleExpiration(
                        days=30
                    )]
                )
            ]
        )
