"""The reporting database, as a component."""
import pulumi
from pulumi_aws import rds, iam
import json


class ReportingDatabase(pulumi.ComponentResource):
    def __init__(self, name: str, subnet_group: str, opts: pulumi.ResourceOptions = None):
        super().__init__("app:db:ReportingDatabase", name, None, opts)

        instance_monitoring_role = iam.Role(
            f"{name}-db-monitoring-role",
            assume_role_policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"Service": "monitoring.rds.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }],
            }),
            opts=pulumi.ResourceOptions(parent=self),
        )
        instance_monitoring_role_policy = iam.RolePolicyAttachment(
            f"{name}-db-monitoring-role-policy",
            role=instance_monitoring_role.name,
            policy_arn="arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
            opts=pulumi.ResourceOptions(parent=self),
        )

        self.instance = rds.Instance(
            f"{name}-db",
            engine="postgres",
            engine_version="16.4",
            instance_class="db.t3.micro",
            allocated_storage=20,
            username="dbadmin",
            manage_master_user_password=True,
            db_subnet_group_name=subnet_group,
            monitoring_interval=15,
            monitoring_role_arn=instance_monitoring_role.arn,
            skip_final_snapshot=True,
            opts=pulumi.ResourceOptions(parent=self, protect=False, depends_on=[instance_monitoring_role_policy]),
        )
        self.register_outputs({"endpoint": self.instance.endpoint})


reporting = ReportingDatabase("reporting", subnet_group="default")
pulumi.export("endpoint", reporting.instance.endpoint)
