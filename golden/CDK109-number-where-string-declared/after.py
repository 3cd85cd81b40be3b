from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup, LbTargetGroupHealthCheck
from constructs import Construct


class WebStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, vpc_id: str):
        super().__init__(scope, construct_id)

        LbTargetGroup(
            self,
            "web_tg",
            name="web-tg",
            port=80,
            protocol="HTTP",
            vpc_id=vpc_id,
            deregistration_delay="30",  # seconds
            preserve_client_ip="true",
            health_check=LbTargetGroupHealthCheck(path="/health", matcher="200", interval=30),
        )
