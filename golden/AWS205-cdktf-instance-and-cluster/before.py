import json

from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.db_instance import DbInstance
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster as Cluster
from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret
from cdktf_cdktf_provider_aws.secretsmanager_secret_version import SecretsmanagerSecretVersion
from constructs import Construct


class DatabaseStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        reporting = DbInstance(
            self,
            "reporting",
            engine="postgres",
            engine_version="16.4",
            instance_class="db.t4g.micro",
            allocated_storage=20,
            username='rdsadmin',
            manage_master_user_password=True,
            skip_final_snapshot=True,
        )

        cluster = Cluster(self, "aurora", engine="aurora-postgresql", engine_version="16.4",
                          master_username = "admin",  # master user
                          manage_master_user_password=True, skip_final_snapshot=True)

        secret = SecretsmanagerSecret(self, "connection", name="aurora-connection")
        SecretsmanagerSecretVersion(
            self,
            "connection-version",
            secret_id=secret.id,
            secret_string=json.dumps(
                {
                    "username": "admin",
                    "host": cluster.endpoint,
                    "reporting_host": reporting.address,
                }
            ),
        )
