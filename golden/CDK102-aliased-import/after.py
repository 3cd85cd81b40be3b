from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA as Versioning
from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningVersioningConfiguration
from constructs import Construct


class StorageStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        bucket = S3Bucket(self, "data", bucket="data-bucket")
        Versioning(
            self,
            "data_versioning",
            bucket=bucket.id,
            versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
        )
