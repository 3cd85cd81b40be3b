from cdktf import TerraformStack
from cdktf_cdktf_provider_aws import db_instance as rds_instance
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
from constructs import Construct


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str = "dev"):
        super().__init__(scope, construct_id)

        RdsCluster(
            self,
            "aurora",
            cluster_identifier=f"tap-aurora-{environment_suffix}",
            engine="aurora-postgresql",
            engine_version="16.9",
            database_name=f"tapdb-{environment_suffix}",  # the application database
            master_username="dbadmin",
            manage_master_user_password=True,
            skip_final_snapshot=True,
        )

        rds_instance.DbInstance(self, "reports", engine="mysql", instance_class="db.t4g.micro",
            allocated_storage=20, db_name = '2024-reports', username="admin",
            manage_master_user_password=True, skip_final_snapshot=True)
