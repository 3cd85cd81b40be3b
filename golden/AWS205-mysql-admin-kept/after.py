import json

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
engine = config.get("engine") or "aurora-postgresql"

# `admin` is the usual master user on MySQL and MariaDB.
mysql = aws.rds.Instance(
    "mysql",
    engine="mysql",
    engine_version="8.0",
    instance_class="db.t4g.micro",
    allocated_storage=20,
    username="admin",
    manage_master_user_password=True,
    skip_final_snapshot=True,
)
aurora_mysql = aws.rds.Cluster(
    "aurora-mysql",
    engine=aws.rds.EngineType.AURORA_MYSQL,
    master_username="admin",
    manage_master_user_password=True,
    skip_final_snapshot=True,
)
# The engine is only known when the program runs.
configured = aws.rds.Cluster(
    "configured",
    engine=engine,
    master_username="admin",
    manage_master_user_password=True,
    skip_final_snapshot=True,
)
# AWS accepts `postgres` on PostgreSQL: it is only reported when AWS205 is selected.
postgres = aws.rds.Instance(
    "postgres",
    engine="postgres",
    instance_class="db.t4g.micro",
    allocated_storage=20,
    username="postgres",
    manage_master_user_password=True,
    skip_final_snapshot=True,
)

settings = json.dumps({"username": "admin", "password_secret": "mysql-master"})

pulumi.export("mysql", mysql.address)
