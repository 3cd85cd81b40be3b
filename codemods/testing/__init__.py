"""Rules for the tests of infrastructure programs (codes TST5xx); they read test files only."""

import os


def is_test_file(path: str) -> bool:
    """A file under a `tests` (or `test`) folder, or named `test_*.py` / `*_test.py`."""
    parts = os.path.normpath(path).replace(os.sep, "/").split("/")
    name = parts[-1]
    return (
        any(part in ("tests", "test") for part in parts[:-1])
        or name.startswith("test_")
        or name.endswith("_test.py")
    )
