from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from constructs import Construct


class StorageStack(TerraformStack):
    def __init__(
        self,
        scope: Construct,
        id: str,  # the construct id
        *,
        environment_suffix: str = "dev",
    ):
        super().__init__(scope, id)

        def name(kind: str) -> str:
            return f"{id}-{kind}-{environment_suffix}".lower()

        # `id=` below is the bucket's own Terraform argument, not the parameter.
        S3Bucket(self, "logs", bucket=name("logs"), id=None)
