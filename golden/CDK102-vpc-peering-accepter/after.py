from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.vpc_peering_connection import VpcPeeringConnection
from cdktf_cdktf_provider_aws.vpc_peering_connection_accepter import VpcPeeringConnectionAccepterA
from constructs import Construct


class PeeringStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)

        secondary_provider = AwsProvider(self, "secondary", region="us-west-2", alias="secondary")
        vpc_peering = VpcPeeringConnection(
            self, "vpc_peering", vpc_id="vpc-1", peer_vpc_id="vpc-2", peer_region="us-west-2"
        )
        # accept the request on the peer side
        vpc_peering_accepter = VpcPeeringConnectionAccepterA(
            self,
            "vpc_peering_accepter",
            provider=secondary_provider,
            vpc_peering_connection_id=vpc_peering.id,
            auto_accept=True,
            tags={"Name": f"secondary-peering-accepter-{environment_suffix}"},
        )
        self.accepter: VpcPeeringConnectionAccepterA = vpc_peering_accepter
