import pulumi
import pulumi_aws as aws

config = pulumi.Config()

# Passwords that are not in the program.
aws.rds.Cluster(
    "from-config",
    engine="aurora-postgresql",
    master_username="dbadmin",
    master_password=config.get_secret("dbPassword"),
    skip_final_snapshot=True,
)
aws.rds.Instance(
    "managed",
    engine="postgres",
    instance_class="db.t4g.micro",
    allocated_storage=20,
    username="dbadmin",
    manage_master_user_password=True,
    skip_final_snapshot=True,
)
# RDS cannot manage the password of a global database member or of Aurora Serverless v1.
global_db = aws.rds.GlobalCluster("global", global_cluster_identifier="orders", engine="aurora-postgresql")
aws.rds.Cluster(
    "global-primary",
    engine="aurora-postgresql",
    global_cluster_identifier=global_db.id,
    master_username="dbadmin",
    master_password="global-password-1",
    skip_final_snapshot=True,
)
aws.rds.Cluster(
    "serverless-v1",
    engine="aurora-postgresql",
    engine_mode="serverless",
    master_username="dbadmin",
    master_password="serverless-password-1",
    skip_final_snapshot=True,
)
