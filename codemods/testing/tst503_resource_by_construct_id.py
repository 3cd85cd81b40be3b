from __future__ import annotations

import re
from typing import Optional

import libcst as cst

from iacfix.calls import string_value
from iacfix.codemods.testing import is_test_file
from iacfix.codemods.testing.tst502_provider_is_a_list import (
    key_access,
    resolved,
    top_level_access,
)
from iacfix.metadata import ParentNodeProvider, ScopeProvider
from iacfix.rule import FixSafety, Platform, Rule, RuleSet

# A Terraform resource or data source type: `aws_s3_bucket`.
_TYPE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)+")
# An id CDKTF built for a resource inside a nested construct: `data-proc_access-logs_BC1EC483`.
_PREFIXED_ID = re.compile(r".+_[0-9A-F]{8}")


class ResourceByConstructId(Rule):
    """
    ## What it does
    Finds tests that look a synthesized resource up by the id its construct was given:
    `config["resource"]["aws_s3_bucket"]["access-logs"]`, `.get("access-logs")`, or
    `"access-logs" in buckets` (`assertIn` too) where `buckets` holds
    `config["resource"]["aws_s3_bucket"]`; data sources under `"data"` too.

    ## Why is this bad?
    The key of a synthesized resource is its logical id, which is the construct id only for a
    resource created directly in the stack. A resource created inside a nested construct (a
    `Construct` subclass the stack instantiates) gets the path of construct ids and a hash:
    `S3Bucket(self, "access-logs")` inside `Construct(stack, "data-proc")` synthesizes as
    `"data-proc_access-logs_BC1EC483"`. The lookup raises `KeyError` or the membership test is
    False, and moving a resource into a construct breaks every such test. Finding the resource by
    its properties works wherever it is defined.

    ## Example
    ```python
    import json

    from cdktf import Testing


    def test_access_logs_bucket(stack):
        config = json.loads(Testing.synth(stack))
        buckets = config["resource"]["aws_s3_bucket"]
        assert "access-logs" in buckets
    ```

    ## Use instead
    ```python
    import json

    from cdktf import Testing


    def test_access_logs_bucket(stack):
        config = json.loads(Testing.synth(stack))
        buckets = config["resource"]["aws_s3_bucket"]
        access_logs = [b for b in buckets.values() if "access-logs" in b.get("bucket", "")]
        assert len(access_logs) == 1
    ```

    ## Fix safety
    No fix: which property identifies the resource is the test author's choice. Lookups by a full
    logical id (ending in the 8-character hash) are not reported.
    """

    CODE = "TST503"
    NAME = "resource-by-construct-id"
    SUMMARY = "test looks a synthesized resource up by construct id; nested constructs prefix it"
    SET = RuleSet.EXTENDED
    PLATFORM = Platform.CDKTF
    FIX = FixSafety.NONE
    TOKENS = ('"resource"', "'resource'", '"data"', "'data'")  # the keys of synthesized JSON

    METADATA_DEPENDENCIES = (*Rule.METADATA_DEPENDENCIES, ParentNodeProvider, ScopeProvider)

    @classmethod
    def applies_to(cls, path: str) -> bool:
        return is_test_file(path)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self._check_access(node)

    def visit_Call(self, node: cst.Call) -> None:
        self._check_access(node)
        if (  # unittest's `self.assertIn("access-logs", buckets)`
            isinstance(node.func, cst.Attribute)
            and node.func.attr.value in ("assertIn", "assertNotIn")
            and len(node.args) >= 2
            and all(arg.keyword is None and not arg.star for arg in node.args[:2])
        ):
            construct_id = string_value(node.args[0].value)
            resource_type = self._resource_map(node.args[1].value)
            if construct_id is not None and resource_type is not None:
                self._report(node, resource_type, construct_id)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if len(node.comparisons) != 1:
            return
        target = node.comparisons[0]
        if not isinstance(target.operator, (cst.In, cst.NotIn)):
            return
        construct_id = string_value(node.left)
        resource_type = self._resource_map(target.comparator)
        if construct_id is not None and resource_type is not None:
            self._report(node, resource_type, construct_id)

    def _check_access(self, node: cst.BaseExpression) -> None:
        access = key_access(node)
        if access is None:
            return
        resource_type = self._resource_map(access.base)
        if resource_type is not None:
            self._report(node, resource_type, access.key)

    def _resource_map(self, node: cst.BaseExpression) -> Optional[str]:
        """The type when `node` is `<synthesized document>["resource"]["<type>"]` (or `"data"`)."""
        access = key_access(resolved(self, node))
        if access is None or not _TYPE.fullmatch(access.key):
            return None
        if top_level_access(self, resolved(self, access.base), ("resource", "data")) is None:
            return None
        return access.key

    def _report(self, node: cst.CSTNode, resource_type: str, construct_id: str) -> None:
        if _PREFIXED_ID.fullmatch(construct_id):
            return
        self.report(
            node,
            f'looks up `{resource_type}` by the construct id "{construct_id}": inside a nested '
            f'construct it synthesizes as "<scope>_{construct_id}_<hash>"; find it by '
            f"its properties instead",
        )
