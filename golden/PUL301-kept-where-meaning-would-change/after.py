import pulumi
import pulumi_aws as aws

config = pulumi.Config()
token = config.require_secret("redisAuthToken")

# Both spellings with the same value: the old one goes.
sessions = aws.elasticache.ReplicationGroup(
    "sessions",
    description="Session cache",
    node_type="cache.t3.micro",
    num_cache_clusters=2,
    transit_encryption_enabled=True,
    auth_token=token,
)

# Two different descriptions, and AUTH asked for without a token: left to the author.
queue_cache = aws.elasticache.ReplicationGroup(
    "queue-cache",
    description="Queue cache",
    replication_group_description="Cache for the job queue",
    node_type="cache.t3.micro",
    num_cache_clusters=1,
    auth_token_enabled=True,
)

# `vpc=False` asked for an EC2-Classic address, which no longer exists.
legacy_ip = aws.ec2.Eip("legacy-ip", vpc=False)

# A variable may already hold a list: wrapping it is only an unsafe fix.
forward_to_app = {"type": "forward", "target_group_arn": config.require("targetGroupArn")}
listener = aws.lb.Listener(
    "https",
    load_balancer_arn=config.require("loadBalancerArn"),
    port=443,
    default_action=forward_to_app,
)
