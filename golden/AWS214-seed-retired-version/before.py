from cdktf import TerraformStack
from cdktf_cdktf_provider_aws import dms_replication_instance as dms
from constructs import Construct


class MigrationStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str = "dev"):
        super().__init__(scope, construct_id)

        self.dms_instance = dms.DmsReplicationInstance(
            self,
            "dms_instance",
            replication_instance_id=f"migration-{environment_suffix}",
            replication_instance_class="dms.t3.medium",
            allocated_storage=50,
            engine_version="3.5.2",
            # Minor versions are applied in the maintenance window.
            auto_minor_version_upgrade=False,
            multi_az=False,
            publicly_accessible=False,
        )
