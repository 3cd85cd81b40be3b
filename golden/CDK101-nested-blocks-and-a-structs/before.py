from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.kms_key import KmsKey
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import (
    S3BucketServerSideEncryptionConfigurationA,
)
from cdktf_cdktf_provider_aws.lb_listener import LbListener
from constructs import Construct


class StorageStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        key = KmsKey(self, "key", description="bucket key", deletion_window_in_days=7)
        bucket = S3Bucket(self, "data", bucket="data-bucket")
        S3BucketServerSideEncryptionConfigurationA(
            self,
            "encryption",
            bucket=bucket.id,
            rule=[
                {
                    "apply_server_side_encryption_by_default": {
                        "sse_algorithm": "aws:kms",
                        "kms_master_key_id": key.arn,  # customer managed key
                    },
                    "bucket_key_enabled": True,
                }
            ],
        )
        LbListener(
            self,
            "https",
            load_balancer_arn="arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1",
            port=443,
            protocol="HTTPS",
            default_action=[{"type": "fixed-response", "fixed_response": {"content_type": "text/plain", "status_code": "404"}}],
        )
