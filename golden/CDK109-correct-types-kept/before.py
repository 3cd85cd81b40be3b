from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress
from constructs import Construct


class WebStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, delay: int, port: str):
        super().__init__(scope, construct_id)

        LbTargetGroup(self, "tg", port=8080, protocol="HTTP", deregistration_delay="30")
        # Values that are not literals are the author's to convert.
        LbTargetGroup(self, "tg2", port=8081, deregistration_delay=str(delay))
        SecurityGroup(
            self,
            "sg",
            ingress=[SecurityGroupIngress(from_port=-1, to_port=-1, protocol="icmp", cidr_blocks=["10.0.0.0/8"])],
            tags={"Port": port},
        )
