from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.eip import Eip
from cdktf_cdktf_provider_aws.vpc import Vpc
from constructs import Construct


class NetworkStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        Vpc(self, "vpc", cidr_block="10.0.0.0/16", enable_dns_hostname=True)
        # `vpc` is renamed `domain`, but `domain` is already set: the author must choose.
        Eip(self, "ip", vpc=True, domain="vpc")
