import pulumi_aws as aws

subnet_ids = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]

aws.rds.SubnetGroup("aurora", subnet_ids=subnet_ids, description="Private subnets of the Aurora cluster")
aws.rds.SubnetGroup(
    "reporting",
    subnet_ids=subnet_ids,
    description=None,  # the provider's default, on purpose
)
# Other subnet groups are not DB subnet groups.
aws.elasticache.SubnetGroup("cache", subnet_ids=subnet_ids)
