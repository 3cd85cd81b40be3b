from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress
from cdktf_cdktf_provider_aws.vpc import Vpc
from constructs import Construct


class MigrationStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)

        migration_vpc = Vpc(
            self,
            "migration_vpc",
            cidr_block="10.0.0.0/16",
            enable_dns_hostnames=True,
        )

        SecurityGroup(
            self,
            "aurora_sg",
            name=f"aurora-sg-{environment_suffix}",
            description="Aurora PostgreSQL target of the migration",
            vpc_id=migration_vpc.id,
            ingress=[
                SecurityGroupIngress(
                    description="PostgreSQL from DMS; PostgreSQL from VPC",
                    from_port=5432,
                    to_port=5432,
                    protocol="tcp",
                    cidr_blocks=[migration_vpc.cidr_block]  # "10.0.0.0/16"
                ),
                # HTTPS stays: another port.
                SecurityGroupIngress(
                    description="HTTPS from VPC", from_port=443, to_port=443,
                    protocol="tcp", cidr_blocks=["10.0.0.0/16"]),
            ],
        )
