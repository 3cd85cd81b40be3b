from typing import Optional

from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.cloudfront_distribution import (
    CloudfrontDistributionDefaultCacheBehavior as DefaultBehavior,
    CloudfrontDistributionDefaultCacheBehaviorForwardedValues as ForwardedValues,
    CloudfrontDistributionDefaultCacheBehaviorForwardedValuesCookies as Cookies,
)
from constructs import Construct


class BehaviorsStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, cache_policy_id: Optional[str] = None):
        super().__init__(scope, construct_id)

        # Legacy settings only.
        self.legacy = DefaultBehavior(
            target_origin_id="alb",
            viewer_protocol_policy="allow-all",
            allowed_methods=["GET", "HEAD"],
            cached_methods=["GET", "HEAD"],
            forwarded_values=ForwardedValues(query_string=True, cookies=Cookies(forward="all")),
        )
        # A cache policy only.
        self.modern = DefaultBehavior(
            target_origin_id="alb",
            viewer_protocol_policy="allow-all",
            allowed_methods=["GET", "HEAD"],
            cached_methods=["GET", "HEAD"],
            cache_policy_id="658327ea-f89d-4fab-a63d-7e88639e58f6",
        )
        # The policy may be absent: the forwarded values are then what applies.
        self.configured = DefaultBehavior(
            target_origin_id="alb",
            viewer_protocol_policy="allow-all",
            allowed_methods=["GET", "HEAD"],
            cached_methods=["GET", "HEAD"],
            cache_policy_id=cache_policy_id,
            forwarded_values=ForwardedValues(query_string=True, cookies=Cookies(forward="all")),
        )
        self.explicit_none = DefaultBehavior(
            target_origin_id="alb",
            viewer_protocol_policy="allow-all",
            allowed_methods=["GET", "HEAD"],
            cached_methods=["GET", "HEAD"],
            cache_policy_id=None,
            forwarded_values=ForwardedValues(query_string=False, cookies=Cookies(forward="none")),
        )
