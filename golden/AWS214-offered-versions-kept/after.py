import pulumi
import pulumi_aws as aws

config = pulumi.Config()

# Versions DMS offers.
aws.dms.ReplicationInstance("current", replication_instance_id="current", replication_instance_class="dms.t3.micro", engine_version="3.6.1")
aws.dms.ReplicationInstance("previous", replication_instance_id="previous", replication_instance_class="dms.t3.micro", engine_version="3.5.4")
# Newer than any version the rule knows: it may have been released since.
aws.dms.ReplicationInstance("newer", replication_instance_id="newer", replication_instance_class="dms.t3.micro", engine_version="3.7.2")
# No pin, or a pin only known when the program runs.
aws.dms.ReplicationInstance("default", replication_instance_id="default", replication_instance_class="dms.t3.micro")
aws.dms.ReplicationInstance(
    "configured",
    replication_instance_id="configured",
    replication_instance_class="dms.t3.micro",
    engine_version=config.get("dmsVersion"),
)
# Other resources have engine versions of their own.
aws.rds.Cluster("aurora", engine="aurora-mysql", engine_version="8.0.mysql_aurora.3.05.2", manage_master_user_password=True, master_username="dbadmin", skip_final_snapshot=True)
