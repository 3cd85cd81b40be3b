import os

from cdktf import TerraformStack
from cdktf_cdktf_provider_aws import route53_zone
from constructs import Construct


class DnsStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, domain: str = "shop.io"):
        super().__init__(scope, construct_id)

        # Domains that are not reserved.
        route53_zone.Route53Zone(self, "shop", name=domain)
        route53_zone.Route53Zone(self, "lookalike", name="myexample.com")
        route53_zone.Route53Zone(self, "other_tld", name="example.io")
        # What comes before `example.com` is only known when the program runs.
        route53_zone.Route53Zone(self, "prefixed", name=f"{domain}example.com")
        # Already configurable.
        route53_zone.Route53Zone(self, "configured", name=os.environ.get("HOSTED_ZONE_NAME", "app.internal"))
