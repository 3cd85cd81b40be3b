from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.instance import Instance
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress
from cdktf_cdktf_provider_aws.security_group_rule import SecurityGroupRule
from constructs import Construct


class AppStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, ami: str, purpose: str, team: str):
        super().__init__(scope, construct_id)

        sg = SecurityGroup(
            self,
            "app",
            ingress=[
                # Descriptions that are neither strings nor f-strings cannot be joined as written.
                SecurityGroupIngress(from_port=80, to_port=80, protocol="tcp", cidr_blocks=["0.0.0.0/0"], description=purpose),
                SecurityGroupIngress(from_port=80, to_port=80, protocol="tcp", cidr_blocks=["0.0.0.0/0"], description=team.upper()),
            ],
        )
        SecurityGroupRule(
            self, "ssh", type="ingress", from_port=22, to_port=22, protocol="tcp",
            cidr_blocks=["10.0.0.0/8"], security_group_id=sg.id,
        )
        # Another resource depends on the duplicate: removing it is the author's call.
        ssh_again = SecurityGroupRule(
            self, "ssh_again", type="ingress", from_port=22, to_port=22, protocol="tcp",
            cidr_blocks=["10.0.0.0/8"], security_group_id=sg.id,
        )
        Instance(self, "app_server", ami=ami, instance_type="t3.micro", depends_on=[ssh_again])
