from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_versioning import (
    S3BucketVersioningA,
    S3BucketVersioningVersioningConfiguration,
)


class StorageStack(TerraformStack):
    def __init__(self, scope, construct_id, environment_suffix="dev"):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        self.bucket = S3Bucket(self, "bucket", bucket=f"tap-data-{environment_suffix}")
        S3BucketVersioningA(
            self,
            "bucket-versioning",
            bucket=self.bucket.id,
            versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
        )


def test_storage_stack_instantiates():
    app = App()
    stack = StorageStack(app, "TestStorageStack", environment_suffix="test")

    assert stack is not None
    assert hasattr(stack, "bucket")  # kept in self.bucket
    assert hasattr(stack, 'bucket_versioning')
    assert hasattr(stack, "node") and hasattr(stack, "bucket_encryption")
    assert not hasattr(stack, "bucket_policy")
    assert stack.bucket_versioning.versioning_configuration.status == "Enabled"
