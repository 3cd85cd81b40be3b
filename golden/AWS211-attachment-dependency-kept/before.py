import pulumi
import pulumi_aws as aws
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.db_instance import DbInstance
from cdktf_cdktf_provider_aws.iam_role import IamRole
from cdktf_cdktf_provider_aws.iam_role_policy_attachment import IamRolePolicyAttachment
from constructs import Construct

TRUST = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "monitoring.rds.amazonaws.com"}, "Action": "sts:AssumeRole"}]}'
POLICY = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"


class DatabaseStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, shared_role_arn: str):
        super().__init__(scope, construct_id)

        role = IamRole(self, "monitoring", assume_role_policy=TRUST)
        attachment = IamRolePolicyAttachment(self, "monitoring_policy", role=role.name, policy_arn=POLICY)
        # Depends on the attachment already.
        DbInstance(
            self, "orders", engine="postgres", instance_class="db.t3.micro", allocated_storage=20,
            username="dbadmin", manage_master_user_password=True,
            monitoring_interval=60, monitoring_role_arn=role.arn, depends_on=[attachment],
        )
        # The policy comes with the role itself: nothing to wait for.
        inline = IamRole(self, "monitoring_inline", assume_role_policy=TRUST, managed_policy_arns=[POLICY])
        DbInstance(
            self, "billing", engine="postgres", instance_class="db.t3.micro", allocated_storage=20,
            username="dbadmin", manage_master_user_password=True,
            monitoring_interval=60, monitoring_role_arn=inline.arn,
        )
        # A role managed elsewhere.
        DbInstance(
            self, "audit", engine="postgres", instance_class="db.t3.micro", allocated_storage=20,
            username="dbadmin", manage_master_user_password=True,
            monitoring_interval=60, monitoring_role_arn=shared_role_arn,
        )


pulumi_role = aws.iam.Role("monitoring", assume_role_policy=TRUST)
pulumi_attachment = aws.iam.RolePolicyAttachment("monitoring", role=pulumi_role.name, policy_arn=POLICY)
aws.rds.Instance(
    "orders",
    engine="postgres",
    instance_class="db.t3.micro",
    allocated_storage=20,
    username="dbadmin",
    manage_master_user_password=True,
    monitoring_interval=60,
    monitoring_role_arn=pulumi_role.arn,
    opts=pulumi.ResourceOptions(depends_on=[pulumi_attachment]),
)
