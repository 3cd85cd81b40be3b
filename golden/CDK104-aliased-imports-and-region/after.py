import cdktf_cdktf_provider_aws as aws
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket as Bucket
from constructs import Construct
from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import S3BucketServerSideEncryptionConfigurationA, S3BucketServerSideEncryptionConfigurationRuleA, S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA


class ReplicaStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        replica = aws.s3_bucket.S3Bucket(self, "replica", region="eu-west-1")
        aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationA(
            self, "replica_encryption",
            bucket=replica.id,
            rule=[aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleA(
                apply_server_side_encryption_by_default=aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(
                    sse_algorithm="AES256",
                ),
            )],
            region="eu-west-1",
        )
        lambda_ = Bucket(self, "lambda")
        S3BucketServerSideEncryptionConfigurationA(
            self, "lambda_encryption",
            bucket=lambda_.id,
            rule=[S3BucketServerSideEncryptionConfigurationRuleA(
                apply_server_side_encryption_by_default=S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(
                    sse_algorithm="aws:kms",
                ),
                bucket_key_enabled=True,
            )],
        )
        self.replica_arn = replica.arn
