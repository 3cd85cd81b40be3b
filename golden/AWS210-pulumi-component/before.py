"""The reporting database, as a component."""
import pulumi
from pulumi_aws import rds


class ReportingDatabase(pulumi.ComponentResource):
    def __init__(self, name: str, subnet_group: str, opts: pulumi.ResourceOptions = None):
        super().__init__("app:db:ReportingDatabase", name, None, opts)

        self.instance = rds.Instance(
            f"{name}-db",
            engine="postgres",
            engine_version="16.4",
            instance_class="db.t3.micro",
            allocated_storage=20,
            username="dbadmin",
            manage_master_user_password=True,
            db_subnet_group_name=subnet_group,
            monitoring_interval=15,
            skip_final_snapshot=True,
            opts=pulumi.ResourceOptions(parent=self, protect=False),
        )
        self.register_outputs({"endpoint": self.instance.endpoint})


reporting = ReportingDatabase("reporting", subnet_group="default")
pulumi.export("endpoint", reporting.instance.endpoint)
