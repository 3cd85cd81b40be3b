import os

from cdktf import AssetType, TerraformAsset, TerraformStack
from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction
from cdktf_cdktf_provider_aws.s3_object import S3Object
from constructs import Construct


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        LambdaFunction(
            self,
            "api",
            function_name="api",
            role="arn:aws:iam::123456789012:role/api",
            handler="index.handler",
            runtime="python3.12",
            filename="lambda/api.zip",  # built by hand, never committed
        )
        code = TerraformAsset(
            self, "code", path=os.path.join(os.path.dirname(__file__), "../lambda"), type=AssetType.ARCHIVE
        )
        LambdaFunction(self, "worker", function_name="worker", role="r", handler="h", runtime="python3.12", filename=code.path)
        S3Object(self, "readme", bucket="docs", key="README.md", source="docs/README.md")
        TerraformAsset(self, "site", path="site/dist", type=AssetType.DIRECTORY)
