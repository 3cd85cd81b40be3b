"""What rules look at besides the file they visit, so that a cached result is reused only while
all of it is as it was.

A rule that reads other files (TST501 reads the stack modules a test imports) asks through `isfile`,
`exists` and `note` instead of `os`. While a file is processed, every path asked about is kept
with what was seen: missing, a folder, or a file's size and modification time. The cache keeps
that record beside the result; `unchanged` tells whether it still holds, at the cost of one
`stat` per path.
"""

from __future__ import annotations

import contextlib
import os
from typing import Iterator, Optional, Union

Seen = Union[None, str, tuple[int, int]]  # missing, "dir", or (size, mtime in ns)

_record: Optional[dict[str, Seen]] = None


def _seen(path: str) -> Seen:
    try:
        status = os.stat(path)
    except OSError:
        return None
    if os.path.isdir(path):
        return "dir"
    return (status.st_size, status.st_mtime_ns)


def note(path: str) -> None:
    """Record that a rule read (or looked for) `path`."""
    if _record is not None:
        _record[path] = _seen(path)


def isfile(path: str) -> bool:
    note(path)
    return os.path.isfile(path)


def exists(path: str) -> bool:
    note(path)
    return os.path.exists(path)


@contextlib.contextmanager
def recording() -> Iterator[dict[str, Seen]]:
    """Within the block, keep every path rules ask about; the dict is filled as they do."""
    global _record
    outer, _record = _record, {}
    try:
        yield _record
    finally:
        _record = outer


def unchanged(record: dict[str, Seen]) -> bool:
    """Whether every path recorded is as it was seen."""
    return all(_seen(path) == seen for path, seen in record.items())
