import pulumi
from pulumi_aws import rds

stack = pulumi.get_stack()
private_subnet_ids = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]

# No name: Pulumi names the group after the resource.
aurora = rds.SubnetGroup(f"aurora-{stack}", subnet_ids=private_subnet_ids, description=f"DB subnet group aurora-{stack}")

reporting = rds.SubnetGroup(
    "reporting",
    name_prefix="reporting-",
    subnet_ids=private_subnet_ids,
    description="DB subnet group reporting",
    tags={"Team": "data"},
)

pulumi.export("aurora", aurora.name)
