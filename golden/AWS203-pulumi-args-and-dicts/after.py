import pulumi
import pulumi_aws as aws
from pulumi_aws.cloudfront import DistributionOrderedCacheBehaviorArgs

optimized = aws.cloudfront.get_cache_policy_output(name="Managed-CachingOptimized")
disabled = aws.cloudfront.CachePolicy(
    "disabled",
    default_ttl=0,
    max_ttl=0,
    min_ttl=0,
    parameters_in_cache_key_and_forwarded_to_origin={
        "cookies_config": {"cookie_behavior": "none"},
        "headers_config": {"header_behavior": "none"},
        "query_strings_config": {"query_string_behavior": "none"},
    },
)

cdn = aws.cloudfront.Distribution(
    "cdn",
    enabled=True,
    origins=[{"domain_name": "alb.example.com", "origin_id": "alb", "custom_origin_config": {
        "http_port": 80, "https_port": 443, "origin_protocol_policy": "https-only", "origin_ssl_protocols": ["TLSv1.2"]}}],
    default_cache_behavior=aws.cloudfront.DistributionDefaultCacheBehaviorArgs(
        target_origin_id="alb",
        viewer_protocol_policy="redirect-to-https",
        allowed_methods=["GET", "HEAD"],
        cached_methods=["GET", "HEAD"],
        cache_policy_id=optimized.id,
    ),
    ordered_cache_behaviors=[
        DistributionOrderedCacheBehaviorArgs(
            path_pattern="/api/*",
            target_origin_id="alb",
            viewer_protocol_policy="https-only",
            allowed_methods=["GET", "HEAD"],
            cached_methods=["GET", "HEAD"],
            cache_policy_id=disabled.id,
        ),
        {
            "path_pattern": "/assets/*",
            "target_origin_id": "alb",
            "viewer_protocol_policy": "redirect-to-https",
            "allowed_methods": ["GET", "HEAD"],
            "cached_methods": ["GET", "HEAD"],
            "cache_policy_id": optimized.id,
            # Compression of text assets.
            "compress": True,
        },
    ],
    restrictions={"geo_restriction": {"restriction_type": "none"}},
    viewer_certificate={"cloudfront_default_certificate": True},
)

pulumi.export("domain", cdn.domain_name)
