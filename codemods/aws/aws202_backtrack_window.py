from __future__ import annotations

from typing import Optional

import libcst as cst

from iacfix.calls import keyword_arg, remove_arg, string_value
from iacfix.resources import PROVIDER_PACKAGES, PULUMI_PACKAGE, imported_names, resolve_call
from iacfix.rule import FixSafety, Platform, Rule


def engine_name(rule: Rule, value: cst.BaseExpression) -> Optional[str]:
    """The engine a literal names: `"aurora-postgresql"`, or Pulumi's `rds.EngineType.AURORA_POSTGRESQL`."""
    literal = string_value(value)
    if literal is not None:
        return literal
    for name in imported_names(rule, value):
        if name.startswith(f"{PULUMI_PACKAGE}.rds.EngineType."):
            return name.rsplit(".", 1)[1].lower().replace("_", "-")
    return None


class BacktrackWindow(Rule):
    """
    ## What it does
    Finds `backtrack_window` on an Aurora cluster that cannot backtrack, an `aurora-postgresql`
    cluster or a member of a global database (`global_cluster_identifier` set), and removes it.

    ## Why is this bad?
    Backtrack is an Aurora MySQL feature for regional clusters only. AWS refuses the cluster with
    `InvalidParameterCombination: Backtrack is not supported for global databases` (or for the
    engine), so the cluster is never created. Point-in-time recovery (`backup_retention_period`)
    is the rollback mechanism these clusters have. Aurora MySQL regional clusters keep the setting.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

    RdsCluster(
        self,
        "db",
        engine="aurora-postgresql",
        backtrack_window=259200,  # 72 hours
        backup_retention_period=7,
    )
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

    RdsCluster(
        self,
        "db",
        engine="aurora-postgresql",
        backup_retention_period=7,
    )
    ```

    ## Fix safety
    Safe: the cluster cannot be created with the setting, and without it nothing else changes.
    """

    CODE = "AWS202"
    NAME = "backtrack-window"
    SUMMARY = "`backtrack_window` on an aurora-postgresql cluster or a global-cluster member"
    PLATFORM = Platform.BOTH
    FIX = FixSafety.SAFE
    TOKENS = ("backtrack_window",)
    PACKAGES = PROVIDER_PACKAGES

    def visit_Call(self, node: cst.Call) -> None:
        resource = resolve_call(self, node)
        if resource is None or resource.terraform_type != "aws_rds_cluster":
            return
        backtrack = keyword_arg(node, "backtrack_window")
        if backtrack is None or _is_zero(backtrack.value):
            return
        engine_arg = keyword_arg(node, "engine")
        engine = engine_name(self, engine_arg.value) if engine_arg else None
        global_member = keyword_arg(node, "global_cluster_identifier")
        if engine == "aurora-postgresql":
            reason = "backtrack is only available on Aurora MySQL; this cluster is aurora-postgresql"
        elif global_member is not None and not _is_none(global_member.value):
            reason = "backtrack is not supported for global database clusters"
        else:
            return
        self.report(
            backtrack,
            f"`backtrack_window`: {reason}",
            replacements={node: remove_arg(node, backtrack)},
        )


def _is_zero(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Integer) and node.evaluated_value == 0


def _is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"

