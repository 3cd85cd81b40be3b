import json

import pulumi_aws as aws
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.db_instance import DbInstance
from cdktf_cdktf_provider_aws.iam_role import IamRole
from constructs import Construct

MONITORING_TRUST = json.dumps({
    "Version": "2012-10-17",
    "Statement": [{
        "Effect": "Allow",
        "Principal": {"Service": "monitoring.rds.amazonaws.com"},
        "Action": "sts:AssumeRole",
    }],
})
MONITORING_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"


class DatabaseStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, monitoring_interval: int):
        super().__init__(scope, construct_id)

        role = IamRole(self, "monitoring", assume_role_policy=MONITORING_TRUST, managed_policy_arns=[MONITORING_POLICY])
        DbInstance(
            self,
            "monitored",
            engine="postgres",
            instance_class="db.t3.micro",
            allocated_storage=20,
            username="dbadmin",
            manage_master_user_password=True,
            monitoring_interval=60,
            monitoring_role_arn=role.arn,
        )
        # Enhanced monitoring off.
        DbInstance(self, "quiet", engine="postgres", instance_class="db.t3.micro", allocated_storage=20,
                   username="dbadmin", manage_master_user_password=True, monitoring_interval=0)
        # The interval is not known here.
        DbInstance(self, "configured", engine="postgres", instance_class="db.t3.micro", allocated_storage=20,
                   username="dbadmin", manage_master_user_password=True, monitoring_interval=monitoring_interval)


pulumi_role = aws.iam.Role("monitoring", assume_role_policy=MONITORING_TRUST, managed_policy_arns=[MONITORING_POLICY])
aws.rds.Instance(
    "monitored",
    engine="postgres",
    instance_class="db.t3.micro",
    allocated_storage=20,
    username="dbadmin",
    manage_master_user_password=True,
    monitoring_interval=30,
    monitoring_role_arn=pulumi_role.arn,
)
