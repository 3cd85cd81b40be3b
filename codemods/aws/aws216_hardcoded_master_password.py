from __future__ import annotations

from typing import Optional

import libcst as cst

from iacfix.aws_values import (
    DATABASES,
    StringConstants,
    engine_name,
    is_none,
    keyword,
    remove_keyword,
    replace_arg,
)
from iacfix.calls import keyword_arg
from iacfix.metadata import ScopeProvider
from iacfix.resources import PROVIDER_PACKAGES, imported_names, resolve_call
from iacfix.rule import FixSafety, Platform, Rule, RuleSet

MANAGED = "manage_master_user_password"
# RDS types whose password RDS can manage in Secrets Manager.
TYPES = ("aws_rds_cluster", "aws_db_instance")
# Settings with which RDS cannot manage the password (Aurora global database members, Aurora
# Serverless v1, read replicas, blue/green deployments): such databases are left alone.
UNSUPPORTED_WITH = (
    "global_cluster_identifier",
    "replication_source_identifier",
    "replicate_source_db",
    "blue_green_update",
)
SECRET_WRAPPERS = frozenset({"pulumi.Output.secret"})


class HardcodedMasterPassword(Rule):
    """
    ## What it does
    Finds RDS clusters and DB instances whose master password is written in the program (a
    string literal, a module constant, `pulumi.Output.secret("...")`) and lets RDS manage it
    instead: `master_password=...` (`password=...` on instances) becomes
    `manage_master_user_password=True`. RDS then generates the password, stores it in a Secrets
    Manager secret (`master_user_secret`) and rotates it.

    Databases that cannot use a managed password are left alone: members of an Aurora global
    database, Aurora Serverless v1 clusters, read replicas, blue/green deployments, RDS Custom.

    ## Why is this bad?
    A password in the source is in every copy of the repository, in the synthesized Terraform
    JSON, in the Terraform or Pulumi state and in CI logs, and it never changes. It deploys,
    which is why the rule is in the extended set.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

    RdsCluster(
        self,
        "db",
        engine="aurora-postgresql",
        master_username="dbadmin",
        master_password="ChangeMe123!",  # Use AWS Secrets Manager in production
        skip_final_snapshot=True,
    )
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

    RdsCluster(
        self,
        "db",
        engine="aurora-postgresql",
        master_username="dbadmin",
        manage_master_user_password=True,
        skip_final_snapshot=True,
    )
    ```

    ## Fix safety
    Unsafe: the master password changes to one RDS generates. Whatever used the old password
    (an application, a secret holding a copy of it, a connection string) must read the managed
    secret instead. A module constant that held the password and is used nowhere else is removed
    with it.
    """

    CODE = "AWS216"
    NAME = "hardcoded-master-password"
    SUMMARY = "database master password written in the program"
    SET = RuleSet.EXTENDED
    PLATFORM = Platform.BOTH
    FIX = FixSafety.UNSAFE
    TOKENS = ("password",)
    PACKAGES = PROVIDER_PACKAGES

    METADATA_DEPENDENCIES = (*Rule.METADATA_DEPENDENCIES, ScopeProvider)

    def visit_Module(self, node: cst.Module) -> None:
        self.constants = StringConstants(node)

    def visit_Call(self, node: cst.Call) -> None:
        resource = resolve_call(self, node)
        if resource is None or resource.terraform_type not in TYPES:
            return
        database = DATABASES[resource.terraform_type]
        password = keyword_arg(node, database.password)
        if password is None or not self._hardcoded(password.value):
            return
        if not self._can_manage(node):
            return
        managed = keyword_arg(node, MANAGED)
        if managed is None:
            fixed = replace_arg(node, password, keyword(MANAGED, cst.Name("True")))
        elif isinstance(managed.value, cst.Name) and managed.value.value == "True":
            fixed = remove_keyword(node, password)  # the two conflict: RDS manages it already
        else:
            return
        replacements: dict = {node: fixed}
        constant = self.constants.unused_without(self, _unwrapped(self, password.value))
        if constant is not None:
            replacements[constant] = cst.RemovalSentinel.REMOVE
        self.report(
            password,
            f"`{database.password}` is written in the program: it ends up in the repository, "
            "the state and the logs; let RDS manage it in Secrets Manager",
            replacements=replacements,
        )

    def _hardcoded(self, value: cst.BaseExpression) -> bool:
        text = self.constants.value(self, _unwrapped(self, value))
        return bool(text) and "${" not in text  # `${...}` is a Terraform reference

    def _can_manage(self, node: cst.Call) -> bool:
        for name in UNSUPPORTED_WITH:
            arg = keyword_arg(node, name)
            if arg is not None and not is_none(arg.value):
                return False
        mode = keyword_arg(node, "engine_mode")
        if mode is not None and self.constants.value(self, mode.value) == "serverless":
            return False
        engine_arg = keyword_arg(node, "engine")
        engine: Optional[str] = (
            engine_name(self, engine_arg.value, self.constants) if engine_arg is not None else None
        )
        return not (engine or "").startswith("custom-")


def _unwrapped(rule: Rule, value: cst.BaseExpression) -> cst.BaseExpression:
    """`"..."` for `pulumi.Output.secret("...")`; `value` itself otherwise."""
    if (
        isinstance(value, cst.Call)
        and len(value.args) == 1
        and imported_names(rule, value.func) & SECRET_WRAPPERS
    ):
        return value.args[0].value
    return value
