from __future__ import annotations

import re
from typing import Optional

import libcst as cst

from iacfix.calls import string_literal, string_value
from iacfix.resources import CDKTF_PACKAGE, resolve_call
from iacfix.rule import FixSafety, Platform, Rule

_TYPE_NAMES = {"s": "a string", "n": "a number", "b": "a bool"}
_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)")


def _number_text(node: cst.BaseExpression) -> Optional[str]:
    """The source of a number literal, negative ones included; None for anything else."""
    if isinstance(node, (cst.Integer, cst.Float)):
        return node.value
    if (
        isinstance(node, cst.UnaryOperation)
        and isinstance(node.operator, cst.Minus)
        and isinstance(node.expression, (cst.Integer, cst.Float))
    ):
        return "-" + node.expression.value
    return None


def _bool_value(node: cst.BaseExpression) -> Optional[bool]:
    if isinstance(node, cst.Name) and node.value in ("True", "False"):
        return node.value == "True"
    return None


def converted(node: cst.BaseExpression, declared: str) -> Optional[cst.BaseExpression]:
    """`node` as a literal of the declared type, when it is a literal of another type."""
    if declared == "s":
        number = _number_text(node)
        if number is not None:
            return string_literal(number)
        flag = _bool_value(node)
        if flag is not None:  # Terraform's spelling of a bool in a string
            return string_literal("true" if flag else "false")
    elif declared == "n":
        text = string_value(node)
        if text is not None and _NUMBER.fullmatch(text.strip()):
            return cst.parse_expression(text.strip())
    elif declared == "b":
        text = string_value(node)
        if text is not None and text.strip().lower() in ("true", "false"):
            return cst.Name("True" if text.strip().lower() == "true" else "False")
    return None


class LiteralOfWrongType(Rule):
    """
    ## What it does
    Finds literals whose type the provider rejects for an argument: a number or bool where the
    provider declares a string (`deregistration_delay=30`), a numeric string where it declares a
    number, `"true"` where it declares a bool, in resources, data sources and structs, and in
    lists of such values. The literal is rewritten as the declared type (`"30"`).

    ## Why is this bad?
    The generated constructors check every argument's type at run time, so a literal of another
    type raises `TypeError: type of argument deregistration_delay must be str; got int instead`
    at synth. Terraform's schema declares some numeric-looking settings as strings
    (`aws_lb_target_group.deregistration_delay`, `preserve_client_ip`), and the provider classes
    follow it.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup

    LbTargetGroup(self, "tg", port=80, protocol="HTTP", deregistration_delay=30)
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup

    LbTargetGroup(self, "tg", port=80, protocol="HTTP", deregistration_delay="30")
    ```

    ## Fix safety
    Safe: the value is the same; Terraform reads `"30"` for a string argument exactly as the
    author meant `30`. Bools become Terraform's `"true"` / `"false"`.
    """

    CODE = "CDK109"
    NAME = "literal-of-wrong-type"
    SUMMARY = "literal whose type the provider rejects (a number where it declares a string)"
    PLATFORM = Platform.CDKTF
    FIX = FixSafety.SAFE
    TOKENS = (CDKTF_PACKAGE,)

    def visit_Call(self, node: cst.Call) -> None:
        provider_class = resolve_call(self, node)
        if provider_class is None or provider_class.cdktf is None:
            return
        spec = provider_class.cdktf
        for arg in node.args:
            declared = spec.args.get(arg.keyword.value, "") if arg.keyword else ""
            if declared in _TYPE_NAMES:
                self._check(arg, arg.value, declared, spec.name)
            elif declared[:1] == "[" and isinstance(arg.value, cst.List):
                for element in arg.value.elements:
                    self._check(arg, element.value, declared[1:], spec.name)

    def _check(self, arg: cst.Arg, value: cst.BaseExpression, declared: str, class_name: str):
        replacement = converted(value, declared)
        if replacement is None:
            return
        source = cst.Module([]).code_for_node(value)
        self.report(
            value,
            f"`{class_name}` declares `{arg.keyword.value}` as {_TYPE_NAMES[declared]}; "
            f"`{source}` raises TypeError at synth",
            replacements={value: replacement},
        )
