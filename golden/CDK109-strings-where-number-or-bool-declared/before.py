from cdktf import TerraformStack
from cdktf_cdktf_provider_aws import security_group
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup as TargetGroup
from constructs import Construct


class WebStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        TargetGroup(self, "tg", port="8080", protocol="HTTP", proxy_protocol_v2="false")
        security_group.SecurityGroup(
            self,
            "sg",
            ingress=[
                security_group.SecurityGroupIngress(
                    from_port="5432", to_port=5432, protocol="tcp", self_attribute="True"
                )
            ],
        )
