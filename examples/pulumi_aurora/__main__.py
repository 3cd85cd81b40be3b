"""The same database in Pulumi: AWS rules are written once for both platforms."""

import pulumi
import pulumi_aws as aws

stack = pulumi.get_stack()

logs = aws.s3.BucketV2("logs", bucket=f"Access_Logs-{stack}")
subnet_group = aws.rds.SubnetGroup(
    "aurora-subnets", name="Aurora-Subnets", subnet_ids=["subnet-1", "subnet-2"]
)
cluster = aws.rds.Cluster(
    "aurora",
    engine=aws.rds.EngineType.AURORA_POSTGRESQL,
    engine_version="16.9",
    master_username="dbadmin",
    manage_master_user_password=True,
    db_subnet_group_name=subnet_group.name,
    backtrack_window=86400,
    skip_final_snapshot=True,
)
pulumi.export("endpoint", cluster.endpoint)
