from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.eip import Eip
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress
from cdktf_cdktf_provider_aws.vpc import Vpc
from constructs import Construct


class NetworkStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, settings: dict):
        super().__init__(scope, construct_id)

        vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16", enable_dns_hostnames=True)
        Eip(self, "ip", domain="vpc", depends_on=[vpc])  # meta-arguments are accepted
        SecurityGroup(
            self,
            "sg",
            vpc_id=vpc.id,
            ingress=[SecurityGroupIngress(from_port=443, to_port=443, protocol="tcp", self_attribute=True)],
        )
        Vpc(self, "other", **settings)  # arguments not visible here are not judged
