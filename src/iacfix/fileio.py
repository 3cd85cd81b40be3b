"""Reading and writing source files without losing a byte: encoding, BOM, newlines, file mode."""

from __future__ import annotations

import codecs
import io
import os
import stat
import tempfile
import tokenize
from dataclasses import dataclass


class SourceError(Exception):
    """A file that cannot be read, decoded or written; the message is one line naming the problem."""


@dataclass(frozen=True)
class SourceFile:
    path: str
    text: str  # decoded, without BOM; newlines exactly as in the file
    encoding: str  # the codec used to encode `text` back
    bom: bool
    raw: bytes  # the bytes read, to detect a change made by someone else before writing

    def encode(self, text: str) -> bytes:
        return (codecs.BOM_UTF8 if self.bom else b"") + text.encode(self.encoding)


def decode(path: str, raw: bytes) -> SourceFile:
    """Decode as Python does: a UTF-8 BOM or a PEP 263 coding cookie, else UTF-8."""
    if b"\x00" in raw:
        raise SourceError(f"{path}: binary file (contains NUL bytes), not Python source")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as error:
        if "unknown encoding" in error.msg:
            raise SourceError(f"{path}: {error.msg}") from None
        encoding = "utf-8"  # not UTF-8 and no declaration: the decode below says where
    bom = encoding == "utf-8-sig"
    body = raw[len(codecs.BOM_UTF8) :] if bom else raw
    codec = "utf-8" if bom else encoding
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as error:
        raise SourceError(
            f"{path}: cannot decode as {codec} (byte {error.start}: {error.reason})"
        ) from None
    return SourceFile(path, text, codec, bom, raw)


def read(path: str) -> SourceFile:
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except IsADirectoryError:
        raise SourceError(f"{path}: is a directory") from None
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file or directory") from None
    except PermissionError:
        raise SourceError(f"{path}: permission denied") from None
    except OSError as error:
        raise SourceError(f"{path}: cannot read ({error.strerror})") from None
    return decode(path, raw)


def write_atomic(source: SourceFile, new_text: str) -> None:
    """Replace the file with `new_text` in one rename, keeping its mode and, where allowed, owner.

    The file is re-read first: if someone changed it since it was read, it is left alone. A symbolic
    link is never replaced (the rename would swap the link for a file), nor is a read-only file.
    """
    path = source.path
    if os.path.islink(path):
        raise SourceError(f"{path}: symbolic link; not written")
    try:
        with open(path, "rb") as handle:
            current = handle.read()
    except OSError as error:
        raise SourceError(f"{path}: cannot read ({error.strerror})") from None
    if current != source.raw:
        raise SourceError(f"{path}: changed by another process since it was read; not written")
    data = source.encode(new_text)
    directory = os.path.dirname(os.path.abspath(path))
    try:
        status = os.stat(path)
        mode = stat.S_IMODE(status.st_mode)
        # A rename replaces a file whatever its permissions, so they are checked here. No write
        # bit at all means read-only even for root, whom os.access() always lets write.
        if not mode & 0o222 or not os.access(path, os.W_OK):
            raise SourceError(f"{path}: read-only file; not written")
        fd, temp_path = tempfile.mkstemp(prefix=".iacfix-", suffix=".tmp", dir=directory)
    except OSError as error:
        raise SourceError(f"{path}: cannot write ({error.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if (status.st_uid, status.st_gid) != (os.geteuid(), os.getegid()):
            try:  # before chmod: chown clears set-user-ID bits
                os.chown(temp_path, status.st_uid, status.st_gid)
            except OSError:
                pass  # only root may give a file away; the new file is the writer's
        os.chmod(temp_path, mode)
        os.replace(temp_path, path)
    except BaseException as error:
        # Whatever stops the write (an OS error, Ctrl-C), no temporary file is left behind.
        try:
            os.unlink(temp_path)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise SourceError(f"{path}: cannot write ({error.strerror})") from None
        raise


def create_atomic(path: str, text: str) -> None:
    """Create a new file holding `text` (UTF-8); an existing file is never replaced."""
    directory = os.path.dirname(os.path.abspath(path))
    try:
        fd, temp_path = tempfile.mkstemp(prefix=".iacfix-", suffix=".tmp", dir=directory)
    except OSError as error:
        raise SourceError(f"{path}: cannot create ({error.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp_path, 0o666 & ~umask)  # the mode a new file gets from the shell
        os.link(temp_path, path)  # fails if the file appeared meanwhile: nothing is replaced
    except FileExistsError:
        raise SourceError(f"{path}: created by another process meanwhile; not written") from None
    except OSError as error:
        raise SourceError(f"{path}: cannot create ({error.strerror})") from None
    finally:
        try:
            os.unlink(temp_path)
        except OSError:
            pass
