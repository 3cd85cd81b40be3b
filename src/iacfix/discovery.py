"""Which files a run covers: the given files, and the Python and Markdown files under the given
folders."""

from __future__ import annotations

import os
from typing import Callable, Iterator

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
SOURCE_SUFFIXES = (".py", ".md")  # Markdown: the Python code blocks of documents


def _is_virtualenv(path: str) -> bool:
    return os.path.isfile(os.path.join(path, "pyvenv.cfg"))


def discover(
    paths: list[str], excluded: Callable[[str], bool] = lambda path: False
) -> Iterator[tuple[str, bool]]:
    """Yield (path, exists) for every file to process, folders walked in sorted order.

    A path given explicitly is processed whatever its suffix, and even if `excluded` says so (as
    Ruff does without `force-exclude`); inside folders only Python and Markdown files are, and the
    walk skips the files and folders `excluded` names. Missing paths are yielded with exists=False
    so the caller can report them.
    """
    for path in paths:
        if path == "-":
            yield path, True
        elif os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if d not in SKIPPED_DIRS
                    and not _is_virtualenv(os.path.join(root, d))
                    and not excluded(os.path.join(root, d))
                )
                for name in sorted(files):
                    found = os.path.normpath(os.path.join(root, name))
                    if name.endswith(SOURCE_SUFFIXES) and not excluded(found):
                        yield found, True
        else:
            yield path, os.path.lexists(path)
