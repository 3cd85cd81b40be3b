from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.dms_replication_instance import DmsReplicationInstance
from constructs import Construct


class MigrationStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        # Reported; removing the pin is left to `--unsafe-fixes`.
        DmsReplicationInstance(
            self,
            "dms",
            replication_instance_id="migration",
            replication_instance_class="dms.t3.medium",
            engine_version="3.5.2",
        )
