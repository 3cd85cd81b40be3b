from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

import libcst as cst

from iacfix.calls import dict_to_call, string_value
from iacfix.provider_index import CdktfClass, load
from iacfix.resources import CDKTF_PACKAGE, resolve_call
from iacfix.rule import FixSafety, ImportEdit, Platform, Rule


def struct_keyword(struct: CdktfClass, key: str) -> Optional[str]:
    """The struct parameter that takes a Terraform attribute: jsii appends `_` to Python keywords
    (`lambda_`) and `_attribute` to names that clash with the class (`self_attribute`)."""
    for candidate in (key, key + "_", key + "_attribute"):
        if candidate in struct.args:
            return candidate
    return None


def serializes_as_null(key: str) -> bool:
    """A raw dict key reaches Terraform as null when its camelCase spelling differs (`from_port`)."""
    return "_" in key.strip("_")


@dataclass
class Conversion:
    """The struct calls a dict (and the dicts nested in it) become, and what was found on the way."""

    call: Optional[cst.Call] = None
    null_keys: list[str] = field(default_factory=list)  # dotted paths: `rule.sse_algorithm`
    unknown_keys: list[str] = field(default_factory=list)
    imports: set[str] = field(default_factory=set)  # struct names to import


class StructForNestedBlockDicts(Rule):
    """
    ## What it does
    Finds plain dicts passed in a list to a CDKTF nested block (`ingress=[{...}]`,
    `route=[{...}]`, `rule=[{...}]`) and turns each into a call of the block's struct class
    (`SecurityGroupIngress(...)`, `RouteTableRoute(...)`), with the dicts nested inside them
    turned into their own structs. Values, order and comments are kept, and the struct's import
    is added. The struct classes come from the provider's own schema, for every resource, data
    source and struct.

    ## Why is this bad?
    CDKTF converts a *list* of plain dicts to Terraform JSON unchanged, so every key whose
    camelCase spelling differs from its snake_case one (`from_port` vs `fromPort`) synthesizes as
    `null`; Terraform then fails with `The argument "ingress.0.from_port" is required, but no
    definition was found`, or AWS rejects the half-empty block. Keys like `protocol` survive, which
    is why the mistake is easy to miss. Struct instances always serialize correctly. (A single
    dict passed to a single nested block is converted by the generated constructor and works.)

    With the rule's code named in `--select`, dicts whose keys would all survive, and single
    dicts for single blocks, are converted too.

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
    to produce. A dict with a key the struct does not have is reported and left alone.
    """

    CODE = "CDK101"
    NAME = "struct-for-nested-block-dicts"
    SUMMARY = "plain dicts passed to a nested block: their keys serialize as null"
    PLATFORM = Platform.CDKTF
    FIX = FixSafety.SAFE
    TOKENS = (CDKTF_PACKAGE,)

    def visit_Call(self, node: cst.Call) -> None:
        resource = resolve_call(self, node)
        if resource is None or resource.cdktf is None:
            return
        spell = self._speller(node, resource.module)
        for arg in node.args:
            block = resource.cdktf.struct_of(arg.keyword.value) if arg.keyword else None
            if block is not None:
                self._check_block(arg, resource.module, *block, spell)

    def _check_block(self, arg, module: str, struct: str, takes_list: bool, spell) -> None:
        value = arg.value
        if isinstance(value, cst.List) and takes_list:
            dicts = [e.value for e in value.elements if isinstance(e.value, cst.Dict)]
        elif isinstance(value, cst.ListComp) and takes_list:
            dicts = [value.elt] if isinstance(value.elt, cst.Dict) else []
        elif isinstance(value, cst.Dict) and not takes_list and self.context.extended:
            dicts = [value]
        else:
            return
        conversions = {d: self._convert(d, module, struct, spell) for d in dicts}
        null_keys = sorted({k for c in conversions.values() for k in c.null_keys})
        unknown = sorted({k for c in conversions.values() for k in c.unknown_keys})
        if not dicts or (not null_keys and not unknown and not self.context.extended):
            return
        name = arg.keyword.value
        if unknown:
            self.report(
                arg,
                f"`{name}` takes {struct} structs, and {struct} has no field "
                + ", ".join(f"`{k}`" for k in unknown),
            )
            return
        if null_keys:
            keys = ", ".join(f"`{k}`" for k in null_keys)
            message = f"`{name}` takes {struct} structs; in plain dicts {keys} synthesize as null"
        else:
            message = f"`{name}` takes {struct} structs, not plain dicts"
        imports = sorted({i for c in conversions.values() for i in c.imports})
        self.report(
            arg,
            message,
            replacements={d: c.call for d, c in conversions.items()},
            imports=tuple(ImportEdit(f"{CDKTF_PACKAGE}.{module}", i) for i in imports),
        )

    def _convert(
        self, node: cst.Dict, module: str, struct: str, spell: Callable
    ) -> Conversion:
        """The struct call for `node`, its nested blocks converted too (they are sent raw as well)."""
        result = Conversion()
        spec = load().cdktf_class(module, struct)
        if spec is None:
            result.unknown_keys.append("?")
            return result
        keyword_of: dict[str, str] = {}
        new_values: dict[cst.BaseExpression, cst.BaseExpression] = {}
        for element in node.elements:
            key = string_value(element.key) if isinstance(element, cst.DictElement) else None
            keyword = struct_keyword(spec, key) if key is not None else None
            if keyword is None:
                result.unknown_keys.append(key if key is not None else "**")
                continue
            keyword_of[key] = keyword
            if serializes_as_null(key):
                result.null_keys.append(key)
            block = spec.struct_of(keyword)
            if block is None:
                continue
            inner_struct, _ = block
            value = element.value
            inner_dicts = (
                [value]
                if isinstance(value, cst.Dict)
                else [e.value for e in value.elements if isinstance(e.value, cst.Dict)]
                if isinstance(value, cst.List)
                else []
            )
            converted = {}
            for inner in inner_dicts:
                nested = self._convert(inner, module, inner_struct, spell)
                result.null_keys.extend(f"{key}.{k}" for k in nested.null_keys)
                result.unknown_keys.extend(f"{key}.{k}" for k in nested.unknown_keys)
                result.imports |= nested.imports
                converted[inner] = nested.call
            if converted and all(converted.values()):
                new_values[value] = (
                    converted[value]
                    if isinstance(value, cst.Dict)
                    else value.with_changes(
                        elements=[
                            e.with_changes(value=converted.get(e.value, e.value))
                            for e in value.elements
                        ]
                    )
                )
        if result.unknown_keys:
            return result
        func, import_name = spell(struct)
        if import_name:
            result.imports.add(import_name)
        rebuilt = node.with_changes(
            elements=[
                e.with_changes(value=new_values.get(e.value, e.value)) for e in node.elements
            ]
        )
        result.call = dict_to_call(rebuilt, func, lambda key: keyword_of[key])
        return result

    @staticmethod
    def _speller(call: cst.Call, module: str) -> Callable:
        """Spell a struct the way the class is spelled: `sg.SecurityGroupIngress` after
        `sg.SecurityGroup`, else the bare name, imported from the class's module."""

        def spell(struct: str) -> tuple[cst.BaseExpression, Optional[str]]:
            if isinstance(call.func, cst.Attribute):
                return call.func.with_changes(attr=cst.Name(struct)), None
            return cst.Name(struct), struct

        return spell
