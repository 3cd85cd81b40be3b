from __future__ import annotations

import keyword
from typing import Optional

import libcst as cst

from iacfix.calls import dict_to_call, string_value
from iacfix.resources import CDKTF_PACKAGE, resolve_call
from iacfix.rule import FixSafety, ImportEdit, Platform, Rule

# Resource class -> {nested-block argument that takes a list: struct class of the same module}.
NESTED_LIST_BLOCKS = {
    "route_table.RouteTable": {"route": "RouteTableRoute"},
    "default_route_table.DefaultRouteTable": {"route": "DefaultRouteTableRoute"},
    "security_group.SecurityGroup": {
        "ingress": "SecurityGroupIngress",
        "egress": "SecurityGroupEgress",
    },
    "default_security_group.DefaultSecurityGroup": {
        "ingress": "DefaultSecurityGroupIngress",
        "egress": "DefaultSecurityGroupEgress",
    },
}


def jsii_keyword(key: str) -> str:
    """The struct parameter that takes a Terraform attribute: jsii appends `_` to Python keywords
    (`lambda_`) and renames `self`, which would clash with the method receiver, `self_attribute`."""
    if keyword.iskeyword(key):
        return key + "_"
    return "self_attribute" if key == "self" else key


def _null_keys(node: cst.Dict) -> list[str]:
    """Keys that reach Terraform as null: those whose camelCase spelling differs (`from_port`)."""
    keys = []
    for element in node.elements:
        key = string_value(element.key) if isinstance(element, cst.DictElement) else None
        if key is not None and "_" in key.strip("_"):
            keys.append(key)
    return keys


class StructForNestedBlockDicts(Rule):
    """
    ## What it does
    Finds lists of plain dicts passed to a CDKTF nested block (`ingress=[{...}]`,
    `route=[{...}]`) and turns each dict into a call of the block's struct class
    (`SecurityGroupIngress(...)`, `RouteTableRoute(...)`), keeping values, order and comments.

    ## Why is this bad?
    CDKTF converts a *list* of plain dicts to Terraform JSON unchanged, so every key whose
    camelCase spelling differs from its snake_case one (`from_port` vs `fromPort`) synthesizes as
    `null`; Terraform then fails with `The argument "ingress.0.from_port" is required, but no
    definition was found`, or AWS rejects the half-empty rule. Keys like `protocol` survive, which is
    why the mistake is easy to miss. Struct class instances always serialize correctly.

    With the rule's code named in `--select`, lists of dicts whose keys would all survive are
    converted too.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.security_group import SecurityGroup

    SecurityGroup(
        self,
        "db_sg",
        ingress=[{"from_port": 5432, "to_port": 5432, "protocol": "tcp"}],
    )
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress

    SecurityGroup(
        self,
        "db_sg",
        ingress=[SecurityGroupIngress(from_port=5432, to_port=5432, protocol="tcp")],
    )
    ```

    ## Fix safety
    Safe: the struct carries exactly the values the dict held, and it is what the dict was meant
    to produce.
    """

    CODE = "CDK101"
    NAME = "struct-for-nested-block-dicts"
    SUMMARY = "list of plain dicts passed to a nested block: keys serialize as null"
    PLATFORM = Platform.CDKTF
    FIX = FixSafety.SAFE
    TOKENS = (CDKTF_PACKAGE,)

    def visit_Call(self, node: cst.Call) -> None:
        resource = resolve_call(self, node)
        if resource is None or resource.platform is not Platform.CDKTF:
            return
        blocks = NESTED_LIST_BLOCKS.get(f"{resource.module}.{resource.name}")
        if not blocks:
            return
        for arg in node.args:
            struct = blocks.get(arg.keyword.value) if arg.keyword else None
            if struct is not None:
                self._check_block(node, arg, resource.module, struct)

    def _check_block(self, call: cst.Call, arg: cst.Arg, module: str, struct: str) -> None:
        value = arg.value
        if isinstance(value, cst.List):
            candidates = [e.value for e in value.elements if isinstance(e, cst.Element)]
        elif isinstance(value, cst.ListComp):
            candidates = [value.elt]
        else:
            return
        dicts = [c for c in candidates if isinstance(c, cst.Dict)]
        null_keys = sorted({key for d in dicts for key in _null_keys(d)})
        if not dicts or (not null_keys and not self.context.extended):
            return
        func, imports = self._struct_reference(call, module, struct)
        replacements = {}
        for d in dicts:
            converted = dict_to_call(d, func, jsii_keyword)
            if converted is not None:
                replacements[d] = converted
        if null_keys:
            message = (
                f"`{arg.keyword.value}` takes {struct} structs; in plain dicts "
                f"{', '.join(f'`{k}`' for k in null_keys)} synthesize as null"
            )
        else:
            message = f"`{arg.keyword.value}` takes {struct} structs, not plain dicts"
        self.report(
            arg,
            message,
            replacements=replacements,
            imports=imports if replacements else (),
        )

    @staticmethod
    def _struct_reference(
        call: cst.Call, module: str, struct: str
    ) -> tuple[cst.BaseExpression, tuple[ImportEdit, ...]]:
        """Spell the struct the way the resource is spelled: `sg.SecurityGroupIngress` after
        `sg.SecurityGroup`, else the bare name with its import."""
        func: Optional[cst.BaseExpression] = call.func
        if isinstance(func, cst.Attribute):
            return func.with_changes(attr=cst.Name(struct)), ()
        return cst.Name(struct), (ImportEdit(f"{CDKTF_PACKAGE}.{module}", struct),)
