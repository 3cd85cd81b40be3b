"""`--color` and the progress bar: shown at a terminal (a pseudo-terminal here), never in piped
output, which stays byte for byte what it was."""

from __future__ import annotations

import os
import pty
import re
import subprocess

import pytest

from conftest import GOLDEN, iacfix_command, run_iacfix

SG_BEFORE = (GOLDEN / "CDK101-security-group-rules" / "before.py").read_bytes()
ANSI = re.compile(rb"\x1b\[[0-9;]*m")

RED, GREEN, CYAN, BOLD = b"\x1b[31m", b"\x1b[32m", b"\x1b[36m", b"\x1b[1m"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "stack.py").write_bytes(SG_BEFORE)
    return tmp_path


def run_at_terminal(
    *args: str, cwd, stream: str, env=None
) -> tuple[subprocess.CompletedProcess, bytes]:
    """Run iacfix with `stream` ("stdout" or "stderr") on a pseudo-terminal and the other piped.
    Returns the process (its piped stream captured) and what reached the terminal."""
    master, slave = pty.openpty()
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, stream: slave}
    process = subprocess.Popen(
        [*iacfix_command(), *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
        **pipes,
    )
    os.close(slave)
    seen = b""
    while True:  # read while it runs: a full terminal buffer would block it
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the process has closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    out, err = process.communicate(timeout=120)
    completed = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    return completed, seen.replace(b"\r\n", b"\n")


# -- color ----------------------------------------------------------------------------------------


def test_diff_color_always(project):
    plain = run_iacfix("diff", ".", cwd=project)
    colored = run_iacfix("diff", ".", "--color", "always", cwd=project)
    assert colored.returncode == plain.returncode == 1
    assert ANSI.sub(b"", colored.stdout) == plain.stdout  # the same bytes between the codes
    lines = colored.stdout.splitlines()
    assert lines[0] == BOLD + b"--- a/lib/stack.py\x1b[0m"
    assert lines[1] == BOLD + b"+++ b/lib/stack.py\x1b[0m"
    assert lines[2].startswith(CYAN + b"@@ -1,5 +1,5 @@")
    assert any(line.startswith(RED + b"-from cdktf_cdktf_provider_aws") for line in lines)
    assert any(line.startswith(GREEN + b"+from cdktf_cdktf_provider_aws") for line in lines)
    assert b" from cdktf import TerraformStack" in lines  # context lines stay plain


def test_piped_output_has_no_color(project):
    default = run_iacfix("diff", ".", cwd=project)
    never = run_iacfix("diff", ".", "--color", "never", cwd=project)
    assert b"\x1b" not in default.stdout
    assert default.stdout == never.stdout


def test_diff_at_a_terminal_is_colored_unless_no_color(project):
    _, seen = run_at_terminal("diff", ".", cwd=project, stream="stdout", env={"NO_COLOR": ""})
    assert RED in seen and GREEN in seen
    _, seen = run_at_terminal("diff", ".", cwd=project, stream="stdout", env={"NO_COLOR": "1"})
    assert b"\x1b" not in seen and b"-from cdktf_cdktf_provider_aws" in seen
    _, seen = run_at_terminal("diff", ".", "--color", "never", cwd=project, stream="stdout")
    assert b"\x1b" not in seen


def test_colored_diff_keeps_the_bytes_of_a_latin1_file(project):
    source = b"# -*- coding: latin-1 -*-\n# caf\xe9\n" + SG_BEFORE
    (project / "lib" / "stack.py").write_bytes(source)
    plain = run_iacfix("diff", ".", cwd=project)
    colored = run_iacfix("diff", ".", "--color", "always", cwd=project)
    assert b"caf\xe9" in plain.stdout
    assert ANSI.sub(b"", colored.stdout) == plain.stdout


def test_check_color_always(project):
    plain = run_iacfix("check", ".", cwd=project)
    colored = run_iacfix("check", ".", "--color", "always", cwd=project)
    assert ANSI.sub(b"", colored.stdout) == plain.stdout
    assert colored.stdout.startswith(BOLD + b"lib/stack.py\x1b[0m:16:13: ")
    assert re.search(rb"(\x1b\[31m\x1b\[1m|\x1b\[1m\x1b\[31m)CDK101\x1b\[0m", colored.stdout)


# -- progress bar ---------------------------------------------------------------------------------


def many_files(project, count: int) -> None:
    for number in range(count):
        (project / "lib" / f"stack_{number:02}.py").write_bytes(SG_BEFORE)


def test_progress_bar_at_a_terminal_for_many_files(project):
    many_files(project, 24)  # with lib/stack.py: 25 files
    result, seen = run_at_terminal("check", ".", cwd=project, stream="stderr")
    assert result.returncode == 1
    assert b"Checking" in seen and b"25/25" in seen
    assert b"Found 50 finding(s)" in seen  # the summary still follows
    piped = run_iacfix("check", ".", cwd=project)
    assert result.stdout == piped.stdout
    assert b"Checking" not in piped.stderr and b"25/25" not in piped.stderr


def test_no_progress_bar_for_few_files(project):
    many_files(project, 3)
    _, seen = run_at_terminal("check", ".", cwd=project, stream="stderr")
    assert b"Checking" not in seen and b"/4" not in seen


def test_progress_bar_keeps_errors(project):
    many_files(project, 24)
    (project / "lib" / "broken.py").write_bytes(SG_BEFORE + b"def broken(:\n")  # rules parse it
    result, seen = run_at_terminal("diff", ".", cwd=project, stream="stderr")
    assert result.returncode == 2
    assert b"26/26" in seen  # the bar was shown
    assert b"lib/broken.py: syntax error at line" in seen.split(b"26/26")[-1]  # after it
    assert result.stdout == run_iacfix("diff", ".", cwd=project).stdout
