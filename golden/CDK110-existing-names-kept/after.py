import cdktf_cdktf_provider_aws.route_table as rt
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws import data_aws_availability_zones, provider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket, S3BucketVersioning
from cdktf_cdktf_provider_aws.vpc_peering_connection_accepter import VpcPeeringConnectionAccepterA
from constructs import Construct


class AppStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        provider.AwsProvider(self, "aws", region="us-east-1")
        azs = data_aws_availability_zones.DataAwsAvailabilityZones(self, "azs", state="available")
        rt.RouteTable(self, "rt", vpc_id="vpc-1", route=[rt.RouteTableRoute(cidr_block="0.0.0.0/0")])
        S3Bucket(self, "b", bucket="b", versioning=S3BucketVersioning(enabled=True))
        VpcPeeringConnectionAccepterA(self, "acc", vpc_peering_connection_id="pcx-1")
        self.azs = azs
