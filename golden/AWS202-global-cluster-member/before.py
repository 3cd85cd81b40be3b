from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
from cdktf_cdktf_provider_aws.rds_global_cluster import RdsGlobalCluster
from constructs import Construct


class DatabaseStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        global_cluster = RdsGlobalCluster(
            self, "global", global_cluster_identifier="payments-global", engine="aurora-mysql"
        )
        RdsCluster(
            self,
            "primary",
            cluster_identifier="payments-primary",
            engine="aurora-mysql",
            engine_version="8.0.mysql_aurora.3.05.2",
            global_cluster_identifier=global_cluster.id,
            backtrack_window=259200,  # 72 hours in seconds
            backup_retention_period=7,
            preferred_backup_window="03:00-04:00",
        )
