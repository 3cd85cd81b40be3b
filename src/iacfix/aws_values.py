"""What the AWS rules know about values and arguments, and the argument edits they share.

- Values: a string known from a literal or from a module-level constant bound once to a literal;
  the database engine a cluster or instance runs (a literal, a constant, or Pulumi's
  `rds.EngineType` enum).
- The database resources and the names of their credential arguments, which differ between
  clusters and instances.
- Argument edits that keep the call's layout: inserting a keyword argument, replacing one with
  another, removing an entry from a dict.

Rules that resolve constants list `ScopeProvider` in their METADATA_DEPENDENCIES and build a
`StringConstants` from the module in `visit_Module`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import libcst as cst
from libcst.metadata import Assignment, GlobalScope

from iacfix.calls import remove_arg, string_value
from iacfix.metadata import ScopeProvider
from iacfix.resources import PULUMI_PACKAGE, imported_names
from iacfix.rule import Rule

# -- values ---------------------------------------------------------------------------------------


class StringConstants:
    """Module-level names bound once, to a string literal (`ENGINE = "aurora-postgresql"`)."""

    def __init__(self, module: cst.Module) -> None:
        self._values: dict[int, str] = {}
        self._statements: dict[int, cst.SimpleStatementLine] = {}  # where a constant stands alone
        for statement in module.body:
            if not isinstance(statement, cst.SimpleStatementLine):
                continue
            for small in statement.body:
                if isinstance(small, cst.Assign) and len(small.targets) == 1:
                    target, value = small.targets[0].target, small.value
                elif isinstance(small, cst.AnnAssign) and small.value is not None:
                    target, value = small.target, small.value
                else:
                    continue
                text = string_value(value)
                if isinstance(target, cst.Name) and text is not None:
                    self._values[id(target)] = text
                    if len(statement.body) == 1:
                        self._statements[id(target)] = statement

    def _binding(self, rule: Rule, node: cst.BaseExpression) -> Optional[Assignment]:
        if not isinstance(node, cst.Name):
            return None
        scope = rule.get_metadata(ScopeProvider, node, None)
        if scope is None:
            return None
        bindings = list(scope[node.value])
        if len(bindings) != 1:
            return None
        binding = bindings[0]
        if not isinstance(binding, Assignment) or not isinstance(binding.scope, GlobalScope):
            return None
        return binding if id(binding.node) in self._values else None

    def value(self, rule: Rule, node: cst.BaseExpression) -> Optional[str]:
        """The string `node` provably is: a literal, or a name whose only binding is a constant."""
        literal = string_value(node)
        if literal is not None:
            return literal
        binding = self._binding(rule, node)
        return self._values[id(binding.node)] if binding is not None else None

    def unused_without(
        self, rule: Rule, node: cst.BaseExpression
    ) -> Optional[cst.SimpleStatementLine]:
        """The statement defining the constant `node` names, when `node` is its only use: a fix
        that removes `node` removes that statement too."""
        binding = self._binding(rule, node)
        if binding is None or id(binding.node) not in self._statements:
            return None
        if [access.node for access in binding.references] != [node]:
            return None
        return self._statements[id(binding.node)]


def engine_name(
    rule: Rule, value: cst.BaseExpression, constants: StringConstants
) -> Optional[str]:
    """The engine `value` names: a literal, a constant, or `rds.EngineType.AURORA_POSTGRESQL`."""
    text = constants.value(rule, value)
    if text is not None:
        return text.lower()
    for name in imported_names(rule, value):
        if name.startswith(f"{PULUMI_PACKAGE}.rds.EngineType."):
            return name.rsplit(".", 1)[1].lower().replace("_", "-")
    return None


POSTGRESQL_ENGINES = frozenset({"postgres", "aurora-postgresql"})


def is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


# -- the database resources -----------------------------------------------------------------------


@dataclass(frozen=True)
class Database:
    """The credential arguments of one database resource type (the same in CDKTF and Pulumi)."""

    username: str
    password: str
    default_engine: Optional[str] = None  # the engine when none is given, if there is only one


DATABASES = {
    "aws_rds_cluster": Database("master_username", "master_password"),
    "aws_db_instance": Database("username", "password"),
    "aws_docdb_cluster": Database("master_username", "master_password", "docdb"),
}


# -- argument edits -------------------------------------------------------------------------------
#
# In a call written one argument per line, what follows an argument's comma (a
# ParenthesizedWhitespace) holds the argument's trailing comment (`first_line`), the comment lines
# above the next argument (`empty_lines`) and the next argument's indent (`last_line`).


def _without_comment(whitespace):
    if isinstance(whitespace, cst.ParenthesizedWhitespace):
        return whitespace.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])
    return whitespace


def _without_trailing_comment(whitespace):
    if isinstance(whitespace, cst.ParenthesizedWhitespace):
        return whitespace.with_changes(first_line=cst.TrailingWhitespace())
    return whitespace


def _leading_whitespace(call: cst.Call, index: int):
    """What stands before argument `index`: the line break and indent of a multi-line call."""
    if index == 0:
        return call.whitespace_before_args
    comma = call.args[index - 1].comma
    return comma.whitespace_after if isinstance(comma, cst.Comma) else cst.SimpleWhitespace(" ")


def _continued(after, between):
    """What follows an argument that a new one now follows: its own comment and line break, with
    the indent of the arguments (`between`); a space in a call written on one line."""
    if isinstance(after, cst.ParenthesizedWhitespace):
        # Comment lines that stood above the next argument stay with it, below the new one.
        if isinstance(between, cst.ParenthesizedWhitespace):
            return after.with_changes(empty_lines=[], last_line=between.last_line)
        if after.first_line.comment is not None:
            # Keep the comment on its line; the new argument aligns with `)`.
            return after.with_changes(empty_lines=[])
    return between


def insert_arg(call: cst.Call, new: cst.Arg, index: int) -> cst.Call:
    """`call` with `new` inserted before position `index` (after at least one argument), laid out
    like its neighbours: on its own line in a call written one argument per line."""
    args = list(call.args)
    assert 0 < index <= len(args)
    previous = args[index - 1]
    leading = _leading_whitespace(call, index - 1)
    if isinstance(leading, cst.ParenthesizedWhitespace):
        between = _without_comment(leading)
    else:
        between = cst.SimpleWhitespace(" ")
    if isinstance(previous.comma, cst.Comma):
        after = previous.comma.whitespace_after
        # The previous argument keeps its comment; the new one takes the line break that followed.
        previous = previous.with_changes(
            comma=previous.comma.with_changes(whitespace_after=_continued(after, between))
        )
        new = new.with_changes(comma=cst.Comma(whitespace_after=_without_trailing_comment(after)))
    else:
        # The previous argument ended the call without a trailing comma.
        closing = previous.whitespace_after_arg
        previous = previous.with_changes(
            comma=cst.Comma(whitespace_after=_continued(closing, between)),
            whitespace_after_arg=cst.SimpleWhitespace(""),
        )
        new = new.with_changes(
            comma=cst.MaybeSentinel.DEFAULT,
            whitespace_after_arg=_without_trailing_comment(closing),
        )
    args[index - 1] = previous
    args.insert(index, new)
    return call.with_changes(args=args)


def keyword(name: str, value: cst.BaseExpression) -> cst.Arg:
    """`name=value`, as PEP 8 writes keyword arguments."""
    no_space = cst.SimpleWhitespace("")
    return cst.Arg(
        keyword=cst.Name(name),
        value=value,
        equal=cst.AssignEqual(whitespace_before=no_space, whitespace_after=no_space),
    )


def insert_keyword_after(
    call: cst.Call, new: cst.Arg, after: tuple[str, ...], before: tuple[str, ...] = ("tags",)
) -> cst.Call:
    """`call` with `new` after the argument named in `after` that comes last in that tuple;
    failing that, before the first argument named in `before`; failing that, at the end."""
    names = [arg.keyword.value if arg.keyword is not None else None for arg in call.args]
    for name in reversed(after):
        if name in names:
            return insert_arg(call, new, names.index(name) + 1)
    for index, name in enumerate(names):
        if name in before and index > 0:
            return insert_arg(call, new, index)
    return insert_arg(call, new, len(call.args))


def replace_arg(call: cst.Call, old: cst.Arg, new: cst.Arg) -> cst.Call:
    """`call` with `old` replaced by `new` in its place; the comment after `old` goes with it."""
    comma = old.comma
    if isinstance(comma, cst.Comma):
        after = _without_trailing_comment(comma.whitespace_after)
        comma = comma.with_changes(whitespace_after=after)
    replacement = new.with_changes(
        comma=comma, whitespace_after_arg=_without_trailing_comment(old.whitespace_after_arg)
    )
    return call.with_changes(args=[replacement if a is old else a for a in call.args])


def _to_next(before_removed, removed_comma):
    """The whitespace that led to a removed item, now leading to the item after it: the comment
    lines written above that next item stay; those above the removed item go with it."""
    if not isinstance(removed_comma, cst.Comma):
        return before_removed
    after = removed_comma.whitespace_after
    if isinstance(before_removed, cst.ParenthesizedWhitespace) and isinstance(
        after, cst.ParenthesizedWhitespace
    ):
        return before_removed.with_changes(empty_lines=after.empty_lines)
    return before_removed


def remove_keyword(call: cst.Call, arg: cst.Arg) -> cst.Call:
    """`call` without `arg`, its line and its trailing comment. Unlike `calls.remove_arg`, the
    comment lines above the next argument stay, and so does a comment on the line of an argument
    that ended the call without a trailing comma."""
    args = list(call.args)
    index = next(i for i, a in enumerate(args) if a is arg)
    if index < len(args) - 1:
        if index == 0:
            call = call.with_changes(
                whitespace_before_args=_to_next(call.whitespace_before_args, arg.comma)
            )
        elif isinstance(args[index - 1].comma, cst.Comma):
            previous = args[index - 1]
            kept = _to_next(previous.comma.whitespace_after, arg.comma)
            args[index - 1] = previous.with_changes(
                comma=previous.comma.with_changes(whitespace_after=kept)
            )
        del args[index]
        return call.with_changes(args=args)
    if not isinstance(arg.comma, cst.Comma):
        quiet = arg.with_changes(
            whitespace_after_arg=_without_trailing_comment(arg.whitespace_after_arg)
        )
        call = call.with_changes(args=[quiet if a is arg else a for a in call.args])
        arg = quiet
    return remove_arg(call, arg)


def remove_dict_element(node: cst.Dict, element: cst.BaseDictElement) -> cst.Dict:
    """`node` without `element`, its line and trailing comment; the others keep their layout."""
    elements = list(node.elements)
    index = next(i for i, e in enumerate(elements) if e is element)
    del elements[index]
    if not elements:
        return node.with_changes(elements=[], rbrace=cst.RightCurlyBrace())
    if index < len(elements):  # another element followed
        if index == 0:
            lbrace = node.lbrace
            return node.with_changes(
                elements=elements,
                lbrace=lbrace.with_changes(
                    whitespace_after=_to_next(lbrace.whitespace_after, element.comma)
                ),
            )
        previous = elements[index - 1]
        if isinstance(previous.comma, cst.Comma):
            kept = _to_next(previous.comma.whitespace_after, element.comma)
            elements[index - 1] = previous.with_changes(
                comma=previous.comma.with_changes(whitespace_after=kept)
            )
        return node.with_changes(elements=elements)
    # The removed element was the last: the one before it now ends the dict.
    previous = elements[index - 1]
    assert isinstance(previous.comma, cst.Comma)
    own_line = previous.comma.whitespace_after  # the previous element's trailing comment
    if isinstance(element.comma, cst.Comma):  # a trailing comma: keep one
        closing = element.comma.whitespace_after
        if isinstance(closing, cst.ParenthesizedWhitespace) and isinstance(
            own_line, cst.ParenthesizedWhitespace
        ):
            closing = closing.with_changes(first_line=own_line.first_line)
        elements[index - 1] = previous.with_changes(
            comma=previous.comma.with_changes(whitespace_after=closing)
        )
        return node.with_changes(elements=elements)
    elements[index - 1] = previous.with_changes(comma=cst.MaybeSentinel.DEFAULT)
    closing = node.rbrace.whitespace_before
    if isinstance(closing, cst.ParenthesizedWhitespace) and isinstance(
        own_line, cst.ParenthesizedWhitespace
    ):
        closing = closing.with_changes(first_line=own_line.first_line)
    return node.with_changes(
        elements=elements, rbrace=node.rbrace.with_changes(whitespace_before=closing)
    )


def dict_key(element: cst.BaseDictElement) -> Optional[str]:
    """The string key of a `"key": value` element, else None."""
    if isinstance(element, cst.DictElement):
        return string_value(element.key)
    return None
