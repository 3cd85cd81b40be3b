from cdktf import S3Backend, TerraformStack
from constructs import Construct


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, state_bucket: str, environment_suffix: str):
        super().__init__(scope, construct_id)

        S3Backend(
            self,
            bucket=state_bucket,
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region="us-east-1",
            encrypt=True,
        )

        self.environment_suffix = environment_suffix
