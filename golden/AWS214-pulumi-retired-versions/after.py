import pulumi
import pulumi_aws as aws

source = aws.dms.ReplicationInstance(
    "source",
    replication_instance_id="source-sync",
    replication_instance_class="dms.t3.micro",
)
target = aws.dms.ReplicationInstance("target", replication_instance_id="target-sync",
                                     replication_instance_class="dms.t3.micro")  # the target side

pulumi.export("source", source.replication_instance_arn)
