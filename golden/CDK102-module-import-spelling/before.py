import cdktf_cdktf_provider_aws.dynamodb_table_replica
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws import s3_bucket_logging, s3_bucket_server_side_encryption_configuration as sse
from constructs import Construct


class StorageStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        s3_bucket_logging.S3BucketLogging(
            self, "logging", bucket="data-bucket", target_bucket="log-bucket", target_prefix="data/"
        )
        sse.S3BucketServerSideEncryptionConfiguration(
            self,
            "encryption",
            bucket="data-bucket",
            rule=[
                sse.S3BucketServerSideEncryptionConfigurationRuleA(
                    apply_server_side_encryption_by_default=sse.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(
                        sse_algorithm="AES256"
                    )
                )
            ],
        )
        cdktf_cdktf_provider_aws.dynamodb_table_replica.DynamodbTableReplica(
            self, "replica", global_table_arn="arn:aws:dynamodb:us-east-1:123456789012:table/t"
        )
