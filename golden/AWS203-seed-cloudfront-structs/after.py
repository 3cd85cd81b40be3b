from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.cloudfront_distribution import (
    CloudfrontDistribution,
    CloudfrontDistributionDefaultCacheBehavior,
    CloudfrontDistributionOrderedCacheBehavior,
    CloudfrontDistributionOrigin,
    CloudfrontDistributionOriginCustomOriginConfig,
    CloudfrontDistributionRestrictions,
    CloudfrontDistributionRestrictionsGeoRestriction,
    CloudfrontDistributionViewerCertificate,
)
from cdktf_cdktf_provider_aws.data_aws_cloudfront_cache_policy import DataAwsCloudfrontCachePolicy
from constructs import Construct

# AWS managed policy "CachingDisabled".
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"


class CdnStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str = "dev"):
        super().__init__(scope, construct_id)

        optimized = DataAwsCloudfrontCachePolicy(self, "optimized", name="Managed-CachingOptimized")

        CloudfrontDistribution(
            self,
            "cdn",
            enabled=True,
            origin=[
                CloudfrontDistributionOrigin(
                    domain_name="alb.example.com",
                    origin_id=f"alb-origin-{environment_suffix}",
                    custom_origin_config=CloudfrontDistributionOriginCustomOriginConfig(
                        http_port=80,
                        https_port=443,
                        origin_protocol_policy="https-only",
                        origin_ssl_protocols=["TLSv1.2"],
                    ),
                )
            ],
            default_cache_behavior=CloudfrontDistributionDefaultCacheBehavior(
                allowed_methods=["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"],
                cached_methods=["GET", "HEAD"],
                target_origin_id=f"alb-origin-{environment_suffix}",
                viewer_protocol_policy="redirect-to-https",
                compress=True,
                cache_policy_id=CACHING_DISABLED
            ),
            ordered_cache_behavior=[
                CloudfrontDistributionOrderedCacheBehavior(
                    path_pattern="/static/*",
                    allowed_methods=["GET", "HEAD"],
                    cached_methods=["GET", "HEAD"],
                    target_origin_id=f"alb-origin-{environment_suffix}",
                    viewer_protocol_policy="redirect-to-https",
                    # Static files are cached by the managed policy.
                    cache_policy_id=optimized.id,
                )
            ],
            restrictions=CloudfrontDistributionRestrictions(
                geo_restriction=CloudfrontDistributionRestrictionsGeoRestriction(restriction_type="none")
            ),
            viewer_certificate=CloudfrontDistributionViewerCertificate(cloudfront_default_certificate=True),
        )
