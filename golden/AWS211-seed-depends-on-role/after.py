import json

from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.db_parameter_group import DbParameterGroup
from cdktf_cdktf_provider_aws.iam_role import IamRole
from cdktf_cdktf_provider_aws.iam_role_policy_attachment import IamRolePolicyAttachment
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
from cdktf_cdktf_provider_aws.rds_cluster_instance import RdsClusterInstance
from cdktf_cdktf_provider_aws.rds_cluster_parameter_group import RdsClusterParameterGroup
from constructs import Construct


class AuroraStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)

        rds_monitoring_role = IamRole(
            self, "rds_monitoring_role",
            name=f"rds-monitoring-role-{environment_suffix}",
            path="/service-role/",
            assume_role_policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"Service": "monitoring.rds.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }],
            }),
        )

        rds_monitoring_role_policy = IamRolePolicyAttachment(
            self, "rds_monitoring_policy_attachment",
            role=rds_monitoring_role.name,
            policy_arn="arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
        )

        cluster_parameter_group = RdsClusterParameterGroup(
            self, "cluster_parameter_group",
            name=f"aurora-postgres16-cluster-pg-{environment_suffix}".lower(),
            family="aurora-postgresql16",
        )
        db_parameter_group = DbParameterGroup(
            self, "db_parameter_group",
            name=f"aurora-postgres16-db-pg-{environment_suffix}".lower(),
            family="aurora-postgresql16",
        )
        cluster = RdsCluster(
            self, "aurora_postgres_cluster",
            engine="aurora-postgresql",
            engine_version="16.4",
            master_username="dbadmin",
            manage_master_user_password=True,
            db_cluster_parameter_group_name=cluster_parameter_group.name,
            skip_final_snapshot=True,
        )

        RdsClusterInstance(
            self, "aurora_postgres_instance_1",
            cluster_identifier=cluster.id,
            instance_class="db.r6g.large",
            engine="aurora-postgresql",
            db_parameter_group_name=db_parameter_group.name,
            monitoring_interval=60,
            monitoring_role_arn=rds_monitoring_role.arn,
            depends_on=[cluster_parameter_group, db_parameter_group, rds_monitoring_role, rds_monitoring_role_policy]  # the role: already implied
        )
