import pulumi
import pulumi_aws as aws
import pulumi_aws.cloudwatch
from pulumi_aws import Provider, get_caller_identity, lambda_, s3
from pulumi_aws.s3 import BucketReplicationConfig, outputs

# Top-level functions and classes, the provider's settings and module imports all exist.
identity = get_caller_identity()
region = aws.get_region_output()
west = Provider("west", region=aws.config.region or "eu-west-1")

logs = pulumi_aws.cloudwatch.LogGroup("app", retention_in_days=14)
handler = lambda_.Function(
    "handler",
    runtime=lambda_.Runtime.PYTHON3D12,
    handler="main.handler",
    role=pulumi.Config().require("lambdaRoleArn"),
    code=pulumi.FileArchive("./app"),
    opts=pulumi.ResourceOptions(provider=west),
)

bucket = s3.Bucket("data")
s3.BucketVersioning(
    "data-versioning",
    bucket=bucket.id,
    versioning_configuration=s3.BucketVersioningVersioningConfigurationArgs(status="Enabled"),
)


def index_page(website: outputs.BucketWebsite) -> str:
    return website.index_document or "index.html"


def replication_rules(replication: BucketReplicationConfig) -> pulumi.Output:
    return replication.rules


pulumi.export("account", identity.account_id)
