"""An Aurora PostgreSQL stack as a model wrote it: it looks right and fails at synth or deploy."""

from cdktf import S3Backend, TerraformStack
from cdktf_cdktf_provider_aws.db_subnet_group import DbSubnetGroup
from cdktf_cdktf_provider_aws.internet_gateway import InternetGateway
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
from cdktf_cdktf_provider_aws.rds_cluster_parameter_group import RdsClusterParameterGroup
from cdktf_cdktf_provider_aws.route_table import RouteTable
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_versioning import (
    S3BucketVersioning,
    S3BucketVersioningVersioningConfiguration,
)
from cdktf_cdktf_provider_aws.security_group import SecurityGroup
from cdktf_cdktf_provider_aws.subnet import Subnet
from cdktf_cdktf_provider_aws.vpc import Vpc
from constructs import Construct


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str = "dev"):
        super().__init__(scope, construct_id)

        AwsProvider(self, "aws", region="us-east-1")
        S3Backend(
            self,
            bucket="iac-state-bucket",
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region="us-east-1",
            encrypt=True,
        )
        # Enable S3-native state locking
        self.add_override("terraform.backend.s3.use_lockfile", True)

        vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16", enable_dns_hostnames=True)
        igw = InternetGateway(self, "igw", vpc_id=vpc.id)
        subnets = [
            Subnet(self, f"subnet_{i}", vpc_id=vpc.id, cidr_block=f"10.0.{i}.0/24")
            for i in range(2)
        ]
        RouteTable(
            self,
            "public_rt",
            vpc_id=vpc.id,
            route=[{
                "cidr_block": "0.0.0.0/0",
                "gateway_id": igw.id,
            }],
        )

        aurora_sg = SecurityGroup(
            self,
            "aurora_security_group",
            name=f"aurora-sg-{environment_suffix}",
            description="Security group for Aurora PostgreSQL cluster",
            vpc_id=vpc.id,
            ingress=[{
                "from_port": 5432,  # PostgreSQL
                "to_port": 5432,
                "protocol": "tcp",
                "cidr_blocks": ["10.0.0.0/16"],
            }],
        )

        bucket = S3Bucket(
            self,
            "tap_bucket",
            bucket=f"tap-bucket-{environment_suffix}-{construct_id}",
        )
        S3BucketVersioning(
            self,
            "tap_bucket_versioning",
            bucket=bucket.id,
            versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
        )

        subnet_group = DbSubnetGroup(
            self,
            "aurora_subnet_group",
            name=f"aurora-subnet-group-{construct_id}",
            subnet_ids=[subnet.id for subnet in subnets],
        )
        parameter_group = RdsClusterParameterGroup(
            self,
            "cluster_parameter_group",
            name="Aurora-Postgres16-Cluster-PG",
            family="aurora-postgresql16",
        )
        RdsCluster(
            self,
            "aurora_postgres_cluster",
            cluster_identifier=f"aurora-postgres-{environment_suffix}",
            engine="aurora-postgresql",
            engine_version="16.9",
            database_name="tapdb",
            master_username="dbadmin",
            manage_master_user_password=True,
            db_subnet_group_name=subnet_group.name,
            db_cluster_parameter_group_name=parameter_group.name,
            vpc_security_group_ids=[aurora_sg.id],
            backtrack_window=259200,  # 72 hours
            backup_retention_period=7,
            skip_final_snapshot=True,
        )
