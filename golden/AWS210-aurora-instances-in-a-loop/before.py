from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
from cdktf_cdktf_provider_aws.rds_cluster_instance import RdsClusterInstance
from constructs import Construct


class DatabaseStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)

        aurora_cluster = RdsCluster(
            self,
            "aurora_postgres_cluster",
            cluster_identifier=f"aurora-postgres-{environment_suffix}",
            engine="aurora-postgresql",
            engine_version="16.4",
            master_username="dbadmin",
            manage_master_user_password=True,
            skip_final_snapshot=True,
        )

        # One writer, one reader.
        for index in range(2):
            RdsClusterInstance(
                self, f"aurora_postgres_instance_{index + 1}",
                identifier=f"aurora-postgres-{environment_suffix}-instance-{index + 1}",
                cluster_identifier=aurora_cluster.id,
                instance_class="db.r6g.large",
                engine=aurora_cluster.engine,
                monitoring_interval=60,  # enhanced monitoring, every minute
                performance_insights_enabled=True
            )
