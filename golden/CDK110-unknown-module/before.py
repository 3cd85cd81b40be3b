import cdktf_cdktf_provider_aws.aurora_cluster
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws import rds_clusters, vpc
from constructs import Construct


class DatabaseStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        vpc.Vpc(self, "vpc", cidr_block="10.0.0.0/16")
