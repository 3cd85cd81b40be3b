from cdktf import S3Backend, TerraformStack
from constructs import Construct


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, state_bucket: str, state_bucket_region: str):
        super().__init__(scope, construct_id)
        self._backend(state_bucket, state_bucket_region, construct_id)

    def _backend(self, bucket: str, region: str, construct_id: str) -> None:
        S3Backend(self, bucket=bucket, key=f"{construct_id}.tfstate", region=region, encrypt=True)


class LocalStack(TerraformStack):
    """Deliberately local: the override names another backend."""

    def __init__(self, scope: Construct, construct_id: str, state_bucket: str = ""):
        super().__init__(scope, construct_id)
        self.add_override("terraform.backend", {"local": {"path": f"{construct_id}.tfstate"}})
