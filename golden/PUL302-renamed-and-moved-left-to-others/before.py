import pulumi_aws as aws
from pulumi_aws import elasticache

subnet_group = elasticache.SubnetGroup(
    "redis", subnet_ids=["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
)

# `replication_group_description` is renamed by PUL301 and `depends_on` moved by PUL303: the only
# finding here is the misspelled `snapshot_retention`.
redis = elasticache.ReplicationGroup(
    "redis",
    replication_group_description="Session cache",
    node_type="cache.t3.micro",
    num_cache_clusters=2,
    snapshot_retention=7,
    subnet_group_name=subnet_group.name,
    depends_on=[subnet_group],
)

# In an Args object, `depends_on` is an unknown keyword like any other.
settings = aws.elasticache.ReplicationGroupArgs(
    description="Queue cache",
    depends_on=[subnet_group],
)
