from __future__ import annotations

from typing import Optional

import libcst as cst

from iacfix.resources import PULUMI_PACKAGE, imported_names, resolve_call
from iacfix.rule import FixSafety, ImportEdit, Platform, Rule


def _outputs_in(node: cst.CSTNode, resources: set[str]) -> tuple[list[str], bool]:
    """`bucket.arn`-style attributes of resource variables anywhere inside `node`, and whether
    one of them sits in an f-string (where it turns into text before anything can wait for it)."""
    found: list[str] = []
    in_text = []

    class Finder(cst.CSTVisitor):
        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False  # a callback's values are plain by the time it runs

        def visit_FormattedStringExpression(self, node) -> None:
            in_text.append(node)

        def leave_FormattedStringExpression(self, original_node) -> None:
            in_text.pop()

        def visit_Attribute(self, node: cst.Attribute) -> None:
            if isinstance(node.value, cst.Name) and node.value.value in resources:
                found.append(f"{node.value.value}.{node.attr.value}")
                if in_text:
                    found.append("")  # marks an Output inside an f-string

    node.visit(Finder())
    return [f for f in found if f], "" in found


class JsonDumpsOfOutputs(Rule):
    """
    ## What it does
    Finds `json.dumps(...)` over values that hold resource outputs (`bucket.arn`, `table.name`)
    and uses `pulumi.Output.json_dumps(...)`, which waits for the outputs and serializes their
    values.

    ## Why is this bad?
    A resource's attributes are `Output` objects whose values are only known during the
    deployment. `json.dumps` cannot serialize them and raises `TypeError: Object of type Output
    is not JSON serializable` while the program runs, typically when building an IAM policy
    document. `Output.json_dumps` returns an `Output[str]`, which every resource argument accepts.
    Calls inside `.apply(lambda ...)` callbacks see plain values and are left alone.

    ## Example
    ```python
    import json

    import pulumi
    import pulumi_aws as aws

    bucket = aws.s3.Bucket("data")
    policy = json.dumps({"Statement": [{"Resource": bucket.arn, "Effect": "Allow"}]})
    ```

    ## Use instead
    ```python
    import pulumi
    import pulumi_aws as aws

    bucket = aws.s3.Bucket("data")
    policy = pulumi.Output.json_dumps({"Statement": [{"Resource": bucket.arn, "Effect": "Allow"}]})
    ```

    ## Fix safety
    Safe: the result holds the same JSON text once the outputs are known, as an `Output[str]`,
    which is what resource arguments take. An `import json` left unused is removed.
    """

    CODE = "PUL307"
    NAME = "json-dumps-of-outputs"
    SUMMARY = "json.dumps over resource outputs (an Output is not JSON-serializable)"
    PLATFORM = Platform.PULUMI
    FIX = FixSafety.SAFE
    TOKENS = ("json.dumps", "dumps(")
    PACKAGES = (PULUMI_PACKAGE,)

    def __init__(self, context) -> None:
        super().__init__(context)
        self._resources: set[str] = set()  # variables bound to pulumi_aws resources
        self._pulumi: Optional[str] = None  # how `pulumi` is spelled here

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            if cst.helpers.get_full_name_for_node(alias.name) == "pulumi":
                self._pulumi = alias.asname.name.value if alias.asname else "pulumi"

    def visit_Assign(self, node: cst.Assign) -> None:
        if isinstance(node.value, cst.Call):
            resource = resolve_call(self, node.value)
            if resource is not None and resource.pulumi is not None:
                for target in node.targets:
                    if isinstance(target.target, cst.Name):
                        self._resources.add(target.target.value)

    @staticmethod
    def _json_import(func: cst.BaseExpression) -> ImportEdit:
        if isinstance(func, cst.Name):  # `from json import dumps`
            return ImportEdit("json", func.value, remove=True)
        return ImportEdit("json", remove=True)

    def visit_Call(self, node: cst.Call) -> None:
        if "json.dumps" not in imported_names(self, node.func):
            return
        outputs, in_fstring = _outputs_in(node.args[0], self._resources) if node.args else ([], False)
        if not outputs:
            return
        if in_fstring:  # json_dumps cannot help there: the f-string needs Output.format first
            self.report(
                node,
                f"`json.dumps` cannot serialize `{outputs[0]}` (an Output), and inside an f-string "
                "it becomes text: build the value with `pulumi.Output.format` / `Output.concat`",
            )
            return
        pulumi = self._pulumi or "pulumi"
        func = cst.parse_expression(f"{pulumi}.Output.json_dumps")
        self.report(
            node,
            f"`json.dumps` cannot serialize `{outputs[0]}` (an Output): use "
            "`pulumi.Output.json_dumps`",
            replacements={node.func: func},
            # `import json` goes if nothing else uses it; `import pulumi` comes if it is missing.
            imports=(self._json_import(node.func),)
            + (() if self._pulumi else (ImportEdit("pulumi"),)),
        )

