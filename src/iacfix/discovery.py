"""Which files a run covers: the given files, and the Python files under the given folders."""

from __future__ import annotations

import os
from typing import Iterator

# Folders that never hold the user's own infrastructure code.
SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "__pycache__",
        "node_modules",
        "cdktf.out",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".iacfix_cache",
        ".eggs",
    }
)
SOURCE_SUFFIXES = (".py",)


def _is_virtualenv(path: str) -> bool:
    return os.path.isfile(os.path.join(path, "pyvenv.cfg"))


def discover(paths: list[str]) -> Iterator[tuple[str, bool]]:
    """Yield (path, exists) for every file to process, folders walked in sorted order.

    A path given explicitly is processed whatever its suffix; inside folders only Python files are.
    Missing paths are yielded with exists=False so the caller can report them.
    """
    for path in paths:
        if path == "-":
            yield path, True
        elif os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if d not in SKIPPED_DIRS and not _is_virtualenv(os.path.join(root, d))
                )
                for name in sorted(files):
                    if name.endswith(SOURCE_SUFFIXES):
                        yield os.path.normpath(os.path.join(root, name)), True
        else:
            yield path, os.path.lexists(path)
