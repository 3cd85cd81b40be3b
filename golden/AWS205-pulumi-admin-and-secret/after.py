import pulumi
import pulumi_aws as aws

config = pulumi.Config()
db_password = config.get_secret("dbPassword") or pulumi.Output.secret("change-me-before-deploying")

db_secret = aws.secretsmanager.Secret("db-secret", description="Aurora master credentials")
aws.secretsmanager.SecretVersion(
    "db-secret-version",
    secret_id=db_secret.id,
    secret_string=pulumi.Output.json_dumps({
        "username": "dbadmin",
        "password": db_password,
    }),
)

cluster = aws.rds.Cluster(
    "aurora",
    engine=aws.rds.EngineType.AURORA_POSTGRESQL,
    engine_mode="provisioned",
    engine_version="16.4",
    database_name="analytics",
    master_username="dbadmin",
    master_password=db_password,
    serverlessv2_scaling_configuration={"min_capacity": 0.5, "max_capacity": 2.0},
    skip_final_snapshot=True,
)

pulumi.export("endpoint", cluster.endpoint)
