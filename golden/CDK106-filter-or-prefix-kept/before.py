from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket, S3BucketLifecycleRule
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
    S3BucketLifecycleConfiguration,
    S3BucketLifecycleConfigurationRule,
    S3BucketLifecycleConfigurationRuleExpiration,
    S3BucketLifecycleConfigurationRuleFilter,
)
from constructs import Construct

COMMON_RULE = {"id": "common", "status": "Enabled"}


class LogsStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        # The bucket's own (legacy) lifecycle_rule block has no filter: it is not this rule's.
        logs = S3Bucket(self, "logs", lifecycle_rule=[S3BucketLifecycleRule(enabled=True, id="old")])

        S3BucketLifecycleConfiguration(
            self,
            "logs-lifecycle",
            bucket=logs.id,
            rule=[
                S3BucketLifecycleConfigurationRule(
                    id="all-objects",
                    status="Enabled",
                    filter=[S3BucketLifecycleConfigurationRuleFilter(prefix="")],
                    expiration=[S3BucketLifecycleConfigurationRuleExpiration(days=30)],
                ),
                S3BucketLifecycleConfigurationRule(id="legacy-prefix", status="Enabled", prefix="tmp/"),
                S3BucketLifecycleConfigurationRule(**COMMON_RULE),
                {"id": "dict-filter", "status": "Enabled", "filter": [{"prefix": "cache/"}]},
            ],
        )
