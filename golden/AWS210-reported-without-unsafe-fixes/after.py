import pulumi
import pulumi_aws as aws

# Without --unsafe-fixes the role is not created: the finding is reported, the file kept.
db = aws.rds.Instance(
    "orders",
    engine="postgres",
    instance_class="db.t3.micro",
    allocated_storage=20,
    username="dbadmin",
    manage_master_user_password=True,
    monitoring_interval=60,
    skip_final_snapshot=True,
)
pulumi.export("endpoint", db.endpoint)
