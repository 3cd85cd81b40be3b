from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.route53_record import Route53Record
from cdktf_cdktf_provider_aws.route53_zone import Route53Zone
from constructs import Construct
import os


class MigrationStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str = "dev"):
        super().__init__(scope, construct_id)

        hosted_zone = Route53Zone(
            self,
            "migration_hosted_zone",
            name=os.environ.get("HOSTED_ZONE_NAME", f"migration-{environment_suffix}.internal"),  # the migration endpoints
            comment="Migration endpoints",
            force_destroy=True,
        )

        Route53Record(
            self,
            "api",
            zone_id=hosted_zone.zone_id,
            name=f"api.{hosted_zone.name}",
            type="CNAME",
            ttl=300,
            records=["migration-alb.eu-west-1.elb.amazonaws.com"],
        )
