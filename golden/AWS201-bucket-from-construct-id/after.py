from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.db_subnet_group import DbSubnetGroup
from constructs import Construct


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)

        S3Bucket(
            self,
            "tap_bucket",
            bucket=f"tap-bucket-{environment_suffix}-{construct_id}".lower().replace("_", "-"),  # must be globally unique
            tags={"Name": f"tap-bucket-{environment_suffix}"},
        )
        DbSubnetGroup(
            self,
            "aurora_subnet_group",
            name=f"aurora-subnet-group-{construct_id}".lower(),
            subnet_ids=["subnet-1", "subnet-2"],
        )
