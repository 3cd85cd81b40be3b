from __future__ import annotations

from typing import Optional

import libcst as cst
import libcst.matchers as m

from iacfix.calls import replace_arg_value, string_literal, string_value
from iacfix.resources import resolve_call
from iacfix.rule import FixSafety, Platform, Rule

# Terraform type -> (name arguments AWS requires in lower case, whether `_` is also refused).
LOWERCASE_NAMES = {
    "aws_s3_bucket": (("bucket", "bucket_prefix"), True),
    "aws_db_parameter_group": (("name", "name_prefix"), False),
    "aws_rds_cluster_parameter_group": (("name", "name_prefix"), False),
    "aws_db_subnet_group": (("name", "name_prefix"), False),
}

_LOWERED = m.Call(func=m.Attribute(attr=m.Name("lower")))
# `x.lower()` or `x.lower().replace(...)`: lowered already, never lowered twice.
_ALREADY_LOWERED = _LOWERED | m.Call(
    func=m.Attribute(value=_LOWERED, attr=m.Name("replace"))
)


def _is_lowered(node: cst.BaseExpression) -> bool:
    return m.matches(node, _ALREADY_LOWERED)


def _what_is_wrong(text: str, bucket: bool) -> str:
    problems = []
    if text != text.lower():
        problems.append("upper-case letters")
    if bucket and "_" in text:
        problems.append("`_`")
    return "its text has " + " and ".join(problems)


def _normalize(text: str, bucket: bool) -> str:
    text = text.lower()
    return text.replace("_", "-") if bucket else text


class LowercaseNames(Rule):
    """
    ## What it does
    Finds names that AWS requires in lower case (S3 bucket names, RDS DB and cluster parameter
    group names, DB subnet group names) built from text that is provably not lower case: literal
    text with upper-case letters, or an f-string that interpolates the construct id (CDKTF stack
    ids are CamelCase, `TapStackPr123`). Literal text is lowered; such f-strings get `.lower()`.
    S3 bucket names also get `_` replaced by `-`.

    With the rule's code named in `--select`, every f-string interpolation that is not already
    lowered is treated the same way.

    ## Why is this bad?
    AWS rejects the resource at deploy time: `InvalidBucketName: The specified bucket is not
    valid` for S3, and Terraform's validation (`only lowercase alphanumeric characters and hyphens
    allowed`) for the RDS groups. Bucket names may not contain `_` either.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

    class Stack(TerraformStack):
        def __init__(self, scope, construct_id):
            super().__init__(scope, construct_id)
            S3Bucket(self, "logs", bucket=f"Logs_{construct_id}")
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

    class Stack(TerraformStack):
        def __init__(self, scope, construct_id):
            super().__init__(scope, construct_id)
            S3Bucket(self, "logs", bucket=f"Logs_{construct_id}".lower().replace("_", "-"))
    ```

    ## Fix safety
    Safe: AWS refuses the upper-case name, so no deployed resource carries it.
    """

    CODE = "AWS201"
    NAME = "lowercase-names"
    SUMMARY = "name AWS requires in lower case built from upper-case text or a construct id"
    PLATFORM = Platform.BOTH
    FIX = FixSafety.SAFE
    TOKENS = ("cdktf_cdktf_provider_aws", "pulumi_aws")

    def __init__(self, context) -> None:
        super().__init__(context)
        self._construct_ids: list[Optional[str]] = []

    # CDKTF constructs receive their id as the parameter after `scope`.
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        params = node.params.params
        construct_id = None
        if node.name.value == "__init__" and len(params) >= 3 and params[1].name.value == "scope":
            construct_id = params[2].name.value
        self._construct_ids.append(construct_id)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._construct_ids.pop()

    def _is_construct_id(self, node: cst.BaseExpression) -> bool:
        return isinstance(node, cst.Name) and node.value in self._construct_ids

    def visit_Call(self, node: cst.Call) -> None:
        resource = resolve_call(self, node)
        if resource is None or resource.terraform_type not in LOWERCASE_NAMES:
            return
        names, bucket = LOWERCASE_NAMES[resource.terraform_type]
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value in names:
                fixed = self._fixed_value(arg.value, bucket)
                if fixed is not None:
                    new_value, reason = fixed
                    self.report(
                        arg.value,
                        f"`{arg.keyword.value}` must be lower case{' without `_`' if bucket else ''}"
                        f": {reason}",
                        replacements={node: replace_arg_value(node, arg, new_value)},
                    )

    def _fixed_value(
        self, value: cst.BaseExpression, bucket: bool
    ) -> Optional[tuple[cst.BaseExpression, str]]:
        literal = string_value(value)
        if literal is not None:
            if _normalize(literal, bucket) == literal:
                return None
            like = value if isinstance(value, cst.SimpleString) else None
            return string_literal(_normalize(literal, bucket), like), _what_is_wrong(literal, bucket)
        if not isinstance(value, cst.FormattedString):
            return None
        interpolated = [
            part.expression
            for part in value.parts
            if isinstance(part, cst.FormattedStringExpression)
        ]
        unlowered = [e for e in interpolated if not _is_lowered(e)]
        provable = [e for e in unlowered if self._is_construct_id(e)]
        if provable or (unlowered and self.context.extended):
            culprit = (provable or unlowered)[0]
            source = cst.Module([]).code_for_node(culprit)
            lowered = cst.Call(func=cst.Attribute(value=value, attr=cst.Name("lower")))
            if bucket:
                lowered = cst.Call(
                    func=cst.Attribute(value=lowered, attr=cst.Name("replace")),
                    args=[
                        cst.Arg(
                            cst.SimpleString('"_"'),
                            comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
                        ),
                        cst.Arg(cst.SimpleString('"-"')),
                    ],
                )
            what = "the construct id" if provable else "the value"
            return lowered, f"{what} `{source}` may hold upper-case letters"
        parts = []
        changed = False
        text_parts = "".join(p.value for p in value.parts if isinstance(p, cst.FormattedStringText))
        for part in value.parts:
            if isinstance(part, cst.FormattedStringText):
                if "\\" in part.value:
                    return None  # lowering `\N{...}` or `\U...` would change the escape
                text = _normalize(part.value, bucket)
                changed |= text != part.value
                part = part.with_changes(value=text)
            parts.append(part)
        if not changed:
            return None
        return value.with_changes(parts=parts), _what_is_wrong(text_parts, bucket)
