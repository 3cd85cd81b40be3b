import pulumi
import pulumi_aws as aws
from pulumi_aws import ecs as containers

LAUNCH_TYPE = "FARGATE"

cluster = aws.ecs.Cluster("cluster")

api = aws.ecs.Service(
    "api",
    cluster=cluster.arn,
    task_definition="api:3",
    desired_count=2,
    capacity_provider_strategies=[
        aws.ecs.ServiceCapacityProviderStrategyArgs(capacity_provider="FARGATE", weight=1, base=1),
        # Spot capacity for the rest.
        aws.ecs.ServiceCapacityProviderStrategyArgs(capacity_provider="FARGATE_SPOT", weight=3),
    ],
    network_configuration={"subnets": ["subnet-0123456789abcdef0"], "assign_public_ip": False},
)

worker = containers.Service("worker", cluster=cluster.arn, capacity_provider_strategies=[{"capacity_provider": "FARGATE_SPOT", "weight": 1}], task_definition="worker:1")

pulumi.export("api", api.name)
