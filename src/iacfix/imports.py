"""Import edits through LibCST's AddImportsVisitor, with names appended where a person adds them.

LibCST merges a new name into an existing `from module import ...` by putting it first
(`import New, Old`); iacfix appends it after the names already there, in their layout, so the
import reads as if it had been written that way.
"""

from __future__ import annotations

from typing import Sequence

import libcst as cst
from libcst.codemod.visitors import AddImportsVisitor


def _append(existing: Sequence[cst.ImportAlias], added: Sequence[cst.ImportAlias]) -> list:
    separator = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if len(existing) > 1 and isinstance(existing[0].comma, cst.Comma):
        separator = existing[0].comma  # the layout between names: `, ` or a line break
    trailing = existing[-1].comma  # a trailing comma, if the import had one
    names = [*existing[:-1], existing[-1].with_changes(comma=separator)]
    for index, alias in enumerate(added):
        names.append(alias.with_changes(comma=trailing if index == len(added) - 1 else separator))
    return names


class AppendingAddImportsVisitor(AddImportsVisitor):
    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom:
        result = super().leave_ImportFrom(original_node, updated_node)
        if result is updated_node or isinstance(updated_node.names, cst.ImportStar):
            return result
        existing = list(updated_node.names)
        added = list(result.names)[: len(result.names) - len(existing)]
        return result.with_changes(names=_append(existing, added))
