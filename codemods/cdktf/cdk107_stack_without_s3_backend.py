from __future__ import annotations

import re
from typing import Optional, Sequence

import libcst as cst
import libcst.matchers as m

from iacfix.codemods.cdktf.cdk104_s3_bucket_inline_encryption import spell
from iacfix.resources import imported_names
from iacfix.rule import FixSafety, Platform, Rule, RuleSet
from iacfix.statements import parse_statements

STACK = "cdktf.TerraformStack"
BACKEND = "cdktf.S3Backend"
BUCKET_NAMES = re.compile(r"(?:tf_|terraform_)?state_bucket(?:_name)?")
REGION_NAMES = re.compile(r"(?:tf_|terraform_)?state_(?:bucket_)?region")
SUFFIX_NAMES = ("environment_suffix",)

_SUPER_INIT = m.Call(
    func=m.Attribute(
        value=m.Call(func=m.Name("super"))
        | m.Attribute(attr=m.Name("TerraformStack"))
        | m.Name("TerraformStack"),
        attr=m.Name("__init__"),
    )
)


def _is_backend(name: str) -> bool:
    """`cdktf.S3Backend`, `cdktf.RemoteBackend`, `cdktf.CloudBackend`, ...: any backend construct."""
    return name.startswith("cdktf.") and name.endswith("Backend")


def _first_match(pattern: re.Pattern, names: Sequence[str]) -> Optional[str]:
    return next((n for n in names if pattern.fullmatch(n)), None)


def _sets_a_local(statement: cst.BaseStatement) -> bool:
    """`name = ...` on a line that directly follows the one before (no blank line, no comment)."""
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and not statement.leading_lines
        and all(
            isinstance(small, cst.Assign)
            and all(isinstance(t.target, cst.Name) for t in small.targets)
            or isinstance(small, cst.AnnAssign)
            and isinstance(small.target, cst.Name)
            for small in statement.body
        )
    )


class StackWithoutS3Backend(Rule):
    """
    ## What it does
    Finds a `TerraformStack` whose constructor receives the state bucket's settings (parameters
    or values such as `state_bucket`, `state_bucket_region`) yet configures no backend, and adds
    an `S3Backend` that uses them right after `super().__init__(...)` (after the lines that give
    those settings their fallback values), importing `S3Backend` from `cdktf`.

    ## Why is this bad?
    Without a backend, Terraform keeps the stack's state in a local `terraform.tfstate` file. A
    CI job that deploys the stack loses it when the job ends, so the next run tries to create
    every resource again and fails on names that already exist; two people or jobs deploying at
    once overwrite each other's state. A stack that is handed a state bucket was meant to store
    its state there.

    ## Example
    ```python
    from cdktf import TerraformStack


    class TapStack(TerraformStack):
        def __init__(self, scope, construct_id, environment_suffix, state_bucket, state_bucket_region):
            super().__init__(scope, construct_id)
            self.environment_suffix = environment_suffix
    ```

    ## Use instead
    ```python
    from cdktf import TerraformStack, S3Backend


    class TapStack(TerraformStack):
        def __init__(self, scope, construct_id, environment_suffix, state_bucket, state_bucket_region):
            super().__init__(scope, construct_id)
            S3Backend(
                self,
                bucket=state_bucket,
                key=f"{environment_suffix}/{construct_id}.tfstate",
                region=state_bucket_region,
                encrypt=True,
            )
            self.environment_suffix = environment_suffix
    ```

    ## Fix safety
    Unsafe: the state key is a guess (`<environment suffix>/<construct id>.tfstate`), and moving
    state to a backend changes where `terraform init` looks for it: an existing local state must
    be migrated (`terraform init -migrate-state`). A stack whose state bucket parameter may be
    `None` needs a value for it before it synthesizes.
    """

    CODE = "CDK107"
    NAME = "stack-without-s3-backend"
    SUMMARY = "stack that receives state-bucket settings but configures no S3Backend"
    SET = RuleSet.EXTENDED
    PLATFORM = Platform.CDKTF
    FIX = FixSafety.UNSAFE
    TOKENS = ("state_bucket",)

    def __init__(self, context) -> None:
        super().__init__(context)
        self.module: Optional[cst.Module] = None
        self.stacks: list[cst.ClassDef] = []
        self.backends: list[cst.Call] = []
        self.class_stack: list[cst.ClassDef] = []
        self.backend_classes: set[cst.ClassDef] = set()
        self.backend_outside_classes = False

    def visit_Module(self, node: cst.Module) -> None:
        self.module = node

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.class_stack.append(node)
        for base in node.bases:
            if STACK in imported_names(self, base.value):
                self.stacks.append(node)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.class_stack.pop()

    def visit_Call(self, node: cst.Call) -> None:
        backend = any(_is_backend(n) for n in imported_names(self, node.func))
        if not backend and m.matches(node.func, m.Attribute(attr=m.Name("add_override"))):
            first = node.args[0].value if node.args else None
            backend = isinstance(first, cst.SimpleString) and "terraform.backend" in first.value
        if backend:
            if self.class_stack:
                self.backend_classes.update(self.class_stack)
            else:
                self.backend_outside_classes = True

    def leave_Module(self, original_node: cst.Module) -> None:
        if self.backend_outside_classes:
            return  # a backend configured by code outside the stack classes may be this one's
        for stack in self.stacks:
            if stack not in self.backend_classes:
                self._check(stack)

    def _check(self, stack: cst.ClassDef) -> None:
        module = self.module
        assert module is not None
        init = next(
            (
                s
                for s in stack.body.body
                if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"
            ),
            None,
        )
        if init is None or not isinstance(init.body, cst.IndentedBlock):
            return
        params = init.params
        positional = [p.name.value for p in (*params.posonly_params, *params.params)]
        parameters = positional + [p.name.value for p in params.kwonly_params]
        body = list(init.body.body)
        assigned: dict[str, int] = {}  # local name -> the last top-level statement assigning it
        for index, statement in enumerate(body):
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    targets = []
                    if isinstance(small, cst.Assign):
                        targets = [t.target for t in small.targets]
                    elif isinstance(small, cst.AnnAssign):
                        targets = [small.target]
                    for target in targets:
                        if isinstance(target, cst.Name):
                            assigned[target.value] = index
        names = parameters + [n for n in assigned if n not in parameters]
        bucket = _first_match(BUCKET_NAMES, names)
        if bucket is None:
            return
        region = _first_match(REGION_NAMES, names)
        suffix = next((n for n in SUFFIX_NAMES if n in names), None)
        message = (
            f"{stack.name.value} receives `{bucket}` but configures no S3Backend: "
            "Terraform keeps its state in a local file"
        )
        construct_id = positional[2] if len(positional) >= 3 and positional[0] == "self" else None
        anchor = next(
            (
                i
                for i, s in enumerate(body)
                if isinstance(s, cst.SimpleStatementLine)
                and len(s.body) == 1
                and isinstance(s.body[0], cst.Expr)
                and m.matches(s.body[0].value, _SUPER_INIT)
            ),
            None,
        )
        if construct_id is None or anchor is None:
            self.report(stack.name, message)
            return
        used = [n for n in (bucket, region, suffix) if n is not None]
        anchor = max([anchor, *(assigned[n] for n in used if n in assigned)])
        # The backend goes after the paragraph of local settings the anchor belongs to.
        while anchor + 1 < len(body) and _sets_a_local(body[anchor + 1]):
            anchor += 1

        base = next(b.value for b in stack.bases if STACK in imported_names(self, b.value))
        func, edit = spell(module, BACKEND, base)
        key = (
            f"{{{suffix}}}/{{{construct_id}}}.tfstate" if suffix else f"{{{construct_id}}}.tfstate"
        )
        lines = [f"{func}(", "    self,", f"    bucket={bucket},", f'    key=f"{key}",']
        if region is not None:
            lines.append(f"    region={region},")
        lines += ["    encrypt=True,", ")"]
        unit = module.default_indent
        text = "\n".join(
            line.replace("    ", unit, 1) if line.startswith("    ") else line for line in lines
        )
        (new,) = parse_statements(text + "\n", module.default_newline)
        following = body[anchor + 1].leading_lines if anchor + 1 < len(body) else ()
        if following and following[0].comment is None:
            new = new.with_changes(leading_lines=[cst.EmptyLine(indent=False)])
        statement = body[anchor]
        self.report(
            stack.name,
            message,
            replacements={statement: cst.FlattenSentinel([statement, new])},
            imports=(edit,) if edit is not None else (),
        )
