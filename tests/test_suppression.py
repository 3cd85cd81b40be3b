"""Inline suppression comments, through the installed `iacfix` command."""

from __future__ import annotations

from conftest import GOLDEN, run_iacfix

SG_BEFORE = (GOLDEN / "CDK101-security-group-rules" / "before.py").read_text()
SG_AFTER = (GOLDEN / "CDK101-security-group-rules" / "after.py").read_text()
STAGE_BEFORE = (GOLDEN / "PUL305-stage-name-moved" / "before.py").read_text()

# Lines of CDK101-security-group-rules/before.py: the call starts at 10, its two findings at 16
# (`ingress=[{`) and 24 (`egress=[`).
INGRESS = "            ingress=[{\n"
CALL = "        SecurityGroup(\n"
# PUL305-stage-name-moved/before.py reports PUL302 and PUL305 on this line.
STAGE = '    stage_name="prod",  # the public stage\n'


def edited(text: str, line: str, replacement: str) -> str:
    assert text.count(line) == 1
    return text.replace(line, replacement)


def with_comment(text: str, line: str, comment: str) -> str:
    return edited(text, line, line[:-1] + comment + "\n")


def lines_and_codes(result) -> list[str]:
    return [
        ":".join([line.split(":")[1], line.split(": ")[1].split()[0]])
        for line in result.stdout.decode().splitlines()
    ]


def run_on(tmp_path, text: str, *args: str):
    (tmp_path / "stack.py").write_text(text)
    return run_iacfix(*args, "--isolated", "stack.py", cwd=tmp_path)


def test_ignore_codes_at_the_end_of_the_reported_line(tmp_path):
    source = with_comment(SG_BEFORE, INGRESS, "  # iacfix: ignore[AWS202, CDK101]")
    check = run_on(tmp_path, source, "check")
    assert (check.returncode, lines_and_codes(check)) == (1, ["24:CDK101"])
    fix = run_on(tmp_path, source, "fix")
    assert fix.returncode == 1
    fixed = (tmp_path / "stack.py").read_text()
    assert INGRESS[:-1] + "  # iacfix: ignore[AWS202, CDK101]\n" in fixed  # left as it was
    assert "SecurityGroupEgress(" in fixed and "SecurityGroupIngress(" not in fixed


def test_bare_ignore_covers_every_code(tmp_path):
    source = with_comment(SG_BEFORE, INGRESS, "  # iacfix: ignore")
    assert lines_and_codes(run_on(tmp_path, source, "check")) == ["24:CDK101"]


def test_ignore_on_the_first_line_of_the_statement_covers_all_of_it(tmp_path):
    source = with_comment(SG_BEFORE, CALL, "  # iacfix: ignore[CDK101]")
    check = run_on(tmp_path, source, "check")
    assert (check.returncode, check.stdout) == (0, b"")
    fix = run_on(tmp_path, source, "fix")
    assert fix.returncode == 0
    assert (tmp_path / "stack.py").read_text() == source


def test_ignore_on_another_line_of_the_statement_does_not_count(tmp_path):
    source = with_comment(SG_BEFORE, '            tags={"Name": "aurora-sg"},\n', "  # iacfix: ignore")
    assert lines_and_codes(run_on(tmp_path, source, "check")) == ["16:CDK101", "24:CDK101"]


def test_ignoring_one_code_leaves_another_on_the_same_line(tmp_path):
    both = run_on(tmp_path, STAGE_BEFORE, "check")
    assert lines_and_codes(both) == ["8:PUL302", "8:PUL305"]
    source = edited(STAGE_BEFORE, STAGE, STAGE[:-1] + "  # iacfix: ignore[PUL305]\n")
    check = run_on(tmp_path, source, "check")
    assert (check.returncode, lines_and_codes(check)) == (1, ["8:PUL302"])
    # The suppressed finding's (unsafe) fix is not applied either.
    run_on(tmp_path, source, "fix", "--unsafe-fixes")
    assert (tmp_path / "stack.py").read_text() == source
    run_on(tmp_path, STAGE_BEFORE, "fix", "--unsafe-fixes")
    assert (tmp_path / "stack.py").read_text() != STAGE_BEFORE


def test_a_directive_inside_a_string_is_not_a_comment(tmp_path):
    source = edited(STAGE_BEFORE, STAGE, '    stage_name="prod  # iacfix: ignore",\n')
    check = run_on(tmp_path, source, "check")
    assert lines_and_codes(check) == ["8:PUL302", "8:PUL305"]


def test_unknown_and_malformed_codes_do_not_crash(tmp_path):
    known = with_comment(SG_BEFORE, INGRESS, "  # iacfix: ignore[XYZ999, cdk101, ,]")
    assert lines_and_codes(run_on(tmp_path, known, "check")) == ["24:CDK101"]
    for comment in ("  # iacfix: ignore[CDK101", "  # iacfix: ignore[]", "  # iacfix: ignored"):
        result = run_on(tmp_path, with_comment(SG_BEFORE, INGRESS, comment), "check")
        assert (result.returncode, lines_and_codes(result)) == (1, ["16:CDK101", "24:CDK101"])


def test_skip_file(tmp_path):
    source = "# iacfix: skip-file\n" + SG_BEFORE
    check = run_on(tmp_path, source, "check")
    assert (check.returncode, check.stdout) == (0, b"")
    fix = run_on(tmp_path, source, "fix")
    assert fix.returncode == 0 and (tmp_path / "stack.py").read_text() == source
    # Only on a line of its own.
    trailing = with_comment(SG_BEFORE, CALL, "  # iacfix: skip-file")
    assert lines_and_codes(run_on(tmp_path, trailing, "check")) == ["16:CDK101", "24:CDK101"]


def test_fix_applies_what_is_not_suppressed_and_settles(tmp_path):
    source = with_comment(SG_BEFORE, INGRESS, "  # iacfix: ignore[CDK101]")
    run_on(tmp_path, source, "fix")
    once = (tmp_path / "stack.py").read_text()
    assert once != source and once != SG_AFTER
    again = run_iacfix("fix", "--isolated", "stack.py", cwd=tmp_path)
    assert again.returncode == 0 and (tmp_path / "stack.py").read_text() == once
