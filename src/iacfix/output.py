"""How findings and rules are printed: plain text for people, JSON for programs, SARIF for code
scanning, GitHub workflow commands for annotations, and colored diffs for a terminal."""

from __future__ import annotations

import json
import urllib.parse
from typing import Callable, Iterable, Sequence

import click

from iacfix import __version__
from iacfix.diff import display_path, split_lines
from iacfix.hunks import HUNK_HEADER, Change
from iacfix.rule import Finding, RuleInfo, RuleSet


def finding_line(path: str, finding: Finding, fixable: bool, color: bool = False) -> str:
    mark = " [*]" if fixable else ""
    p = finding.position
    if color:
        return (
            f"{click.style(display_path(path), bold=True)}:{p.line}:{p.col}: "
            f"{click.style(finding.code, fg='red', bold=True)}"
            f"{click.style(mark, fg='cyan')} {finding.message}"
        )
    return f"{display_path(path)}:{p.line}:{p.col}: {finding.code}{mark} {finding.message}"


def finding_record(path: str, finding: Finding) -> dict:
    p = finding.position
    return {
        "path": display_path(path),
        "line": p.line,
        "col": p.col,
        "end_line": p.end_line,
        "end_col": p.end_col,
        "code": finding.code,
        "message": finding.message,
        "fix": finding.fix_safety.value if finding.fix_safety else None,
    }


def findings_text(
    items: Iterable[tuple[str, Finding]], fixable: Callable[[Finding], bool], color: bool = False
) -> str:
    return "".join(finding_line(path, f, fixable(f), color) + "\n" for path, f in items)


def findings_json(items: Iterable[tuple[str, Finding]]) -> str:
    return json.dumps([finding_record(path, f) for path, f in items], indent=2) + "\n"


def rule_record(rule: type[RuleInfo]) -> dict:
    return {
        "code": rule.CODE,
        "name": rule.NAME,
        "set": rule.SET.value,
        "platform": rule.PLATFORM.value,
        "fix": rule.FIX.value,
        "summary": rule.SUMMARY,
    }


def rules_text(rules: Iterable[type[RuleInfo]]) -> str:
    rows = [rule_record(rule) for rule in rules]
    columns = ("code", "set", "platform", "fix", "summary")
    widths = {c: max([len(c)] + [len(r[c]) for r in rows]) for c in columns[:-1]}
    lines = ["  ".join(c.upper().ljust(widths.get(c, 0)) for c in columns).rstrip()]
    for row in rows:
        lines.append("  ".join(row[c].ljust(widths.get(c, 0)) for c in columns).rstrip())
    return "\n".join(lines) + "\n"


def rules_markdown(rules: Iterable[type[RuleInfo]]) -> str:
    """The rule table of the README, generated so that it cannot drift from the rules."""
    lines = ["| code | set | platform | fix | summary |", "|---|---|---|---|---|"]
    for rule in rules:
        summary = rule.SUMMARY.replace("|", "\\|")
        lines.append(
            f"| {rule.CODE} | {rule.SET.value} | {rule.PLATFORM.value} | {rule.FIX.value} | {summary} |"
        )
    return "\n".join(lines) + "\n"


def rules_json(rules: Iterable[type[RuleInfo]]) -> str:
    return json.dumps([rule_record(rule) for rule in rules], indent=2) + "\n"


def explanation(rule: type[RuleInfo]) -> str:
    header = (
        f"{rule.CODE} ({rule.NAME}): {rule.SUMMARY}\n"
        f"set: {rule.SET.value}, platform: {rule.PLATFORM.value}, fix: {rule.FIX.value}\n"
    )
    return header + "\n" + rule.documentation() + "\n"


# -- SARIF 2.1.0 ----------------------------------------------------------------------------------

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def sarif_level(rule: type[RuleInfo]) -> str:
    """Default-set rules find code that cannot synth or deploy; extended ones give advice."""
    return "error" if rule.SET is RuleSet.DEFAULT else "warning"


def _sarif_rule(rule: type[RuleInfo]) -> dict:
    documentation = rule.documentation()
    return {
        "id": rule.CODE,
        "name": rule.NAME,
        "shortDescription": {"text": rule.SUMMARY},
        "fullDescription": {"text": rule.doc_section("What it does") or rule.SUMMARY},
        "help": {"text": documentation, "markdown": documentation},
        "defaultConfiguration": {"level": sarif_level(rule)},
        "properties": {
            "tags": [rule.SET.value, rule.PLATFORM.value],
            "fix": rule.FIX.value,
        },
    }


def _sarif_uri(path: str) -> str:
    return urllib.parse.quote(display_path(path), safe="/")


def _sarif_region(line: int, col: int, end_line: int, end_col: int) -> dict:
    return {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}


def _sarif_fix(path: str, finding: Finding, changes: Sequence[Change]) -> dict:
    return {
        "description": {"text": f"iacfix fix: {finding.code}"},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": _sarif_uri(path)},
                "replacements": [
                    {
                        "deletedRegion": _sarif_region(*change.region()),
                        "insertedContent": {"text": "".join(change.new)},
                    }
                    for change in changes
                ],
            }
        ],
    }


def findings_sarif(
    items: Iterable[tuple[str, Finding, Sequence[Change]]], rules: Sequence[type[RuleInfo]]
) -> str:
    """One SARIF run: the rules that found something (looked up in `rules`, in code order), one
    result per finding, and for a finding given line changes (whole-line regions of its file, see
    hunks.fix_changes) a fix that makes them."""
    items = list(items)
    codes = {finding.code for _, finding, _ in items}
    rules = sorted((rule for rule in rules if rule.CODE in codes), key=lambda rule: rule.CODE)
    index = {rule.CODE: i for i, rule in enumerate(rules)}
    results = []
    for path, finding, changes in items:
        p = finding.position
        result: dict = {"ruleId": finding.code}
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
            result["level"] = sarif_level(rules[index[finding.code]])
        else:
            result["level"] = "error"
        result["message"] = {"text": finding.message}
        result["locations"] = [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _sarif_uri(path)},
                    "region": _sarif_region(p.line, p.col, p.end_line, p.end_col),
                }
            }
        ]
        if changes:
            result["fixes"] = [_sarif_fix(path, finding, changes)]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "iacfix",
                        "version": __version__,
                        "rules": [_sarif_rule(rule) for rule in rules],
                    }
                },
                # Columns count characters, as LibCST does, not UTF-16 code units.
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2) + "\n"


# -- GitHub Actions workflow commands -------------------------------------------------------------


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def finding_github(path: str, finding: Finding, level: str) -> str:
    p = finding.position
    properties = ",".join(
        f"{key}={_github_property(str(value))}"
        for key, value in (
            ("file", display_path(path)),
            ("line", p.line),
            ("col", p.col),
            ("endLine", p.end_line),
            ("endColumn", p.end_col),
            ("title", finding.code),
        )
    )
    return f"::{level} {properties}::{_github_data(finding.message)}"


def findings_github(
    items: Iterable[tuple[str, Finding]], rules: Sequence[type[RuleInfo]]
) -> str:
    """One `::error` (default-set rule) or `::warning` (extended set) command per finding, which a
    GitHub Actions step turns into an annotation on the line."""
    levels = {rule.CODE: sarif_level(rule) for rule in rules}
    return "".join(
        finding_github(path, f, "warning" if levels.get(f.code) == "warning" else "error") + "\n"
        for path, f in items
    )


# -- colored diffs --------------------------------------------------------------------------------


def colored_diff(diff: str) -> str:
    """A unified diff for a terminal: file headers bold, hunk headers cyan, removed lines red,
    added lines green. Lines inside a hunk are told from file headers by the hunk's line counts,
    so a removed line reading `-- x` is not taken for a header."""
    out = []
    old_left = new_left = 0
    for line in split_lines(diff):
        body, newline = (line[:-1], "\n") if line.endswith("\n") else (line, "")
        style: dict = {}
        if old_left or new_left:
            kind = line[:1]
            if kind == "-":
                style, old_left = {"fg": "red"}, old_left - 1
            elif kind == "+":
                style, new_left = {"fg": "green"}, new_left - 1
            elif kind == " ":
                old_left, new_left = old_left - 1, new_left - 1
        elif HUNK_HEADER.match(line):
            header = HUNK_HEADER.match(line)
            old_left = 1 if header.group(2) is None else int(header.group(2))
            new_left = 1 if header.group(4) is None else int(header.group(4))
            style = {"fg": "cyan"}
        elif not line.startswith("\\"):
            style = {"bold": True}
        out.append((click.style(body, **style) if style and body else body) + newline)
    return "".join(out)


def colored_diff_bytes(data: bytes) -> bytes:
    """colored_diff over a diff in a file's own encoding: latin-1 maps each byte to one character
    and back, so every byte between the color codes stays as it was."""
    return colored_diff(data.decode("latin-1")).encode("latin-1")
