import pulumi
from pulumi_aws import autoscaling, codepipeline, elasticache
from pulumi_aws import ec2 as compute
from pulumi_aws.cloudwatch import MetricAlarm as Alarm

config = pulumi.Config()
subnet_ids = config.require_object("subnetIds")

cache = elasticache.ReplicationGroup(
    "cache",
    replication_group_description="Page cache",
    node_type="cache.t3.small",
    number_cache_clusters=2,
    availability_zones=["eu-west-1a", "eu-west-1b"],
)

nat_ip = compute.Eip("nat-ip", vpc=True)

workers = autoscaling.Group(
    "workers",
    min_size=1,
    max_size=4,
    vpc_zone_identifier=subnet_ids,
    launch_template={"id": config.require("launchTemplateId"), "version": "$Latest"},
)

Alarm(
    "workers-cpu",
    alarm_name="workers-cpu-high",
    comparison_operator="GreaterThanThreshold",
    evaluation_periods=2,
    metric_name="CPUUtilization",
    namespace="AWS/EC2",
    period=300,
    statistic="Average",
    threshold=80,
    dimensions={"AutoScalingGroupName": workers.name},
)

pipeline = codepipeline.Pipeline(
    "deploy",
    role_arn=config.require("pipelineRoleArn"),
    artifact_store={
        "location": config.require("artifactBucket"),
        "type": "S3",  # the only type CodePipeline supports
    },
    stages=[
        {
            "name": "Source",
            "actions": [
                {
                    "name": "Source",
                    "category": "Source",
                    "owner": "AWS",
                    "provider": "S3",
                    "version": "1",
                    "output_artifacts": ["source"],
                    "configuration": {"S3Bucket": "deploy-sources", "S3ObjectKey": "app.zip"},
                }
            ],
        },
    ],
)
