"""Run settings: which rules, how far fixes may go, and the versions rules depend on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from iacfix.versions import Version


@dataclass(frozen=True)
class Settings:
    select: Optional[tuple[str, ...]] = None  # None: the default set
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    target_terraform: Optional[Version] = None  # None: read from the project's pins per file
    extend_select: tuple[str, ...] = ()  # added to `select` (or to the default set)
