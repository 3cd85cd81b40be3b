from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.default_security_group import DefaultSecurityGroup, DefaultSecurityGroupIngress
from cdktf_cdktf_provider_aws.security_group import SecurityGroup as SG, SecurityGroupIngress
from constructs import Construct

PORTS = (80, 443, 8080)


class AppStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        SG(
            self,
            "app",
            ingress=[SecurityGroupIngress(from_port=p, to_port=p, protocol="tcp") for p in PORTS],
        )
        DefaultSecurityGroup(self, "default", vpc_id="vpc-1", egress=[])
        DefaultSecurityGroup(
            self, "default_locked", vpc_id="vpc-2", ingress=[DefaultSecurityGroupIngress(self_attribute=True, from_port=0, to_port=0, protocol="-1")]
        )
