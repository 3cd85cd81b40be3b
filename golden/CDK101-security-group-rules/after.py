from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupEgress, SecurityGroupIngress
from constructs import Construct


class DatabaseStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, vpc_id: str):
        super().__init__(scope, construct_id)

        SecurityGroup(
            self,
            "aurora_security_group",
            name="aurora-sg",
            description="Security group for Aurora PostgreSQL cluster",
            vpc_id=vpc_id,
            ingress=[SecurityGroupIngress(
                from_port=5432,  # PostgreSQL
                to_port=5432,
                protocol="tcp",
                # only from inside the VPC
                cidr_blocks=["10.0.0.0/16"],
                description="Allow PostgreSQL traffic from VPC",
            )],
            egress=[
                SecurityGroupEgress(
                    from_port=0,
                    to_port=0,
                    protocol="-1",
                    cidr_blocks=["0.0.0.0/0"],
                ),
            ],
            tags={"Name": "aurora-sg"},
        )
