import json

from cdktf import App, TerraformStack, Testing
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from constructs import Construct


class DataProcessing(Construct):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        S3Bucket(self, "access-logs", bucket="tap-s3-access-logs")


class TapStack(TerraformStack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        DataProcessing(self, "data-proc")


def test_access_logs_bucket():
    config = json.loads(Testing.synth(TapStack(App(), "test")))
    buckets = config["resource"]["aws_s3_bucket"]
    assert "access-logs" in buckets  # looked up by construct id
    assert config["resource"]["aws_s3_bucket"]["access-logs"]["bucket"] == "tap-s3-access-logs"
