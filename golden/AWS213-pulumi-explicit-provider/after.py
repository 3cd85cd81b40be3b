import pulumi
import pulumi_aws as aws

stockholm = aws.Provider("stockholm", region="eu-north-1")
virginia = aws.Provider("virginia", region="us-east-1")

# The stack's default region is stack configuration, not known here: left alone.
default_region = aws.rds.Cluster(
    "reports",
    engine="aurora-postgresql",
    engine_version="15.3",
    master_username="dbadmin",
    manage_master_user_password=True,
    skip_final_snapshot=True,
)
catalog = aws.rds.Cluster(
    "catalog",
    engine=aws.rds.EngineType.AURORA_POSTGRESQL,
    engine_version='16.4',
    master_username="dbadmin",
    manage_master_user_password=True,
    skip_final_snapshot=True,
    opts=pulumi.ResourceOptions(provider=stockholm),
)
orders = aws.rds.Cluster(
    "orders",
    engine="aurora-postgresql",
    engine_version="15.10",  # same major version there
    master_username="dbadmin",
    manage_master_user_password=True,
    skip_final_snapshot=True,
    opts=pulumi.ResourceOptions(provider=virginia),
)
pulumi.export("endpoints", [catalog.endpoint, orders.endpoint])
