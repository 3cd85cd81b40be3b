"""Unified diffs that `git apply` accepts, byte for byte, from the folder the run started in."""

from __future__ import annotations

import difflib
import os
import re

NO_NEWLINE = "\\ No newline at end of file\n"


def split_lines(text: str) -> list[str]:
    # Split on "\n" only: str.splitlines() also splits on form feeds and other characters that git
    # treats as ordinary bytes, which would make hunks git cannot apply.
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


def display_path(path: str) -> str:
    """The path as `git apply` run from the current folder expects it (forward slashes)."""
    if path == "-":
        return path
    relative = os.path.relpath(path) if os.path.isabs(path) else os.path.normpath(path)
    return relative.replace(os.sep, "/")


def unified_diff(old: str, new: str, path: str, context: int = 3) -> str:
    """`--- a/path` / `+++ b/path` diff of old -> new; empty when they are equal."""
    if old == new:
        return ""
    name = display_path(path)
    out = []
    for line in difflib.unified_diff(
        split_lines(old), split_lines(new), f"a/{name}", f"b/{name}", n=context, lineterm="\n"
    ):
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n" + NO_NEWLINE)
    return "".join(out)


def new_file_diff(text: str, path: str) -> str:
    """The diff that creates `path` holding `text` (git's form, which also covers empty files)."""
    name = display_path(path)
    header = f"diff --git a/{name} b/{name}\nnew file mode 100644\n"
    if not text:
        return header
    body = "".join(
        difflib.unified_diff([], split_lines(text), "/dev/null", f"b/{name}", lineterm="\n")
    )
    if not text.endswith("\n"):
        body += "\n" + NO_NEWLINE
    return header + body
