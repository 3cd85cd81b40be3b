from cdktf import TerraformStack
from cdktf_cdktf_provider_aws import eip
from cdktf_cdktf_provider_aws.db_instance import DbInstance
from cdktf_cdktf_provider_aws.elasticache_replication_group import ElasticacheReplicationGroup
from constructs import Construct


class AppStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        eip.Eip(self, "nat_ip", domain="vpc", tags={"Name": "nat"})
        DbInstance(
            self,
            "db",
            engine="postgres",
            instance_class="db.t4g.micro",
            allocated_storage=20,
            db_name="appdb",  # the database to create
            username="dbadmin",
            manage_master_user_password=True,
        )
        ElasticacheReplicationGroup(
            self,
            "redis",
            replication_group_id="app-redis",
            description="Redis for sessions",
            node_type="cache.t4g.micro",
            num_cache_clusters=2,
        )
