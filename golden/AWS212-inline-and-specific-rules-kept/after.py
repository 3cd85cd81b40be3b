import pulumi_aws as aws
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupEgress
from cdktf_cdktf_provider_aws.security_group_rule import SecurityGroupRule
from constructs import Construct


class NetworkStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, vpc_id: str, shared_sg_id: str):
        super().__init__(scope, construct_id)

        # The egress rule is inline already.
        SecurityGroup(
            self,
            "inline",
            vpc_id=vpc_id,
            egress=[SecurityGroupEgress(from_port=0, to_port=0, protocol="-1", cidr_blocks=["0.0.0.0/0"])],
        )
        restricted = SecurityGroup(self, "restricted", vpc_id=vpc_id)
        # Not the default rule: HTTPS only.
        SecurityGroupRule(
            self, "restricted_https", type="egress", from_port=443, to_port=443, protocol="tcp",
            cidr_blocks=["0.0.0.0/0"], security_group_id=restricted.id,
        )
        # A group built elsewhere.
        SecurityGroupRule(
            self, "shared_egress", type="egress", from_port=0, to_port=0, protocol="-1",
            cidr_blocks=["0.0.0.0/0"], security_group_id=shared_sg_id,
        )


web = aws.ec2.SecurityGroup("web", description="web servers")
# Ingress from anywhere is not the default.
aws.vpc.SecurityGroupIngressRule("web-in", security_group_id=web.id, ip_protocol="-1", cidr_ipv4="0.0.0.0/0")
