from pulumi import ComponentResource
from pulumi import ResourceOptions as Options
from pulumi_aws import ec2, rds


class Database(ComponentResource):
    def __init__(self, name: str, subnet_ids: list, opts: Options = None):
        super().__init__("app:db:Database", name, None, opts)
        child = Options(parent=self)

        self.subnet_group = rds.SubnetGroup(f"{name}-subnets", subnet_ids=subnet_ids, opts=child)
        self.security_group = ec2.SecurityGroup(
            f"{name}-sg", description="Database access", opts=child
        )

        self.instance = rds.Instance(
            f"{name}-instance",
            engine="postgres",
            instance_class="db.t3.micro",
            allocated_storage=20,
            username="dbadmin",
            manage_master_user_password=True,
            db_subnet_group_name=self.subnet_group.name,
            vpc_security_group_ids=[self.security_group.id],
            opts=Options(
                parent=self,  # grouped under the component
                protect=True,
                depends_on=[self.subnet_group],  # the group must exist first
            ),
        )

        self.replica = rds.Instance(
            f"{name}-replica",
            replicate_source_db=self.instance.identifier,
            instance_class="db.t3.micro",
            opts=Options.merge(child, Options(depends_on=[self.instance])),
        )
        self.register_outputs({"endpoint": self.instance.endpoint})
