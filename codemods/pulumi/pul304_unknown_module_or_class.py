from __future__ import annotations

import difflib
import functools
import re
from typing import Optional

import libcst as cst

from iacfix.provider_index import load
from iacfix.resources import PULUMI_PACKAGE, imported_names
from iacfix.rule import FixSafety, Platform, Rule

# Service names from CloudFormation, boto3 or other Pulumi languages that are not pulumi_aws
# modules, and the module that holds their resources (a hint only: class names differ too).
SERVICE_MODULES = {
    "awslambda": "lambda_",
    "elasticloadbalancingv2": "lb",
    "elbv2": "lb",
    "events": "cloudwatch",
    "firehose": "kinesis",
    "kinesisfirehose": "kinesis",
    "logs": "cloudwatch",
    "stepfunctions": "sfn",
}
# `pulumi_aws.config` holds the provider's settings as module attributes (`config.region`).
UNCHECKED_MODULES = frozenset({"config"})


def snake_case(camel: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", camel).lower()


@functools.lru_cache(maxsize=None)
def exported(module: str) -> frozenset[str]:
    """The names `pulumi_aws.<module>` exports, and its `outputs` submodule."""
    return frozenset(load().pulumi_names(module) or ()) | {"outputs"}


@functools.lru_cache(maxsize=None)
def modules_of_name() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for module in load().pulumi_modules():
        if module in UNCHECKED_MODULES:
            continue
        for name in exported(module):
            if name != "outputs":
                found.setdefault(name, []).append(module)
    return found


@functools.lru_cache(maxsize=None)
def terraform_prefixes(module: str) -> frozenset[str]:
    """How the Terraform types of a module's resources start: `api_gateway` for `apigateway`
    (`Stage` is `aws_api_gateway_stage`), `s3` and nothing for `s3`."""
    index = load()
    prefixes = set()
    for name in index.pulumi_names(module) or ():
        resource = index.pulumi_resource(module, name)
        terraform_type, snake = resource and resource.terraform_type, snake_case(name)
        if not terraform_type:
            continue
        if terraform_type == f"aws_{snake}":
            prefixes.add("")
        elif terraform_type.endswith("_" + snake):
            prefixes.add(terraform_type[len("aws_") : -len(snake) - 1])
    return frozenset(prefixes)


def successor(module: str, name: str) -> Optional[str]:
    """The class a module has for the Terraform type an unknown name spells out
    (`s3.BucketReplicationConfiguration` is `aws_s3_bucket_replication_configuration`, built by
    `s3.BucketReplicationConfig`), when exactly one class of the module builds it."""
    if name.endswith("Args"):
        base = successor(module, name[: -len("Args")])
        return base + "Args" if base and base + "Args" in exported(module) else None
    snake = snake_case(name)
    for prefix in sorted(terraform_prefixes(module)):
        terraform_type = f"aws_{prefix}_{snake}" if prefix else f"aws_{snake}"
        classes = load().pulumi_resources_of_type(module, terraform_type)
        if len(classes) == 1 and classes[0] != name:
            return classes[0]
    return None


def closest(word: str, choices) -> str:
    matches = difflib.get_close_matches(word, sorted(choices), n=3, cutoff=0.6)
    return f" (closest: {', '.join(f'`{m}`' for m in matches)})" if matches else ""


def is_module(name: str) -> bool:
    return load().pulumi_names(name) is not None


def top_level_exists(name: str) -> bool:
    """Whether `pulumi_aws.<name>` exists: a module, or a name of the package itself."""
    return is_module(name) or name == "outputs" or name in load().pulumi_top_level_names()


class UnknownModuleOrClass(Rule):
    """
    ## What it does
    Finds modules and classes of pulumi_aws that do not exist: `from pulumi_aws import logs`,
    `aws.s3.BucketReplicationConfiguration`. Where the unknown class spells out a Terraform
    resource type that exactly one class of the module builds, it is renamed to that class
    (`BucketReplicationConfiguration` -> `BucketReplicationConfig`), in the import and every use
    together. Otherwise the finding names the module that has the class, or the closest names.
    It covers `import pulumi_aws as aws` (`aws.s3.X`), `from pulumi_aws import s3` (`s3.X`) and
    `from pulumi_aws.s3 import X`, aliases included.

    ## Why is this bad?
    The import raises ImportError, or the attribute access AttributeError, as soon as the
    program starts, at `pulumi preview` or `pulumi up`, and nothing is deployed. pulumi-aws
    groups resources by Pulumi module, not by CloudFormation or boto3 service name (CloudWatch
    Logs is `cloudwatch.LogGroup`, not `logs.LogGroup`), and names some classes differently from
    the Terraform resource they build (`aws_s3_bucket_replication_configuration` is
    `s3.BucketReplicationConfig`); the names of nested output types (`s3.BucketVersioning...`)
    exist only under `outputs`.

    ## Example
    ```python
    import pulumi_aws as aws

    replication = aws.s3.BucketReplicationConfiguration(
        "replication",
        bucket=source.id,
        role=role.arn,
        rules=[rule],
    )
    ```

    ## Use instead
    ```python
    import pulumi_aws as aws

    replication = aws.s3.BucketReplicationConfig(
        "replication",
        bucket=source.id,
        role=role.arn,
        rules=[rule],
    )
    ```

    ## Fix safety
    Safe where renamed: the new class is the only one of the module that builds the Terraform
    resource the name spells out. Unknown modules, and names that spell out nothing, get a
    finding without a fix.
    """

    CODE = "PUL304"
    NAME = "unknown-module-or-class"
    SUMMARY = "pulumi_aws module or class that does not exist (`from pulumi_aws import logs`)"
    PLATFORM = Platform.PULUMI
    FIX = FixSafety.SAFE
    TOKENS = (PULUMI_PACKAGE,)

    def __init__(self, context) -> None:
        super().__init__(context)
        self._import_depth = 0
        # Unknown modules bound by an import: (node to report, module) and the names used in them.
        self._unknown_modules: list[tuple[cst.CSTNode, str]] = []
        self._used_in: dict[str, list[str]] = {}
        # Unknown names imported from a module: (statement, alias, module, name), and the uses of
        # each.
        self._unknown_imports: list[tuple[cst.ImportFrom, cst.ImportAlias, str, str]] = []
        self._uses: dict[str, list[cst.Name]] = {}
        self._reported: set[cst.CSTNode] = set()

    # -- imports ----------------------------------------------------------------------------------

    def visit_Import(self, node: cst.Import) -> None:
        self._import_depth += 1
        for alias in node.names:
            parts = (cst.helpers.get_full_name_for_node(alias.name) or "").split(".")
            if len(parts) >= 2 and parts[0] == PULUMI_PACKAGE and not top_level_exists(parts[1]):
                self._unknown_modules.append((alias.name, parts[1]))

    def leave_Import(self, original_node: cst.Import) -> None:
        self._import_depth -= 1

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._import_depth += 1
        if node.relative or node.module is None:
            return
        parts = (cst.helpers.get_full_name_for_node(node.module) or "").split(".")
        if parts[0] != PULUMI_PACKAGE:
            return
        names = [] if isinstance(node.names, cst.ImportStar) else list(node.names)
        if len(parts) == 1:  # `from pulumi_aws import s3, logs`
            for alias in names:
                if isinstance(alias.name, cst.Name) and not top_level_exists(alias.name.value):
                    self._unknown_modules.append((alias.name, alias.name.value))
            return
        module = parts[1]
        if not top_level_exists(module):
            self._unknown_modules.append((node.module, module))
            return
        if len(parts) > 2 or not is_module(module) or module in UNCHECKED_MODULES:
            return
        for alias in names:
            if isinstance(alias.name, cst.Name) and alias.name.value not in exported(module):
                self._unknown_imports.append((node, alias, module, alias.name.value))

    def leave_ImportFrom(self, original_node: cst.ImportFrom) -> None:
        self._import_depth -= 1

    # -- uses -------------------------------------------------------------------------------------

    def visit_Name(self, node: cst.Name) -> None:
        if self._import_depth:
            return
        for name in imported_names(self, node):
            parts = name.split(".")
            # Uses of an aliased import (`... import X as Y`) keep their alias.
            if len(parts) == 3 and parts[0] == PULUMI_PACKAGE and parts[2] == node.value:
                self._uses.setdefault(name, []).append(node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if self._import_depth or node in self._reported:
            return
        for name in imported_names(self, node):
            parts = name.split(".")
            if parts[0] != PULUMI_PACKAGE or len(parts) < 2:
                continue
            module = parts[1]
            if not top_level_exists(module):
                if len(parts) >= 3:
                    self._used_in.setdefault(module, []).append(parts[2])
                imported = any(m == module for _, m in self._unknown_modules)
                if not imported and self._binds_package(node, depth=len(parts) - 2):
                    # `aws.logs.LogGroup`: report `aws.logs` once, here, with what is used.
                    target = self._module_node(node, depth=len(parts) - 2)
                    if target not in self._reported:
                        self._reported.add(target)
                        self._report_module(target, module, parts[2:3])
                return
            if len(parts) == 3 and is_module(module) and module not in UNCHECKED_MODULES:
                self._check_name(node, module, parts[2])

    def _binds_package(self, node: cst.Attribute, depth: int) -> bool:
        """Whether the module part of `node` is written as an attribute of the package
        (`aws.logs`), rather than bound by an import of its own (`logs`)."""
        return isinstance(self._module_node(node, depth), cst.Attribute)

    @staticmethod
    def _module_node(node: cst.Attribute, depth: int) -> cst.BaseExpression:
        """`aws.logs` in `aws.logs.LogGroup.get` (depth: how many names follow the module)."""
        current: cst.BaseExpression = node
        for _ in range(depth):
            assert isinstance(current, cst.Attribute)
            current = current.value
        return current

    # -- findings ---------------------------------------------------------------------------------

    def _report_module(self, node: cst.CSTNode, module: str, used: list[str]) -> None:
        homes = {home for name in used for home in modules_of_name().get(name, ())}
        if len(homes) == 1 and used:
            names = ", ".join(f"`{name}`" for name in sorted(set(used)))
            verb = "is" if len(set(used)) == 1 else "are"
            hint = f" ({names} {verb} in `{PULUMI_PACKAGE}.{homes.pop()}`)"
        elif module in SERVICE_MODULES:
            hint = f" (its resources are in `{PULUMI_PACKAGE}.{SERVICE_MODULES[module]}`)"
        else:
            hint = closest(module, load().pulumi_modules())
        self.report(node, f"`{PULUMI_PACKAGE}` has no module `{module}`{hint}")

    def _unknown_name(self, module: str, name: str) -> tuple[Optional[str], str]:
        """(the class to rename to, or None; the finding's message)."""
        missing = f"`{PULUMI_PACKAGE}.{module}` has no `{name}`"
        renamed = successor(module, name)
        if renamed is not None:
            return renamed, f"{missing}: the class is named `{renamed}`"
        elsewhere = [home for home in modules_of_name().get(name, ()) if home != module]
        if elsewhere:
            return None, f"{missing} (it is in `{PULUMI_PACKAGE}.{elsewhere[0]}`)"
        if name in (load().pulumi_names(module) or ()):
            hint = f"`{module}.outputs.{name}` is an output type"
            if name + "Args" in exported(module):
                hint += f"; its input type is `{name}Args`"
            return None, f"{missing} ({hint})"
        return None, missing + closest(name, exported(module))

    def _check_name(self, node: cst.Attribute, module: str, name: str) -> None:
        if name in exported(module):
            return
        renamed, message = self._unknown_name(module, name)
        replacements = {node.attr: cst.Name(renamed)} if renamed else None
        self.report(node.attr, message, replacements=replacements)

    def leave_Module(self, original_node: cst.Module) -> None:
        for node, module in self._unknown_modules:
            self._report_module(node, module, self._used_in.get(module, []))
        # An import and its uses are one fix: renaming one without the others breaks the file.
        for statement, alias, module, name in self._unknown_imports:
            renamed, message = self._unknown_name(module, name)
            replacements: Optional[dict] = None
            if renamed is not None:
                if alias.asname is None and _imports_plainly(statement, renamed):
                    # `import BucketReplicationConfig, BucketReplicationConfiguration`
                    replacements = {statement: _without(statement, alias)}
                else:
                    replacements = {alias.name: cst.Name(renamed)}
                if alias.asname is None:
                    uses = self._uses.get(f"{PULUMI_PACKAGE}.{module}.{name}", [])
                    replacements.update({use: cst.Name(renamed) for use in uses})
            self.report(alias.name, message, replacements=replacements)


def _imports_plainly(statement: cst.ImportFrom, name: str) -> bool:
    return any(
        isinstance(a.name, cst.Name) and a.name.value == name and a.asname is None
        for a in statement.names
    )


def _without(statement: cst.ImportFrom, alias: cst.ImportAlias) -> cst.ImportFrom:
    """The import without one of its names; the last name left takes over the trailing comma
    (or its absence)."""
    names = list(statement.names)
    index = names.index(alias)
    del names[index]
    if index == len(names):
        names[-1] = names[-1].with_changes(comma=alias.comma)
    return statement.with_changes(names=names)
