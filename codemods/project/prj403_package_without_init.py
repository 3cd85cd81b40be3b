from __future__ import annotations

import os
import re

import libcst as cst

from iacfix.project import Project, ProjectRule, node_position
from iacfix.rule import FixSafety, Platform


def _top_package(node: cst.CSTNode) -> list[tuple[cst.CSTNode, str]]:
    """(node, first name) of the absolute imports a statement makes."""
    if isinstance(node, cst.ImportFrom) and not node.relative and node.module is not None:
        return [(node.module, (cst.helpers.get_full_name_for_node(node.module) or "").split(".")[0])]
    if isinstance(node, cst.Import):
        return [
            (alias.name, (cst.helpers.get_full_name_for_node(alias.name) or "").split(".")[0])
            for alias in node.names
        ]
    return []


class PackageWithoutInit(ProjectRule):
    """
    ## What it does
    Finds imports of a project folder that has no `__init__.py` (`from lib.tap_stack import
    TapStack` with no `lib/__init__.py`) and creates the empty `__init__.py`.

    ## Why is this bad?
    Without `__init__.py` the folder is only a namespace package, and any regular package of the
    same name on `sys.path` wins over it: a `lib` package in the environment (several libraries
    ship one) makes `from lib.tap_stack import TapStack` fail with ModuleNotFoundError when
    `pulumi up` or `cdktf synth` loads the entry point. Test runners and coverage tools also treat
    such folders inconsistently.

    ## Example
    ```python
    # tap.py, with lib/tap_stack.py and no lib/__init__.py
    from lib.tap_stack import TapStack
    ```

    ## Use instead
    ```python
    # tap.py, with lib/tap_stack.py and an empty lib/__init__.py
    from lib.tap_stack import TapStack
    ```

    ## Fix safety
    Safe: an empty `__init__.py` makes the folder the regular package the import expects and
    changes nothing else.
    """

    CODE = "PRJ403"
    NAME = "package-without-init"
    SUMMARY = "import of a project folder that has no __init__.py"
    PLATFORM = Platform.BOTH
    FIX = FixSafety.SAFE

    def check(self, project: Project) -> None:
        reported: set[str] = set()
        # Parse only files that can name a folder that lacks its `__init__.py`: usually none.
        candidates = [
            name
            for name in sorted(os.listdir(project.root))
            if _is_source_folder(os.path.join(project.root, name))
            and not os.path.exists(os.path.join(project.root, name, "__init__.py"))
        ]
        if not candidates:
            return
        # The folder's name on the line of an `import` or `from` (a module list has no brackets,
        # so only a backslash can carry it to the next line).
        named = re.compile(
            r"\b(?:from|import)\b[^\n]*?\b(?:%s)\b" % "|".join(map(re.escape, candidates))
        )
        for path in sorted(project.sources):
            text = project.sources[path]
            if "import" not in text or not named.search(_CONTINUATION.sub(" ", text)):
                continue
            wrapper = project.parsed(path)
            if wrapper is None:
                continue
            for statement in _import_statements(wrapper.module):
                for node, package in _top_package(statement):
                    folder = os.path.join(project.root, package)
                    init = os.path.normpath(os.path.join(folder, "__init__.py"))
                    if package in reported or not _is_source_folder(folder) or os.path.exists(init):
                        continue
                    reported.add(package)
                    self.report(
                        path,
                        node_position(wrapper, node),
                        f"`{package}/` has no `__init__.py`; `{package}` may not import as the "
                        "package this code expects",
                        creates={init: ""},
                    )


_CONTINUATION = re.compile(r"\\\r?\n")


def _is_source_folder(folder: str) -> bool:
    return os.path.isdir(folder) and any(name.endswith(".py") for name in os.listdir(folder))


def _import_statements(module: cst.Module):
    """Import statements anywhere in the module (imports inside functions count too)."""
    found: list[cst.CSTNode] = []

    class Collector(cst.CSTVisitor):
        def visit_Import(self, node: cst.Import) -> None:
            found.append(node)

        def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
            found.append(node)

    module.visit(Collector())
    return found
