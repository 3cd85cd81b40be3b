import pulumi
import pulumi_aws as aws
from pulumi_aws import sqs
from pulumi_aws.cloudwatch import LogGroup as Logs

jobs = sqs.Queue(
    "jobs",
    queue_name="jobs",  # CloudFormation's QueueName
    visibility_timeout=120,
    message_retention_seconds=345600,
)

Logs(
    "app-logs",
    log_group_name="/app/api",
    retention=14,
)

artifacts = aws.s3.Bucket(
    "artifacts",
    bucket_name="build-artifacts-eu-west-1",
    force_destroy=True,
    protect=True,
)

pulumi.export("queue_url", jobs.url)
