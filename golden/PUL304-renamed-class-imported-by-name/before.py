import pulumi
from pulumi_aws.s3 import (
    Bucket,
    BucketReplicationConfiguration,  # one per source bucket
    BucketVersioning,
)
from pulumi_aws.s3 import BucketReplicationConfiguration as Replication

config = pulumi.Config()
role_arn = config.require("replicationRoleArn")

source = Bucket("source")
replica = Bucket("replica")
archive = Bucket("archive")
for bucket_name, bucket in (("source", source), ("replica", replica), ("archive", archive)):
    BucketVersioning(
        f"{bucket_name}-versioning",
        bucket=bucket.id,
        versioning_configuration={"status": "Enabled"},
    )


def replicate(name: str, origin: Bucket, destination: Bucket) -> BucketReplicationConfiguration:
    return BucketReplicationConfiguration(
        name,
        bucket=origin.id,
        role=role_arn,
        rules=[{"id": name, "status": "Enabled", "destination": {"bucket": destination.arn}}],
    )


replicate("source-to-replica", source, replica)
Replication(
    "replica-to-archive",
    bucket=replica.id,
    role=role_arn,
    rules=[
        {
            "id": "logs",
            "status": "Enabled",
            "filter": {"prefix": "logs/"},
            "destination": {"bucket": archive.arn, "storage_class": "GLACIER"},
        }
    ],
)
