from cdktf import S3Backend, TerraformStack
from constructs import Construct


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, state_bucket: str, locking: bool):
        super().__init__(scope, construct_id)

        S3Backend(self, bucket=state_bucket, key=f"{construct_id}.tfstate", region="us-east-1")
        if locking:
            self.add_override(
                "terraform.backend.s3.use_lockfile",  # state locking
                True,
            )
        self.add_override("terraform.backend.s3.encrypt", True); self.add_override("terraform.backend.s3.use_lockfile", True)
