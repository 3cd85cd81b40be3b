from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
from constructs import Construct


class CatalogStack(TerraformStack):
    """eu-north-1, with a version it offers."""

    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        AwsProvider(self, "aws", region="eu-north-1")
        RdsCluster(
            self, "catalog", engine="aurora-postgresql", engine_version="16.4",
            master_username="dbadmin", manage_master_user_password=True, skip_final_snapshot=True,
        )
        # Aurora MySQL is not in the table.
        RdsCluster(
            self, "legacy", engine="aurora-mysql", engine_version="8.0.mysql_aurora.3.05.2",
            master_username="dbadmin", manage_master_user_password=True, skip_final_snapshot=True,
        )


class ReportsStack(TerraformStack):
    """The region is a parameter: not known here, so nothing is reported."""

    def __init__(self, scope: Construct, construct_id: str, aws_region: str):
        super().__init__(scope, construct_id)

        AwsProvider(self, "aws", region=aws_region)
        RdsCluster(
            self, "reports", engine="aurora-postgresql", engine_version="15.3",
            master_username="dbadmin", manage_master_user_password=True, skip_final_snapshot=True,
        )


class OrdersStack(TerraformStack):
    """us-east-1 offers the long-term-support minor version of 15."""

    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        AwsProvider(self, "aws", region="us-east-1")
        RdsCluster(
            self, "orders", engine="aurora-postgresql", engine_version="15.10",
            master_username="dbadmin", manage_master_user_password=True, skip_final_snapshot=True,
        )
