import pulumi
import pulumi_aws as aws

suffix = pulumi.get_stack()

# Valid names.
aws.rds.Cluster(
    "aurora",
    engine="aurora-mysql",
    database_name="app_db",
    master_username="dbadmin",
    manage_master_user_password=True,
    skip_final_snapshot=True,
)
# The literal text is valid; what the suffix holds is only known when the program runs.
aws.rds.Cluster(
    "per-stack",
    engine="aurora-postgresql",
    database_name=f"tapdb{suffix}",
    master_username="dbadmin",
    manage_master_user_password=True,
    skip_final_snapshot=True,
)
# Already sanitized.
aws.rds.Instance(
    "sanitized",
    engine="postgres",
    instance_class="db.t4g.micro",
    allocated_storage=20,
    db_name=f"tapdb_{suffix.replace('-', '_')}",
    username="dbadmin",
    manage_master_user_password=True,
    skip_final_snapshot=True,
)
# Oracle names its database differently (an SID of up to 8 characters); left alone.
aws.rds.Instance(
    "oracle",
    engine="oracle-se2",
    license_model="license-included",
    instance_class="db.t3.small",
    allocated_storage=20,
    db_name="ORCL",
    username="dbadmin",
    manage_master_user_password=True,
    skip_final_snapshot=True,
)
