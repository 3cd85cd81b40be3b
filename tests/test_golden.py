"""The golden cases: the proof that each rule does what it says, byte for byte.

For every `golden/<CODE>-<slug>/` case: fixing `before.py` gives `after.py`; fixing `after.py`
changes nothing; and the diff `iacfix diff` prints for `before.py`, applied with `git apply`, gives
`after.py`.
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

from conftest import GOLDEN, case_args, golden_cases, run_iacfix

CASES = golden_cases()
IDS = [case.name for case in CASES]


def fix_via_stdin(case, name: str) -> bytes:
    path = case / name
    result = CliRunner().invoke(
        main,
        ["fix", "-", "--stdin-filename", str(path), *case_args(case)],
        input=path.read_bytes(),
    )
    assert result.exit_code in (0, 1), result.output
    return result.stdout_bytes


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_fix_gives_after(case):
    assert fix_via_stdin(case, "before.py").decode() == (case / "after.py").read_text()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_fixing_after_changes_nothing(case):
    assert fix_via_stdin(case, "after.py") == (case / "after.py").read_bytes()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_diff_applies_with_git(case, tmp_path, git):
    work = tmp_path / "case"
    shutil.copytree(case, work)
    result = run_iacfix("diff", "before.py", *case_args(case), cwd=work)
    changed = (case / "before.py").read_bytes() != (case / "after.py").read_bytes()
    assert result.returncode == (1 if changed else 0), result.stderr.decode()
    if changed:
        subprocess.run([git, "apply", "-"], cwd=work, input=result.stdout, check=True)
    else:
        assert result.stdout == b""
    assert (work / "before.py").read_bytes() == (case / "after.py").read_bytes()


@pytest.mark.parametrize(
    "case", [c for c in CASES if (c / "check.txt").exists()], ids=lambda c: c.name
)
def test_check_reports_what_check_txt_says(case):
    """`check.txt` holds the exact `iacfix check before.py` output a case must give."""
    result = run_iacfix("check", "before.py", *case_args(case), cwd=case)
    assert result.stdout.decode() == (case / "check.txt").read_text()
    assert result.returncode == (1 if result.stdout else 0)


def test_case_folders_are_well_formed():
    codes = {rule.CODE for rule in all_rules()}
    for case in CASES:
        code = case.name.split("-", 1)[0]
        assert code in codes, f"{case.name}: no rule has the code {code}"
        assert re.fullmatch(r"[A-Z]{3}\d{3}-[a-z0-9-]+", case.name), case.name
        assert (case / "before.py").is_file() and (case / "after.py").is_file(), case.name


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.CODE)
def test_every_rule_has_golden_cases(rule):
    cases = [c for c in CASES if c.name.startswith(rule.CODE + "-")]
    assert len(cases) >= 3, f"{rule.CODE} has {len(cases)} golden case(s); it needs at least 3"
    changing = [c for c in cases if (c / "before.py").read_bytes() != (c / "after.py").read_bytes()]
    untouched = [c for c in cases if c not in changing]
    assert untouched, f"{rule.CODE} has no already-correct golden case (before == after)"
    if rule.FIX is FixSafety.NONE:
        # A rule without a fix proves itself by what it reports.
        assert not changing, f"{rule.CODE} has no fix, yet a golden case changes"
        reported = [c for c in cases if (c / "check.txt").exists() and (c / "check.txt").read_text()]
        assert reported, f"{rule.CODE} has no golden case with an expected check.txt"
    else:
        assert changing, f"{rule.CODE} has no golden case it changes"
