import pulumi
import pulumi_aws as aws

cluster = aws.rds.Cluster(
    "aurora",
    engine=aws.rds.EngineType.AURORA_POSTGRESQL,
    engine_version="16.4",
    master_username="dbadmin",
    manage_master_user_password=True,
    backtrack_window=86400,
    skip_final_snapshot=True,
)
pulumi.export("endpoint", cluster.endpoint)
