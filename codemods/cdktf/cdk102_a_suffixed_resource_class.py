from __future__ import annotations

import libcst as cst

from iacfix.provider_index import load
from iacfix.resources import CDKTF_PACKAGE, camel_case, imported_names
from iacfix.rule import FixSafety, Platform, Rule


def wrong_names() -> dict[str, str]:
    """`cdktf_cdktf_provider_aws.<module>.<Plain>` -> the A-suffixed name the module exports."""
    return {
        f"{CDKTF_PACKAGE}.{module}.{camel_case(module)}": name
        for module, name in load().cdktf_a_suffixed.items()
    }


class ASuffixedResourceClass(Rule):
    """
    ## What it does
    Finds a resource class imported from a module that exports it only with an `A` suffix
    (`VpcPeeringConnectionAccepter` from `vpc_peering_connection_accepter`) and renames the import
    and every use to the real name (`VpcPeeringConnectionAccepterA`).

    ## Why is this bad?
    In ten modules of the AWS provider for CDKTF (`s3_bucket_versioning`, `s3_bucket_logging`,
    `s3_bucket_server_side_encryption_configuration`, `vpc_peering_connection_accepter`, ...) the
    plain CamelCase name already belongs to a struct of a parent module (the
    `vpc_peering_connection` resource has an `accepter` block whose struct is
    `VpcPeeringConnectionAccepter`), so the generated resource class carries an `A` suffix.
    Importing the plain name from the resource module raises ImportError before synth starts. The
    struct of that name imported from the parent module is correct and left alone.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.vpc_peering_connection_accepter import (
        VpcPeeringConnectionAccepter,
    )

    VpcPeeringConnectionAccepter(self, "accepter", vpc_peering_connection_id=peering.id)
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.vpc_peering_connection_accepter import (
        VpcPeeringConnectionAccepterA,
    )

    VpcPeeringConnectionAccepterA(self, "accepter", vpc_peering_connection_id=peering.id)
    ```

    ## Fix safety
    Safe: the renamed class is the only resource class the module exports.
    """

    CODE = "CDK102"
    NAME = "a-suffixed-resource-class"
    SUMMARY = "resource class imported without the A suffix its module requires"
    PLATFORM = Platform.CDKTF
    FIX = FixSafety.SAFE
    TOKENS = (CDKTF_PACKAGE,)

    @classmethod
    def could_fire(cls, source: str, path: str) -> bool:
        return super().could_fire(source, path) and any(
            module in source for module in load().cdktf_a_suffixed
        )

    def __init__(self, context) -> None:
        super().__init__(context)
        self._wrong = wrong_names()
        self._import_depth = 0
        self._wrong_imports: list[tuple[cst.ImportAlias, str, str]] = []
        self._uses: dict[str, list[cst.Name]] = {}

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._import_depth += 1
        module = cst.helpers.get_full_name_for_node(node.module) if node.module else None
        if node.relative or isinstance(node.names, cst.ImportStar) or module is None:
            return
        for alias in node.names:
            wrong = f"{module}.{alias.name.value}"
            if wrong in self._wrong:
                self._wrong_imports.append((alias, module, wrong))

    def leave_ImportFrom(self, original_node: cst.ImportFrom) -> None:
        self._import_depth -= 1

    def visit_Name(self, node: cst.Name) -> None:
        if self._import_depth:
            return
        for name in imported_names(self, node):
            # Uses of an aliased import (`... import X as Y`) keep their alias.
            if name in self._wrong and name.endswith("." + node.value):
                self._uses.setdefault(name, []).append(node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        for name in imported_names(self, node):
            right = self._wrong.get(name)
            if right is not None:
                self.report(
                    node.attr,
                    f"`{node.attr.value}` is named `{right}` in its module",
                    replacements={node.attr: cst.Name(right)},
                )

    def leave_Module(self, original_node: cst.Module) -> None:
        # The import and its uses are one fix: renaming one without the others breaks the file.
        for alias, module, wrong in self._wrong_imports:
            right = self._wrong[wrong]
            replacements = {alias.name: cst.Name(right)}
            replacements.update({use: cst.Name(right) for use in self._uses.get(wrong, [])})
            self.report(
                alias,
                f"`{module}` exports `{right}`, not `{alias.name.value}`",
                replacements=replacements,
            )
