from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket, S3BucketVersioning
from cdktf_cdktf_provider_aws.vpc_peering_connection import (
    VpcPeeringConnection,
    VpcPeeringConnectionAccepter,
)
from cdktf_cdktf_provider_aws.vpc_peering_connection_accepter import VpcPeeringConnectionAccepterA
from constructs import Construct


class PeeringStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        # The parent modules' structs carry the plain names and are correct here.
        S3Bucket(self, "legacy", bucket="legacy-bucket", versioning=S3BucketVersioning(enabled=True))
        peering = VpcPeeringConnection(
            self,
            "peering",
            vpc_id="vpc-1",
            peer_vpc_id="vpc-2",
            accepter=VpcPeeringConnectionAccepter(allow_remote_vpc_dns_resolution=True),
        )
        VpcPeeringConnectionAccepterA(self, "accepter", vpc_peering_connection_id=peering.id)
