import json

import pulumi
import pulumi_aws as aws

monitoring_role = aws.iam.Role(
    "rds-monitoring",
    assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": "monitoring.rds.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }],
    }),
)
monitoring_policy = aws.iam.RolePolicyAttachment(
    "rds-monitoring",
    role=monitoring_role.name,
    policy_arn="arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
)

cluster = aws.rds.Cluster(
    "orders",
    engine="aurora-postgresql",
    engine_version="16.4",
    master_username="dbadmin",
    manage_master_user_password=True,
    skip_final_snapshot=True,
)
# `monitoring_role.arn` orders the role first; nothing orders the attachment.
writer = aws.rds.ClusterInstance(
    "orders-writer",
    cluster_identifier=cluster.id,
    engine="aurora-postgresql",
    instance_class="db.r6g.large",
    monitoring_interval=60,
    monitoring_role_arn=monitoring_role.arn,
    opts=pulumi.ResourceOptions(depends_on=[monitoring_policy]),
)
reader = aws.rds.ClusterInstance(
    "orders-reader",
    cluster_identifier=cluster.id,
    engine="aurora-postgresql",
    instance_class="db.r6g.large",
    monitoring_interval=60,
    monitoring_role_arn=monitoring_role.arn,
    opts=pulumi.ResourceOptions(
        depends_on=[writer, monitoring_policy],  # the writer first
    ),
)
pulumi.export("endpoint", cluster.endpoint)
