from cdktf import TerraformStack
from cdktf_cdktf_provider_aws import rds_cluster
from constructs import Construct


class DatabaseStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        rds_cluster.RdsCluster(
            self,
            "aurora",
            engine="aurora-postgresql",
            engine_version="16.4",
            master_username="dbadmin",
            manage_master_user_password=True)
        rds_cluster.RdsCluster(self, "aurora2", engine="aurora-postgresql", skip_final_snapshot=True)
