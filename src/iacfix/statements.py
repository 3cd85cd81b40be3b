"""Structural fixes: new statements placed right after the resource they belong to.

A rule that adds a resource (a separate encryption configuration, a monitoring role) finds the
statement that builds the original resource, makes sure that resource is bound to a variable it
can refer to, and inserts the new statements after it, as a careful person would write them.
Rules using these helpers list `ParentNodeProvider` in their METADATA_DEPENDENCIES.
"""

from __future__ import annotations

import keyword
import re
from typing import Optional, Sequence

import libcst as cst

from iacfix.metadata import ParentNodeProvider
from iacfix.rule import Rule


def enclosing_statement(rule: Rule, node: cst.CSTNode) -> Optional[cst.BaseStatement]:
    """The statement (a line of a block, or of the module) that contains `node`."""
    current: Optional[cst.CSTNode] = node
    while current is not None:
        parent = rule.get_metadata(ParentNodeProvider, current, None)
        if isinstance(parent, (cst.IndentedBlock, cst.Module)) and isinstance(
            current, cst.BaseStatement
        ):
            return current
        current = parent
    return None


def assigned_name(statement: cst.BaseStatement, call: cst.Call) -> Optional[str]:
    """`x` for a statement `x = call` (or `self.x = call`: `self.x`); None otherwise."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    small = statement.body[0]
    if isinstance(small, (cst.Assign, cst.AnnAssign)) and small.value is call:
        targets = small.targets if isinstance(small, cst.Assign) else [small]
        if len(targets) == 1:
            target = targets[0].target
            if isinstance(target, cst.Name):
                return target.value
            if isinstance(target, cst.Attribute):
                return cst.Module([]).code_for_node(target)
    return None


def is_bare_call(statement: cst.BaseStatement, call: cst.Call) -> bool:
    """True for a statement that is just `call` (its result thrown away)."""
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and statement.body[0].value is call
    )


def bind(statement: cst.SimpleStatementLine, name: str) -> cst.SimpleStatementLine:
    """`call(...)` -> `name = call(...)`, keeping the statement's comments and layout."""
    expr = statement.body[0]
    assert isinstance(expr, cst.Expr)
    assign = cst.Assign(targets=[cst.AssignTarget(cst.Name(name))], value=expr.value)
    return statement.with_changes(body=[assign])


def variable_name(construct_id: str) -> str:
    """A Python variable name from a construct id: `"tap-bucket"` -> `tap_bucket`."""
    name = re.sub(r"\W+", "_", construct_id).strip("_").lower() or "resource"
    if keyword.iskeyword(name):
        return name + "_"  # `lambda` -> `lambda_`, as jsii spells such names
    return name if not name[0].isdigit() else "r_" + name


def unused_name(module: cst.Module, base: str) -> str:
    """`base`, or `base_2`, `base_3`, ...: the first that no identifier of the file spells.

    Text in strings and comments does not count: `tap_bucket` is free in a file whose only
    `tap_bucket` is the construct id `"tap_bucket"`.
    """
    taken: set[str] = set()

    class Names(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            taken.add(node.value)

    module.visit(Names())
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}_{number}"
    return candidate


def insert_after(
    statement: cst.BaseStatement, new: Sequence[cst.BaseStatement], replaced: Optional[cst.BaseStatement] = None
) -> cst.FlattenSentinel:
    """The replacement for `statement`: itself (or `replaced`), then the `new` statements."""
    return cst.FlattenSentinel([replaced if replaced is not None else statement, *new])


def parse_statements(code: str, newline: str = "\n") -> list[cst.BaseStatement]:
    """Statements from source text (dedented), to be inserted into any block."""
    return list(cst.parse_module(code.replace("\n", newline) if newline != "\n" else code).body)
