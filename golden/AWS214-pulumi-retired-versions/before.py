import pulumi
import pulumi_aws as aws

DMS_VERSION = "3.4.7"

source = aws.dms.ReplicationInstance(
    "source",
    replication_instance_id="source-sync",
    replication_instance_class="dms.t3.micro",
    engine_version=DMS_VERSION,
)
target = aws.dms.ReplicationInstance("target", replication_instance_id="target-sync",
                                     replication_instance_class="dms.t3.micro", engine_version='3.5.1')  # the target side

pulumi.export("source", source.replication_instance_arn)
