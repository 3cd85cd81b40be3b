import pulumi_aws as aws
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupEgress, SecurityGroupIngress
from cdktf_cdktf_provider_aws.security_group_rule import SecurityGroupRule
from cdktf_cdktf_provider_aws.vpc import Vpc
from constructs import Construct


class NetworkStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, office_cidr: str):
        super().__init__(scope, construct_id)

        vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16")
        web = SecurityGroup(
            self,
            "web",
            vpc_id=vpc.id,
            ingress=[
                # Same port, other sources.
                SecurityGroupIngress(from_port=443, to_port=443, protocol="tcp", cidr_blocks=[vpc.cidr_block]),
                SecurityGroupIngress(from_port=443, to_port=443, protocol="tcp", cidr_blocks=["10.1.0.0/16"]),
                # A source only known at deploy time.
                SecurityGroupIngress(from_port=443, to_port=443, protocol="tcp", cidr_blocks=[office_cidr]),
                # Same source, other protocol.
                SecurityGroupIngress(from_port=443, to_port=443, protocol="udp", cidr_blocks=[vpc.cidr_block]),
            ],
            # Ingress and egress may hold the same rule.
            egress=[SecurityGroupEgress(from_port=443, to_port=443, protocol="tcp", cidr_blocks=["10.0.0.0/16"])],
        )
        admin = SecurityGroup(self, "admin", vpc_id=vpc.id)
        # The same rule for two different groups.
        SecurityGroupRule(
            self, "web_ssh", type="ingress", from_port=22, to_port=22, protocol="tcp",
            cidr_blocks=["10.0.0.0/16"], security_group_id=web.id,
        )
        SecurityGroupRule(
            self, "admin_ssh", type="ingress", from_port=22, to_port=22, protocol="tcp",
            cidr_blocks=["10.0.0.0/16"], security_group_id=admin.id,
        )


vpc = aws.ec2.Vpc("main", cidr_block="10.20.0.0/16")
sg = aws.ec2.SecurityGroup("db", vpc_id=vpc.id)
# Ingress and egress of the same port are different rules.
aws.vpc.SecurityGroupIngressRule("pg-in", security_group_id=sg.id, ip_protocol="tcp", from_port=5432, to_port=5432, cidr_ipv4=vpc.cidr_block)
aws.vpc.SecurityGroupEgressRule("pg-out", security_group_id=sg.id, ip_protocol="tcp", from_port=5432, to_port=5432, cidr_ipv4=vpc.cidr_block)
