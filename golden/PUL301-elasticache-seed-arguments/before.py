"""Session cache for the payments API."""

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
environment_suffix = config.get("environmentSuffix") or "dev"

subnet_group = aws.elasticache.SubnetGroup(
    f"redis-subnets-{environment_suffix}",
    subnet_ids=config.require_object("privateSubnetIds"),
)

redis = aws.elasticache.ReplicationGroup(
    f"redis-{environment_suffix}",
    replication_group_description=(
        f"Redis cluster for session state ({environment_suffix})"
    ),
    engine="redis",
    node_type="cache.t3.micro",
    # Two nodes: a primary and one replica.
    number_cache_clusters = 2,
    automatic_failover_enabled=True,
    auth_token_enabled=False,  # AUTH is not used inside the VPC
    at_rest_encryption_enabled=True,
    subnet_group_name=subnet_group.name,
    tags={"Environment": environment_suffix},
)

pulumi.export("redis_endpoint", redis.primary_endpoint_address)
