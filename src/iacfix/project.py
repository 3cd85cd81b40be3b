"""The project pass: rules that see more than one file.

A project is a folder with an entry point (`tap.py`, `main.py`, `__main__.py`, or the `main` of a
`Pulumi.yaml`) or a `cdktf.json`. Project rules see its Python sources, the modules the entry point
imports, and its folders; their fixes may edit another file than the one reported (the stack class
an entry point calls) or create files (`lib/__init__.py`). Per-file rules then run on the result.
"""

from __future__ import annotations

import os
import re
from typing import Iterable, Mapping, Optional

import libcst as cst
from libcst.metadata import MetadataWrapper

from iacfix.metadata import PositionProvider
from iacfix.rule import Finding, FixSafety, Position, ProjectFix, RuleInfo

ENTRY_POINT_NAMES = ("tap.py", "main.py", "__main__.py")
MARKERS = ENTRY_POINT_NAMES + ("Pulumi.yaml", "cdktf.json")


class Project:
    def __init__(self, root: str, sources: Mapping[str, str]) -> None:
        """`sources`: path -> text of the Python files of the run under `root`."""
        self.root = root
        self.sources = dict(sources)
        self._modules: dict[str, Optional[MetadataWrapper]] = {}

    @property
    def entry_points(self) -> list[str]:
        names = list(ENTRY_POINT_NAMES)
        pulumi = os.path.join(self.root, "Pulumi.yaml")
        if os.path.isfile(pulumi):
            with open(pulumi, encoding="utf-8", errors="replace") as handle:
                match = re.search(r"^main:\s*['\"]?([^'\"\s#]+)", handle.read(), re.M)
            if match:
                main = match.group(1).rstrip("/")
                names.insert(0, main if main.endswith(".py") else os.path.join(main, "__main__.py"))
        found = []
        for name in names:
            path = os.path.normpath(os.path.join(self.root, name))
            if path in self.sources and path not in found:
                found.append(path)
        return found

    def relative(self, path: str) -> str:
        return os.path.relpath(path, self.root)

    def module_file(self, dotted: str) -> Optional[str]:
        """The project file of an absolute import (`lib.tap_stack` -> `<root>/lib/tap_stack.py`)."""
        base = os.path.join(self.root, *dotted.split("."))
        for candidate in (base + ".py", os.path.join(base, "__init__.py")):
            if os.path.normpath(candidate) in self.sources:
                return os.path.normpath(candidate)
        return None

    def parsed(self, path: str) -> Optional[MetadataWrapper]:
        """The file parsed, with metadata available; None if it does not parse."""
        if path not in self._modules:
            try:
                self._modules[path] = MetadataWrapper(cst.parse_module(self.sources[path]))
            except (cst.ParserSyntaxError, RecursionError):
                self._modules[path] = None  # the per-file pass reports it
        return self._modules[path]


class ProjectRule(RuleInfo):
    """Base class of the rules that read a whole project: subclasses write `check(project)`."""

    def __init__(self, extended: bool) -> None:
        self.extended = extended
        self.findings: list[tuple[str, Finding]] = []

    def check(self, project: Project) -> None:
        raise NotImplementedError

    def report(
        self,
        path: str,
        position: Position,
        message: str,
        *,
        edits: Optional[Mapping[str, str]] = None,
        creates: Optional[Mapping[str, str]] = None,
        safety: Optional[FixSafety] = None,
    ) -> None:
        fix = None
        if edits or creates:
            fix = ProjectFix(safety or self.FIX, dict(edits or {}), dict(creates or {}))
        self.findings.append((path, Finding(self.CODE, message, position, fix)))


def node_position(wrapper: MetadataWrapper, node: cst.CSTNode) -> Position:
    return Position.of(wrapper.resolve(PositionProvider)[node])


def _is_within(path: str, folder: str) -> bool:
    if folder == ".":
        return not os.path.isabs(path) and not path.startswith("..")
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def find_roots(directories: Iterable[str], files: Iterable[str]) -> list[str]:
    """Project roots: the given folders, and the folders between them and the given files, that
    hold a project marker."""
    directories = [os.path.normpath(d) for d in directories]
    candidates = set(directories)
    for path in files:
        folder = os.path.dirname(os.path.normpath(path)) or "."
        while any(_is_within(folder, d) for d in directories):
            candidates.add(folder)
            if folder in directories:
                break
            folder = os.path.dirname(folder) or "."
    return sorted(c for c in candidates if any(os.path.isfile(os.path.join(c, m)) for m in MARKERS))


def owning_root(path: str, roots: Iterable[str]) -> Optional[str]:
    """The deepest root that contains `path` (its folders looked up from the deepest)."""
    path = os.path.normpath(path)
    roots = set(roots)
    folder = path
    while True:
        if folder in roots and _is_within(path, folder):
            return folder
        parent = os.path.dirname(folder) or "."
        if parent == folder:
            return None
        folder = parent
