from cdktf import TerraformStack
from cdktf_cdktf_provider_aws import db_instance, rds_cluster
from constructs import Construct


class DatabaseStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        rds_cluster.RdsCluster(
            self,
            "aurora",
            engine="aurora-postgresql",
            master_username="postgres",  # the superuser
            manage_master_user_password=True,
            skip_final_snapshot=True,
        )
        db_instance.DbInstance(
            self,
            "mysql",
            engine="mysql",
            instance_class="db.t4g.micro",
            allocated_storage=20,
            username="root",
            manage_master_user_password=True,
            skip_final_snapshot=True,
        )
        # Accepted everywhere, and not a default name.
        db_instance.DbInstance(
            self,
            "mariadb",
            engine="mariadb",
            instance_class="db.t4g.micro",
            allocated_storage=20,
            username="admin",
            manage_master_user_password=True,
            skip_final_snapshot=True,
        )
