"""A file's fixes as hunks: split the change from the old text to the fixed one into the hunks of
its unified diff, put a file back together from the hunks a person accepted, check that such a mix
still holds together, and read the changes back out of a diff the runner made.

Lines are split on "\\n" only, as diff.py splits them, so the hunks are those `iacfix diff` prints.
"""

from __future__ import annotations

import ast
import difflib
import re
from dataclasses import dataclass
from typing import Iterable, Optional

from iacfix import fileio
from iacfix.diff import NO_NEWLINE, split_lines

HUNK_HEADER = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


@dataclass(frozen=True)
class Change:
    """The old lines from index `start` (0-based) on, `old`, replaced by `new`."""

    start: int
    old: tuple[str, ...]
    new: tuple[str, ...]

    def touches(self, line: int, end_line: int) -> bool:
        """Whether the change meets the old lines `line`..`end_line` (1-based, inclusive); a pure
        insertion meets a span it lands inside or right after."""
        first = self.start + 1
        if not self.old:
            return line <= first <= end_line + 1
        return line <= self.start + len(self.old) and first <= end_line

    def region(self) -> tuple[int, int, int, int]:
        """The replaced text as 1-based (start line, start column, end line, end column), the end
        exclusive: whole lines, ending at the start of the next line, or after the last character
        of a last line without a newline."""
        first = self.start + 1
        if not self.old:
            return first, 1, first, 1
        last = self.old[-1]
        if last.endswith("\n"):
            return first, 1, first + len(self.old), 1
        return first, 1, first + len(self.old) - 1, len(last) + 1


@dataclass(frozen=True)
class Hunk:
    changes: tuple[Change, ...]
    text: str  # as a unified diff shows it, from its `@@` line on

    def touches(self, line: int, end_line: int) -> bool:
        return any(change.touches(line, end_line) for change in self.changes)


def _opcodes_changes(opcodes, old: list[str], new: list[str]) -> tuple[Change, ...]:
    return tuple(
        Change(i1, tuple(old[i1:i2]), tuple(new[j1:j2]))
        for tag, i1, i2, j1, j2 in opcodes
        if tag != "equal"
    )


def changes(old: str, new: str) -> list[Change]:
    """Every changed run of lines, in order."""
    return [change for hunk in split(old, new) for change in hunk.changes]


def split(old: str, new: str, context: int = 3) -> list[Hunk]:
    """The hunks of the unified diff old -> new, grouped as difflib (and `iacfix diff`) does."""
    if old == new:
        return []
    old_lines, new_lines = split_lines(old), split_lines(new)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines)
    return [
        Hunk(_opcodes_changes(group, old_lines, new_lines), _hunk_text(group, old_lines, new_lines))
        for group in matcher.get_grouped_opcodes(context)
    ]


def _range(start: int, stop: int) -> str:
    # As difflib writes it: an empty range names the line before it.
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start if not length else start + 1},{length}"


def _hunk_text(group, old: list[str], new: list[str]) -> str:
    first, last = group[0], group[-1]
    out = [f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n"]
    for tag, i1, i2, j1, j2 in group:
        if tag == "equal":
            out.extend(" " + line for line in old[i1:i2])
            continue
        out.extend("-" + line for line in old[i1:i2])
        out.extend("+" + line for line in new[j1:j2])
    return "".join(line if line.endswith("\n") else line + "\n" + NO_NEWLINE for line in out)


def apply(old: str, accepted: Iterable[Change]) -> str:
    """The old text with the given changes made and every other line kept."""
    lines = split_lines(old)
    out: list[str] = []
    cursor = 0
    for change in sorted(accepted, key=lambda c: c.start):
        out.extend(lines[cursor : change.start])
        out.extend(change.new)
        cursor = change.start + len(change.old)
    out.extend(lines[cursor:])
    return "".join(out)


def merge(old: str, accepted: Iterable[Hunk]) -> str:
    """The file made of the accepted hunks' new lines and the old lines everywhere else."""
    return apply(old, [change for hunk in accepted for change in hunk.changes])


def changes_from_diff(diff: str) -> list[Change]:
    """The changes of a unified diff (as diff.py writes it), read back without the old text."""
    found: list[Change] = []
    old_index = new_index = old_left = new_left = 0
    start: Optional[int] = None
    removed: list[str] = []
    added: list[str] = []
    last: Optional[list[str]] = None  # where the previous diff line went, for the no-newline mark

    def flush() -> None:
        nonlocal start
        if start is not None:
            found.append(Change(start, tuple(removed), tuple(added)))
        start = None
        removed.clear()
        added.clear()

    for line in split_lines(diff):
        if line == NO_NEWLINE:
            if last and last[-1].endswith("\n"):
                last[-1] = last[-1][:-1]
            continue
        if not (old_left or new_left):  # between hunks: file headers or the next hunk's header
            flush()
            header = HUNK_HEADER.match(line)
            if header:
                old_index, old_left = _range_start(header.group(1), header.group(2))
                new_index, new_left = _range_start(header.group(3), header.group(4))
            last = None
            continue
        kind, body = line[:1], line[1:]
        if kind == " ":
            flush()
            old_index, new_index, last = old_index + 1, new_index + 1, None
            old_left, new_left = old_left - 1, new_left - 1
        elif kind == "-":
            start = old_index if start is None else start
            # A file's byte-order mark rides on line 1 of the diff; no region counts it.
            removed.append(body.removeprefix("\ufeff") if old_index == 0 else body)
            old_index, old_left, last = old_index + 1, old_left - 1, removed
        elif kind == "+":
            start = old_index if start is None else start
            added.append(body.removeprefix("\ufeff") if new_index == 0 else body)
            new_index, new_left, last = new_index + 1, new_left - 1, added
    flush()
    return found


def _range_start(start: str, count: Optional[str]) -> tuple[int, int]:
    """(0-based index of the first line, line count) of a hunk header's `start,count`."""
    length = 1 if count is None else int(count)
    return (int(start) if length == 0 else int(start) - 1), length


def diff_changes(path: str, diff: bytes, fixed_text: bytes) -> list[Change]:
    """The changes of a diff the runner made, read in the file's own encoding (which the fixed text
    declares, as the file did)."""
    try:
        encoding = fileio.decode(path, fixed_text).encoding
        return changes_from_diff(diff.decode(encoding))
    except (fileio.SourceError, UnicodeDecodeError, LookupError):
        return []


def fix_changes(spans: list[tuple[int, int]], file_changes: list[Change]) -> list[list[Change]]:
    """For each fixed finding's span of old lines (line, end_line), the changes that make up its
    fix: those that touch the span, and with them those that touch no finding at all (the imports
    the fixes add or remove, which every fix of the file may need)."""
    touching = [[c for c in file_changes if c.touches(*span)] for span in spans]
    claimed = {c for found in touching for c in found}
    shared = [c for c in file_changes if c not in claimed]
    return [sorted(found + shared, key=lambda c: c.start) if found else [] for found in touching]


# -- whether a mix of accepted and declined hunks holds together -----------------------------------


def consistency_problem(original: str, fixed: str, merged: str) -> Optional[str]:
    """Why `merged` (the original with some of the hunks towards `fixed`) must not be written, or
    None. It must parse, and must not use a name that only a declined hunk imports or whose import
    an accepted hunk removes. Text that is not Python to begin with is not judged."""
    try:
        original_tree = ast.parse(original)
        fixed_tree = ast.parse(fixed)
    except (SyntaxError, ValueError, RecursionError):
        return None
    try:
        merged_tree = ast.parse(merged)
    except SyntaxError as error:
        return f"without the declined changes the file does not parse (line {error.lineno})"
    except (ValueError, RecursionError):
        return "without the declined changes the file does not parse"
    already_missing = _used(original_tree) - _bound(original_tree)
    imported = _imported(original_tree) | _imported(fixed_tree)
    missing = (_used(merged_tree) & imported) - _bound(merged_tree) - already_missing
    if missing:
        names = ", ".join(f"`{name}`" for name in sorted(missing))
        return f"without the declined changes {names} would be used but not imported"
    return None


def _imported(tree: ast.AST) -> set[str]:
    return {
        _alias_name(alias)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }


def _alias_name(alias: ast.alias) -> str:
    return alias.asname or alias.name.split(".")[0]


def _used(tree: ast.AST) -> set[str]:
    return {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }


def _bound(tree: ast.AST) -> set[str]:
    """Every name the module binds anywhere (scopes are not told apart: this only has to notice a
    name left with no binding at all)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name == "*":
                    return names | _used(tree)  # a star import may bind anything
                names.add(_alias_name(alias))
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            names.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            names.add(node.rest)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            names.update(node.names)
    return names
