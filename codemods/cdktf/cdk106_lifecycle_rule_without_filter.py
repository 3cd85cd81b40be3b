from __future__ import annotations

from typing import Optional, Sequence, Union

import libcst as cst

from iacfix.calls import keyword_arg, string_literal, string_value
from iacfix.codemods.cdktf.cdk104_s3_bucket_inline_encryption import spell
from iacfix.provider_index import load
from iacfix.resources import CDKTF_PACKAGE, imported_names, resolve_call
from iacfix.rule import FixSafety, Platform, Rule

LIFECYCLE_MODULE = "s3_bucket_lifecycle_configuration"
RESOURCE = "S3BucketLifecycleConfiguration"
SCOPE_KEYS = ("filter", "prefix")  # a rule needs exactly one of them
AFTER_KEYS = ("status", "id")  # the new filter goes after the first of these the rule has

Item = Union[cst.Arg, cst.DictElement]


def _indentation(items: Sequence[Item], opening: cst.BaseParenthesizableWhitespace):
    """The whitespace that starts a line of an item, when the items stand one per line."""
    if isinstance(opening, cst.ParenthesizedWhitespace):
        return opening.last_line
    for item in items[:-1]:
        if isinstance(item.comma, cst.Comma) and isinstance(
            item.comma.whitespace_after, cst.ParenthesizedWhitespace
        ):
            return item.comma.whitespace_after.last_line
    return None


def insert_item(
    items: Sequence[Item],
    after: int,
    new: Item,
    opening: cst.BaseParenthesizableWhitespace,
    closing: cst.BaseParenthesizableWhitespace,
) -> tuple[list[Item], cst.BaseParenthesizableWhitespace]:
    """`items` with `new` after `items[after]`, laid out like its neighbours, and the whitespace
    before the closing bracket (a call's last argument holds it in `whitespace_after_arg`).

    Comments stay where they were: a trailing comment with its item, the comments above the next
    item above that item.
    """
    items = list(items)
    indentation = _indentation(items, opening)
    if after < len(items) - 1:
        previous = items[after]
        assert isinstance(previous.comma, cst.Comma)
        between = previous.comma.whitespace_after
        if isinstance(between, cst.ParenthesizedWhitespace):
            items[after] = previous.with_changes(
                comma=previous.comma.with_changes(
                    whitespace_after=between.with_changes(empty_lines=[])
                )
            )
            between = between.with_changes(first_line=cst.TrailingWhitespace())
        items.insert(after + 1, new.with_changes(comma=cst.Comma(whitespace_after=between)))
        return items, closing
    last = items[-1]
    if isinstance(last.comma, cst.Comma):  # a trailing comma: the new item takes it over
        ending = last.comma.whitespace_after
        if isinstance(ending, cst.ParenthesizedWhitespace) and indentation is not None:
            separator: cst.BaseParenthesizableWhitespace = cst.ParenthesizedWhitespace(
                first_line=ending.first_line, indent=ending.indent, last_line=indentation
            )
            ending = ending.with_changes(first_line=cst.TrailingWhitespace())
        else:
            separator = cst.SimpleWhitespace(" ")
        items[-1] = last.with_changes(comma=last.comma.with_changes(whitespace_after=separator))
        items.append(new.with_changes(comma=last.comma.with_changes(whitespace_after=ending)))
        return items, closing
    if isinstance(closing, cst.ParenthesizedWhitespace) and indentation is not None:
        separator = cst.ParenthesizedWhitespace(
            first_line=closing.first_line, indent=closing.indent, last_line=indentation
        )
        closing = closing.with_changes(first_line=cst.TrailingWhitespace())
    else:
        separator = cst.SimpleWhitespace(" ")
    items[-1] = last.with_changes(comma=cst.Comma(whitespace_after=separator))
    items.append(new)
    return items, closing


def _position(keys: Sequence[Optional[str]]) -> int:
    for key in AFTER_KEYS:
        if key in keys:
            return keys.index(key)
    return len(keys) - 1


class LifecycleRuleWithoutFilter(Rule):
    """
    ## What it does
    Finds rules of an `S3BucketLifecycleConfiguration` (struct calls, or dicts in its `rule`
    list) that have neither `filter` nor `prefix`, and adds
    `filter=[S3BucketLifecycleConfigurationRuleFilter(prefix="")]` after the rule's `status`,
    importing the struct (a dict rule gets `"filter": [{"prefix": ""}]`).

    ## Why is this bad?
    Each rule of `aws_s3_bucket_lifecycle_configuration` needs exactly one of `filter` and
    `prefix`. Without them the AWS provider (5.86 and later, 6.x included) warns on every plan
    `Invalid Attribute Combination: No attribute specified when one (and only one) of
    [rule[0].filter,rule[0].prefix] is required`, and states that it will be an error in a future
    version of the provider; the S3 API itself rejects a rule with neither as `MalformedXML`
    where a client sends it unchanged. An empty `filter {}` block draws the same warning for its
    own fields. `filter` with `prefix = ""` selects every object, which is what a rule without a
    filter means.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
        S3BucketLifecycleConfiguration,
        S3BucketLifecycleConfigurationRule,
        S3BucketLifecycleConfigurationRuleExpiration,
    )

    S3BucketLifecycleConfiguration(
        self,
        "log-bucket-lifecycle",
        bucket=log_bucket.id,
        rule=[
            S3BucketLifecycleConfigurationRule(
                id="delete-old-logs",
                status="Enabled",
                expiration=[S3BucketLifecycleConfigurationRuleExpiration(days=30)],
            )
        ],
    )
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
        S3BucketLifecycleConfiguration,
        S3BucketLifecycleConfigurationRule,
        S3BucketLifecycleConfigurationRuleExpiration,
        S3BucketLifecycleConfigurationRuleFilter,
    )

    S3BucketLifecycleConfiguration(
        self,
        "log-bucket-lifecycle",
        bucket=log_bucket.id,
        rule=[
            S3BucketLifecycleConfigurationRule(
                id="delete-old-logs",
                status="Enabled",
                filter=[S3BucketLifecycleConfigurationRuleFilter(prefix="")],
                expiration=[S3BucketLifecycleConfigurationRuleExpiration(days=30)],
            )
        ],
    )
    ```

    ## Fix safety
    Safe: a filter with an empty prefix applies the rule to every object in the bucket, exactly
    as the rule without a filter does. A rule built with `**kwargs` is left alone.
    """

    CODE = "CDK106"
    NAME = "lifecycle-rule-without-filter"
    SUMMARY = "S3 lifecycle rule with neither `filter` nor `prefix`"
    PLATFORM = Platform.CDKTF
    FIX = FixSafety.SAFE
    TOKENS = (LIFECYCLE_MODULE,)
    PACKAGES = (CDKTF_PACKAGE,)

    def __init__(self, context) -> None:
        super().__init__(context)
        self.module: Optional[cst.Module] = None

    def visit_Module(self, node: cst.Module) -> None:
        self.module = node

    def visit_Call(self, node: cst.Call) -> None:
        index = load()
        resource = index.cdktf_class(LIFECYCLE_MODULE, RESOURCE)
        block = resource.struct_of("rule") if resource is not None else None
        if block is None:
            return
        rule_struct = block[0]
        names = imported_names(self, node.func)
        if f"{CDKTF_PACKAGE}.{LIFECYCLE_MODULE}.{rule_struct}" in names:
            self._check_struct(node, rule_struct)
            return
        found = resolve_call(self, node)
        if (
            found is None
            or found.cdktf is None
            or (found.module, found.name)
            != (
                LIFECYCLE_MODULE,
                RESOURCE,
            )
        ):
            return
        arg = keyword_arg(node, "rule")
        if arg is None:
            return
        if isinstance(arg.value, cst.List):
            dicts = [e.value for e in arg.value.elements if isinstance(e.value, cst.Dict)]
        elif isinstance(arg.value, cst.ListComp) and isinstance(arg.value.elt, cst.Dict):
            dicts = [arg.value.elt]
        else:
            dicts = []
        for rule in dicts:
            self._check_dict(rule)

    def _filter_block(self, rule_struct: str) -> Optional[tuple[str, bool]]:
        spec = load().cdktf_class(LIFECYCLE_MODULE, rule_struct)
        return spec.struct_of("filter") if spec is not None else None

    def _check_struct(self, call: cst.Call, rule_struct: str) -> None:
        if any(arg.star for arg in call.args):
            return
        keys = [arg.keyword.value if arg.keyword is not None else None for arg in call.args]
        if any(key in keys for key in SCOPE_KEYS) or not call.args:
            return
        block = self._filter_block(rule_struct)
        assert self.module is not None
        message = (
            f"{rule_struct} has neither `filter` nor `prefix`; the provider requires one of them"
        )
        if block is None:
            self.report(call, message)
            return
        filter_struct, takes_list = block
        func, edit = spell(
            self.module, f"{CDKTF_PACKAGE}.{LIFECYCLE_MODULE}.{filter_struct}", call.func
        )
        value = cst.parse_expression(f'{func}(prefix="")')
        if takes_list:
            value = cst.List([cst.Element(value)])
        equal = next(
            (a.equal for a in call.args if a.keyword is not None), cst.MaybeSentinel.DEFAULT
        )
        new = cst.Arg(
            keyword=cst.Name("filter"),
            value=value,
            equal=equal
            if isinstance(equal, cst.AssignEqual)
            else cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        closing = call.args[-1].whitespace_after_arg
        args, closing = insert_item(
            call.args, _position(keys), new, call.whitespace_before_args, closing
        )
        args = [
            a.with_changes(whitespace_after_arg=cst.SimpleWhitespace("")) for a in args[:-1]
        ] + [args[-1].with_changes(whitespace_after_arg=closing)]
        self.report(
            call,
            message,
            replacements={call: call.with_changes(args=args)},
            imports=(edit,) if edit is not None else (),
        )

    def _check_dict(self, rule: cst.Dict) -> None:
        keys: list[Optional[str]] = []
        for element in rule.elements:
            if not isinstance(element, cst.DictElement):
                return
            keys.append(string_value(element.key))
        if None in keys or not keys or any(key in keys for key in SCOPE_KEYS):
            return
        first = rule.elements[0]
        assert isinstance(first, cst.DictElement)
        like = first.key if isinstance(first.key, cst.SimpleString) else None
        colon = {
            "whitespace_before_colon": first.whitespace_before_colon
            if isinstance(first.whitespace_before_colon, cst.SimpleWhitespace)
            else cst.SimpleWhitespace(""),
            "whitespace_after_colon": first.whitespace_after_colon
            if isinstance(first.whitespace_after_colon, cst.SimpleWhitespace)
            else cst.SimpleWhitespace(" "),
        }

        def text(value: str) -> cst.SimpleString:
            return string_literal(value, like)

        value = cst.List(
            [cst.Element(cst.Dict([cst.DictElement(text("prefix"), text(""), **colon)]))]
        )
        new = cst.DictElement(text("filter"), value, **colon)
        elements, closing = insert_item(
            rule.elements,
            _position(keys),
            new,
            rule.lbrace.whitespace_after,
            rule.rbrace.whitespace_before,
        )
        self.report(
            rule,
            "lifecycle rule has neither `filter` nor `prefix`; the provider requires one of them",
            replacements={
                rule: rule.with_changes(
                    elements=elements,
                    rbrace=rule.rbrace.with_changes(whitespace_before=closing),
                )
            },
        )
