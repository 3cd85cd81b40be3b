from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor

from iacfix.calls import string_literal, string_value
from iacfix.project import Project, ProjectRule, node_position
from iacfix.rule import FixSafety, Platform


@dataclass(frozen=True)
class NewParameter:
    name: str
    annotation: Optional[str]  # `str`, `dict`, ... as the call site shows; None when unknown
    environment: Optional[tuple[str, cst.BaseExpression]]  # (variable, default) the value reads


def _environment_lookup(node: cst.BaseExpression) -> Optional[tuple[str, cst.BaseExpression]]:
    """`os.getenv("X", d)` / `os.environ.get("X", d)` -> ("X", d)."""
    if not isinstance(node, cst.Call) or not node.args:
        return None
    func = cst.helpers.get_full_name_for_node(node.func)
    if func not in ("os.getenv", "os.environ.get", "getenv", "environ.get"):
        return None
    variable = string_value(node.args[0].value)
    if variable is None:
        return None
    default = node.args[1].value if len(node.args) > 1 else cst.Name("None")
    return variable, default


def _annotation(node: cst.BaseExpression) -> Optional[str]:
    if isinstance(node, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)):
        return "str"
    if isinstance(node, cst.Dict):
        return "dict"
    if isinstance(node, cst.List):
        return "list"
    if isinstance(node, cst.Integer):
        return "int"
    if _environment_lookup(node) is not None:
        return "str"
    return None


class _Assignments(cst.CSTVisitor):
    """Module-level `name = value` assignments of the entry point, to see where values come from."""

    def __init__(self) -> None:
        self.values: dict[str, cst.BaseExpression] = {}

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            self.values[node.targets[0].target.value] = node.value

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False


def _imported_classes(module: cst.Module) -> dict[str, tuple[str, str]]:
    """Local name -> (module, class) for `from module import Class [as name]` at the top level."""
    found = {}
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.ImportFrom) and not small.relative and small.module:
                if isinstance(small.names, cst.ImportStar):
                    continue
                dotted = cst.helpers.get_full_name_for_node(small.module) or ""
                for alias in small.names:
                    local = alias.asname.name.value if alias.asname else alias.name.value
                    found[local] = (dotted, alias.name.value)
    return found


def _find_init(module: cst.Module, class_name: str) -> Optional[cst.FunctionDef]:
    for statement in module.body:
        if isinstance(statement, cst.ClassDef) and statement.name.value == class_name:
            for item in statement.body.body:
                if isinstance(item, cst.FunctionDef) and item.name.value == "__init__":
                    return item
    return None


def _accepted(init: cst.FunctionDef) -> Optional[set[str]]:
    """The keyword names `__init__` accepts; None when it takes `**kwargs` (it accepts all)."""
    params = init.params
    if isinstance(params.star_kwarg, cst.Param):
        return None
    return {p.name.value for p in (*params.params, *params.kwonly_params)}


class _AddParameters(cst.CSTTransformer):
    """Add the new parameters to `__init__` (after the existing ones, in their layout) and the
    environment fallbacks right after the `super().__init__(...)` call."""

    def __init__(self, init: cst.FunctionDef, new: list[NewParameter], indent: str) -> None:
        super().__init__()
        self.init = init
        self.new = new
        self.indent = indent  # of the `def` line

    def leave_FunctionDef(self, original_node, updated_node):
        if original_node is not self.init:
            return updated_node
        params = updated_node.params
        keyword_only = params.star_arg != cst.MaybeSentinel.DEFAULT
        existing = list(params.kwonly_params if keyword_only else params.params)
        added = [
            cst.Param(
                name=cst.Name(p.name),
                annotation=cst.Annotation(cst.parse_expression(p.annotation))
                if p.annotation
                else None,
                default=cst.Name("None"),
                equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(" " if p.annotation else ""),
                    whitespace_after=cst.SimpleWhitespace(" " if p.annotation else ""),
                ),
            )
            for p in self.new
        ]
        merged = _append_params(existing, added)
        params = (
            params.with_changes(kwonly_params=merged)
            if keyword_only
            else params.with_changes(params=merged)
        )
        header = cst.Module([]).code_for_node(updated_node.with_changes(params=params, body=cst.SimpleStatementSuite([cst.Pass()])))
        opening = updated_node.whitespace_before_params
        if "\n" not in header.strip() and len(self.indent) + len(header.strip()) > MAX_LINE:
            params, opening = _one_per_line(params, self.indent)
        body = list(updated_node.body.body)
        fallbacks = [
            cst.parse_statement(
                f"{p.name} = {p.name} or os.environ.get("
                f"{string_literal(p.environment[0]).value}, "
                f"{cst.Module([]).code_for_node(p.environment[1])})\n"
            )
            for p in self.new
            if p.environment is not None
        ]
        at = next((i + 1 for i, s in enumerate(body) if _is_super_init(s)), 0)
        if fallbacks and at == 0 and body and _is_docstring(body[0]):
            at = 1
        body[at:at] = fallbacks
        return updated_node.with_changes(
            params=params,
            whitespace_before_params=opening,
            body=updated_node.body.with_changes(body=body),
        )


MAX_LINE = 99  # longer signatures get one parameter per line, as formatters lay them out


def _one_per_line(params: cst.Parameters, indent: str):
    """The parameters one per line, with a trailing comma, and the whitespace after `(`."""

    def line(last_line: str) -> cst.ParenthesizedWhitespace:
        return cst.ParenthesizedWhitespace(
            first_line=cst.TrailingWhitespace(),
            empty_lines=[],
            indent=False,
            last_line=cst.SimpleWhitespace(last_line),
        )

    inner = indent + "    "
    items = [*params.params, *params.kwonly_params]
    laid_out = []
    for index, param in enumerate(items):
        is_last = index == len(items) - 1
        laid_out.append(
            param.with_changes(
                comma=cst.Comma(whitespace_after=line(indent if is_last else inner)),
                whitespace_after_param=cst.SimpleWhitespace(""),
            )
        )
    if params.star_arg != cst.MaybeSentinel.DEFAULT or params.star_kwarg is not None:
        return params, cst.SimpleWhitespace("")  # unusual signatures keep their layout
    return params.with_changes(params=laid_out, kwonly_params=[]), line(inner)


def _append_params(existing: list[cst.Param], added: list[cst.Param]) -> list[cst.Param]:
    if not existing:
        return [
            p.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            if i < len(added) - 1
            else p
            for i, p in enumerate(added)
        ]
    last = existing[-1]
    separator = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if len(existing) > 1 and isinstance(existing[-2].comma, cst.Comma):
        separator = existing[-2].comma
    trailing = last.comma
    if isinstance(trailing, cst.Comma) and isinstance(
        trailing.whitespace_after, cst.ParenthesizedWhitespace
    ):
        separator = separator if isinstance(separator.whitespace_after, cst.ParenthesizedWhitespace) else trailing
    result = [*existing[:-1], last.with_changes(comma=separator)]
    for index, param in enumerate(added):
        is_last = index == len(added) - 1
        result.append(param.with_changes(comma=trailing if is_last else separator))
    return result


def _is_super_init(statement: cst.BaseStatement) -> bool:
    code = cst.Module([]).code_for_node(statement).strip()
    return code.startswith("super(") and ".__init__(" in code


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


class EntryPointArguments(ProjectRule):
    """
    ## What it does
    Finds a call in the entry point (`tap.py`, `main.py`, `__main__.py`, Pulumi.yaml's `main`)
    that passes keyword arguments the stack class's `__init__` does not accept, and adds those
    parameters to the class in its own module, defaulting to `None`. Where the entry point reads
    the value from an environment variable, the stack falls back to the same variable.

    ## Why is this bad?
    `TapStack(app, name, environment_suffix=..., state_bucket=...)` against
    `def __init__(self, scope, id)` raises `TypeError: __init__() got an unexpected keyword
    argument 'environment_suffix'` when `cdktf synth` or `pulumi up` runs the entry point, so
    nothing deploys. The two files are usually written separately and drift apart.

    ## Example
    ```python
    # tap.py: TapStack(app, "TapStack", environment_suffix=os.getenv("ENVIRONMENT_SUFFIX", "dev"))
    class TapStack(TerraformStack):
        def __init__(self, scope: Construct, construct_id: str):
            super().__init__(scope, construct_id)
    ```

    ## Use instead
    ```python
    class TapStack(TerraformStack):
        def __init__(self, scope: Construct, construct_id: str, environment_suffix: str = None):
            super().__init__(scope, construct_id)
            environment_suffix = environment_suffix or os.environ.get("ENVIRONMENT_SUFFIX", "dev")
    ```

    ## Fix safety
    Safe: the added parameters only accept what the entry point already passes; the stack's body
    is unchanged apart from the environment fallbacks, which read what the entry point reads.
    """

    CODE = "PRJ401"
    NAME = "entry-point-arguments"
    SUMMARY = "entry point passes keyword arguments the stack class does not accept"
    PLATFORM = Platform.BOTH
    FIX = FixSafety.SAFE

    def check(self, project: Project) -> None:
        for entry in project.entry_points:
            wrapper = project.parsed(entry)
            if wrapper is None:
                continue
            module = wrapper.module
            classes = _imported_classes(module)
            assignments = _Assignments()
            module.visit(assignments)
            calls: list[cst.Call] = []

            class Calls(cst.CSTVisitor):
                def visit_Call(self, node: cst.Call) -> None:
                    if isinstance(node.func, cst.Name) and node.func.value in classes:
                        calls.append(node)

            module.visit(Calls())
            for call in calls:
                self._check_call(project, entry, wrapper, call, classes[call.func.value], assignments)

    def _check_call(self, project, entry, wrapper, call, target, assignments) -> None:
        dotted, class_name = target
        path = project.module_file(dotted)
        stack = project.parsed(path) if path else None
        init = _find_init(stack.module, class_name) if stack else None
        accepted = _accepted(init) if init else None
        if init is None or accepted is None:
            return
        keywords = [a for a in call.args if a.keyword is not None]
        missing = [a for a in keywords if a.keyword.value not in accepted]
        if not missing:
            return
        new = []
        for arg in missing:
            value = arg.value
            if isinstance(value, cst.Name) and value.value in assignments.values:
                value = assignments.values[value.value]
            new.append(NewParameter(arg.keyword.value, _annotation(value), _environment_lookup(value)))
        indent = " " * (node_position(stack, init).col - 1)
        updated = stack.module.visit(_AddParameters(init, new, indent))
        if any(p.environment for p in new):
            context = CodemodContext()
            AddImportsVisitor.add_needed_import(context, "os")
            updated = AddImportsVisitor(context).transform_module(updated)
        names = ", ".join(f"`{a.keyword.value}`" for a in missing)
        self.report(
            entry,
            node_position(wrapper, call),
            f"`{class_name}` ({project.relative(path)}) does not accept {names}; "
            "the call raises TypeError",
            edits={path: updated.code},
        )
