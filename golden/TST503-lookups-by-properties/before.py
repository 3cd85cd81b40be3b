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


def synthesized():
    return json.loads(Testing.synth(TapStack(App(), "test")))


def test_access_logs_bucket():
    buckets = synthesized()["resource"]["aws_s3_bucket"]
    # CDKTF generates: "data-proc_access-logs_BC1EC483"
    access_logs = [b for b in buckets.values() if "s3-access-logs" in b.get("bucket", "")]
    assert len(access_logs) >= 1


def test_lookups_by_type_and_full_logical_id():
    config = synthesized()
    assert "aws_s3_bucket" in config["resource"]
    assert "data-proc_access-logs_BC1EC483" in config["resource"]["aws_s3_bucket"]
    assert Testing.to_have_resource_with_properties(
        json.dumps(config), S3Bucket.TF_RESOURCE_TYPE, {"bucket": "tap-s3-access-logs"}
    )
