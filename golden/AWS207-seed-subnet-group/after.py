from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.db_subnet_group import DbSubnetGroup
from cdktf_cdktf_provider_aws.subnet import Subnet
from constructs import Construct


class NetworkStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str = "dev"):
        super().__init__(scope, construct_id)

        subnet_1 = Subnet(self, "subnet_1", vpc_id="vpc-0123456789abcdef0", cidr_block="10.0.1.0/24")
        subnet_2 = Subnet(self, "subnet_2", vpc_id="vpc-0123456789abcdef0", cidr_block="10.0.2.0/24")

        DbSubnetGroup(
            self, "aurora_subnet_group",
            name=f"aurora-subnet-group-{environment_suffix}".lower(),
            subnet_ids=[subnet_1.id, subnet_2.id],  # two availability zones
            description=f"DB subnet group aurora-subnet-group-{environment_suffix}",
            tags={
                "Name": f"aurora-subnet-group-{environment_suffix}",
                "Environment": environment_suffix
            }
        )

        DbSubnetGroup(self, "cache_subnets", subnet_ids=[subnet_1.id, subnet_2.id],  # private subnets
                      description="DB subnet group cache_subnets"
                      )
