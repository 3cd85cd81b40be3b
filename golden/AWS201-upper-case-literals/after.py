from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.db_parameter_group import DbParameterGroup
from cdktf_cdktf_provider_aws.rds_cluster_parameter_group import RdsClusterParameterGroup
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from constructs import Construct


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)

        RdsClusterParameterGroup(
            self,
            "cluster_pg",
            name=f"aurora-postgres16-cluster-pg-{environment_suffix}",
            family="aurora-postgresql16",
        )
        DbParameterGroup(self, "db_pg", name="aurora-postgres16-db-pg", family="aurora-postgresql16")
        S3Bucket(self, "logs", bucket='access-logs')
        S3Bucket(self, "assets", bucket_prefix=f"static-assets-{environment_suffix}-")
