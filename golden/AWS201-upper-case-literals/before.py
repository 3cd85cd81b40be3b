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
            name=f"Aurora-Postgres16-Cluster-PG-{environment_suffix}",
            family="aurora-postgresql16",
        )
        DbParameterGroup(self, "db_pg", name="Aurora-Postgres16-DB-PG", family="aurora-postgresql16")
        S3Bucket(self, "logs", bucket='Access_Logs')
        S3Bucket(self, "assets", bucket_prefix=f"Static_Assets-{environment_suffix}-")
