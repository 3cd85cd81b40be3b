"""Configuration: `[tool.iacfix]` in pyproject.toml, found for each path, checked, and merged with the
command line.

As in Ruff, the nearest pyproject.toml that has a `[tool.iacfix]` table, searched upwards from a
file's folder to the filesystem root, applies to that file alone: tables in different files are
never merged, and a pyproject.toml without the table is passed over. Command-line options override
it: `--select` replaces `select` and `extend-select`, `--ignore` adds to `ignore`, and
`--unsafe-fixes` / `--no-unsafe-fixes` and `--target-terraform` replace their keys. `--config FILE`
uses one file for every path; `--isolated` reads none.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from dataclasses import dataclass
from typing import Any, Optional

from iacfix.registry import UnknownRuleError, all_rules, normalize
from iacfix.settings import Settings
from iacfix.versions import Version

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

CONFIG_NAME = "pyproject.toml"


class ConfigError(Exception):
    """A configuration that cannot be used; the message is one line naming the file and the key."""


@dataclass(frozen=True)
class Overrides:
    """What the command line sets; None (or empty) leaves the configuration file's value."""

    select: Optional[tuple[str, ...]] = None
    ignore: tuple[str, ...] = ()
    unsafe_fixes: Optional[bool] = None
    target_terraform: Optional[Version] = None


@dataclass(frozen=True)
class FileConfig:
    """One `[tool.iacfix]` table, checked. Patterns are relative to the folder of `path`."""

    path: str  # absolute
    select: Optional[tuple[str, ...]] = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    unsafe_fixes: Optional[bool] = None
    target_terraform: Optional[Version] = None
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def folder(self) -> str:
        return os.path.dirname(self.path)

    def excludes(self, path: str) -> bool:
        """Whether a file or folder met while walking is excluded (matched by itself only: the walk
        does not enter an excluded folder)."""
        relative = self._relative(path)
        return any(_glob_matches(pattern, relative) for pattern in self.exclude)

    def ignores_for(self, path: str) -> tuple[str, ...]:
        """The codes `per-file-ignores` adds for a file (also by a pattern naming a folder above it)."""
        relative = self._relative(path)
        folders = _folders_of(relative)
        return tuple(
            code
            for pattern, codes in self.per_file_ignores
            if any(_glob_matches(pattern, candidate) for candidate in [relative, *folders])
            for code in codes
        )

    def _relative(self, path: str) -> str:
        return os.path.relpath(os.path.abspath(path), self.folder).replace(os.sep, "/")


def _folders_of(relative: str) -> list[str]:
    """`a/b/c.py` -> [`a`, `a/b`] (nothing outside the config's folder)."""
    parts = relative.split("/")[:-1]
    if parts and parts[0] == "..":
        return []
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _glob_matches(pattern: str, relative: str) -> bool:
    """A pattern with a `/` matches the path relative to the config's folder; one without matches
    the name (`build`, `*_test.py`). `*` and `?` stay within one name; `**` crosses folders."""
    pattern = pattern.strip()
    if pattern.startswith("./"):
        pattern = pattern[2:]
    pattern = pattern.rstrip("/")
    if "/" not in pattern:
        relative = relative.rsplit("/", 1)[-1]
    elif relative.startswith("../"):
        return False
    return _glob_regex(pattern).fullmatch(relative) is not None


@functools.lru_cache(maxsize=None)
def _glob_regex(pattern: str) -> "re.Pattern[str]":
    parts, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            parts.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            parts.append(".*")
            i += 2
        elif pattern[i] == "*":
            parts.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            parts.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1 : end]
            negate = body.startswith("!")
            body = re.escape(body[1:] if negate else body).replace("\\-", "-")
            parts.append(f"[{'^' if negate else ''}{body}]")
            i = end + 1
        else:
            parts.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(parts))


# -- reading and checking a file -------------------------------------------------------------------


def display(path: str) -> str:
    """A config path as messages show it: relative to the current folder when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def read_table(path: str, required: bool = False) -> Optional[FileConfig]:
    """The checked `[tool.iacfix]` table of a pyproject.toml; None if it has none (an error when
    `required`)."""
    name = display(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise ConfigError(f"{name}: cannot read: {error.strerror or error}") from None
    if b"iacfix" not in data and not required:
        return None  # cannot hold the table: not ours to parse
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{name}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{name}: invalid TOML: {error}") from None
    tool = document.get("tool")
    table = tool.get("iacfix") if isinstance(tool, dict) else None
    if table is None:
        if required:
            raise ConfigError(f"{name}: no [tool.iacfix] table")
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{name}: [tool.iacfix] must be a table")
    return _checked(os.path.abspath(path), table)


def _checked(path: str, table: dict[str, Any]) -> FileConfig:
    prefix = f"{display(path)}: [tool.iacfix]"
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _READERS:
            close = difflib.get_close_matches(key, _READERS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ConfigError(f"{prefix} unknown key {key!r}{hint}")
        try:
            values[key.replace("-", "_")] = _READERS[key](value)
        except (TypeError, ValueError) as error:
            raise ConfigError(f"{prefix} {key}: {error}") from None
    return FileConfig(path, **values)


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TypeError("expected a list of strings")
    return tuple(value)


def _codes(value: Any) -> tuple[str, ...]:
    try:
        return normalize(_strings(value), all_rules())
    except UnknownRuleError as error:
        raise ValueError(str(error)) from None


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected true or false")
    return value


def _version(value: Any) -> Version:
    # A TOML number would turn "1.10" into 1.1: versions are strings.
    if not isinstance(value, str):
        raise TypeError('expected a version string such as "1.10"')
    return Version.parse(value)


def _per_file_ignores(value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise TypeError("expected a table of glob = [codes]")
    result = []
    for pattern, codes in value.items():
        try:
            result.append((pattern, _codes(codes)))
        except (TypeError, ValueError) as error:
            raise type(error)(f"{pattern!r}: {error}") from None
    return tuple(result)


_READERS = {
    "select": _codes,
    "extend-select": _codes,
    "ignore": _codes,
    "unsafe-fixes": _boolean,
    "target-terraform": _version,
    "exclude": _strings,
    "per-file-ignores": _per_file_ignores,
}


# -- which configuration applies where -------------------------------------------------------------


class Configuration:
    """The settings for each path: the command line over the `[tool.iacfix]` that governs it.

    Tables are read once per file and looked up once per folder.
    """

    def __init__(
        self, overrides: Overrides, config_file: Optional[str] = None, isolated: bool = False
    ) -> None:
        self.overrides = overrides
        self.isolated = isolated
        self.fixed = read_table(config_file, required=True) if config_file else None
        self._by_folder: dict[str, Optional[FileConfig]] = {}
        self._by_file: dict[str, Optional[FileConfig]] = {}
        self._settings: dict[str, Settings] = {}

    def file_for(self, folder: str) -> Optional[FileConfig]:
        """The table that governs files in `folder`, or None."""
        if self.fixed is not None or self.isolated:
            return self.fixed
        folder = os.path.abspath(folder)
        visited = []
        found: Optional[FileConfig] = None
        while True:
            if folder in self._by_folder:
                found = self._by_folder[folder]
                break
            visited.append(folder)
            candidate = os.path.join(folder, CONFIG_NAME)
            if os.path.isfile(candidate):
                if candidate not in self._by_file:
                    self._by_file[candidate] = read_table(candidate)
                found = self._by_file[candidate]
                if found is not None:
                    break
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
        for each in visited:
            self._by_folder[each] = found
        return found

    def settings_for(self, path: str) -> Settings:
        """The settings for one file (`-`, standard input without a name, is read as in the
        current folder)."""
        if path not in self._settings:
            folder = os.getcwd() if path == "-" else os.path.dirname(os.path.abspath(path))
            config = self.file_for(folder)
            extra = config.ignores_for(path) if config is not None and path != "-" else ()
            self._settings[path] = self._merged(config, extra)
        return self._settings[path]

    def folder_settings(self, folder: str) -> Settings:
        """The settings for a folder as a whole (no per-file ignores): what a project pass uses."""
        return self._merged(self.file_for(folder), ())

    def excluded(self, path: str) -> bool:
        """Whether a file or folder met while walking a folder is excluded by `exclude`."""
        config = self.file_for(os.path.dirname(os.path.abspath(path)))
        return config is not None and config.excludes(path)

    def _merged(self, config: Optional[FileConfig], extra_ignore: tuple[str, ...]) -> Settings:
        cli = self.overrides
        if config is None:
            config = FileConfig("")
        return Settings(
            select=cli.select if cli.select is not None else config.select,
            extend_select=() if cli.select is not None else config.extend_select,
            ignore=config.ignore + extra_ignore + cli.ignore,
            unsafe_fixes=bool(
                cli.unsafe_fixes if cli.unsafe_fixes is not None else config.unsafe_fixes
            ),
            target_terraform=cli.target_terraform or config.target_terraform,
        )
