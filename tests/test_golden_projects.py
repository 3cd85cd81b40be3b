"""Golden cases of the rules that span files: `golden/<CODE>-<slug>/before/` and `after/` folders.

For each: `iacfix fix .` run in a copy of `before/` gives `after/` (every file, byte for byte, no
file more or less); running it again changes nothing; `iacfix diff .` on a fresh copy, applied
with `git apply`, gives `after/` too; and `check.txt`, where present, is what `iacfix check .`
prints in `before/`.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import case_args, project_cases, run_cli, snapshot, tree_bytes

CASES = project_cases()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_fix_gives_after_and_settles(case, tmp_path):
    work = tmp_path / "project"
    shutil.copytree(case / "before", work)
    first = run_cli("fix", ".", *case_args(case), cwd=work)
    assert first.returncode in (0, 1), first.stderr.decode()
    assert tree_bytes(work) == snapshot(case, "after")
    again = run_cli("fix", ".", *case_args(case), cwd=work)
    assert tree_bytes(work) == snapshot(case, "after"), again.stdout.decode()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_diff_applies_with_git(case, tmp_path, git):
    work = tmp_path / "project"
    shutil.copytree(case / "before", work)
    result = run_cli("diff", ".", *case_args(case), cwd=work)
    assert tree_bytes(work) == snapshot(case, "before")  # diff writes nothing
    if result.stdout:
        subprocess.run([git, "apply", "-"], cwd=work, input=result.stdout, check=True)
    assert tree_bytes(work) == snapshot(case, "after")


@pytest.mark.parametrize(
    "case", [c for c in CASES if (c / "check.txt").exists()], ids=lambda c: c.name
)
def test_check_reports_what_check_txt_says(case, tmp_path):
    work = tmp_path / "project"
    shutil.copytree(case / "before", work)
    result = run_cli("check", ".", *case_args(case), cwd=work)
    assert result.stdout.decode() == (case / "check.txt").read_text()
