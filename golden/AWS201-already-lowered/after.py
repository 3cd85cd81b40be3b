import pulumi_aws as aws
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.db_subnet_group import DbSubnetGroup
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from constructs import Construct


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)

        bucket_name = f"tap-bucket-{environment_suffix.lower()}-{construct_id.lower()}".replace("_", "-")
        S3Bucket(self, "tap_bucket", bucket=bucket_name)
        S3Bucket(self, "logs", bucket=f"logs-{construct_id}".lower().replace("_", "-"))
        S3Bucket(self, "data", bucket=f"data-{construct_id.lower()}", tags={"Name": f"Data-{construct_id}"})
        DbSubnetGroup(self, "subnets", name=f"aurora-subnet-group-{construct_id}".lower(), subnet_ids=[])
        # Not provably mixed case: only with the rule selected by its code.
        DbSubnetGroup(self, "subnets2", name=f"aurora-subnet-group-{environment_suffix}", subnet_ids=[])


aws.s3.Bucket("MyBucket", bucket="my-bucket")  # the Pulumi resource name may be mixed case
