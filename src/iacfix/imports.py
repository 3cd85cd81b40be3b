"""Import edits through LibCST's AddImportsVisitor, with names appended where a person adds them.

LibCST merges a new name into an existing `from module import ...` by putting it first
(`import New, Old`); iacfix appends it after the names already there, in their layout, so the
import reads as if it had been written that way.
"""

from __future__ import annotations

from typing import Sequence

import libcst as cst
from libcst.codemod.visitors import AddImportsVisitor


def _without_comment(whitespace):
    if isinstance(whitespace, cst.ParenthesizedWhitespace):
        return whitespace.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])
    return whitespace


def _append(node: cst.ImportFrom, added: Sequence[cst.ImportAlias]) -> list:
    """`node`'s names followed by `added`, one per line if the import is laid out that way."""
    existing = list(node.names)
    opening = node.lpar.whitespace_after if node.lpar else None
    if isinstance(opening, cst.ParenthesizedWhitespace):  # `import (\n    A,\n)`
        between: cst.BaseParenthesizableWhitespace = _without_comment(opening)
    else:
        between = cst.SimpleWhitespace(" ")
    last = existing[-1]
    trailing = last.comma  # a trailing comma, with what stands before `)`
    if isinstance(trailing, cst.Comma) and isinstance(
        trailing.whitespace_after, cst.ParenthesizedWhitespace
    ):
        # The last name keeps its own trailing comment; the new names start on new lines.
        last_comma = trailing.with_changes(
            whitespace_after=trailing.whitespace_after.with_changes(
                empty_lines=[], last_line=between.last_line
            )
            if isinstance(between, cst.ParenthesizedWhitespace)
            else between
        )
        trailing = trailing.with_changes(
            whitespace_after=trailing.whitespace_after.with_changes(
                first_line=cst.TrailingWhitespace()
            )
        )
    else:
        last_comma = cst.Comma(whitespace_after=between)
    names = [*existing[:-1], last.with_changes(comma=last_comma)]
    for index, alias in enumerate(added):
        is_last = index == len(added) - 1
        names.append(alias.with_changes(comma=trailing if is_last else cst.Comma(whitespace_after=between)))
    return names


class AppendingAddImportsVisitor(AddImportsVisitor):
    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom:
        result = super().leave_ImportFrom(original_node, updated_node)
        if result is updated_node or isinstance(updated_node.names, cst.ImportStar):
            return result
        added = list(result.names)[: len(result.names) - len(updated_node.names)]
        return result.with_changes(names=_append(updated_node, added))
