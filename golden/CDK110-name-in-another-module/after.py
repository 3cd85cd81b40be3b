from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.security_group import (
    SecurityGroup,
    SecurityGroupRule,  # a resource of its own module
)
from cdktf_cdktf_provider_aws.s3_bucket import S3BucketPolicy
from constructs import Construct


class AppStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        sg = SecurityGroup(self, "sg", name="app")
        SecurityGroupRule(self, "https", type="ingress", from_port=443, to_port=443, protocol="tcp", security_group_id=sg.id)
