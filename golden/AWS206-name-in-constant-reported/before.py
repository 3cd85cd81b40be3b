import pulumi_aws as aws

DATABASE_NAME = "orders-db"

# The constant may be used elsewhere: it is reported, to be changed where it is defined.
aws.rds.Cluster(
    "orders",
    engine="aurora-mysql",
    database_name=DATABASE_NAME,
    master_username="dbadmin",
    manage_master_user_password=True,
    skip_final_snapshot=True,
)
