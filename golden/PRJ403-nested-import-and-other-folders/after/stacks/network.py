from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.vpc import Vpc
from constructs import Construct


class NetworkStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        Vpc(self, "vpc", cidr_block="10.0.0.0/16")
