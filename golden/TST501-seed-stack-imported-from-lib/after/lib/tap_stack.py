from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_versioning import (
    S3BucketVersioningA,
    S3BucketVersioningVersioningConfiguration,
)
from constructs import Construct

from lib.base_stack import BaseStack


class TapStack(BaseStack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        environment_suffix: str = "dev",
        aws_region: str = "us-east-1",
    ):
        super().__init__(scope, construct_id, environment_suffix, aws_region)
        bucket = S3Bucket(self, "bucket", bucket=f"tap-bucket-{environment_suffix}")
        S3BucketVersioningA(
            self,
            "bucket-versioning",
            bucket=bucket.id,
            versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
        )
