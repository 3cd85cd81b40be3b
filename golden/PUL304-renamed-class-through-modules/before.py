import pulumi
import pulumi_aws as aws
from pulumi_aws import s3 as storage

config = pulumi.Config()
replication_role_arn = config.require("replicationRoleArn")

source = aws.s3.Bucket("source")
replica = aws.s3.Bucket("replica")
archive = aws.s3.Bucket("archive")

for bucket_name, bucket in (("source", source), ("replica", replica), ("archive", archive)):
    aws.s3.BucketVersioning(
        f"{bucket_name}-versioning",
        bucket=bucket.id,
        versioning_configuration={"status": "Enabled"},
    )

aws.s3.BucketReplicationConfiguration(
    "to-replica",
    bucket=source.id,
    role=replication_role_arn,
    rules=[{"id": "all", "status": "Enabled", "destination": {"bucket": replica.arn}}],
)

to_archive = storage.BucketReplicationConfiguration(  # a second destination
    "to-archive",
    bucket=replica.id,
    role=replication_role_arn,
    rules=[
        storage.BucketReplicationConfigRuleArgs(
            id="archive",
            status="Enabled",
            destination=storage.BucketReplicationConfigRuleDestinationArgs(
                bucket=archive.arn, storage_class="GLACIER"
            ),
        )
    ],
)
