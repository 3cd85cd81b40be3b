from __future__ import annotations

import os
import re

from iacfix.project import Project, ProjectRule
from iacfix.rule import FixSafety, Platform, Position, RuleSet

# Where coverage.py reads its settings, and the section its `[run]` settings have there.
COVERAGE_FILES = {
    ".coveragerc": "run",
    "setup.cfg": "coverage:run",
    "tox.ini": "coverage:run",
    "pyproject.toml": "tool.coverage.run",
}
_SECTION = re.compile(r"^\s*\[([^\]]+)\]")
_SOURCE_DOT = re.compile(r"^(\s*source\s*=\s*)(\.|\[\s*[\"']\.[\"']\s*\])\s*(#.*)?$")


class CoverageSourceDot(ProjectRule):
    """
    ## What it does
    Finds coverage settings that measure the whole project folder (`source = .` in `.coveragerc`,
    `setup.cfg`, `tox.ini`, or `source = ["."]` in `pyproject.toml`) and says to name the package
    that holds the stacks (`source = lib`).

    ## Why is this bad?
    With `source = .`, coverage counts every Python file under the project: generated provider
    bindings (`imports/`, `.gen/`), virtual environments, scripts and the tests themselves. The
    percentage no longer describes the infrastructure code, and a coverage gate fails or passes
    for the wrong reasons (a project at 96% measured 14%).

    ## Example
    ```python
    # .coveragerc
    # [run]
    # source = .
    import lib
    ```

    ## Use instead
    ```python
    # .coveragerc
    # [run]
    # source = lib
    import lib
    ```

    ## Fix safety
    There is no fix: which folders hold the code to measure is the project's choice.
    """

    CODE = "TST504"
    NAME = "coverage-source-dot"
    SUMMARY = "coverage configured with source = . (measures everything in the folder)"
    SET = RuleSet.EXTENDED
    PLATFORM = Platform.BOTH
    FIX = FixSafety.NONE

    def check(self, project: Project) -> None:
        for name, wanted in COVERAGE_FILES.items():
            path = os.path.normpath(os.path.join(project.root, name))
            try:
                with open(path, encoding="utf-8") as handle:
                    lines = handle.read().splitlines()
            except (OSError, UnicodeDecodeError):
                continue
            section = None
            for number, line in enumerate(lines, start=1):
                header = _SECTION.match(line)
                if header:
                    section = header.group(1).strip()
                    continue
                match = _SOURCE_DOT.match(line)
                if section == wanted and match:
                    column = len(match.group(1)) + 1
                    self.report(
                        path,
                        Position(number, column, number, column + len(match.group(2))),
                        "coverage measures the whole folder (`source = .`); name the package "
                        "with the stacks, e.g. `source = lib`",
                    )
