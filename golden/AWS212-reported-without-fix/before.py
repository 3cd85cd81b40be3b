from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.security_group import SecurityGroup
from cdktf_cdktf_provider_aws.security_group_rule import SecurityGroupRule
from cdktf_cdktf_provider_aws.vpc_security_group_egress_rule import VpcSecurityGroupEgressRule
from constructs import Construct


class NetworkStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, vpc_id: str):
        super().__init__(scope, construct_id)

        app = SecurityGroup(self, "app", vpc_id=vpc_id)
        # Tags have no place in an inline rule: the rule stays a resource.
        VpcSecurityGroupEgressRule(
            self, "app_egress", security_group_id=app.id, ip_protocol="-1", cidr_ipv4="0.0.0.0/0",
            tags={"Name": "app-egress"},
        )

        db = SecurityGroup(self, "db", vpc_id=vpc_id)
        self.db_egress = SecurityGroupRule(
            self, "db_egress", type="egress", from_port=0, to_port=0, protocol="-1",
            cidr_blocks=["0.0.0.0/0"], security_group_id=db.id,
        )
