import pulumi
import pulumi_aws as aws
from pulumi_aws import rds

stack = pulumi.get_stack()

bucket = aws.s3.Bucket("artifacts", bucket="artifacts-bucket-prod")
rds.SubnetGroup("db-subnets", name="db-subnets", subnet_ids=["subnet-1", "subnet-2"])
aws.s3.BucketV2("logs", bucket=f"logs-{stack}")
