"""`fix --interactive`, through the installed command with answers on standard input: each hunk
asked about, only the accepted ones written, a mix that would break the file refused, and a file
changed meanwhile never overwritten."""

from __future__ import annotations

import codecs
import os
import select
import shutil
import subprocess

import pytest

from conftest import GOLDEN, iacfix_command, run_iacfix, snapshot

SG_BEFORE = (GOLDEN / "CDK101-security-group-rules" / "before.py").read_bytes()
SG_AFTER = (GOLDEN / "CDK101-security-group-rules" / "after.py").read_bytes()
# Two independent hunks: a user name in the first, a secret's user name in the second.
NAMES_BEFORE = (GOLDEN / "AWS205-cdktf-instance-and-cluster" / "before.py").read_bytes()
NAMES_AFTER = (GOLDEN / "AWS205-cdktf-instance-and-cluster" / "after.py").read_bytes()
FIRST_HUNK_ONLY = NAMES_AFTER.replace(b'"username": "dbadmin"', b'"username": "admin"')
QUESTION = b"Apply this fix? [y]es/[n]o/[a]ll remaining/[q]uit"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "lib").mkdir()
    return tmp_path


def write(project, name: str, data: bytes):
    path = project / "lib" / name
    path.write_bytes(data)
    return path


def interactive(project, answers: bytes, *args: str) -> subprocess.CompletedProcess:
    return run_iacfix("fix", ".", "--interactive", *args, cwd=project, input=answers)


def test_yes_to_every_hunk_writes_the_fixed_file(project):
    stack = write(project, "stack.py", SG_BEFORE)
    result = interactive(project, b"y\ny\n")
    assert result.returncode == 1, result.stderr
    assert stack.read_bytes() == SG_AFTER
    out = result.stdout
    assert b"lib/stack.py: 2 change(s) from CDK101\n--- a/lib/stack.py\n+++ b/lib/stack.py\n" in out
    assert out.count(QUESTION) == 2
    assert b"(1/2 CDK101) " + QUESTION in out and b"(2/2 CDK101) " + QUESTION in out
    assert b"-            ingress=[{\n" in out
    assert b"+            ingress=[SecurityGroupIngress(\n" in out
    assert b"Applied 2 of 2 change(s) to lib/stack.py" in out


def test_no_to_every_hunk_leaves_the_file(project):
    stack = write(project, "stack.py", SG_BEFORE)
    result = interactive(project, b"n\nn\n")
    assert result.returncode == 1
    assert stack.read_bytes() == SG_BEFORE
    assert b"Applied" not in result.stdout


def test_only_the_accepted_hunk_is_written(project):
    names = write(project, "names.py", NAMES_BEFORE)
    result = interactive(project, b"y\nn\n")
    assert result.returncode == 1, result.stderr
    assert names.read_bytes() == FIRST_HUNK_ONLY
    assert b"Applied 1 of 2 change(s) to lib/names.py" in result.stdout
    assert b"(1/2 AWS205) " + QUESTION in result.stdout


def test_accepted_hunks_keep_crlf_and_the_byte_order_mark(project):
    crlf = codecs.BOM_UTF8 + NAMES_BEFORE.replace(b"\n", b"\r\n")
    names = write(project, "names.py", crlf)
    os.chmod(names, 0o640)
    assert interactive(project, b"n\ny\n").returncode == 1
    second_only = NAMES_BEFORE.replace(b'"username": "admin"', b'"username": "dbadmin"')
    assert names.read_bytes() == codecs.BOM_UTF8 + second_only.replace(b"\n", b"\r\n")
    assert os.stat(names).st_mode & 0o777 == 0o640


def test_all_remaining_applies_the_rest_without_asking(project):
    names = write(project, "a.py", NAMES_BEFORE)
    stack = write(project, "b.py", SG_BEFORE)
    result = interactive(project, b"n\na\n")
    assert result.returncode == 1
    second_only = NAMES_BEFORE.replace(b'"username": "admin"', b'"username": "dbadmin"')
    assert names.read_bytes() == second_only
    assert stack.read_bytes() == SG_AFTER
    assert result.stdout.count(QUESTION) == 2
    assert b"lib/b.py: 2 change(s) from CDK101" in result.stdout


def test_quit_keeps_what_was_accepted_and_stops(project):
    names = write(project, "a.py", NAMES_BEFORE)
    stack = write(project, "b.py", SG_BEFORE)
    result = interactive(project, b"y\nq\ny\ny\n")
    assert result.returncode == 1
    assert names.read_bytes() == FIRST_HUNK_ONLY
    assert stack.read_bytes() == SG_BEFORE
    assert result.stdout.count(QUESTION) == 2
    assert b"lib/b.py" not in result.stdout


def test_end_of_input_is_quit(project):
    names = write(project, "a.py", NAMES_BEFORE)
    stack = write(project, "b.py", SG_BEFORE)
    result = interactive(project, b"y\n")
    assert result.returncode == 1
    assert names.read_bytes() == FIRST_HUNK_ONLY
    assert stack.read_bytes() == SG_BEFORE
    assert result.stdout.count(QUESTION) == 2


def test_other_answers_ask_again(project):
    stack = write(project, "stack.py", SG_BEFORE)
    result = interactive(project, b"maybe\nYES\nAll\n")
    assert stack.read_bytes() == SG_AFTER
    assert b"Answer y, n, a or q." in result.stdout
    assert result.stdout.count(QUESTION) == 3


def test_a_mix_that_needs_a_declined_import_is_refused(project):
    stack = write(project, "stack.py", SG_BEFORE)
    result = interactive(project, b"n\ny\n")
    assert result.returncode == 2
    assert stack.read_bytes() == SG_BEFORE
    message = result.stderr.decode()
    assert message.startswith("lib/stack.py: ") and "`SecurityGroupIngress`" in message
    assert message.strip().endswith("not written")
    assert b"Applied" not in result.stdout


def test_nothing_to_fix(project):
    write(project, "stack.py", SG_AFTER)
    result = interactive(project, b"")
    assert (result.returncode, result.stdout) == (0, b"")


def test_findings_left_are_reported(project):
    unknown = (GOLDEN / "CDK110-unknown-module" / "before.py").read_bytes()
    write(project, "other.py", unknown)
    result = interactive(project, b"")
    assert result.returncode == 1
    assert b"lib/other.py:" in result.stdout and b"CDK110" in result.stdout


def test_new_file_of_a_project_fix(tmp_path):
    case = GOLDEN / "PRJ403-lib-without-init"
    shutil.copytree(case / "before", tmp_path / "app")
    result = run_iacfix("fix", ".", "--interactive", cwd=tmp_path / "app", input=b"n\n")
    assert not (tmp_path / "app" / "lib" / "__init__.py").exists()
    assert b"(new file lib/__init__.py) " + QUESTION in result.stdout
    result = run_iacfix("fix", ".", "--interactive", cwd=tmp_path / "app", input=b"y\n")
    assert result.returncode == 1, result.stderr
    assert snapshot(tmp_path, "app") == snapshot(case, "after")


def test_stdin_and_other_formats_are_refused(project):
    stack = write(project, "stack.py", SG_BEFORE)
    result = run_iacfix("fix", "-", "--interactive", cwd=project, input=SG_BEFORE)
    assert result.returncode == 2 and b"cannot fix `-`" in result.stderr
    result = interactive(project, b"a\n", "--format", "json")
    assert result.returncode == 2 and b"--format text only" in result.stderr
    assert stack.read_bytes() == SG_BEFORE


def test_colored_hunks(project):
    write(project, "stack.py", SG_BEFORE)
    result = interactive(project, b"n\nn\n", "--color", "always")
    assert b"\x1b[31m-            ingress=[{\x1b[0m" in result.stdout
    assert b"\x1b[36m@@ -1,5 +1,5 @@\x1b[0m" in result.stdout


def read_until(stream, marker: bytes) -> bytes:
    seen = b""
    while marker not in seen:
        ready, _, _ = select.select([stream], [], [], 120)
        assert ready, f"no {marker!r} from iacfix; got {seen!r}"
        chunk = os.read(stream.fileno(), 65536)
        assert chunk, f"iacfix ended before {marker!r}; got {seen!r}"
        seen += chunk
    return seen


def test_a_file_changed_while_answering_is_not_written(project):
    """Changed after the dry run read it (the second file) or while its question was open (the
    first file): neither is overwritten."""
    first = write(project, "a.py", NAMES_BEFORE)
    second = write(project, "b.py", SG_BEFORE)
    process = subprocess.Popen(
        [*iacfix_command(), "fix", ".", "--interactive"],
        cwd=project,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    read_until(process.stdout, QUESTION)  # the first file's first question
    edited_first = NAMES_BEFORE + b"# edited meanwhile\n"
    edited_second = SG_BEFORE + b"# edited meanwhile\n"
    first.write_bytes(edited_first)
    second.write_bytes(edited_second)
    out, err = process.communicate(b"y\ny\ny\ny\n", timeout=120)
    assert process.returncode == 2
    assert first.read_bytes() == edited_first
    assert second.read_bytes() == edited_second
    assert b"lib/a.py: changed by another process since it was read; not written" in err
    assert b"lib/b.py: changed by another process since it was read; not written" in err
