"""Versions are facts of the user's project: parse them, and find the Terraform version a project pins."""

from __future__ import annotations

import functools
import os
import re
from typing import NamedTuple, Optional


class Version(NamedTuple):
    major: int
    minor: int
    patch: int = 0

    @classmethod
    def parse(cls, text: str) -> "Version":
        """`1.9`, `1.9.8`, `v1.10.0` -> Version; anything else raises ValueError."""
        match = re.fullmatch(r"\s*v?(\d+)\.(\d+)(?:\.(\d+))?\s*", text)
        if not match:
            raise ValueError(f"not a version (expected X.Y or X.Y.Z): {text!r}")
        major, minor, patch = match.groups()
        return cls(int(major), int(minor), int(patch or 0))

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


# Files that pin the Terraform binary a project runs with: tfenv's `.terraform-version` and asdf's
# `.tool-versions` (`terraform 1.9.8`).
_PIN_FILES = (".terraform-version", ".tool-versions")


def _read_pin(path: str) -> Optional[Version]:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    if os.path.basename(path) == ".tool-versions":
        match = re.search(r"^terraform\s+(\S+)", text, re.M)
        text = match.group(1) if match else ""
    try:
        return Version.parse(text.strip().splitlines()[0] if text.strip() else "")
    except ValueError:
        return None  # `latest`, `min-required` and the like pin nothing we can compare


@functools.lru_cache(maxsize=1024)
def pinned_terraform(directory: str) -> Optional[Version]:
    """The Terraform version pinned for files in `directory` (searched upwards), or None."""
    directory = os.path.abspath(directory)
    while True:
        for name in _PIN_FILES:
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate):
                version = _read_pin(candidate)
                if version is not None:
                    return version
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent
