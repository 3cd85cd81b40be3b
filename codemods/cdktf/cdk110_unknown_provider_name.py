from __future__ import annotations

import difflib
from typing import Optional

import libcst as cst

from iacfix.provider_index import load
from iacfix.resources import CDKTF_PACKAGE, imported_names
from iacfix.rule import FixSafety, Platform, Rule

from iacfix.codemods.cdktf.cdk102_a_suffixed_resource_class import wrong_names


def closest(word: str, choices: list[str]) -> str:
    matches = difflib.get_close_matches(word, choices, n=3, cutoff=0.6)
    return f" (closest: {', '.join(f'`{m}`' for m in matches)})" if matches else ""


def _module_of(dotted: str) -> Optional[str]:
    """`cdktf_cdktf_provider_aws.vpc` -> `vpc`; None for the package itself or other packages."""
    parts = dotted.split(".")
    if len(parts) >= 2 and parts[0] == CDKTF_PACKAGE:
        return parts[1]
    return None


class UnknownProviderName(Rule):
    """
    ## What it does
    Finds names imported from the AWS provider for CDKTF that it does not export: a module that
    does not exist (`cdktf_cdktf_provider_aws.aurora_cluster`), or a class a module does not have
    (`from cdktf_cdktf_provider_aws.vpc import VpcConfig`), and names the closest existing ones.
    The A-suffixed resource classes are CDK102's, which fixes them.

    ## Why is this bad?
    The import raises ImportError (or the attribute access AttributeError) before anything is
    synthesized. Provider class names are generated from the Terraform schema, one module per
    resource or data source (`rds_cluster.RdsCluster`, `data_aws_vpc.DataAwsVpc`), with struct
    classes named after their block (`SecurityGroupIngress`); names guessed from the AWS console
    or CloudFormation rarely exist.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.security_group import SecurityGroupRule
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.security_group_rule import SecurityGroupRule
    ```

    ## Fix safety
    There is no fix: which class was meant is a choice the finding leaves to the author. The
    finding names the module that has the class, or the closest names the provider has.
    """

    CODE = "CDK110"
    NAME = "unknown-provider-name"
    SUMMARY = "imported provider name or module that does not exist"
    PLATFORM = Platform.CDKTF
    FIX = FixSafety.NONE
    TOKENS = (CDKTF_PACKAGE,)

    def __init__(self, context) -> None:
        super().__init__(context)
        self._index = load()
        self._a_suffixed = wrong_names()

    def _check_module(self, node: cst.CSTNode, module: str) -> bool:
        if self._index.cdktf_names(module) is not None:
            return True
        self.report(
            node,
            f"`{CDKTF_PACKAGE}` has no module `{module}`"
            + closest(module, self._index.cdktf_modules()),
        )
        return False

    def _check_name(self, node: cst.CSTNode, module: str, name: str) -> None:
        names = self._index.cdktf_names(module) or []
        if name in names or f"{CDKTF_PACKAGE}.{module}.{name}" in self._a_suffixed:
            return
        elsewhere = self._index.cdktf_modules_of_name.get(name)
        if elsewhere:  # `security_group.SecurityGroupRule` lives in `security_group_rule`
            hint = f" (it is in `{CDKTF_PACKAGE}.{elsewhere[0]}`)"
        else:
            hint = closest(name, names)
        self.report(node, f"`{CDKTF_PACKAGE}.{module}` has no `{name}`{hint}")

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            module = _module_of(cst.helpers.get_full_name_for_node(alias.name) or "")
            if module is not None:
                self._check_module(alias.name, module)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if node.relative or node.module is None:
            return
        dotted = cst.helpers.get_full_name_for_node(node.module) or ""
        if isinstance(node.names, cst.ImportStar):
            names = []
        else:
            names = list(node.names)
        if dotted == CDKTF_PACKAGE:  # `from cdktf_cdktf_provider_aws import vpc, rds_cluster`
            for alias in names:
                self._check_module(alias.name, alias.name.value)
            return
        module = _module_of(dotted)
        if module is None or not self._check_module(node.module, module):
            return
        for alias in names:
            if isinstance(alias.name, cst.Name):
                self._check_name(alias.name, module, alias.name.value)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        # `security_group.SecurityGroupx(...)` through a module import.
        for name in imported_names(self, node):
            parts = name.split(".")
            if len(parts) == 3 and parts[0] == CDKTF_PACKAGE:
                if self._index.cdktf_names(parts[1]) is not None:
                    self._check_name(node.attr, parts[1], parts[2])
