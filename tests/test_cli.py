"""The command-line contract, exercised through the installed `iacfix` command."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess

import pytest

from iacfix.registry import all_rules

from conftest import GOLDEN, ROOT, run_iacfix

SG_BEFORE = (GOLDEN / "CDK101-security-group-rules" / "before.py").read_bytes()
SG_AFTER = (GOLDEN / "CDK101-security-group-rules" / "after.py").read_bytes()
CLEAN = (GOLDEN / "CDK101-already-structs" / "before.py").read_bytes()


@pytest.fixture
def project(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "stack.py").write_bytes(SG_BEFORE)
    (tmp_path / "lib" / "clean.py").write_bytes(CLEAN)
    return tmp_path


def lines(output: bytes) -> list[str]:
    return output.decode().splitlines()


def test_check_reports_findings_and_exits_1(project):
    result = run_iacfix("check", ".", cwd=project)
    assert result.returncode == 1
    assert lines(result.stdout) == [
        "lib/stack.py:16:13: CDK101 [*] `ingress` takes SecurityGroupIngress structs; in plain "
        "dicts `cidr_blocks`, `from_port`, `to_port` synthesize as null",
        "lib/stack.py:24:13: CDK101 [*] `egress` takes SecurityGroupEgress structs; in plain "
        "dicts `cidr_blocks`, `from_port`, `to_port` synthesize as null",
    ]
    assert "Found 2 finding(s); 2 fixable" in result.stderr.decode()


def test_check_on_clean_code_exits_0(project):
    result = run_iacfix("check", "lib/clean.py", cwd=project)
    assert (result.returncode, result.stdout) == (0, b"")


def test_check_json(project):
    result = run_iacfix("check", "lib", "--format", "json", cwd=project)
    records = json.loads(result.stdout)
    assert result.returncode == 1
    assert records[0] == {
        "path": "lib/stack.py",
        "line": 16,
        "col": 13,
        "end_line": 23,
        "end_col": 15,
        "code": "CDK101",
        "message": records[0]["message"],
        "fix": "safe",
    }
    assert len(records) == 2


def test_diff_changes_nothing_and_applies(project, git):
    result = run_iacfix("diff", cwd=project)
    assert result.returncode == 1
    assert result.stdout.startswith(b"--- a/lib/stack.py\n+++ b/lib/stack.py\n")
    assert (project / "lib" / "stack.py").read_bytes() == SG_BEFORE
    subprocess.run([git, "apply", "-"], cwd=project, input=result.stdout, check=True)
    assert (project / "lib" / "stack.py").read_bytes() == SG_AFTER


def test_fix_writes_in_place_then_finds_nothing(project):
    clean_stat = os.stat(project / "lib" / "clean.py")
    os.chmod(project / "lib" / "stack.py", 0o640)
    result = run_iacfix("fix", ".", cwd=project)
    assert result.returncode == 1
    assert lines(result.stdout) == ["Fixed 2 findings in lib/stack.py (CDK101)"]
    assert (project / "lib" / "stack.py").read_bytes() == SG_AFTER
    assert stat.S_IMODE(os.stat(project / "lib" / "stack.py").st_mode) == 0o640
    # A file no rule fires on is never rewritten.
    assert os.stat(project / "lib" / "clean.py").st_mtime_ns == clean_stat.st_mtime_ns
    again = run_iacfix("fix", ".", cwd=project)
    assert (again.returncode, again.stdout) == (0, b"")
    assert not [p for p in (project / "lib").iterdir() if p.name.startswith(".iacfix-")]


def test_select_and_ignore(project):
    assert run_iacfix("check", ".", "--select", "AWS", cwd=project).returncode == 0
    assert run_iacfix("check", ".", "--ignore", "CDK101", cwd=project).returncode == 0
    assert run_iacfix("check", ".", "--select", "CDK1", cwd=project).returncode == 1


def test_unknown_rule_code_is_a_one_line_usage_error(project):
    result = run_iacfix("check", ".", "--select", "CDK999", cwd=project)
    assert result.returncode == 2
    assert lines(result.stderr) == ["iacfix: error: unknown rule code or prefix: CDK999"]
    result = run_iacfix("fix", ".", "--ignore", "NOPE", cwd=project)
    assert result.returncode == 2
    assert (project / "lib" / "stack.py").read_bytes() == SG_BEFORE


def test_bad_target_terraform_is_a_usage_error(project):
    result = run_iacfix("check", ".", "--target-terraform", "one.ten", cwd=project)
    assert result.returncode == 2
    assert len(lines(result.stderr)) == 1
    assert "--target-terraform" in result.stderr.decode()


def test_target_terraform_option_decides_cdk103_fix_safety(tmp_path):
    source = (GOLDEN / "CDK103-old-terraform-removed" / "before.py").read_bytes()
    expected = (GOLDEN / "CDK103-old-terraform-removed" / "after.py").read_bytes()
    (tmp_path / "stack.py").write_bytes(source)
    unknown = run_iacfix("diff", "stack.py", cwd=tmp_path)
    assert (unknown.returncode, unknown.stdout) == (0, b"")
    newer = run_iacfix("check", "stack.py", "--target-terraform", "1.10", cwd=tmp_path)
    assert (newer.returncode, newer.stdout) == (0, b"")
    older = run_iacfix("fix", "stack.py", "--target-terraform", "1.9", cwd=tmp_path)
    assert older.returncode == 1
    assert (tmp_path / "stack.py").read_bytes() == expected


def test_syntax_error_is_reported_and_other_files_still_fixed(project):
    broken = b"from cdktf_cdktf_provider_aws.vpc import Vpc\nVpc(self, 'v'\n"
    (project / "lib" / "broken.py").write_bytes(broken)
    result = run_iacfix("fix", ".", cwd=project)
    assert result.returncode == 2
    assert lines(result.stderr) == ["lib/broken.py: syntax error at line 2: '(' was never closed"]
    assert (project / "lib" / "broken.py").read_bytes() == broken
    assert (project / "lib" / "stack.py").read_bytes() == SG_AFTER


def test_missing_path_undecodable_and_unreadable_files(project):
    (project / "latin.py").write_bytes(b"# cdktf_cdktf_provider_aws caf\xe9\n")
    result = run_iacfix("check", "missing.py", "latin.py", "lib", cwd=project)
    assert result.returncode == 2
    errors = lines(result.stderr)
    assert "missing.py: no such file or directory" in errors
    assert "latin.py: cannot decode as utf-8 (byte 30: invalid continuation byte)" in errors
    assert "lib/stack.py:16:13: CDK101" in result.stdout.decode()  # the others still ran
    if os.geteuid() != 0:  # root reads everything
        os.chmod(project / "lib" / "stack.py", 0)
        result = run_iacfix("check", "lib/stack.py", cwd=project)
        assert lines(result.stderr) == ["lib/stack.py: permission denied"]


def test_stdin(project):
    fixed = run_iacfix("fix", "-", "--stdin-filename", "lib/stack.py", cwd=project, input=SG_BEFORE)
    assert (fixed.returncode, fixed.stdout) == (1, SG_AFTER)
    clean = run_iacfix("fix", "-", cwd=project, input=CLEAN)
    assert (clean.returncode, clean.stdout) == (0, CLEAN)
    diff = run_iacfix("diff", "-", "--stdin-filename", "lib/stack.py", cwd=project, input=SG_BEFORE)
    assert diff.stdout.startswith(b"--- a/lib/stack.py\n")
    check = run_iacfix("check", "-", "--stdin-filename", "x/y.py", cwd=project, input=SG_BEFORE)
    assert lines(check.stdout)[0].startswith("x/y.py:16:13: CDK101")


def test_directories_skip_tooling_folders(project):
    for folder in (".git", "node_modules", "cdktf.out", "__pycache__", ".venv", "env"):
        (project / folder).mkdir()
        (project / folder / "stack.py").write_bytes(SG_BEFORE)
    (project / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    result = run_iacfix("check", ".", cwd=project)
    paths = {line.split(":")[0] for line in lines(result.stdout)}
    assert paths == {"lib/stack.py"}


def test_keeps_crlf_bom_and_missing_final_newline(tmp_path, git):
    source = b"\xef\xbb\xbf" + SG_BEFORE.replace(b"\n", b"\r\n").rstrip(b"\r\n")
    (tmp_path / "stack.py").write_bytes(source)
    diff = run_iacfix("diff", "stack.py", cwd=tmp_path)
    work = tmp_path / "copy"
    work.mkdir()
    (work / "stack.py").write_bytes(source)
    subprocess.run([git, "apply", "-"], cwd=work, input=diff.stdout, check=True)
    assert run_iacfix("fix", "stack.py", cwd=tmp_path).returncode == 1
    fixed = (tmp_path / "stack.py").read_bytes()
    assert fixed == b"\xef\xbb\xbf" + SG_AFTER.replace(b"\n", b"\r\n").rstrip(b"\r\n")
    assert (work / "stack.py").read_bytes() == fixed


def test_rules_lists_every_rule():
    result = run_iacfix("rules", "--format", "json")
    records = json.loads(result.stdout)
    assert [r["code"] for r in records] == [rule.CODE for rule in all_rules()]
    assert set(records[0]) == {"code", "name", "set", "platform", "fix", "summary"}
    text = run_iacfix("rules").stdout.decode()
    assert all(rule.CODE in text for rule in all_rules())


def test_explain():
    result = run_iacfix("explain", "cdk101")
    text = result.stdout.decode()
    assert result.returncode == 0
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert section in text
    unknown = run_iacfix("explain", "CDK999")
    assert (unknown.returncode, lines(unknown.stderr)) == (2, ["iacfix: error: unknown rule code: CDK999"])


def test_diff_of_the_shipped_examples_applies(tmp_path, git):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    result = run_iacfix("diff", "examples/", cwd=tmp_path)
    assert result.returncode == 1
    subprocess.run([git, "apply", "-"], cwd=tmp_path, input=result.stdout, check=True)
    assert run_iacfix("check", "examples", cwd=tmp_path).returncode == 0
