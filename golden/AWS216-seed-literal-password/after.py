from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.db_instance import DbInstance
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
from constructs import Construct


class DatabaseStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str = "dev"):
        super().__init__(scope, construct_id)

        self.primary_cluster = RdsCluster(
            self,
            "primary_cluster",
            cluster_identifier=f"aurora-primary-{environment_suffix}",
            engine="aurora-postgresql",
            engine_version="16.4",
            master_username="dbadmin",
            manage_master_user_password=True,
            skip_final_snapshot=True,
        )

        DbInstance(self, "reporting", engine="postgres", instance_class="db.t4g.micro", allocated_storage=20,
                   username="reporting", manage_master_user_password=True, skip_final_snapshot=True)
