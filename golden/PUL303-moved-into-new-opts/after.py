import json

import pulumi
import pulumi_aws as aws

monitoring_role = aws.iam.Role(
    "rds-monitoring",
    assume_role_policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "monitoring.rds.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
    ),
)
policy_attachment = aws.iam.RolePolicyAttachment(
    "rds-monitoring",
    role=monitoring_role.name,
    policy_arn="arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
)

database = aws.rds.Instance(
    "orders-db",
    engine="postgres",
    instance_class="db.t3.micro",
    allocated_storage=20,
    username="dbadmin",
    manage_master_user_password=True,
    monitoring_interval=60,
    monitoring_role_arn=monitoring_role.arn,
    opts=pulumi.ResourceOptions(depends_on=[
        policy_attachment,  # the role needs its policy before RDS uses it
    ]),
    skip_final_snapshot=True,
)

parameters = aws.rds.ParameterGroup(
    "orders-params",
    family="postgres16",
    opts=pulumi.ResourceOptions(depends_on=database),
)
