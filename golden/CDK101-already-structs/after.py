from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.route_table import RouteTable, RouteTableRoute
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress
from constructs import Construct


class AppStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        SecurityGroup(
            self,
            "web",
            ingress=[SecurityGroupIngress(from_port=443, to_port=443, protocol="tcp")],
            # keys that serialize unchanged are valid as plain dicts
            egress=[{"protocol": "-1", "description": "all"}],
            tags={"Name": "web", "team_name": "platform"},
        )
        RouteTable(self, "rt", vpc_id="vpc-1", route=[RouteTableRoute(cidr_block="0.0.0.0/0")])
        # a list built elsewhere is not rewritten
        routes = [RouteTableRoute(cidr_block="10.0.0.0/8")]
        RouteTable(self, "rt2", vpc_id="vpc-1", route=routes)
        # not the provider's SecurityGroup
        dict(ingress=[{"from_port": 1}])
