import pulumi_aws as aws

ENGINE = "aurora-postgresql"
MASTER_USER = "admin"

cluster = aws.rds.Cluster(
    "aurora",
    engine=ENGINE,
    master_username=MASTER_USER,
    manage_master_user_password=True,
    skip_final_snapshot=True,
)
