from __future__ import annotations

import re

import libcst as cst

from iacfix.metadata import ScopeProvider
from iacfix.rule import FixSafety, Platform, Rule, RuleSet

NEW_NAME = "construct_id"
# `def __init__(self, scope` (the first parameter annotated or not, comments between): the only
# constructors the rule reads.
_INIT_WITH_SCOPE = re.compile(r"\b__init__\s*\(\s*\w+\s*(?::[^,()]*)?,(?:\s|#[^\n]*)*scope\b")


class IdParameter(Rule):
    """
    ## What it does
    Finds construct constructors whose id parameter is named `id`
    (`def __init__(self, scope, id)`) and renames it `construct_id`, with every use in the body.

    ## Why is this bad?
    `id` shadows the built-in `id()` inside the constructor, so a later `id(obj)` call there
    silently uses the string instead, and linters flag every such constructor (pylint W0622).
    CDKTF's own templates name the parameter `construct_id` (or `id_` in the generated bindings).

    ## Example
    ```python
    class TapStack(TerraformStack):
        def __init__(self, scope: Construct, id: str):
            super().__init__(scope, id)
            self.stack_name = id
    ```

    ## Use instead
    ```python
    class TapStack(TerraformStack):
        def __init__(self, scope: Construct, construct_id: str):
            super().__init__(scope, construct_id)
            self.stack_name = construct_id
    ```

    ## Fix safety
    Safe for callers that pass the id by position, as construct ids always are; a caller passing
    `id=` by keyword would need the new name.
    """

    CODE = "PRJ402"
    NAME = "id-parameter"
    SUMMARY = "constructor parameter named `id` (shadows the builtin)"
    SET = RuleSet.EXTENDED
    PLATFORM = Platform.BOTH
    FIX = FixSafety.SAFE
    TOKENS = ("scope",)  # the rule looks at `__init__(self, scope, id)`
    METADATA_DEPENDENCIES = Rule.METADATA_DEPENDENCIES + (ScopeProvider,)

    @classmethod
    def could_fire(cls, source: str, path: str) -> bool:
        return super().could_fire(source, path) and bool(_INIT_WITH_SCOPE.search(source))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        params = node.params.params
        if node.name.value != "__init__" or len(params) < 3 or params[1].name.value != "scope":
            return
        param = next((p for p in params if p.name.value == "id"), None)
        scope = self.get_metadata(ScopeProvider, node.body, None)
        if param is None or scope is None or NEW_NAME in scope:
            return
        replacements: dict = {param.name: cst.Name(NEW_NAME)}
        for assignment in scope["id"]:
            for access in assignment.references:
                if isinstance(access.node, cst.Name):
                    replacements[access.node] = cst.Name(NEW_NAME)
        self.report(
            param.name,
            f"parameter `id` shadows the builtin `id()`; name it `{NEW_NAME}`",
            replacements=replacements,
        )
