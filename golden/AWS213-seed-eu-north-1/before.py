"""Product Catalog API: the database layer."""
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.db_parameter_group import DbParameterGroup
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
from cdktf_cdktf_provider_aws.rds_cluster_instance import RdsClusterInstance
from cdktf_cdktf_provider_aws.rds_cluster_parameter_group import RdsClusterParameterGroup
from constructs import Construct

AWS_REGION = "eu-north-1"


class ProductCatalogStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)

        AwsProvider(self, "aws", region=AWS_REGION)

        cluster_parameter_group = RdsClusterParameterGroup(
            self, "catalog_cluster_pg",
            name=f"catalog-cluster-pg-{environment_suffix}".lower(),
            family="aurora-postgresql15",
        )
        instance_parameter_group = DbParameterGroup(
            self, "catalog_instance_pg",
            name=f"catalog-instance-pg-{environment_suffix}".lower(),
            family="aurora-postgresql15",
        )
        catalog_db = RdsCluster(
            self, "catalog_db",
            cluster_identifier=f"catalog-db-{environment_suffix}".lower(),
            engine="aurora-postgresql",
            engine_version = "15.3" ,  # pinned
            database_name="catalog",
            master_username="dbadmin",
            manage_master_user_password=True,
            db_cluster_parameter_group_name=cluster_parameter_group.name,
            skip_final_snapshot=True,
        )
        RdsClusterInstance(
            self, "catalog_db_writer",
            cluster_identifier=catalog_db.id,
            instance_class="db.r6g.large",
            engine=catalog_db.engine,
            db_parameter_group_name=instance_parameter_group.name,
        )
