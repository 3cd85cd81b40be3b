from __future__ import annotations

import ast
import functools
import os
from dataclasses import dataclass
from typing import Optional

import libcst as cst

from iacfix import reads
from iacfix.calls import string_value
from iacfix.codemods.testing import is_test_file
from iacfix.codemods.testing.tst502_provider_is_a_list import assigned_value
from iacfix.metadata import (
    ParentNodeProvider,
    QualifiedNameProvider,
    QualifiedNameSource,
    ScopeProvider,
)
from iacfix.resources import imported_names
from iacfix.rule import FixSafety, Platform, Rule

TERRAFORM_STACK = "cdktf.TerraformStack"
# The public attributes of a cdktf 0.21.0 `TerraformStack` instance (`dir()` without `_` names).
STACK_ATTRIBUTES = frozenset(
    {
        "add_dependency",
        "add_override",
        "all_providers",
        "dependencies",
        "depends_on",
        "ensure_backend_exists",
        "get_logical_id",
        "has_resource_move",
        "is_construct",
        "is_stack",
        "move_targets",
        "node",
        "of",
        "prepare_stack",
        "register_incoming_cross_stack_reference",
        "register_outgoing_cross_stack_reference",
        "run_all_validations",
        "synthesizer",
        "to_hcl_terraform",
        "to_string",
        "to_terraform",
        "with_",
    }
)
# Where the search for a module the test imports (`lib.tap_stack`) stops going up.
PROJECT_ROOT_MARKERS = (".git", "pyproject.toml", "setup.py", "setup.cfg", "cdktf.json", "tap.py")
MAX_LEVELS_UP = 8


# -- what a stack class sets ----------------------------------------------------------------------


@dataclass(frozen=True)
class ClassFacts:
    is_stack: bool  # `cdktf.TerraformStack` is among its bases
    attributes: frozenset[str]  # every attribute the class or its bases can set or define
    complete: bool  # no way of getting attributes was left unread (unknown bases, setattr, ...)


class _SourceModule:
    """A Python file read with `ast`: its top-level classes and the names it imports."""

    def __init__(self, tree: ast.Module, path: Optional[str]) -> None:
        self.path = path
        self.classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
        self.imports: dict[str, str] = {}  # local name -> qualified name
        self.unresolvable: set[str] = set()  # relative and star imports
        for statement in tree.body:
            if isinstance(statement, ast.Import):
                for alias in statement.names:
                    if alias.asname:
                        self.imports[alias.asname] = alias.name
                    else:
                        top = alias.name.split(".")[0]
                        self.imports[top] = top
            elif isinstance(statement, ast.ImportFrom):
                for alias in statement.names:
                    local = alias.asname or alias.name
                    if statement.level or not statement.module or alias.name == "*":
                        self.unresolvable.add(local)
                    else:
                        self.imports[local] = f"{statement.module}.{alias.name}"

    def qualified(self, node: ast.expr) -> Optional[str]:
        """`TerraformStack` -> `cdktf.TerraformStack`; a class of this file -> `.Name`."""
        if isinstance(node, ast.Name):
            if node.id in self.unresolvable:
                return None
            if node.id in self.imports:
                return self.imports[node.id]
            return f".{node.id}" if node.id in self.classes else None
        if isinstance(node, ast.Attribute):
            owner = self.qualified(node.value)
            return f"{owner}.{node.attr}" if owner and not owner.startswith(".") else None
        return None


@functools.lru_cache(maxsize=256)
def _read_module(path: str, mtime_ns: int, size: int) -> Optional[_SourceModule]:
    try:
        with open(path, "rb") as handle:
            return _SourceModule(ast.parse(handle.read(), path), path)
    except (OSError, SyntaxError, ValueError, RecursionError):
        return None


def _load(path: str) -> Optional[_SourceModule]:
    reads.note(path)
    try:
        status = os.stat(path)
    except OSError:
        return None
    return _read_module(path, status.st_mtime_ns, status.st_size)


def module_file(dotted: str, start: str) -> Optional[str]:
    """The project file of `dotted` (`lib.tap_stack`), from `start` and the folders above it up to
    the project root."""
    directory = os.path.abspath(start)
    for _ in range(MAX_LEVELS_UP):
        base = os.path.join(directory, *dotted.split("."))
        for candidate in (base + ".py", os.path.join(base, "__init__.py")):
            if reads.isfile(candidate):
                return candidate
        parent = os.path.dirname(directory)
        if parent == directory or any(
            reads.exists(os.path.join(directory, marker)) for marker in PROJECT_ROOT_MARKERS
        ):
            return None
        directory = parent
    return None


def class_facts(module: _SourceModule, name: str, depth: int = 0) -> Optional[ClassFacts]:
    """What the class `name` of `module` sets; None when it is not there."""
    node = module.classes.get(name)
    if node is None or depth > 10:
        return None
    complete = not node.decorator_list and not node.keywords
    attributes: set[str] = set()
    for statement in node.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            attributes.add(statement.name)
        elif isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for target in targets:
                attributes.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(statement, (ast.Import, ast.ImportFrom)):
            complete = False
    for inner in ast.walk(node):
        if isinstance(inner, ast.Attribute):
            if isinstance(inner.ctx, (ast.Store, ast.Del)):
                attributes.add(inner.attr)
            if inner.attr in ("__dict__", "__setattr__"):
                complete = False
        elif isinstance(inner, ast.Name) and inner.id in ("setattr", "vars"):
            complete = False
    if attributes & {"__getattr__", "__getattribute__", "__slots__"}:
        complete = False
    is_stack = False
    for base in node.bases:
        if isinstance(base, ast.Name) and base.id == "object":
            continue
        qualified = module.qualified(base)
        facts = None
        if qualified == TERRAFORM_STACK:
            is_stack = True
            attributes |= STACK_ATTRIBUTES
            continue
        if qualified is not None and qualified.startswith("."):
            facts = class_facts(module, qualified[1:], depth + 1)
        elif qualified is not None and module.path is not None:
            dotted, _, base_name = qualified.rpartition(".")
            path = module_file(dotted, os.path.dirname(module.path)) if dotted else None
            source = _load(path) if path else None
            facts = class_facts(source, base_name, depth + 1) if source else None
        if facts is None:
            complete = False
            continue
        is_stack = is_stack or facts.is_stack
        attributes |= facts.attributes
        complete = complete and facts.complete
    return ClassFacts(is_stack, frozenset(attributes), complete)


def _import_bindings(tree: ast.Module) -> dict[str, set[str]]:
    """Every name an import anywhere in the file binds -> the qualified names it may stand for,
    spelled as LibCST's QualifiedNameProvider spells them (`from .lib import X` -> `.lib.X`)."""
    bound: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                name = alias.asname or alias.name.split(".")[0]
                bound.setdefault(name, set()).add(alias.name if alias.asname else name)
        elif isinstance(node, ast.ImportFrom):
            prefix = "." * node.level + (node.module or "")
            for alias in node.names:
                if alias.name != "*":
                    qualified = f"{prefix}.{alias.name}" if node.module else f"{prefix}{alias.name}"
                    bound.setdefault(alias.asname or alias.name, set()).add(qualified)
    return bound


def _dotted_parts(node: ast.expr) -> Optional[list[str]]:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return parts[::-1]


def may_construct_a_stack(text: str, path: str) -> bool:
    """Whether the file calls a class the rule could take for a stack: one of the file, or an
    imported one whose module is found, that is a `TerraformStack` or, with its source not found or
    not complete, named `...Stack`. Read with `ast`, it answers for every call the rule could look
    at, so a file where it is False cannot get a finding and is not parsed with LibCST."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return True  # the parse reports it
    test = _SourceModule(tree, None if path == "-" else os.path.abspath(path))
    bound = _import_bindings(tree)
    folder = os.path.dirname(os.path.abspath(path)) if path != "-" else None

    # Each class is looked at once per file, however often it is called (a memo per file, so
    # the files read for it are noted in this file's record of reads).
    answers: dict[tuple[str, str], bool] = {}
    modules: dict[str, Optional[_SourceModule]] = {}

    def imported(dotted: str) -> Optional[_SourceModule]:
        if dotted not in modules:
            found = module_file(dotted, folder) if folder else None
            modules[dotted] = _load(found) if found else None
        return modules[dotted]

    def stack_like(key: str, name: str) -> bool:
        """`key`: "" for a class of the test file, else the module it is imported from."""
        if (key, name) not in answers:
            module = imported(key) if key else test
            facts = class_facts(module, name) if module else None
            answers[key, name] = (facts is not None and facts.is_stack) or (
                (facts is None or not facts.complete) and name.endswith("Stack")
            )
        return answers[key, name]

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        parts = _dotted_parts(node.func)
        if parts is None:
            continue
        if len(parts) == 1 and parts[0] in test.classes and stack_like("", parts[0]):
            return True
        for qualified in bound.get(parts[0], ()):
            dotted, _, name = ".".join([qualified, *parts[1:]]).rpartition(".")
            if dotted and name[:1].isupper() and stack_like(dotted, name):
                return True
    return False


# -- the rule -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Check:
    node: cst.CSTNode  # what is reported
    target: cst.BaseExpression  # the stack expression
    attribute: str
    text: str  # how the check reads, for the message
    outcome: str  # what it does when the attribute is not there


class StackAttributeChecks(Rule):
    """
    ## What it does
    Finds test assertions about Python attributes of a CDKTF stack, `assert hasattr(stack,
    "bucket")` or `assert stack.bucket is not None` (unittest's `assertTrue` / `assertIsNotNone`
    too), where the stack's class never sets that attribute. The stack class is read from the test
    file or from the project module the test imports it from (`from lib.tap_stack import
    TapStack`). With `--select TST501`, every such assertion about a stack is reported, set or not.

    ## Why is this bad?
    A construct created in a stack's constructor (`S3Bucket(self, "bucket", ...)`) is part of the
    synthesized configuration, not an attribute of the stack object, unless the code also keeps it
    in `self.bucket`. `hasattr(stack, "bucket")` is then False and `stack.bucket` raises
    `AttributeError`: the test fails against a correct stack, and says nothing about what deploys.
    What a test should check is the synthesized Terraform configuration: `Testing.synth(stack)`,
    with `Testing.to_have_resource` / `Testing.to_have_resource_with_properties`, or the parsed
    JSON.

    ## Example
    ```python
    from cdktf import App, TerraformStack
    from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


    class StorageStack(TerraformStack):
        def __init__(self, scope, construct_id):
            super().__init__(scope, construct_id)
            S3Bucket(self, "bucket", bucket="app-data")


    def test_stack_has_bucket():
        stack = StorageStack(App(), "test")
        assert hasattr(stack, "bucket")
    ```

    ## Use instead
    ```python
    from cdktf import App, TerraformStack, Testing
    from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


    class StorageStack(TerraformStack):
        def __init__(self, scope, construct_id):
            super().__init__(scope, construct_id)
            S3Bucket(self, "bucket", bucket="app-data")


    def test_stack_has_bucket():
        stack = StorageStack(App(), "test")
        synthesized = Testing.synth(stack)
        assert Testing.to_have_resource(synthesized, S3Bucket.TF_RESOURCE_TYPE)
    ```

    ## Fix safety
    No fix: what the test meant to check about the synthesized configuration is the author's
    choice. Nothing is reported by default where the class could get the attribute in a way not
    read here (a base class outside the project, `setattr`, `__getattr__`, a decorator).
    """

    CODE = "TST501"
    NAME = "stack-attribute-checks"
    SUMMARY = "test asserts `hasattr(stack, ...)` instead of checking the synthesized configuration"
    PLATFORM = Platform.CDKTF
    FIX = FixSafety.NONE
    TOKENS = ("assert",)

    METADATA_DEPENDENCIES = (*Rule.METADATA_DEPENDENCIES, ParentNodeProvider, ScopeProvider)

    @classmethod
    def applies_to(cls, path: str) -> bool:
        return is_test_file(path)

    @classmethod
    def could_fire(cls, source: str, path: str) -> bool:
        return super().could_fire(source, path) and may_construct_a_stack(source, path)

    def visit_Module(self, node: cst.Module) -> None:
        self._source: Optional[_SourceModule] = None
        self._test_tree: Optional[ast.Module] = None
        self._module = node
        self._fixtures = {
            statement.name.value: statement
            for statement in node.body
            if isinstance(statement, cst.FunctionDef)
            and any("fixture" in node.code_for_node(d.decorator) for d in statement.decorators)
        }

    # -- finding the checks -----------------------------------------------------------------------

    def visit_Call(self, node: cst.Call) -> None:
        if not (
            isinstance(node.func, cst.Name)
            and node.func.value == "hasattr"
            and len(node.args) == 2
            and all(arg.keyword is None and not arg.star for arg in node.args)
        ):
            return
        attribute = string_value(node.args[1].value)
        if attribute is None or not self._asserted_true(node):
            return
        target = node.args[0].value
        text = f'hasattr({self._code(target)}, "{attribute}")'
        self._check(_Check(node, target, attribute, text, "is False"))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if not self._in_assertion(node) or self._guarded(node):
            return
        text = f"{self._code(node.value)}.{node.attr.value}"
        self._check(_Check(node, node.value, node.attr.value, text, "raises AttributeError"))

    def _asserted_true(self, node: cst.CSTNode) -> bool:
        """`assert hasattr(...)` (possibly inside `and`), or `self.assertTrue(hasattr(...))`."""
        child = node
        while True:
            parent = self.get_metadata(ParentNodeProvider, child, None)
            if isinstance(parent, cst.Assert):
                return parent.test is child
            if isinstance(parent, cst.BooleanOperation) and isinstance(parent.operator, cst.And):
                child = parent
                continue
            if isinstance(parent, cst.Arg) and parent.keyword is None:
                call = self.get_metadata(ParentNodeProvider, parent, None)
                return (
                    isinstance(call, cst.Call)
                    and isinstance(call.func, cst.Attribute)
                    and call.func.attr.value == "assertTrue"
                    and call.args[0] is parent
                )
            return False

    def _guarded(self, node: cst.Attribute) -> bool:
        """`hasattr(stack, "bucket") and stack.bucket...`: the read only runs when the attribute is
        there, and the `hasattr` is the check."""
        target, attribute = self._code(node.value), node.attr.value
        child: cst.CSTNode = node
        parent = self.get_metadata(ParentNodeProvider, child, None)
        while isinstance(parent, cst.BaseExpression):
            if (
                isinstance(parent, cst.BooleanOperation)
                and isinstance(parent.operator, cst.And)
                and parent.right is child
            ):
                for call in _calls(parent.left):
                    if (
                        isinstance(call.func, cst.Name)
                        and call.func.value == "hasattr"
                        and len(call.args) == 2
                        and self._code(call.args[0].value) == target
                        and string_value(call.args[1].value) == attribute
                    ):
                        return True
            child, parent = parent, self.get_metadata(ParentNodeProvider, parent, None)
        return False

    def _in_assertion(self, node: cst.CSTNode) -> bool:
        """Whether `node` is evaluated by an `assert` statement or a unittest `assert*` call."""
        child = node
        while True:
            parent = self.get_metadata(ParentNodeProvider, child, None)
            if parent is None or isinstance(
                parent, (cst.BaseStatement, cst.BaseSmallStatement, cst.Lambda)
            ):
                return isinstance(parent, cst.Assert) and parent.msg is not child
            if isinstance(parent, cst.Arg):
                call = self.get_metadata(ParentNodeProvider, parent, None)
                if (
                    isinstance(call, cst.Call)
                    and isinstance(call.func, cst.Attribute)
                    and call.func.attr.value.startswith("assert")
                    and not call.func.attr.value.startswith(("assertRaises", "assertWarns"))
                ):
                    return True
            child = parent

    # -- deciding ---------------------------------------------------------------------------------

    def _check(self, check: _Check) -> None:
        if check.attribute.startswith("_"):
            return
        call = self._constructed_by(check.target)
        if call is None:
            return
        class_name, facts = self._stack_class(call)
        if class_name is None:
            return
        instead = (
            f"check the synthesized configuration instead (`Testing.synth("
            f"{self._code(check.target)})`, `Testing.to_have_resource`)"
        )
        if (
            facts is not None
            and facts.is_stack
            and facts.complete
            and check.attribute not in facts.attributes
            and not self._set_by_the_test(check.attribute)
        ):
            self.report(
                check.node,
                f"`{class_name}` never sets `{check.attribute}`, so `{check.text}` "
                f"{check.outcome}: {instead}",
            )
        elif self.context.extended and (
            (facts is not None and facts.is_stack)
            or ((facts is None or not facts.complete) and class_name.endswith("Stack"))
        ):
            self.report(
                check.node,
                f"`{check.text}` checks a Python attribute of the stack, not what it "
                f"synthesizes: {instead}",
            )

    def _constructed_by(self, target: cst.BaseExpression) -> Optional[cst.Call]:
        """The constructor call whose result `target` is: a local name, `self.stack` set once in
        the test class, or a fixture of this file that returns it."""
        value: Optional[cst.BaseExpression] = None
        if isinstance(target, cst.Name):
            value = assigned_value(self, target)
            if value is None and target.value in self._fixtures and self._is_parameter(target):
                value = self._fixture_value(self._fixtures[target.value])
        elif (
            isinstance(target, cst.Attribute)
            and isinstance(target.value, cst.Name)
            and target.value.value in ("self", "cls")
        ):
            value = self._set_once_in_class(target)
        if isinstance(value, cst.Name):
            value = assigned_value(self, value)
        return value if isinstance(value, cst.Call) else None

    def _is_parameter(self, name: cst.Name) -> bool:
        scope = self.get_metadata(ScopeProvider, name, None)
        assignments = list(scope[name.value]) if scope is not None else []
        return len(assignments) == 1 and isinstance(assignments[0].node, cst.Param)

    def _fixture_value(self, fixture: cst.FunctionDef) -> Optional[cst.BaseExpression]:
        returned: list[cst.BaseExpression] = []

        class Returns(cst.CSTVisitor):
            def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
                return node is fixture

            def visit_Lambda(self, node: cst.Lambda) -> bool:
                return False

            def visit_Return(self, node: cst.Return) -> None:
                if node.value is not None:
                    returned.append(node.value)

            def visit_Yield(self, node: cst.Yield) -> None:
                if isinstance(node.value, cst.BaseExpression):
                    returned.append(node.value)

        fixture.visit(Returns())
        return returned[0] if len(returned) == 1 else None

    def _set_once_in_class(self, target: cst.Attribute) -> Optional[cst.BaseExpression]:
        """`self.stack` in a test class method: the value of the one `self.stack = ...`."""
        node: Optional[cst.CSTNode] = target
        while node is not None and not isinstance(node, cst.ClassDef):
            node = self.get_metadata(ParentNodeProvider, node, None)
        if node is None:
            return None
        attribute = target.attr.value
        values: list[cst.BaseExpression] = []

        class Assignments(cst.CSTVisitor):
            def visit_Assign(self, assign: cst.Assign) -> None:
                for assign_target in assign.targets:
                    store = assign_target.target
                    if isinstance(store, cst.Attribute) and store.attr.value == attribute:
                        values.append(assign.value if len(assign.targets) == 1 else None)

            def visit_AnnAssign(self, assign: cst.AnnAssign) -> None:
                store = assign.target
                if isinstance(store, cst.Attribute) and store.attr.value == attribute:
                    values.append(assign.value)

        node.visit(Assignments())
        return values[0] if len(values) == 1 else None

    def _stack_class(self, call: cst.Call) -> tuple[Optional[str], Optional[ClassFacts]]:
        """The class a call constructs, by name, and what it sets (None: its source is not
        found)."""
        local = {
            q.name
            for q in self.get_metadata(QualifiedNameProvider, call.func, set())
            if q.source is QualifiedNameSource.LOCAL and "." not in q.name
        }
        for name in local:
            source = self._test_source()
            if source is not None and name in source.classes:
                return name, class_facts(source, name)
        for qualified in sorted(imported_names(self, call.func)):
            dotted, _, name = qualified.rpartition(".")
            if not dotted or not name[:1].isupper():
                continue
            path = self._project_file(dotted)
            source = _load(path) if path else None
            return name, class_facts(source, name) if source else None
        return None, None

    def _project_file(self, dotted: str) -> Optional[str]:
        path = self.context.path
        if path == "-":
            return None
        return module_file(dotted, os.path.dirname(os.path.abspath(path)))

    def _test_source(self) -> Optional[_SourceModule]:
        if self._source is None:
            try:
                tree = ast.parse(self._module.code)
            except (SyntaxError, ValueError, RecursionError):
                return None
            path = None if self.context.path == "-" else os.path.abspath(self.context.path)
            self._source = _SourceModule(tree, path)
            self._test_tree = tree
        return self._source

    def _set_by_the_test(self, attribute: str) -> bool:
        """The test file itself sets the attribute on something, or uses `setattr`."""
        if self._test_source() is None:
            return True
        for node in ast.walk(self._test_tree):
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, (ast.Store, ast.Del)):
                if node.attr == attribute:
                    return True
            elif isinstance(node, ast.Name) and node.id == "setattr":
                return True
        return False

    def _code(self, node: cst.CSTNode) -> str:
        return " ".join(self._module.code_for_node(node).split())


def _calls(node: cst.CSTNode) -> list[cst.Call]:
    found: list[cst.Call] = []

    class Calls(cst.CSTVisitor):
        def visit_Call(self, call: cst.Call) -> None:
            found.append(call)

    node.visit(Calls())
    return found
