from cdktf import Fn, TerraformStack
from cdktf_cdktf_provider_aws.data_aws_availability_zones import DataAwsAvailabilityZones
from cdktf_cdktf_provider_aws.subnet import Subnet
from constructs import Construct


class Naming:
    """Not a provider class: it may have attributes of any name."""

    def __init__(self, prefix: str):
        self.names_fqn = f"{prefix}.names"


class NetworkingStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, vpc_id: str):
        super().__init__(scope, construct_id)
        azs = DataAwsAvailabilityZones(self, "azs", state="available")
        naming = Naming("app")
        Subnet(self, "a", vpc_id=vpc_id, cidr_block="10.0.0.0/24", availability_zone=f"${{element({azs.fqn}.names, 0)}}")
        Subnet(self, "b", vpc_id=vpc_id, cidr_block="10.0.1.0/24", availability_zone=Fn.element(azs.names, 1))
        self.label = f"${{upper({naming.names_fqn})}}"
