from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupEgress, SecurityGroupIngress
from cdktf_cdktf_provider_aws.vpc import Vpc
from constructs import Construct


class AuroraStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)

        vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16")
        aurora_sg = SecurityGroup(
            self, "aurora_security_group",
            name=f"aurora-sg-{environment_suffix}",
            description="Security group for Aurora PostgreSQL cluster",
            vpc_id=vpc.id,
            ingress=[
                SecurityGroupIngress(
                    from_port=5432,
                    to_port=5432,
                    protocol="tcp",
                    cidr_blocks=[vpc.cidr_block],  # the whole VPC
                    description="Allow PostgreSQL traffic from VPC",
                ),
            ],
            egress=[
                SecurityGroupEgress(
                    from_port=0,
                    to_port=0,
                    protocol="-1",
                    cidr_blocks=["0.0.0.0/0"],
                ),
            ],
            tags={"Name": f"aurora-sg-{environment_suffix}"}
        )
