from __future__ import annotations

import os

import libcst as cst

from iacfix.calls import string_value
from iacfix.metadata import ParentNodeProvider
from iacfix.project import ENTRY_POINT_NAMES
from iacfix.rule import FixSafety, ImportEdit, Platform, Rule, RuleSet
from iacfix.statements import enclosing_statement, parse_statements


VARIABLE = "environment_suffix"
ENVIRONMENT_READS = ("os.getenv", "os.environ", "getenv(", "environ[", "environ.get", "Config(", "get_stack")


class HardCodedStackName(Rule):
    """
    ## What it does
    Finds a CDKTF entry point (`tap.py`, `main.py`, `__main__.py`) that instantiates the
    project's stack under a hard-coded name and reads no environment settings, and makes the name
    environment-driven: `environment_suffix = os.getenv("ENVIRONMENT_SUFFIX", "dev")` and
    `f"TapStack-{environment_suffix}"`.

    ## Why is this bad?
    With a fixed name every branch, pull request and environment deploys the same stack: CI runs
    overwrite each other's state and resources, and names that AWS requires to be unique (S3
    buckets, IAM roles) collide between environments. Pipelines pass the environment in
    variables; an entry point that ignores them cannot be deployed twice. (Pulumi programs are
    left alone: `pulumi stack select` chooses the stack, and resource names are per stack.)

    ## Example
    ```python
    from cdktf import App
    from lib.tap_stack import TapStack

    app = App()
    TapStack(app, "TapStack")
    app.synth()
    ```

    ## Use instead
    ```python
    from cdktf import App
    from lib.tap_stack import TapStack
    import os

    app = App()
    environment_suffix = os.getenv("ENVIRONMENT_SUFFIX", "dev")
    TapStack(app, f"TapStack-{environment_suffix}")
    app.synth()
    ```

    ## Fix safety
    Unsafe: the stack's name changes, so an existing deployment under the old name is no longer
    the one this program manages.
    """

    CODE = "PRJ405"
    NAME = "hard-coded-stack-name"
    SUMMARY = "entry point with a hard-coded stack name and no environment settings"
    SET = RuleSet.EXTENDED
    PLATFORM = Platform.BOTH
    FIX = FixSafety.UNSAFE
    TOKENS = ("cdktf",)
    METADATA_DEPENDENCIES = Rule.METADATA_DEPENDENCIES + (ParentNodeProvider,)

    @classmethod
    def applies_to(cls, path: str) -> bool:
        return os.path.basename(path) in ENTRY_POINT_NAMES

    def visit_Module(self, node: cst.Module) -> bool:
        # A program that already reads its environment has settings; leave it alone. Pulumi
        # programs are not concerned: `pulumi stack select` picks the stack, not a name in code.
        code = node.code
        self._reads_environment = "cdktf" not in code or any(w in code for w in ENVIRONMENT_READS)
        self._local_classes = set()
        for statement in node.body:
            if not isinstance(statement, cst.SimpleStatementLine):
                continue  # imports are simple statements; `body` of a compound one is a block
            for small in statement.body:
                if isinstance(small, cst.ImportFrom) and not small.relative and small.module:
                    package = (cst.helpers.get_full_name_for_node(small.module) or "").split(".")[0]
                    if package not in ("cdktf", "pulumi", "pulumi_aws", "constructs", "aws_cdk"):
                        if not isinstance(small.names, cst.ImportStar):
                            self._local_classes |= {
                                (a.asname.name.value if a.asname else a.name.value)
                                for a in small.names
                            }
        return True

    def visit_Call(self, node: cst.Call) -> None:
        if self._reads_environment or not isinstance(node.func, cst.Name):
            return
        if node.func.value not in self._local_classes:
            return
        positional = [a for a in node.args if a.keyword is None]
        name_arg = positional[1] if len(positional) > 1 else None  # Stack(app, "name")
        name = string_value(name_arg.value) if name_arg else None
        statement = enclosing_statement(self, node)
        if name is None or statement is None:
            return
        named = cst.parse_expression(f'f"{name}-{{{VARIABLE}}}"')
        setting = parse_statements(f'{VARIABLE} = os.getenv("ENVIRONMENT_SUFFIX", "dev")\n')
        self.report(
            name_arg.value,
            f"stack name `{name}` is hard-coded and the entry point reads no environment "
            "settings; every environment deploys the same stack",
            replacements={
                statement: cst.FlattenSentinel(
                    [*setting, statement.deep_replace(name_arg.value, named)]
                )
            },
            imports=(ImportEdit("os"),),
        )
