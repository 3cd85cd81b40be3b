import cdktf_cdktf_provider_aws.route_table as rt
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws import security_group
from constructs import Construct


class AppStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        security_group.SecurityGroup(
            self,
            "web",
            ingress=[
                {"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]},
                {"from_port": 80, "to_port": 80, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]},
            ],
        )
        rt.RouteTable(self, "rt", vpc_id="vpc-1", route=[{"cidr_block": "0.0.0.0/0", "nat_gateway_id": "nat-1"}])
