import pulumi
import pulumi_aws

orders = pulumi_aws.rds.Instance(
    "orders",
    engine="mysql",
    instance_class="db.t4g.micro",
    allocated_storage=20,
    username="admin",
    password=pulumi.Output.secret("orders-password-1"),
    skip_final_snapshot=True,
)

# Both set: the provider refuses the pair; the managed password stays.
analytics = pulumi_aws.rds.Cluster(
    "analytics",
    engine=pulumi_aws.rds.EngineType.AURORA_MYSQL,
    master_username="dbadmin",
    manage_master_user_password=True,
    master_password="analytics-password-1"
)

pulumi.export("orders", orders.address)
