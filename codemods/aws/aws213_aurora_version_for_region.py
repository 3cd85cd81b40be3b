from __future__ import annotations

from typing import Optional

import libcst as cst

from iacfix.aws_versions import TABLE_DATE, parameter_group_family, unavailable
from iacfix.calls import keyword_arg, string_literal, string_value
from iacfix.codemods.aws.aws202_backtrack_window import engine_name
from iacfix.codemods.aws.aws208_duplicate_security_group_rules import Built, FileIndex
from iacfix.codemods.aws.aws211_monitoring_role_dependency import Dependencies
from iacfix.metadata import ParentNodeProvider, QualifiedNameProvider
from iacfix.resources import PROVIDER_PACKAGES, imported_names
from iacfix.rule import FixSafety, Platform, Rule
from iacfix.statements import assigned_name, enclosing_statement

VERSIONED = ("aws_rds_cluster", "aws_rds_cluster_instance", "aws_rds_global_cluster")
PROVIDERS = (
    "cdktf_cdktf_provider_aws.provider.AwsProvider",
    "pulumi_aws.Provider",
    "pulumi_aws.provider.Provider",
)
# Resource -> (argument naming its parameter group, the parameter group's Terraform type).
PARAMETER_GROUPS = {
    "aws_rds_cluster": ("db_cluster_parameter_group_name", "aws_rds_cluster_parameter_group"),
    "aws_rds_cluster_instance": ("db_parameter_group_name", "aws_db_parameter_group"),
}


class _Provider:
    def __init__(
        self, call: cst.Call, platform: Platform, name: Optional[str], scope, region: Optional[str], alias: bool
    ):
        self.call = call
        self.platform = platform
        self.name = name
        self.scope = scope
        self.region = region  # None: not a literal
        self.alias = alias


class AuroraVersionForRegion(Rule):
    """
    ## What it does
    Finds an Aurora cluster, cluster instance or global cluster whose `engine_version` the
    stack's region does not offer, according to a table shipped with iacfix (for example
    aurora-postgresql 15.3 in eu-north-1), and replaces it with the version the table gives
    for that region. When the new version is of another major version, the parameter groups of
    the same file that the resource names (`family="aurora-postgresql15"`) move to its family.

    The region is the resource's own `region=`, else that of its provider (`provider=` in CDKTF,
    `opts=ResourceOptions(provider=...)` in Pulumi), else that of the file's default
    `AwsProvider`, when it is a literal. Without a known region there is no finding; a Pulumi
    stack's default region lives in its stack configuration, outside the program.

    ## Why is this bad?
    Aurora engine versions differ by region and are retired over time; AWS refuses a version the
    region does not offer: `InvalidParameterCombination: Cannot find version 15.3 for
    aurora-postgresql`, so the cluster, and everything that depends on it, is never created.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.provider import AwsProvider
    from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

    AwsProvider(self, "aws", region="eu-north-1")
    RdsCluster(
        self,
        "aurora",
        engine="aurora-postgresql",
        engine_version="15.3",
    )
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.provider import AwsProvider
    from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

    AwsProvider(self, "aws", region="eu-north-1")
    RdsCluster(
        self,
        "aurora",
        engine="aurora-postgresql",
        engine_version="16.4",
    )
    ```

    ## Fix safety
    Unsafe: a different engine version can behave differently, and a new major version may
    need application changes and other parameter group settings. The table is a snapshot
    (see `iacfix.aws_versions`): a version it names may come back or be retired elsewhere.
    """

    CODE = "AWS213"
    NAME = "aurora-version-for-region"
    SUMMARY = "Aurora engine version the stack's region does not offer"
    PLATFORM = Platform.BOTH
    FIX = FixSafety.UNSAFE
    TOKENS = ("engine_version",)
    PACKAGES = PROVIDER_PACKAGES

    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider)

    def visit_Module(self, node: cst.Module) -> None:
        index = FileIndex.of(self, node)
        providers = self._providers(index)
        dependencies = Dependencies(self, index)
        for built in index.of_type(*VERSIONED):
            version_arg = keyword_arg(built.call, "engine_version")
            engine_arg = keyword_arg(built.call, "engine")
            version = string_value(version_arg.value) if version_arg is not None else None
            engine = engine_name(self, engine_arg.value) if engine_arg is not None else None
            if version is None or engine is None:
                continue
            region = self._region(index, providers, dependencies, built)
            row = unavailable(region, engine, version) if region is not None else None
            if row is None:
                continue
            like = version_arg.value if isinstance(version_arg.value, cst.SimpleString) else None
            new_call = built.call.with_changes(
                args=[
                    a.with_changes(value=string_literal(row.replacement, like)) if a is version_arg else a
                    for a in built.call.args
                ]
            )
            replacements: dict = {built.call: new_call}
            old_family = parameter_group_family(engine, version)
            new_family = parameter_group_family(engine, row.replacement)
            moved = []
            if old_family != new_family and old_family is not None and new_family is not None:
                for group in self._parameter_groups(index, built):
                    family = keyword_arg(group.call, "family")
                    if family is not None and string_value(family.value) == old_family:
                        like_family = family.value if isinstance(family.value, cst.SimpleString) else None
                        replacements[family.value] = string_literal(new_family, like_family)
                        moved.append(group)
            message = (
                f"{engine} {version} is not available in {region}: AWS refuses it (Cannot find "
                f"version {version} for {engine}); {row.replacement} is (version table of "
                f"{TABLE_DATE})"
            )
            if moved:
                message += f", with parameter group family {new_family}"
            self.report(version_arg, message, replacements=replacements)

    # -- where the resource is deployed -----------------------------------------------------------

    def _providers(self, index: FileIndex) -> list[_Provider]:
        found = []
        for call in index.calls:
            names = imported_names(self, call.func)
            if not any(name in PROVIDERS for name in names):
                continue
            platform = Platform.CDKTF if PROVIDERS[0] in names else Platform.PULUMI
            statement = enclosing_statement(self, call)
            name = assigned_name(statement, call) if statement is not None else None
            region_arg = keyword_arg(call, "region")
            region = self._literal(index, region_arg.value) if region_arg is not None else None
            alias = keyword_arg(call, "alias") is not None
            found.append(_Provider(call, platform, name, index.scope_of(call), region, alias))
        return found

    def _literal(self, index: FileIndex, node: cst.BaseExpression) -> Optional[str]:
        """A literal string, or a name bound once in the file to one."""
        text = string_value(node)
        if text is not None or not isinstance(node, cst.Name):
            return text
        values = []

        class Find(cst.CSTVisitor):
            def visit_Assign(self, assign: cst.Assign) -> None:
                for target in assign.targets:
                    if isinstance(target.target, cst.Name) and target.target.value == node.value:
                        values.append(string_value(assign.value))

        index.module.visit(Find())
        return values[0] if len(values) == 1 else None

    def _region(self, index, providers, dependencies, built: Built) -> Optional[str]:
        own = keyword_arg(built.call, "region")
        if own is not None:
            return self._literal(index, own.value)
        provider = self._provider_arg(built, dependencies)
        if provider is not None:
            code = index.module.code_for_node(provider)
            named = [p for p in providers if p.name == code and p.platform is built.resource.platform]
            return named[0].region if len(named) == 1 else None
        if built.resource.platform is Platform.PULUMI:
            return None  # the default provider's region is stack configuration
        defaults = [p for p in providers if not p.alias and p.platform is Platform.CDKTF]
        in_scope = [p for p in defaults if p.scope is built.scope]
        candidates = in_scope or defaults
        regions = {p.region for p in candidates}
        if len(regions) != 1:
            return None
        return regions.pop()

    def _provider_arg(self, built: Built, dependencies: Dependencies) -> Optional[cst.BaseExpression]:
        if built.resource.platform is Platform.CDKTF:
            arg = keyword_arg(built.call, "provider")
            return arg.value if arg is not None else None
        opts = keyword_arg(built.call, "opts")
        if opts is None or not dependencies.is_options(opts.value):
            return None
        arg = keyword_arg(opts.value, "provider")
        return arg.value if arg is not None else None

    # -- what moves along -------------------------------------------------------------------------

    def _parameter_groups(self, index: FileIndex, built: Built) -> list[Built]:
        """Parameter groups built in this file that the resource (and, for a cluster, its
        instances) names."""
        users = [built]
        if built.terraform_type == "aws_rds_cluster":
            for instance in index.of_type("aws_rds_cluster_instance"):
                arg = keyword_arg(instance.call, "cluster_identifier")
                found = index.attribute_of(arg.value) if arg is not None else None
                if found is not None and found[0] is built:
                    users.append(instance)
        groups = []
        for user in users:
            argument, group_type = PARAMETER_GROUPS.get(user.terraform_type, (None, None))
            arg = keyword_arg(user.call, argument) if argument else None
            found = index.attribute_of(arg.value) if arg is not None else None
            if (
                found is not None
                and found[1] in ("name", "id")
                and found[0].terraform_type == group_type
                and found[0] not in groups
            ):
                groups.append(found[0])
        return groups
