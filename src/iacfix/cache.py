"""The result cache: what a run found in a file, kept in `.iacfix_cache/` so an unchanged file is
neither parsed nor checked again.

A result is kept under a digest of everything it depends on: the tool version, the code of the
tool and its rules, the provider index, the mode, the file's path and bytes, its settings and the
Terraform version its rules assume; with it are kept the other files rules read for it
(`iacfix.reads`), and it is used again only while they are unchanged. Only results with nothing to
write are kept (no error, no change): those are what a run over an unchanged tree meets. The project pass is kept per project
root, under the texts of its members and the names of every file under the root.

The cache is one index file, read once and replaced in one rename at the end of a run. A cache
that cannot be read or written is ignored: it only saves time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import tempfile
from typing import Any, Optional

from iacfix.rule import Finding, Fix

CACHE_DIR = ".iacfix_cache"
INDEX = "index.pickle"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by iacfix.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
# Folders whose contents no project rule reads, and which change on their own.
_UNLISTED = {".git", CACHE_DIR, "__pycache__"}


def _tool_fingerprint() -> str:
    """The version, the source of iacfix and its rules, and the provider index: an edited rule in
    a development checkout makes every result stale."""
    import iacfix.codemods

    digest = hashlib.blake2b(iacfix.__version__.encode(), digest_size=16)
    folders = {os.path.dirname(iacfix.__file__), os.path.dirname(iacfix.codemods.__file__)}
    files = [os.path.join(os.path.dirname(iacfix.__file__), "data", "provider_index.json.gz")]
    for folder in sorted(folders):
        for directory, subdirs, names in os.walk(folder):
            subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")
            files.extend(os.path.join(directory, n) for n in sorted(names) if n.endswith(".py"))
    for path in files:
        try:
            with open(path, "rb") as handle:
                content = handle.read()
        except OSError:
            content = b""
        digest.update(f"{path}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def strip_fix(finding: Finding) -> Finding:
    """The finding without its tree edits (LibCST nodes): reports only use the fix's safety."""
    if isinstance(finding.fix, Fix) and (finding.fix.replacements or finding.fix.imports):
        return dataclasses.replace(finding, fix=Fix(finding.fix.safety, {}))
    return finding


class Cache:
    def __init__(self, folder: str = CACHE_DIR) -> None:
        self.folder = folder
        self.tool = _tool_fingerprint()
        self._entries: dict[Any, tuple[str, Any]] = {}
        self._dirty = False
        try:
            with open(os.path.join(folder, INDEX), "rb") as handle:
                entries = pickle.load(handle)
            if isinstance(entries, dict):
                self._entries = entries
        except Exception:  # missing, unreadable, corrupt, or written by another version
            pass

    def digest(self, *parts: Any) -> str:
        digest = hashlib.blake2b(self.tool.encode(), digest_size=20)
        for part in parts:
            data = part if isinstance(part, bytes) else repr(part).encode()
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)
        return digest.hexdigest()

    def get(self, slot: Any, digest: str) -> Optional[Any]:
        """The value kept in `slot` if it was computed from the same inputs."""
        entry = self._entries.get(slot)
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == digest:
            return entry[1]
        return None

    def put(self, slot: Any, digest: str, value: Any) -> None:
        # One slot per (kind, mode, path): a newer result replaces the older one, so the index
        # grows with the files checked, not with their edits.
        self._entries[slot] = (digest, value)
        self._dirty = True

    def save(self) -> None:
        if not self._dirty:
            return
        try:
            os.makedirs(self.folder, exist_ok=True)
            for name, text in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", "*\n")):
                path = os.path.join(self.folder, name)
                if not os.path.exists(path):
                    with open(path, "w", encoding="utf-8") as handle:
                        handle.write(text)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".index-")
            try:
                with os.fdopen(handle, "wb") as stream:
                    pickle.dump(self._entries, stream, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, os.path.join(self.folder, INDEX))
            except BaseException:
                os.unlink(temporary)
                raise
        except Exception:  # read-only tree, full disk: the run's results stand without it
            pass
        self._dirty = False


def root_files(root: str) -> list[bytes]:
    """The non-Python files directly in a project root (Pulumi.yaml, coverage settings): project
    rules read them."""
    found = []
    try:
        names = sorted(os.listdir(root))
    except OSError:
        return found
    for name in names:
        path = os.path.join(root, name)
        if name.endswith(".py") or not os.path.isfile(path) or os.path.getsize(path) > 2**20:
            continue
        try:
            with open(path, "rb") as handle:
                found.append(name.encode() + b"\0" + handle.read())
        except OSError:
            found.append(name.encode())
    return found


def file_names(root: str) -> list[str]:
    """Every file and folder under `root`, relative and sorted: project rules ask what exists."""
    found = []
    for directory, subdirs, names in os.walk(root):
        subdirs[:] = [d for d in subdirs if d not in _UNLISTED]
        relative = os.path.relpath(directory, root)
        found.extend(os.path.join(relative, n) for n in subdirs + names)
    return sorted(found)
