from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import libcst as cst
from libcst.metadata import Assignment

from iacfix.calls import string_value
from iacfix.codemods.testing import is_test_file
from iacfix.metadata import ParentNodeProvider, ScopeProvider
from iacfix.rule import FixSafety, Platform, Rule

# Methods of a dict that a list does not have.
DICT_METHODS = ("get", "keys", "items", "values")


@dataclass(frozen=True)
class KeyAccess:
    """`base["key"]` or `base.get("key", ...)`: reading one string key of a JSON object."""

    node: cst.BaseExpression
    base: cst.BaseExpression
    key: str
    kind: str  # "subscript" or "get"


def key_access(node: cst.CSTNode) -> Optional[KeyAccess]:
    if isinstance(node, cst.Subscript) and len(node.slice) == 1:
        index = node.slice[0].slice
        if isinstance(index, cst.Index) and index.star is None:
            key = string_value(index.value)
            if key is not None:
                return KeyAccess(node, node.value, key, "subscript")
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "get"
        and 1 <= len(node.args) <= 2
        and all(arg.keyword is None and not arg.star for arg in node.args)
    ):
        key = string_value(node.args[0].value)
        if key is not None:
            return KeyAccess(node, node.func.value, key, "get")
    return None


def assigned_value(rule: Rule, name: cst.Name) -> Optional[cst.BaseExpression]:
    """The value of `name = value` when that is the only assignment of the name in its scope."""
    scope = rule.get_metadata(ScopeProvider, name, None)
    if scope is None:
        return None
    assignments = list(scope[name.value])
    if len(assignments) != 1 or not isinstance(assignments[0], Assignment):
        return None
    target = assignments[0].node
    parent = rule.get_metadata(ParentNodeProvider, target, None)
    if isinstance(parent, cst.AssignTarget):
        statement = rule.get_metadata(ParentNodeProvider, parent, None)
        if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
            return statement.value
    if isinstance(parent, cst.AnnAssign) and parent.target is target:
        return parent.value
    return None


def resolved(rule: Rule, node: cst.BaseExpression, depth: int = 8) -> cst.BaseExpression:
    """`node`, or through names assigned once, the expression it stands for."""
    while depth and isinstance(node, cst.Name):
        value = assigned_value(rule, node)
        if value is None:
            break
        node, depth = value, depth - 1
    return node


def top_level_access(rule: Rule, node: cst.CSTNode, keys: tuple[str, ...]) -> Optional[KeyAccess]:
    """`node` as `<document>[<key>]` for one of `keys`, where the document is not itself a key
    access (through names assigned once), and not a dict the code builds itself."""
    access = key_access(node)
    if access is None or access.key not in keys:
        return None
    document = resolved(rule, access.base)
    if key_access(document) is not None or _built_dict(document):
        return None
    return access


def _built_dict(node: cst.BaseExpression) -> bool:
    return isinstance(node, (cst.Dict, cst.DictComp)) or (
        isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "dict"
    )


def provider_access(rule: Rule, node: cst.CSTNode) -> Optional[KeyAccess]:
    """`node` as `<synthesized document>["provider"]["<name>"]` (either access may be `.get`)."""
    access = key_access(node)
    if access is None:
        return None
    if top_level_access(rule, resolved(rule, access.base), ("provider",)) is None:
        return None
    return access


@dataclass(frozen=True)
class KeyUse:
    """A use of a value as a JSON object: what happens when the value is a list instead."""

    node: cst.CSTNode  # the expression that uses the value
    pattern: str  # how the use reads, `{}` standing for the value: `{}["region"]`
    consequence: str
    # False for `"k" not in value` and `assertNotIn`: always true on a list, so nothing fails, but
    # the check is meant for the object all the same.
    fails: bool = True

    def text(self, value: str) -> str:
        return self.pattern.replace("{}", value)


def key_use(rule: Rule, value: cst.BaseExpression) -> Optional[KeyUse]:
    """How `value` is read as an object right where it stands: `value["k"]`, `value.get("k")`,
    `value.items()` (and the other dict methods), `"k" in value`, `assertIn("k", value)` (and
    their negations)."""
    parent = rule.get_metadata(ParentNodeProvider, value, None)
    access = key_access(parent) if parent is not None else None
    if access is not None and access.base is value and access.kind == "subscript":
        return KeyUse(parent, f'{{}}["{access.key}"]', "indexing it with a string raises TypeError")
    if isinstance(parent, cst.Attribute) and parent.value is value:
        method = parent.attr.value
        call = rule.get_metadata(ParentNodeProvider, parent, None)
        if method in DICT_METHODS and isinstance(call, cst.Call) and call.func is parent:
            return KeyUse(call, f"{{}}.{method}(...)", f"`.{method}()` on it raises AttributeError")
    if isinstance(parent, cst.Arg) and parent.value is value and parent.keyword is None:
        call = rule.get_metadata(ParentNodeProvider, parent, None)
        if (  # unittest's `self.assertIn("region", value)`
            isinstance(call, cst.Call)
            and isinstance(call.func, cst.Attribute)
            and call.func.attr.value in ("assertIn", "assertNotIn")
            and len(call.args) >= 2
            and call.args[1] is parent
        ):
            key = string_value(call.args[0].value)
            method = call.func.attr.value
            if key is not None:
                return KeyUse(
                    call,
                    f'{method}("{key}", {{}})',
                    "`assertIn` on it always fails",
                    fails=method == "assertIn",
                )
    if isinstance(parent, cst.ComparisonTarget) and parent.comparator is value:
        comparison = rule.get_metadata(ParentNodeProvider, parent, None)
        if (
            isinstance(comparison, cst.Comparison)
            and len(comparison.comparisons) == 1
            and isinstance(parent.operator, (cst.In, cst.NotIn))
        ):
            key = string_value(comparison.left)
            if key is not None:
                negated = isinstance(parent.operator, cst.NotIn)
                operator = "not in" if negated else "in"
                return KeyUse(
                    comparison,
                    f'"{key}" {operator} {{}}',
                    f'`"{key}" in` it is always False',
                    fails=not negated,
                )
    return None


def first_entry(node: cst.BaseExpression) -> cst.Subscript:
    """`node[0]`."""
    return cst.Subscript(
        value=node, slice=[cst.SubscriptElement(slice=cst.Index(value=cst.Integer("0")))]
    )


class ProviderIsAList(Rule):
    """
    ## What it does
    Finds tests that read a provider's settings from synthesized CDKTF JSON as if the provider were
    an object, `config["provider"]["aws"]["region"]` (or `.get("region")`, `"region" in ...`, or a
    variable holding `config["provider"]["aws"]` read that way), and reads them from the provider's
    first configuration instead: `config["provider"]["aws"][0]["region"]`. Any provider name is
    read the same way.

    ## Why is this bad?
    CDKTF synthesizes every provider as a list, one entry per configuration (an aliased second
    AWS provider is a second entry): `"provider": {"aws": [{"region": "us-east-1"}]}`. Indexing
    that list with a string raises `TypeError: list indices must be integers or slices, not str`,
    `.get()` raises `AttributeError`, and `"region" in` the list is always False, so the test
    fails however the stack is configured.

    ## Example
    ```python
    import json

    from cdktf import Testing


    def test_provider_region(stack):
        config = json.loads(Testing.synth(stack))
        aws_provider = config["provider"]["aws"]
        assert aws_provider["region"] == "us-east-1"
    ```

    ## Use instead
    ```python
    import json

    from cdktf import Testing


    def test_provider_region(stack):
        config = json.loads(Testing.synth(stack))
        aws_provider = config["provider"]["aws"][0]
        assert aws_provider["region"] == "us-east-1"
    ```

    ## Fix safety
    Safe: the test cannot pass as written, and the first entry is the provider configuration
    declared first (the default provider in the usual layout). Where a variable holding the list is
    also used as a list, `[0]` goes only where it is read with a key. `.get("aws", {})` becomes
    `.get("aws", [{}])[0]`, so a missing provider still reads as empty.
    """

    CODE = "TST502"
    NAME = "provider-is-a-list"
    SUMMARY = 'test reads `config["provider"]["aws"][key]`; synthesized providers are lists: `[0]`'
    PLATFORM = Platform.CDKTF
    FIX = FixSafety.SAFE
    TOKENS = ("provider",)

    METADATA_DEPENDENCIES = (*Rule.METADATA_DEPENDENCIES, ParentNodeProvider, ScopeProvider)

    @classmethod
    def applies_to(cls, path: str) -> bool:
        return is_test_file(path)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self._check(node)

    def visit_Call(self, node: cst.Call) -> None:
        self._check(node)

    def _check(self, node: cst.BaseExpression) -> None:
        access = provider_access(self, node)
        if access is None:
            return
        where = f'`["provider"]["{access.key}"]`'
        use = key_use(self, node)
        if use is not None and use.fails:
            self._report(node, use, where, self._with_first_entry(access))
            return
        self._check_variable(node, access, where)

    def _check_variable(self, node: cst.BaseExpression, access: KeyAccess, where: str) -> None:
        """`aws = config["provider"]["aws"]`, then `aws["region"]`."""
        statement = self.get_metadata(ParentNodeProvider, node, None)
        if not (
            isinstance(statement, cst.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0].target, cst.Name)
        ):
            return
        name = statement.targets[0].target
        scope = self.get_metadata(ScopeProvider, name, None)
        assignments = list(scope[name.value]) if scope is not None else []
        if len(assignments) != 1 or assignments[0].node is not name:
            return
        references = sorted(
            (reference.node for reference in assignments[0].references),
            key=lambda n: self._start(n),
        )
        if any(self._in_isinstance(reference) for reference in references):
            return  # the code already tells the list from an object
        uses = {reference: key_use(self, reference) for reference in references}
        failing = [(reference, use) for reference, use in uses.items() if use and use.fails]
        if not failing:
            return
        held = f"`{name.value}` holds {where}"
        if all(uses.values()):  # only ever read as an object: take the entry once
            first_use = failing[0][1]
            line = self._start(first_use.node)[0]
            replacement = self._with_first_entry(access)
            self.report(
                node,
                f"{held}, a list in synthesized CDKTF JSON (one entry per provider "
                f"configuration), so `{first_use.text(name.value)}` (line {line}) fails: "
                f"{first_use.consequence}; take its first entry with `[0]`",
                replacements={node: replacement} if replacement is not None else None,
            )
            return
        subject = f"`{name.value}`, which holds {where},"
        for reference, use in failing:
            self._report(reference, use, subject, first_entry(reference))

    def _report(
        self, node: cst.CSTNode, use: KeyUse, where: str, replacement: Optional[cst.CSTNode]
    ) -> None:
        self.report(
            node,
            f"{where} is a list in synthesized CDKTF JSON (one entry per provider configuration), "
            f"so {use.consequence}; take its first entry with `[0]`",
            replacements={node: replacement} if replacement is not None else None,
        )

    @staticmethod
    def _with_first_entry(access: KeyAccess) -> Optional[cst.BaseExpression]:
        node = access.node
        if access.kind == "get" and len(node.args) == 2:
            default = node.args[1].value
            empty_dict = (isinstance(default, cst.Dict) and not default.elements) or (
                isinstance(default, cst.Call)
                and isinstance(default.func, cst.Name)
                and default.func.value == "dict"
                and not default.args
            )
            if empty_dict:
                # `.get("aws", {})` -> `.get("aws", [{}])[0]`: a missing provider reads as empty
                empty = cst.List([cst.Element(cst.Dict([]))])
                node = node.with_changes(
                    args=[node.args[0], node.args[1].with_changes(value=empty)]
                )
            elif not isinstance(default, cst.List):
                return None  # what `[0]` would do with this default is not known
        return first_entry(node)

    def _start(self, node: cst.CSTNode) -> tuple[int, int]:
        position = self.position(node)
        return position.start.line, position.start.column

    def _in_isinstance(self, name: cst.CSTNode) -> bool:
        parent = self.get_metadata(ParentNodeProvider, name, None)
        parent = self.get_metadata(ParentNodeProvider, parent, None) if parent is not None else None
        return (
            isinstance(parent, cst.Call)
            and isinstance(parent.func, cst.Name)
            and parent.func.value == "isinstance"
        )
