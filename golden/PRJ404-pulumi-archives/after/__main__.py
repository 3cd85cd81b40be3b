import pulumi
import pulumi_aws as aws

fn = aws.lambda_.Function(
    "api",
    role="arn:aws:iam::123456789012:role/api",
    runtime="python3.12",
    handler="main.handler",
    code=pulumi.FileArchive("./app"),
)
layer = aws.lambda_.LayerVersion("deps", layer_name="deps", code=pulumi.FileArchive("./layer.zip"))
aws.s3.BucketObject("index", bucket="site", source=pulumi.FileAsset("site/index.html"))
