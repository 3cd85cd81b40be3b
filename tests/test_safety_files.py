"""Files and the file system: atomic writes, concurrent runs, encodings and layout, links,
permissions, hostile inputs and bad invocations.

Most tests run the real `iacfix` command. Tests run as root in some environments, where permission
bits do not stop writes; read-only folders are then tested in a child that has dropped the
capabilities that let root bypass them (`setpriv`), and skipped where that is not possible.
"""

from __future__ import annotations

import difflib
import os
import random
import re
import shutil
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from iacfix import fileio
from iacfix.cli import main
from iacfix.discovery import discover
from iacfix.engine import Engine
from iacfix.settings import Settings

from conftest import GOLDEN, golden_cases, iacfix_command

SG = GOLDEN / "CDK101-security-group-rules"
SG_BEFORE = (SG / "before.py").read_bytes()
SG_AFTER = (SG / "after.py").read_bytes()
TEMP_NAME = re.compile(r"^\.iacfix-.*\.tmp$")


class Result:
    def __init__(self, returncode: int, stdout: bytes, stderr: bytes) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def cli(*args: str, cwd) -> Result:
    """The command line in-process (same code as the installed command, without the start-up
    time); tests that need a real process (signals, memory, capabilities) use run_iacfix."""
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Result(result.exit_code, result.stdout_bytes, result.stderr_bytes)


def one_line(stderr: bytes) -> str:
    lines = stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in lines[0]
    return lines[0]


def errors(stderr: bytes) -> list[str]:
    """The error lines, without check's closing summary (`Found N finding(s)...`)."""
    return [line for line in stderr.decode().splitlines() if not line.startswith("Found ")]


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if TEMP_NAME.match(p.name)]


def snapshot(folder: Path) -> dict:
    """Every file's bytes, mode and mtime: to prove that nothing was written (the tool's own
    result cache, `.iacfix_cache/`, is not the user's files)."""
    result = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and ".iacfix_cache" not in path.parts:
            info = path.stat()
            result[path] = (path.read_bytes(), info.st_mode, info.st_mtime_ns)
    return result


# -- atomic in-place writes -----------------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o640, 0o755, 0o600])
def test_write_goes_through_a_flushed_temp_file_in_the_same_folder(tmp_path, monkeypatch, mode):
    path = tmp_path / "stack.py"
    path.write_bytes(SG_BEFORE)
    os.chmod(path, mode)
    source = fileio.read(str(path))
    seen = {}
    real_replace, real_fsync = os.replace, os.fsync
    synced = []

    def fsync(fd):
        synced.append(os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else fd)
        return real_fsync(fd)

    def replace(src, dst):
        seen.update(src=src, dst=dst, data=Path(src).read_bytes(), mode=stat.S_IMODE(os.stat(src).st_mode))
        seen["target_then"] = Path(dst).read_bytes()
        return real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    fileio.write_atomic(source, SG_AFTER.decode())

    assert os.path.dirname(seen["src"]) == str(tmp_path)  # same folder: the rename is atomic
    assert TEMP_NAME.match(os.path.basename(seen["src"]))
    assert os.path.abspath(seen["dst"]) == str(path)
    assert seen["data"] == SG_AFTER  # flushed before the rename
    assert seen["mode"] == mode  # the mode is set before the file appears under its name
    assert seen["target_then"] == SG_BEFORE  # until the rename the old file is whole
    if synced and isinstance(synced[0], str):
        assert synced == [seen["src"]]  # synced to disk, then renamed
    assert path.read_bytes() == SG_AFTER
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert temp_files(tmp_path) == []


def test_the_data_is_flushed_before_it_is_synced(tmp_path, monkeypatch):
    """fsync only saves what the file already holds: Python's buffer must be flushed first."""
    path = tmp_path / "stack.py"
    path.write_bytes(SG_BEFORE)
    source = fileio.read(str(path))
    real_fsync = os.fsync
    sizes = []

    def fsync(fd):
        sizes.append(os.fstat(fd).st_size)
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    fileio.write_atomic(source, SG_AFTER.decode())
    assert sizes == [len(SG_AFTER)]
    assert path.read_bytes() == SG_AFTER


class Crash(BaseException):
    """Stands for the process dying in the middle of a write."""


@pytest.mark.parametrize("where", ["fsync", "chmod", "replace"])
def test_a_write_stopped_midway_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch, where):
    path = tmp_path / "stack.py"
    path.write_bytes(SG_BEFORE)
    source = fileio.read(str(path))

    def crash(*args, **kwargs):
        assert path.read_bytes() == SG_BEFORE, "the file changed before the rename"
        raise Crash()

    monkeypatch.setattr(os, where, crash)
    with pytest.raises(Crash):
        fileio.write_atomic(source, SG_AFTER.decode())
    monkeypatch.undo()
    assert path.read_bytes() == SG_BEFORE
    assert temp_files(tmp_path) == []


def test_a_failed_rename_is_a_one_line_error_and_leaves_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "stack.py"
    path.write_bytes(SG_BEFORE)
    source = fileio.read(str(path))

    def replace(src, dst):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(fileio.SourceError, match=r"stack.py: cannot write \(Invalid cross-device link\)$"):
        fileio.write_atomic(source, SG_AFTER.decode())
    assert path.read_bytes() == SG_BEFORE
    assert temp_files(tmp_path) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_owner_and_group_are_kept(tmp_path):
    path = tmp_path / "stack.py"
    path.write_bytes(SG_BEFORE)
    os.chown(path, 12345, 23456)
    os.chmod(path, 0o2664)  # set-group-ID survives too: chown comes before chmod
    assert cli("fix", "stack.py", cwd=tmp_path).returncode == 1
    info = path.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (12345, 23456, 0o2664)
    assert path.read_bytes() == SG_AFTER


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_setuid_and_setgid_bits_survive_the_change_of_owner(tmp_path):
    """On an executable file chown clears set-user-ID and set-group-ID: the mode is set after it."""
    path = tmp_path / "stack.py"
    path.write_bytes(SG_BEFORE)
    os.chown(path, 12345, 23456)
    os.chmod(path, 0o6755)
    assert cli("fix", "stack.py", cwd=tmp_path).returncode == 1
    info = path.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (12345, 23456, 0o6755)
    assert path.read_bytes() == SG_AFTER


def test_temp_files_are_never_taken_for_sources(tmp_path):
    """A temp file left by a killed run (`.iacfix-*.tmp`) is neither checked nor rewritten."""
    (tmp_path / "lib").mkdir()
    leftovers = [tmp_path / ".iacfix-k3j4h5.tmp", tmp_path / "lib" / ".iacfix-a1b2c3.tmp"]
    for leftover in leftovers:
        leftover.write_bytes(SG_BEFORE)
    (tmp_path / "lib" / "stack.py").write_bytes(SG_BEFORE)
    assert [p for p, _ in discover([str(tmp_path)])] == [str(tmp_path / "lib" / "stack.py")]
    check = cli("check", ".", "--format", "json", cwd=tmp_path)
    assert ".iacfix-" not in check.stdout.decode()
    assert cli("fix", ".", cwd=tmp_path).returncode == 1
    assert all(p.read_bytes() == SG_BEFORE for p in leftovers)


# -- killed and concurrent runs -------------------------------------------------------------------


def _cheap_changing_befores(count: int, select=None) -> list[bytes]:
    """The smallest golden `before` files that `fix` (with `select`) changes."""
    cases = [c for c in golden_cases() if (c / "before.py").is_file() and not (c / "args").exists()]
    cases.sort(key=lambda case: (len((case / "before.py").read_bytes()), case.name))
    engine = Engine(Settings(select=select))
    found = []
    for case in cases:
        text = (case / "before.py").read_text(encoding="utf-8")
        if len(found) < count and engine.fix(text, "pkg_00/stack_0000.py").text != text:
            found.append(text.encode())
    assert len(found) == count
    return found


def _tree(root: Path, count: int, befores: list[bytes]) -> dict[Path, bytes]:
    """`count` files copied from `befores`, spread over folders, with no entry point so that no
    project rule applies."""
    files = {}
    for i in range(count):
        path = root / f"pkg_{i % 10:02d}" / f"stack_{i:04d}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(befores[i % len(befores)])
        files[path] = befores[i % len(befores)]
    return files


def _fixed(files: dict[Path, bytes], select=None) -> dict[Path, bytes]:
    """What `iacfix fix` makes of every file, computed once per distinct content."""
    engine = Engine(Settings(select=select))
    by_content: dict[bytes, bytes] = {}
    for path, data in files.items():
        if data not in by_content:
            by_content[data] = engine.fix(data.decode(), str(path)).text.encode()
    return {path: by_content[data] for path, data in files.items()}


def _start_fix(root: Path, *options: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*iacfix_command(), "fix", ".", *options],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_for_first_write(process: subprocess.Popen, path: Path, old: bytes, timeout=120) -> None:
    deadline = time.monotonic() + timeout
    while path.read_bytes() == old and process.poll() is None:
        assert time.monotonic() < deadline, "iacfix wrote nothing"
        time.sleep(0.01)


def test_sigkill_during_fix_leaves_every_file_whole(tmp_path):
    """SIGKILL at random moments while `fix` rewrites a tree of 200 files: every file is wholly
    old or wholly new, and what a kill leaves behind is never processed by a later run."""
    root = tmp_path / "tree"
    before = _tree(root, 200, _cheap_changing_befores(6))
    after = _fixed(before)
    assert all(before[p] != after[p] for p in before)
    first = min(before, key=lambda p: (p.parent.name, p.name))  # the first file the run fixes
    rng = random.Random(20240611)
    kills = []
    for attempt in range(5):
        process = _start_fix(root)
        _wait_for_first_write(process, first, before[first])
        time.sleep(rng.uniform(0.0, 2.0))
        process.send_signal(signal.SIGKILL)
        process.communicate()
        new = 0
        for path in before:
            data = path.read_bytes()
            assert data in (before[path], after[path]), f"{path} is neither old nor new"
            new += data == after[path]
        kills.append((process.returncode, new))
        leftovers = temp_files(root)
        listed = {Path(p) for p, _ in discover([str(root)])}
        assert not listed & set(leftovers)  # never taken for sources
        for leftover in leftovers:  # keep them for the run below, which must ignore them
            leftover.rename(root / "pkg_00" / leftover.name)
        for path in before:  # back to the old tree for the next attempt
            if path.read_bytes() != before[path]:
                path.write_bytes(before[path])
    # Some kill landed in the middle: a mix of new and old files.
    assert any(0 < new < len(before) for code, new in kills), kills
    assert all(code == -signal.SIGKILL for code, _ in kills if _ < len(before))
    # A later run over a folder holding leftovers: processes only sources, finishes the job.
    final = subprocess.run(
        [*iacfix_command(), "fix", "pkg_00"], cwd=root, capture_output=True, timeout=600
    )
    assert final.returncode == 1, final.stderr.decode()
    assert b".iacfix-" not in final.stdout + final.stderr
    for path in before:
        if path.parent.name == "pkg_00":
            assert path.read_bytes() == after[path]


def test_two_fix_runs_at_once_leave_every_file_fixed(tmp_path):
    root = tmp_path / "tree"
    before = _tree(root, 60, _cheap_changing_befores(6))
    after = _fixed(before)
    first, second = _start_fix(root), _start_fix(root)
    outputs = [first.communicate(timeout=600), second.communicate(timeout=600)]
    for process, (stdout, stderr) in zip((first, second), outputs):
        assert process.returncode in (1, 2), stderr.decode()
        for line in stderr.decode().splitlines():
            # The only complaint: the other run got there first.
            assert line.endswith("changed by another process since it was read; not written"), line
    for path in before:
        assert path.read_bytes() == after[path], path
    assert temp_files(root) == []


def test_two_different_fix_runs_at_once_never_mix_their_edits(tmp_path):
    """Runs with different rule selections: each file ends as one of the runs, or both one after
    the other, would leave it; never a blend of the two."""
    root = tmp_path / "tree"
    before = _tree(
        root, 60, _cheap_changing_befores(3, ("CDK",)) + _cheap_changing_befores(3, ("AWS",))
    )
    by_cdk, by_aws = _fixed(before, ("CDK",)), _fixed(before, ("AWS",))
    then_aws, then_cdk = _fixed(by_cdk, ("AWS",)), _fixed(by_aws, ("CDK",))
    assert any(by_cdk[p] != before[p] for p in before) and any(by_aws[p] != before[p] for p in before)
    first, second = _start_fix(root, "--select", "CDK"), _start_fix(root, "--select", "AWS")
    first.communicate(timeout=600)
    second.communicate(timeout=600)
    for path in before:
        reachable = {before[path], by_cdk[path], by_aws[path], then_aws[path], then_cdk[path]}
        assert path.read_bytes() in reachable, path
    assert temp_files(root) == []


# -- changed by someone else between read and write -----------------------------------------------


def test_write_refuses_a_file_changed_since_it_was_read(tmp_path):
    path = tmp_path / "stack.py"
    path.write_bytes(SG_BEFORE)
    source = fileio.read(str(path))
    edited = SG_BEFORE + b"# saved by an editor meanwhile\n"
    path.write_bytes(edited)
    with pytest.raises(fileio.SourceError, match="changed by another process since it was read; not written$"):
        fileio.write_atomic(source, SG_AFTER.decode())
    assert path.read_bytes() == edited
    assert temp_files(tmp_path) == []


def test_fix_skips_and_reports_a_file_changed_while_it_was_being_fixed(tmp_path, monkeypatch):
    (tmp_path / "lib").mkdir()
    changed, untouched = tmp_path / "lib" / "a_stack.py", tmp_path / "lib" / "b_stack.py"
    changed.write_bytes(SG_BEFORE)
    untouched.write_bytes(SG_BEFORE)
    edited = SG_BEFORE.replace(b"aurora-sg", b"edited-sg")
    real_fix = Engine.fix

    def fix_while_someone_saves(self, text, path):
        if path.endswith("a_stack.py"):
            changed.write_bytes(edited)  # an editor saves the file in the meantime
        return real_fix(self, text, path)

    monkeypatch.setattr(Engine, "fix", fix_while_someone_saves)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["fix", "lib"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "lib/a_stack.py: changed by another process since it was read; not written"
    )
    assert "a_stack.py" not in result.stdout  # not claimed as fixed
    assert changed.read_bytes() == edited
    assert untouched.read_bytes() == SG_AFTER


# -- encodings and layout -------------------------------------------------------------------------


def _crlf(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


def _tabs(data: bytes) -> bytes:
    return re.sub(rb"(?m)^((?:    )+)", lambda m: b"\t" * (len(m.group(1)) // 4), data)


def _latin1(data: bytes) -> bytes:
    text = data.decode().replace("# PostgreSQL", "# PostgreSQL, café für Straße")
    return ("# -*- coding: latin-1 -*-\n" + text).encode("latin-1")


BOM = b"\xef\xbb\xbf"
LAYOUTS = {
    "crlf": _crlf,
    "bom": lambda d: BOM + d,
    "no-final-newline": lambda d: d.rstrip(b"\n"),
    "tabs": _tabs,
    "latin-1": _latin1,
    "bom-crlf-no-final-newline": lambda d: BOM + _crlf(d).rstrip(b"\r\n"),
    "latin-1-crlf-tabs": lambda d: _crlf(_tabs(_latin1(d))),
}


@pytest.mark.parametrize("layout", LAYOUTS, ids=list(LAYOUTS))
def test_fix_keeps_encoding_and_layout_and_the_diff_applies(tmp_path, git, layout):
    transform = LAYOUTS[layout]
    source, expected = transform(SG_BEFORE), transform(SG_AFTER)
    assert source != expected
    (tmp_path / "stack.py").write_bytes(source)
    os.chmod(tmp_path / "stack.py", 0o664)
    diff = cli("diff", "stack.py", cwd=tmp_path)
    assert diff.returncode == 1, diff.stderr.decode()
    if layout.startswith("latin-1"):
        assert "café".encode("latin-1") in diff.stdout  # the diff is in the file's encoding
        assert "café".encode("utf-8") not in diff.stdout
    work = tmp_path / "copy"
    work.mkdir()
    (work / "stack.py").write_bytes(source)
    subprocess.run([git, "apply", "-"], cwd=work, input=diff.stdout, check=True)
    fixed = cli("fix", "stack.py", cwd=tmp_path)
    assert fixed.returncode == 1, fixed.stderr.decode()
    assert (tmp_path / "stack.py").read_bytes() == expected
    assert (work / "stack.py").read_bytes() == expected
    assert stat.S_IMODE((tmp_path / "stack.py").stat().st_mode) == 0o664
    again = cli("fix", "stack.py", cwd=tmp_path)
    assert (again.returncode, (tmp_path / "stack.py").read_bytes()) == (0, expected)


def test_mixed_line_endings_are_kept_line_by_line(tmp_path, git):
    lines = SG_BEFORE.split(b"\n")
    # CRLF on every other line; the fixed lines are in the middle, the rest must keep their ending.
    source = b"".join(
        line + (b"\r\n" if i % 2 else b"\n") for i, line in enumerate(lines[:-1])
    ) + lines[-1]
    (tmp_path / "stack.py").write_bytes(source)
    diff = cli("diff", "stack.py", cwd=tmp_path)
    work = tmp_path / "copy"
    work.mkdir()
    (work / "stack.py").write_bytes(source)
    subprocess.run([git, "apply", "-"], cwd=work, input=diff.stdout, check=True)
    assert cli("fix", "stack.py", cwd=tmp_path).returncode == 1
    fixed = (tmp_path / "stack.py").read_bytes()
    assert (work / "stack.py").read_bytes() == fixed
    assert fixed.replace(b"\r\n", b"\n") == SG_AFTER
    old, new = source.splitlines(keepends=True), fixed.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(
        None, [line.rstrip(b"\r\n") for line in old], [line.rstrip(b"\r\n") for line in new]
    )
    kept = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":  # untouched lines, byte for byte, endings included
            assert new[j1:j2] == old[i1:i2]
            kept += i2 - i1
    assert kept > len(old) / 2


# -- links, permissions ---------------------------------------------------------------------------


def test_symlink_to_a_file_outside_the_given_paths_is_reported_and_not_written(tmp_path):
    outside = tmp_path / "shared" / "common.py"
    outside.parent.mkdir()
    outside.write_bytes(SG_BEFORE)
    tree = tmp_path / "project"
    tree.mkdir()
    (tree / "stack.py").write_bytes(SG_BEFORE)
    (tree / "linked.py").symlink_to(outside)
    message = "project/linked.py: symbolic link to a file outside the given paths; skipped"
    for command in ("check", "diff", "fix"):
        result = cli(command, "project", cwd=tmp_path)
        assert result.returncode == 2, command
        assert errors(result.stderr) == [message], command
        assert b"linked.py" not in result.stdout, command
    assert outside.read_bytes() == SG_BEFORE
    assert (tree / "linked.py").is_symlink() and os.readlink(tree / "linked.py") == str(outside)
    assert (tree / "stack.py").read_bytes() == SG_AFTER
    named = cli("fix", "project/linked.py", cwd=tmp_path)
    assert (named.returncode, one_line(named.stderr)) == (2, message)
    assert outside.read_bytes() == SG_BEFORE


def test_symlink_inside_the_given_paths_stays_a_link(tmp_path):
    (tmp_path / "stack.py").write_bytes(SG_BEFORE)
    (tmp_path / "alias.py").symlink_to("stack.py")
    diff = cli("diff", ".", cwd=tmp_path)
    assert diff.stdout.count(b"+++ ") == 1  # the file once, under its own name
    result = cli("fix", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr.decode()
    assert (tmp_path / "alias.py").is_symlink() and os.readlink(tmp_path / "alias.py") == "stack.py"
    assert (tmp_path / "stack.py").read_bytes() == SG_AFTER


def test_write_never_replaces_a_symlink(tmp_path):
    target = tmp_path / "real.py"
    target.write_bytes(SG_BEFORE)
    (tmp_path / "link.py").symlink_to(target)
    source = fileio.read(str(tmp_path / "link.py"))
    with pytest.raises(fileio.SourceError, match="link.py: symbolic link; not written$"):
        fileio.write_atomic(source, SG_AFTER.decode())
    assert (tmp_path / "link.py").is_symlink() and target.read_bytes() == SG_BEFORE


def test_read_only_file_is_a_one_line_error(tmp_path):
    (tmp_path / "lib").mkdir()
    locked, other = tmp_path / "lib" / "locked.py", tmp_path / "lib" / "other.py"
    locked.write_bytes(SG_BEFORE)
    other.write_bytes(SG_BEFORE)
    os.chmod(locked, 0o444)
    result = cli("fix", "lib", cwd=tmp_path)
    assert result.returncode == 2
    assert one_line(result.stderr) == "lib/locked.py: read-only file; not written"
    assert locked.read_bytes() == SG_BEFORE
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert other.read_bytes() == SG_AFTER  # the others are still fixed
    assert temp_files(tmp_path) == []


def _without_root_powers() -> list[str]:
    """A command prefix that runs a child without the capabilities that let root ignore
    permission bits; [] when not root (permission bits already apply)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and setpriv is not installed: cannot drop root's file powers")
    prefix = [setpriv, "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]
    probe = subprocess.run([*prefix, "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"setpriv cannot drop capabilities here: {probe.stderr.decode().strip()}")
    return prefix


def test_read_only_folder_is_a_one_line_error(tmp_path):
    prefix = _without_root_powers()
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "stack.py").write_bytes(SG_BEFORE)
    os.chmod(folder, 0o555)
    try:
        probe = subprocess.run([*prefix, "touch", str(folder / "probe")], capture_output=True)
        if probe.returncode == 0:
            pytest.skip("this environment lets the child write into a read-only folder")
        result = subprocess.run(
            [*prefix, *iacfix_command(), "fix", "locked"], cwd=tmp_path, capture_output=True, timeout=120
        )
        assert result.returncode == 2
        assert one_line(result.stderr) == "locked/stack.py: cannot write (Permission denied)"
        assert (folder / "stack.py").read_bytes() == SG_BEFORE
        assert sorted(p.name for p in folder.iterdir()) == ["stack.py"]
    finally:
        os.chmod(folder, 0o755)


def test_file_the_user_may_not_write_is_a_one_line_error(tmp_path):
    """Owned by someone else, mode 644: a rename would still replace it; it must not."""
    prefix = _without_root_powers()
    path = tmp_path / "stack.py"
    path.write_bytes(SG_BEFORE)
    os.chmod(path, 0o644)
    if os.geteuid() == 0:
        os.chown(path, 12345, 12345)
    elif path.stat().st_uid == os.geteuid():
        pytest.skip("needs a file owned by another user")
    result = subprocess.run(
        [*prefix, *iacfix_command(), "fix", "stack.py"], cwd=tmp_path, capture_output=True, timeout=120
    )
    assert result.returncode == 2
    assert one_line(result.stderr) == "stack.py: read-only file; not written"
    assert path.read_bytes() == SG_BEFORE and path.stat().st_uid != os.geteuid()


# -- hostile inputs: binary, empty, huge, deeply nested ------------------------------------------


def run_measured(args, cwd, timeout=300) -> tuple[int, bytes, bytes, int]:
    """Run iacfix; return exit code, stdout, stderr and the child's peak RSS in MiB."""
    out, err = cwd / ".measured.out", cwd / ".measured.err"
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        process = subprocess.Popen([*iacfix_command(), *args], cwd=cwd, stdout=stdout, stderr=stderr)
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            process.kill()
            os.wait4(process.pid, 0)
            pytest.fail(f"iacfix {' '.join(args)} ran longer than {timeout} s")
        time.sleep(0.05)
    process.returncode = os.waitstatus_to_exitcode(status)
    data = out.read_bytes(), err.read_bytes()
    out.unlink()
    err.unlink()
    return process.returncode, data[0], data[1], usage.ru_maxrss // 1024


@pytest.fixture(scope="module")
def baseline_rss(tmp_path_factory) -> int:
    folder = tmp_path_factory.mktemp("baseline")
    (folder / "stack.py").write_bytes(SG_BEFORE)
    return run_measured(["check", "stack.py"], folder)[3]


def test_binary_and_undecodable_files_named_py(tmp_path):
    blob = bytes(range(256)) * 64
    (tmp_path / "blob.py").write_bytes(blob)
    (tmp_path / "latin.py").write_bytes(b"x = '\xff\xfe\x80'\n" * 10)
    for command in ("check", "diff", "fix"):
        result = cli(command, "blob.py", cwd=tmp_path)
        assert (result.returncode, result.stdout) == (2, b"")
        assert one_line(result.stderr) == "blob.py: binary file (contains NUL bytes), not Python source"
        result = cli(command, "latin.py", cwd=tmp_path)
        assert (result.returncode, result.stdout) == (2, b"")
        assert one_line(result.stderr) == "latin.py: cannot decode as utf-8 (byte 5: invalid start byte)"
    assert (tmp_path / "blob.py").read_bytes() == blob


def test_empty_file(tmp_path):
    (tmp_path / "empty.py").write_bytes(b"")
    before = snapshot(tmp_path)
    for command in ("check", "diff", "fix"):
        result = cli(command, "empty.py", cwd=tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")
    assert snapshot(tmp_path) == before


def _ten_megabytes(unit: bytes) -> bytes:
    return unit * (10 * 2**20 // len(unit) + 1)


def test_ten_megabyte_file_no_rule_applies_to(tmp_path, baseline_rss):
    data = _ten_megabytes(b'VALUES = ["plain data, nothing for any rule", 1, 2.5, None]\n')
    (tmp_path / "data.py").write_bytes(data)
    code, out, err, rss = run_measured(["fix", "data.py"], tmp_path, timeout=120)
    assert (code, out, err) == (0, b"", b""), err
    assert rss < baseline_rss + 150, f"peak RSS {rss} MiB"
    for command in ("check", "diff"):
        assert cli(command, "data.py", cwd=tmp_path).returncode == 0
    assert (tmp_path / "data.py").read_bytes() == data


def test_ten_megabyte_file_rules_would_parse_is_skipped_with_one_line(tmp_path, baseline_rss):
    head, body = SG_BEFORE.split(b"class DatabaseStack", 1)
    data = head + _ten_megabytes(b"class DatabaseStack" + body + b"\n")
    (tmp_path / "huge.py").write_bytes(data)
    (tmp_path / "stack.py").write_bytes(SG_BEFORE)
    message = "huge.py: too large to parse (10.0 MiB, limit 1 MiB); skipped"
    code, out, err, rss = run_measured(["fix", "."], tmp_path, timeout=120)
    assert code == 2
    assert errors(err) == [message]
    assert rss < baseline_rss + 150, f"peak RSS {rss} MiB"
    assert (tmp_path / "huge.py").read_bytes() == data
    assert (tmp_path / "stack.py").read_bytes() == SG_AFTER  # the other file is still fixed
    for command in ("check", "diff"):
        result = cli(command, "huge.py", cwd=tmp_path)
        assert (result.returncode, result.stdout, one_line(result.stderr)) == (2, b"", message)


NESTED = {
    "parentheses": lambda n: "(" * n + "1" + ")" * n,
    "lists": lambda n: "[" * n + "]" * n,
}


@pytest.mark.parametrize("kind", NESTED)
def test_deep_nesting_no_rule_applies_to(tmp_path, kind):
    """Never parsed (no rule's tokens occur in it), so no depth matters."""
    (tmp_path / "deep.py").write_text(f"x = {NESTED[kind](5000)}\n")
    code, out, err, _ = run_measured(["fix", "deep.py"], tmp_path, timeout=60)
    assert (code, out, err) == (0, b"", b"")


@pytest.mark.xfail(
    strict=True,
    reason="engine.parse hands the text to LibCST's native parser, which overflows the stack "
    "(SIGSEGV) on ~2000+ nested brackets; CPython's own parser refuses them with SyntaxError",
)
@pytest.mark.parametrize("kind", NESTED)
def test_deep_nesting_rules_would_parse_is_a_one_line_error(tmp_path, kind, baseline_rss):
    source = f"from pulumi_aws import s3\nx = {NESTED[kind](5000)}\n"
    (tmp_path / "deep.py").write_text(source)
    code, out, err, rss = run_measured(["fix", "deep.py"], tmp_path, timeout=60)
    assert code == 2, f"exit {code}"
    assert one_line(err).startswith("deep.py: ")
    assert rss < baseline_rss + 200
    assert (tmp_path / "deep.py").read_text() == source


def test_deep_but_valid_nesting_is_a_one_line_error(tmp_path, baseline_rss):
    """Nesting CPython compiles but the tree visitors cannot recurse through."""
    source = "from pulumi_aws import s3\nx = " + "not " * 900 + "1\ny = " + "[" * 150 + "]" * 150 + "\n"
    compile(source, "deep.py", "exec")
    (tmp_path / "deep.py").write_text(source)
    code, out, err, rss = run_measured(["fix", "deep.py"], tmp_path, timeout=120)
    assert (code, one_line(err)) == (2, "deep.py: too deeply nested to analyse; skipped")
    assert rss < baseline_rss + 200
    assert (tmp_path / "deep.py").read_text() == source


# -- bad invocations ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (["--select", "XYZ999"], "iacfix: error: unknown rule code or prefix: XYZ999"),
        (["--select", "CDK101,NOPE"], "iacfix: error: unknown rule code or prefix: NOPE"),
        (["--ignore", "AWS9"], "iacfix: error: unknown rule code or prefix: AWS9"),
        (["--target-terraform", "x"], "iacfix: error: --target-terraform: not a version"),
        (["--target-terraform", "1.x"], "iacfix: error: --target-terraform: not a version"),
        (["--target-terraform", "1.2.3.4"], "iacfix: error: --target-terraform: not a version"),
        (["missing.py"], "missing.py: no such file or directory"),
    ],
    ids=["select", "select-list", "ignore", "version-x", "version-1.x", "version-4-parts", "missing"],
)
@pytest.mark.parametrize("command", ["check", "diff", "fix"])
def test_bad_invocation_is_a_one_line_error_and_writes_nothing(tmp_path, command, args, message):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "stack.py").write_bytes(SG_BEFORE)
    before = snapshot(tmp_path)
    if args == ["missing.py"]:
        # check and diff report the missing path and go on; fix changes nothing at all.
        paths = ["lib"] if command == "fix" else []
    else:
        paths = ["lib"]
    result = cli(command, *args, *paths, cwd=tmp_path)
    assert result.returncode == 2
    errors = result.stderr.decode().splitlines()
    assert len(errors) == 1 and errors[0].startswith(message), errors
    if command == "fix":
        assert result.stdout == b""
    assert snapshot(tmp_path) == before
