import pulumi
from pulumi_aws import rds

APP = "shop"
stage = pulumi.get_stack()

orders = rds.Instance(
    "orders",
    engine="postgres",
    instance_class="db.t4g.micro",
    allocated_storage=20,
    db_name='orders_db',
    username="dbadmin",
    manage_master_user_password=True,
    skip_final_snapshot=True,
)

global_cluster = rds.GlobalCluster(
    "global",
    global_cluster_identifier=f"{APP}-global",
    engine="aurora-postgresql",
    engine_version="16.4",
    database_name=f"{APP}_{stage.replace('-', '_')}",
)

pulumi.export("orders", orders.address)
