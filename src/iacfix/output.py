"""How findings and rules are printed: plain text for people, JSON for programs."""

from __future__ import annotations

import json
from typing import Callable, Iterable

from iacfix.diff import display_path
from iacfix.rule import Finding, RuleInfo


def finding_line(path: str, finding: Finding, fixable: bool) -> str:
    mark = " [*]" if fixable else ""
    p = finding.position
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
    items: Iterable[tuple[str, Finding]], fixable: Callable[[Finding], bool]
) -> str:
    return "".join(finding_line(path, f, fixable(f)) + "\n" for path, f in items)


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
