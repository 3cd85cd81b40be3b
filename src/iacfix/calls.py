"""Reading and editing call arguments while keeping comments and layout."""

from __future__ import annotations

import ast
import keyword
from typing import Callable, Optional

import libcst as cst


def keyword_arg(call: cst.Call, name: str) -> Optional[cst.Arg]:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg
    return None


def string_value(node: cst.BaseExpression) -> Optional[str]:
    """The value of a plain string literal (implicit concatenation included), else None."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def string_literal(value: str, like: Optional[cst.SimpleString] = None) -> cst.SimpleString:
    """A string literal for `value`, in the quote style of `like` where that can hold it."""
    prefix_quote = like.quote if like is not None else '"'
    prefix = like.prefix.lower().replace("u", "") if like is not None else ""
    if "r" in prefix and ("\\" in value or prefix_quote in value):
        prefix = prefix.replace("r", "")
    if "r" in prefix:
        return cst.SimpleString(f"{prefix}{prefix_quote}{value}{prefix_quote}")
    text = repr(value)  # Python's own escaping, in single quotes unless the value has one
    if prefix_quote == '"' and text.startswith("'") and '"' not in value:
        text = '"' + text[1:-1].replace("\\'", "'") + '"'
    assert ast.literal_eval(text) == value
    return cst.SimpleString(prefix + text)


def remove_arg(call: cst.Call, arg: cst.Arg) -> cst.Call:
    """`call` without `arg`, its line and the comments above it and after it on its line; the
    neighbours keep their layout and comments (comments above the next argument stay)."""
    args = list(call.args)
    index = next(i for i, a in enumerate(args) if a is arg)
    del args[index]
    if index == len(args) and index > 0:
        # The removed argument was the last: the one before it now ends the list and takes over
        # what stood between the removed argument and `)`.
        previous = args[index - 1]
        if isinstance(arg.comma, cst.Comma):
            if isinstance(previous.comma, cst.Comma):
                closing = _joined(previous.comma.whitespace_after, arg.comma.whitespace_after)
                args[index - 1] = previous.with_changes(
                    comma=previous.comma.with_changes(whitespace_after=closing)
                )
        else:
            args[index - 1] = previous.with_changes(
                comma=cst.MaybeSentinel.DEFAULT, whitespace_after_arg=arg.whitespace_after_arg
            )
        return call.with_changes(args=args)
    if not isinstance(arg.comma, cst.Comma):
        return call.with_changes(args=args)
    following = arg.comma.whitespace_after  # the comments above the next argument live here
    if index == 0:
        return call.with_changes(
            args=args,
            whitespace_before_args=_joined(call.whitespace_before_args, following),
        )
    previous = args[index - 1]
    if isinstance(previous.comma, cst.Comma):
        args[index - 1] = previous.with_changes(
            comma=previous.comma.with_changes(
                whitespace_after=_joined(previous.comma.whitespace_after, following)
            )
        )
    return call.with_changes(args=args)


def _joined(before, after):
    """The whitespace that replaces `before` + removed argument + `after`: the line end of
    `before` (its trailing comment), then the lines and indentation of `after`."""
    if isinstance(before, cst.ParenthesizedWhitespace) and isinstance(
        after, cst.ParenthesizedWhitespace
    ):
        return after.with_changes(first_line=before.first_line)
    return after if isinstance(after, cst.ParenthesizedWhitespace) else before


def replace_arg_value(call: cst.Call, arg: cst.Arg, value: cst.BaseExpression) -> cst.Call:
    return call.with_changes(
        args=[a.with_changes(value=value) if a is arg else a for a in call.args]
    )


def dict_to_call(
    node: cst.Dict,
    func: cst.BaseExpression,
    keyword_for: Callable[[str], str] = lambda key: key,
) -> Optional[cst.Call]:
    """`{"a_b": 1, "c": x}` -> `func(a_b=1, c=x)`, keeping order, comments and layout.

    `keyword_for` maps a key to the parameter name that takes it. None when a key is not a string
    literal naming a valid keyword, or the dict unpacks another.
    """
    args: list[cst.Arg] = []
    for element in node.elements:
        if not isinstance(element, cst.DictElement):
            return None
        key = string_value(element.key)
        key = keyword_for(key) if key is not None else None
        if key is None or not key.isidentifier() or keyword.iskeyword(key):
            return None
        after_colon = element.whitespace_after_colon
        if isinstance(after_colon, cst.SimpleWhitespace):
            after_colon = cst.SimpleWhitespace("")  # `key=value`, as PEP 8 writes keywords
        args.append(
            cst.Arg(
                keyword=cst.Name(key),
                value=element.value,
                equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=after_colon
                ),
                comma=element.comma,
            )
        )
    closing = node.rbrace.whitespace_before
    if args:
        last = args[-1]
        if isinstance(last.comma, cst.Comma):
            if not (isinstance(closing, cst.SimpleWhitespace) and closing.value == ""):
                last = last.with_changes(comma=last.comma.with_changes(whitespace_after=closing))
        else:
            last = last.with_changes(whitespace_after_arg=closing)
        args[-1] = last
    return cst.Call(
        func=func,
        args=args,
        whitespace_before_args=node.lbrace.whitespace_after,
        lpar=node.lpar,
        rpar=node.rpar,
    )
