from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.security_group import SecurityGroup
from constructs import Construct


class AppStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        SecurityGroup(self, "web", egress=[{"protocol": "-1", "description": "all"}])
