from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
from cdktf_cdktf_provider_aws.rds_cluster_instance import RdsClusterInstance
from constructs import Construct
import json
from cdktf_cdktf_provider_aws.iam_role import IamRole
from cdktf_cdktf_provider_aws.iam_role_policy_attachment import IamRolePolicyAttachment


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

        aurora_cluster_monitoring_role = IamRole(
            self,
            "aurora_postgres_cluster_monitoring_role",
            assume_role_policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"Service": "monitoring.rds.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }],
            }),
        )
        aurora_cluster_monitoring_role_policy = IamRolePolicyAttachment(
            self,
            "aurora_postgres_cluster_monitoring_role_policy",
            role=aurora_cluster_monitoring_role.name,
            policy_arn="arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
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
                monitoring_role_arn=aurora_cluster_monitoring_role.arn,
                performance_insights_enabled=True,
                depends_on=[aurora_cluster_monitoring_role_policy]
            )
