from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.db_subnet_group import DbSubnetGroup
from constructs import Construct


class NetworkStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        # Deploys as written ("Managed by Terraform"): only `--select AWS207` adds a description.
        DbSubnetGroup(self, "aurora", name="aurora", subnet_ids=["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"])
