from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.internet_gateway import InternetGateway
from cdktf_cdktf_provider_aws.route_table import RouteTable
from cdktf_cdktf_provider_aws.vpc import Vpc
from constructs import Construct


class NetworkStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        primary_vpc = Vpc(self, "primary_vpc", cidr_block="10.0.0.0/16")
        primary_igw = InternetGateway(self, "primary_igw", vpc_id=primary_vpc.id)

        RouteTable(
            self,
            "primary_public_rt",
            vpc_id=primary_vpc.id,
            route=[{
                "cidr_block": "0.0.0.0/0",
                "gateway_id": primary_igw.id
            }],
            tags={"Name": "primary-public-rt"},
        )
        RouteTable(self, "peer_rt", vpc_id=primary_vpc.id, route=[{"ipv6_cidr_block": "::/0", "gateway_id": primary_igw.id}, {"cidr_block": "10.1.0.0/16", "vpc_peering_connection_id": "pcx-1"}])
