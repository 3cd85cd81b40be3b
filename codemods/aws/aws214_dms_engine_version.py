from __future__ import annotations

import re
from typing import Optional

import libcst as cst

from iacfix.aws_values import StringConstants, remove_keyword
from iacfix.calls import keyword_arg
from iacfix.metadata import ScopeProvider
from iacfix.resources import PROVIDER_PACKAGES, resolve_call
from iacfix.rule import FixSafety, Platform, Rule

# The AWS DMS replication engine versions new replication instances can be created with, as the
# AWS DMS release notes list them (User Guide, "AWS DMS release notes", table of active
# versions), with the date after which AWS announced it stops creating new instances of each.
# Every older version (3.5.2 and before: 3.5.2 stopped on 2025-03-30, 3.5.1 on 2024-11-30, 3.4.7
# on 2024-09-30) no longer can be, and versions between them that were never released never
# could. A version newer than the newest listed here may have been released since: it is left
# alone. AWS has moved the announced dates later before, so a version stays listed until the
# table is revised from the release notes.
CREATABLE_VERSIONS = {
    "3.6.1": "not announced",
    "3.6.0": "2026-04-27",
    "3.5.4": "2027-01-31",
    "3.5.3": "2026-02-28",
}
_VERSION = re.compile(r"(\d+)\.(\d+)\.(\d+)")


def _parsed(version: str) -> Optional[tuple[int, ...]]:
    match = _VERSION.fullmatch(version)
    return tuple(int(part) for part in match.groups()) if match else None


_CREATABLE = {_parsed(version) for version in CREATABLE_VERSIONS}
NEWEST = max(_CREATABLE)  # type: ignore[type-var]


class DmsEngineVersion(Rule):
    """
    ## What it does
    Finds DMS replication instances pinned to an `engine_version` that new instances cannot be
    created with, and removes the pin so that DMS uses its current default version. The versions
    that can be used come from a table of the rule (from the AWS DMS release notes): 3.5.3,
    3.5.4, 3.6.0 and 3.6.1. A version older than the newest of them and not among them is
    reported; a newer one may have been released since, and is left alone.

    ## Why is this bad?
    DMS offers a replication engine version for new instances for a limited time, then retires
    it (3.5.2, for one, could be used until 2025-03-30), and versions between releases never
    existed. Creating the instance fails with `InvalidParameterValueException: No replication
    engine found with version: 3.5.2`, so nothing that depends on it is deployed.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.dms_replication_instance import DmsReplicationInstance

    DmsReplicationInstance(
        self,
        "dms",
        replication_instance_id="migration",
        replication_instance_class="dms.t3.medium",
        engine_version="3.5.2",
        auto_minor_version_upgrade=True,
    )
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.dms_replication_instance import DmsReplicationInstance

    DmsReplicationInstance(
        self,
        "dms",
        replication_instance_id="migration",
        replication_instance_class="dms.t3.medium",
        auto_minor_version_upgrade=True,
    )
    ```

    ## Fix safety
    Unsafe: DMS picks its default version instead, which may behave differently from the one
    that was meant; pin one of the versions DMS offers today if a specific one matters. A module
    constant that held the version and is used nowhere else is removed with it.
    """

    CODE = "AWS214"
    NAME = "dms-engine-version"
    SUMMARY = "DMS replication instance pinned to an engine version DMS no longer offers"
    PLATFORM = Platform.BOTH
    FIX = FixSafety.UNSAFE
    TOKENS = ("engine_version",)
    PACKAGES = PROVIDER_PACKAGES

    METADATA_DEPENDENCIES = (*Rule.METADATA_DEPENDENCIES, ScopeProvider)

    def visit_Module(self, node: cst.Module) -> None:
        self.constants = StringConstants(node)

    def visit_Call(self, node: cst.Call) -> None:
        resource = resolve_call(self, node)
        if resource is None or resource.terraform_type != "aws_dms_replication_instance":
            return
        arg = keyword_arg(node, "engine_version")
        version = self.constants.value(self, arg.value) if arg is not None else None
        parsed = _parsed(version.strip()) if version is not None else None
        if parsed is None or parsed in _CREATABLE or parsed > NEWEST:
            return
        known = ", ".join(sorted(CREATABLE_VERSIONS, key=_parsed))
        replacements: dict = {node: remove_keyword(node, arg)}
        constant = self.constants.unused_without(self, arg.value)
        if constant is not None:
            replacements[constant] = cst.RemovalSentinel.REMOVE
        self.report(
            arg.value,
            f"DMS engine version {version} cannot be used for new replication instances "
            f"(versions DMS offers: {known})",
            replacements=replacements,
        )
