import pulumi
import pulumi_aws as aws
from pulumi_aws import codepipeline, ec2

config = pulumi.Config()

redis = aws.elasticache.ReplicationGroup(
    "redis",
    description="Session cache",
    node_type="cache.t3.micro",
    num_cache_clusters=2,
    preferred_cache_cluster_azs=["eu-west-1a", "eu-west-1b"],
    transit_encryption_enabled=True,
    auth_token=config.require_secret("redisAuthToken"),
)

nat_ip = ec2.Eip("nat-ip", domain="vpc")

# Snake_case dicts are valid Pulumi inputs and stay as written.
web_sg = aws.ec2.SecurityGroup(
    "web",
    vpc_id=config.require("vpcId"),
    ingress=[{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}],
)

pipeline = codepipeline.Pipeline(
    "deploy",
    role_arn=config.require("pipelineRoleArn"),
    artifact_stores=[
        codepipeline.PipelineArtifactStoreArgs(
            location=config.require("artifactBucket"),
            type="S3",
        ),
    ],
    stages=config.require_object("stages"),
)

# A CloudWatch composite alarm does take `alarm_name`.
aws.cloudwatch.CompositeAlarm(
    "service-health",
    alarm_name="service-health",
    alarm_rule=config.require("alarmRule"),
)
