from __future__ import annotations

from typing import Optional

import libcst as cst
import libcst.matchers as m

from iacfix.aws_values import StringConstants, dict_key, remove_dict_element, remove_keyword
from iacfix.calls import keyword_arg
from iacfix.metadata import ScopeProvider
from iacfix.resources import PROVIDER_PACKAGES, imported_names, resolve_call
from iacfix.rule import FixSafety, ImportEdit, Platform, Rule

# The Pulumi input classes of a distribution's cache behaviors.
PULUMI_CACHE_BEHAVIORS = frozenset(
    {"DistributionDefaultCacheBehaviorArgs", "DistributionOrderedCacheBehaviorArgs"}
)
# Pulumi dicts may spell keys in snake_case or in the camelCase of the schema.
CACHE_POLICY_KEYS = ("cache_policy_id", "cachePolicyId")
FORWARDED_VALUES_KEYS = ("forwarded_values", "forwardedValues")


def _is_set(rule: CachePolicyWithForwardedValues, value: cst.BaseExpression) -> bool:
    """Whether a `cache_policy_id` value provably names a policy."""
    text = rule.constants.value(rule, value)
    if text is not None:
        return text != ""
    if isinstance(value, cst.FormattedString):
        return any(isinstance(p, cst.FormattedStringText) and p.value for p in value.parts)
    # `policy.id`, `get_cache_policy_output(name=...).id`: the id of a resource or a lookup.
    return isinstance(value, cst.Attribute) and value.attr.value == "id"


def _is_block(value: cst.BaseExpression) -> bool:
    """Whether a `forwarded_values` value is written out (a struct, an Args class, a dict)."""
    return isinstance(value, (cst.Call, cst.Dict, cst.List, cst.Tuple))


class CachePolicyWithForwardedValues(Rule):
    """
    ## What it does
    Finds CloudFront cache behaviors (the default one and ordered ones) that set both
    `cache_policy_id` and `forwarded_values`, and removes `forwarded_values`, together with the
    imports of its struct classes that are no longer used. It reads CDKTF struct calls
    (`CloudfrontDistributionDefaultCacheBehavior(...)`), Pulumi `Args` classes
    (`aws.cloudfront.DistributionDefaultCacheBehaviorArgs(...)`) and dicts.

    ## Why is this bad?
    `forwarded_values` is the legacy way to choose the cache key; a cache policy replaces it. The
    provider sends both, and CloudFront refuses the distribution with `InvalidArgument: The
    parameter ForwardedValues cannot be used when a cache policy is associated to the cache
    behavior`, so the distribution is never created. What is forwarded to the origin is then set
    by the cache policy (and an origin request policy, `origin_request_policy_id`).

    ## Example
    ```python
    from cdktf_cdktf_provider_aws import cloudfront_distribution as cloudfront

    behavior = cloudfront.CloudfrontDistributionDefaultCacheBehavior(
        target_origin_id="alb",
        viewer_protocol_policy="redirect-to-https",
        allowed_methods=["GET", "HEAD"],
        cached_methods=["GET", "HEAD"],
        cache_policy_id="4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
        forwarded_values=cloudfront.CloudfrontDistributionDefaultCacheBehaviorForwardedValues(
            query_string=True,
            cookies=cloudfront.CloudfrontDistributionDefaultCacheBehaviorForwardedValuesCookies(
                forward="all"
            ),
        ),
    )
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws import cloudfront_distribution as cloudfront

    behavior = cloudfront.CloudfrontDistributionDefaultCacheBehavior(
        target_origin_id="alb",
        viewer_protocol_policy="redirect-to-https",
        allowed_methods=["GET", "HEAD"],
        cached_methods=["GET", "HEAD"],
        cache_policy_id="4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
    )
    ```

    ## Fix safety
    Safe: the distribution cannot be created with both, and with a cache policy attached the
    forwarded values would have no effect. A `cache_policy_id` that may be empty (a variable, a
    parameter) is left alone.
    """

    CODE = "AWS203"
    NAME = "cache-policy-with-forwarded-values"
    SUMMARY = "cache behavior with both `cache_policy_id` and `forwarded_values`"
    PLATFORM = Platform.BOTH
    FIX = FixSafety.SAFE
    TOKENS = ("forwarded_values", "forwardedValues")
    PACKAGES = PROVIDER_PACKAGES

    METADATA_DEPENDENCIES = (*Rule.METADATA_DEPENDENCIES, ScopeProvider)

    def visit_Module(self, node: cst.Module) -> None:
        self.constants = StringConstants(node)

    def visit_Call(self, node: cst.Call) -> None:
        resource = resolve_call(self, node)
        if resource is None:
            return
        if resource.cdktf is not None and resource.cdktf.kind == "struct":
            if {"cache_policy_id", "forwarded_values"} <= resource.cdktf.args.keys():
                self._check_call(node)
        elif resource.name in PULUMI_CACHE_BEHAVIORS and resource.module == "cloudfront":
            self._check_call(node)
        elif resource.terraform_type == "aws_cloudfront_distribution":
            # Cache behaviors written as dicts. CDKTF converts a single dict for a single block;
            # a list of dicts reaches Terraform unconverted (CDK101 turns those into structs).
            default = keyword_arg(node, "default_cache_behavior")
            if default is not None and isinstance(default.value, cst.Dict):
                self._check_dict(default.value)
            ordered = keyword_arg(node, "ordered_cache_behaviors")
            if ordered is not None and isinstance(ordered.value, (cst.List, cst.Tuple)):
                for element in ordered.value.elements:
                    if isinstance(element.value, cst.Dict):
                        self._check_dict(element.value)

    def _check_call(self, node: cst.Call) -> None:
        policy = keyword_arg(node, "cache_policy_id")
        forwarded = keyword_arg(node, "forwarded_values")
        if policy is None or forwarded is None:
            return
        if _is_set(self, policy.value) and _is_block(forwarded.value):
            self._report(forwarded, forwarded.value, {node: remove_keyword(node, forwarded)})

    def _check_dict(self, node: cst.Dict) -> None:
        policy = self._element(node, CACHE_POLICY_KEYS)
        forwarded = self._element(node, FORWARDED_VALUES_KEYS)
        if policy is None or forwarded is None:
            return
        if _is_set(self, policy.value) and _is_block(forwarded.value):
            self._report(forwarded, forwarded.value, {node: remove_dict_element(node, forwarded)})

    @staticmethod
    def _element(node: cst.Dict, keys: tuple[str, ...]) -> Optional[cst.DictElement]:
        for element in node.elements:
            if dict_key(element) in keys:
                assert isinstance(element, cst.DictElement)
                return element
        return None

    def _report(self, where: cst.CSTNode, value: cst.BaseExpression, replacements: dict) -> None:
        self.report(
            where,
            "`forwarded_values` cannot be used with `cache_policy_id`: CloudFront refuses the "
            "cache behavior; the cache policy decides what is forwarded",
            replacements=replacements,
            imports=self._imports_used_by(value),
        )

    def _imports_used_by(self, value: cst.BaseExpression) -> tuple[ImportEdit, ...]:
        """`from module import Name` imports of the names in `value`, to drop if left unused."""
        edits = []
        for name in m.findall(value, m.Name()):
            assert isinstance(name, cst.Name)
            for qualified in sorted(imported_names(self, name)):
                module, _, imported = qualified.rpartition(".")
                if imported == name.value and module:
                    edit = ImportEdit(module, imported, remove=True)
                    if edit not in edits:
                        edits.append(edit)
        return tuple(edits)
