from cdktf import TerraformStack
from cdktf_cdktf_provider_aws import cloudfront_distribution as cf
from constructs import Construct


class SiteStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        cf.CloudfrontDistribution(
            self,
            "site",
            enabled=True,
            origin=[cf.CloudfrontDistributionOrigin(domain_name="site.s3.amazonaws.com", origin_id="s3")],
            default_cache_behavior={
                # The managed CachingOptimized policy.
                "cache_policy_id": "658327ea-f89d-4fab-a63d-7e88639e58f6",
                "target_origin_id": "s3",
                "viewer_protocol_policy": "redirect-to-https",
                "allowed_methods": ["GET", "HEAD"],
                "cached_methods": ["GET", "HEAD"],
            },
            restrictions=cf.CloudfrontDistributionRestrictions(
                geo_restriction=cf.CloudfrontDistributionRestrictionsGeoRestriction(restriction_type="none")
            ),
            viewer_certificate=cf.CloudfrontDistributionViewerCertificate(cloudfront_default_certificate=True),
        )
