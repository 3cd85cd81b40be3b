from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.db_parameter_group import DbParameterGroup
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from constructs import Construct


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)

        DbParameterGroup(
            self, "db_pg", name=f"aurora-postgres16-pg-{environment_suffix}".lower(), family="aurora-postgresql16"
        )
        S3Bucket(self, "logs", bucket=f"logs-{environment_suffix.lower()}")
        S3Bucket(self, "data", bucket=f"data-{environment_suffix}".lower().replace("_", "-"))
