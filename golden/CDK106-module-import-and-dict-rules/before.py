from cdktf import TerraformStack
from cdktf_cdktf_provider_aws import s3_bucket_lifecycle_configuration as lifecycle
from constructs import Construct


class ArchiveStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, bucket_id: str):
        super().__init__(scope, construct_id)

        lifecycle.S3BucketLifecycleConfiguration(
            self, "archive-lifecycle",
            bucket=bucket_id,
            rule=[
                lifecycle.S3BucketLifecycleConfigurationRule(id="to-glacier",
                                                             status="Enabled",  # since 2024
                                                             # move everything after a month
                                                             transition=[lifecycle.S3BucketLifecycleConfigurationRuleTransition(
                                                                 days=30, storage_class="GLACIER")]),
                lifecycle.S3BucketLifecycleConfigurationRule(id="abort-uploads", status="Enabled", abort_incomplete_multipart_upload=[
                    lifecycle.S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload(days_after_initiation=7)
                ]),
            ],
        )

        lifecycle.S3BucketLifecycleConfiguration(self, "scratch-lifecycle", bucket=bucket_id, rule=[
            {
                'id': 'expire',
                'status': 'Enabled'  # all objects
            },
            {"id": "tmp", "status": "Enabled", "filter": [{"prefix": "tmp/"}]},
        ])
