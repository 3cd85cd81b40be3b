import cdktf_cdktf_provider_aws as aws
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket as Bucket
from constructs import Construct


class ReplicaStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        replica = aws.s3_bucket.S3Bucket(self, "replica", region="eu-west-1", server_side_encryption_configuration={
            "rule": {"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}},
        })
        Bucket(self, "lambda", server_side_encryption_configuration={"rule": {"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms"}, "bucket_key_enabled": True}})
        self.replica_arn = replica.arn
