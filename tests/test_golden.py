"""The golden cases: the proof that each rule does what it says, byte for byte.

For every `golden/<CODE>-<slug>/` case: fixing `before.py` gives `after.py`; fixing `after.py`
changes nothing; and the diff `iacfix diff` prints for `before.py`, applied with `git apply`, gives
`after.py`.

A case whose rule reads only some files (test rules read test files) names the path its file runs
under in a `path` file, e.g. `tests/unit/test_tap_stack.py`: each check then runs on a copy of the
case with `before.py` (or `after.py`) at that path, and `check.txt` holds `iacfix check <path>`.
The case's other files are in the copy too.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from iacfix.cli import main
from iacfix.registry import all_rules
from iacfix.rule import FixSafety

from conftest import case_args, golden_cases, project_cases, run_cli, snapshot

CASES = golden_cases()
IDS = [case.name for case in CASES]


def run_path(case) -> str | None:
    """The relative path a case's file runs under (its `path` file), or None: `before.py` itself."""
    path_file = case / "path"
    return path_file.read_text().strip() if path_file.exists() else None


def staged(case, name: str, work):
    """A copy of the case at `work` with `name` at the case's path; that file's path."""
    shutil.copytree(case, work)
    target = work / run_path(case)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(case / name, target)
    return target


def fix_via_stdin(case, name: str, tmp_path) -> bytes:
    path = case / name
    if run_path(case) is not None:
        path = staged(case, name, tmp_path / "case")
    result = CliRunner().invoke(
        main,
        ["fix", "-", "--stdin-filename", str(path), *case_args(case)],
        input=(case / name).read_bytes(),
    )
    assert result.exit_code in (0, 1), result.output
    return result.stdout_bytes


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_fix_gives_after(case, tmp_path):
    assert fix_via_stdin(case, "before.py", tmp_path).decode() == (case / "after.py").read_text()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_fixing_after_changes_nothing(case, tmp_path):
    assert fix_via_stdin(case, "after.py", tmp_path) == (case / "after.py").read_bytes()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_diff_applies_with_git(case, tmp_path, git):
    work = tmp_path / "case"
    name = run_path(case)
    if name is None:
        name = "before.py"
        shutil.copytree(case, work)
    else:
        staged(case, "before.py", work)
    result = run_cli("diff", name, *case_args(case), cwd=work)
    changed = (case / "before.py").read_bytes() != (case / "after.py").read_bytes()
    assert result.returncode == (1 if changed else 0), result.stderr.decode()
    if changed:
        subprocess.run([git, "apply", "-"], cwd=work, input=result.stdout, check=True)
    else:
        assert result.stdout == b""
    assert (work / name).read_bytes() == (case / "after.py").read_bytes()


@pytest.mark.parametrize(
    "case", [c for c in CASES if (c / "check.txt").exists()], ids=lambda c: c.name
)
def test_check_reports_what_check_txt_says(case, tmp_path):
    """`check.txt` holds the exact `iacfix check before.py` (or `check <path>`) output a case must
    give."""
    name, cwd = run_path(case), tmp_path / "case"
    if name is None:
        name = "before.py"
        shutil.copytree(case, cwd)
    else:
        staged(case, "before.py", cwd)
    result = run_cli("check", name, *case_args(case), cwd=cwd)
    assert result.stdout.decode() == (case / "check.txt").read_text()
    assert result.returncode == (1 if result.stdout else 0)


def test_case_folders_are_well_formed():
    codes = {rule.CODE for rule in all_rules()}
    for case in CASES:
        code = case.name.split("-", 1)[0]
        assert code in codes, f"{case.name}: no rule has the code {code}"
        assert re.fullmatch(r"[A-Z]{3}\d{3}-[a-z0-9-]+", case.name), case.name
        assert (case / "before.py").is_file() and (case / "after.py").is_file(), case.name
        path = run_path(case)
        if path is not None:
            relative = not path.startswith("/") and ".." not in path.split("/")
            assert path.endswith(".py") and relative, case.name


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.CODE)
def test_every_rule_has_golden_cases(rule):
    cases = [c for c in CASES + project_cases() if c.name.startswith(rule.CODE + "-")]
    assert len(cases) >= 3, f"{rule.CODE} has {len(cases)} golden case(s); it needs at least 3"
    changing = [c for c in cases if snapshot(c, "before") != snapshot(c, "after")]
    untouched = [c for c in cases if c not in changing]
    assert untouched, f"{rule.CODE} has no already-correct golden case (before == after)"
    if rule.FIX is FixSafety.NONE:
        # A rule without a fix proves itself by what it reports.
        assert not changing, f"{rule.CODE} has no fix, yet a golden case changes"
        reported = [c for c in cases if (c / "check.txt").exists() and (c / "check.txt").read_text()]
        assert reported, f"{rule.CODE} has no golden case with an expected check.txt"
    else:
        assert changing, f"{rule.CODE} has no golden case it changes"
