from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.data_aws_availability_zones import DataAwsAvailabilityZones
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.subnet import Subnet
from cdktf_cdktf_provider_aws.vpc import Vpc
from constructs import Construct


class NetworkingStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        primary = AwsProvider(self, "aws-primary", region="us-east-1", alias="primary")
        secondary = AwsProvider(self, "aws-secondary", region="us-west-2", alias="secondary")

        primary_azs = DataAwsAvailabilityZones(self, "primary_azs", state="available", provider=primary)
        secondary_azs = DataAwsAvailabilityZones(self, "secondary_azs", state="available", provider=secondary)

        primary_vpc = Vpc(self, "primary_vpc", cidr_block="10.0.0.0/16", provider=primary)
        secondary_vpc = Vpc(self, "secondary_vpc", cidr_block="10.1.0.0/16", provider=secondary)

        for i in range(2):
            Subnet(
                self,
                f"primary_private_subnet_{i}",
                vpc_id=primary_vpc.id,
                cidr_block=f"10.0.{i}.0/24",
                availability_zone=f"${{element({primary_azs.fqn}.names, {i})}}",
                provider=primary,
            )
            Subnet(
                self,
                f"secondary_private_subnet_{i}",
                vpc_id=secondary_vpc.id,
                cidr_block=f"10.1.{i}.0/24",
                availability_zone=f"${{element({secondary_azs.fqn}.names, {i})}}",
                provider=secondary,
            )
