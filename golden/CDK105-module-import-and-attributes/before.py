import cdktf_cdktf_provider_aws.data_aws_caller_identity as caller
from cdktf import TerraformOutput, TerraformStack
from cdktf_cdktf_provider_aws import data_aws_availability_zones, data_aws_iam_policy_document
from cdktf_cdktf_provider_aws.data_aws_region import DataAwsRegion as Region
from cdktf_cdktf_provider_aws.subnet import Subnet
from constructs import Construct


class EdgeStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, vpc_id: str):
        super().__init__(scope, construct_id)
        self.azs = data_aws_availability_zones.DataAwsAvailabilityZones(self, "azs")
        self.identity = caller.DataAwsCallerIdentity(self, "identity")
        region = Region(self, "region")
        policy = data_aws_iam_policy_document.DataAwsIamPolicyDocument(self, "policy")

        Subnet(
            self,
            "edge",
            vpc_id=vpc_id,
            cidr_block="10.2.0.0/24",
            availability_zone=(
                f"${{element("  # the first zone ID, then its name
                f"{self.azs.zone_ids_fqn}, 0)}}"
            ),
        )
        TerraformOutput(
            self,
            "summary",
            value=f"${{join(\",\", [{self.identity.account_id_fqn}, {region.region_fqn}, {policy.json_fqn}])}}",
        )
