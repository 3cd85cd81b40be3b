"""One run over many files: read each, check or fix it, and collect what happened."""

from __future__ import annotations

import enum
import os
import sys
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

from iacfix import fileio
from iacfix.diff import new_file_diff, unified_diff
from iacfix.discovery import discover
from iacfix.engine import Engine, ParseError
from iacfix.project import Project, find_roots, owning_root
from iacfix.rule import Finding, ProjectFix


# Parsing takes about 500 bytes of memory per byte of source: a file larger than this that a rule
# would parse (generated code, not hand-written) is reported and skipped, so memory stays bounded.
MAX_PARSED_BYTES = 2**20


class Mode(enum.Enum):
    CHECK = "check"
    DIFF = "diff"
    FIX = "fix"


@dataclass
class FileReport:
    path: str
    findings: list[Finding] = field(default_factory=list)  # in the file as it was
    applied: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)  # in the file as it is after fixing
    errors: list[str] = field(default_factory=list)
    diff: bytes = b""  # in the file's own encoding, so `git apply` matches its bytes
    fixed_text: Optional[bytes] = None  # the file after fixing, as bytes (`fix -` prints it)

    @property
    def changed(self) -> bool:
        return bool(self.diff)


def process_source(
    source: fileio.SourceFile,
    mode: Mode,
    engine: Engine,
    write: bool,
    project: Optional[ProjectOutcome] = None,
) -> FileReport:
    """Check or fix one file. `project` carries what the project pass found in it and the text a
    project fix gave it (fixing starts from that text; the diff is against the file as it is)."""
    project = project or ProjectOutcome()
    start_text = project.edits.get(source.path, source.text)
    found, applied = project.findings.get(source.path, []), project.applied.get(source.path, [])
    report = FileReport(source.path, fixed_text=source.raw)
    if len(source.raw) > MAX_PARSED_BYTES and engine.rules_for(source.text, source.path):
        report.errors.append(
            f"{source.path}: too large to parse ({len(source.raw) / 2**20:.1f} MiB, "
            f"limit {MAX_PARSED_BYTES / 2**20:.0f} MiB); skipped"
        )
        return report
    try:
        if mode is Mode.CHECK:
            report.findings = _sorted(engine.lint(source.text, source.path) + found)
            report.remaining = report.findings
            return report
        outcome = engine.fix(start_text, source.path)
    except ParseError as error:
        report.errors.append(str(error))
        return report
    except RecursionError:  # valid Python nested deeper than the tree visitors can recurse
        report.errors.append(f"{source.path}: too deeply nested to analyse; skipped")
        return report
    except Exception as error:  # a rule crashed: report it, never lose the file
        report.errors.append(f"{source.path}: internal error: {type(error).__name__}: {error}")
        return report
    report.findings = _sorted(outcome.findings + found)
    report.applied = _sorted(outcome.applied + applied)
    report.remaining = _sorted(outcome.remaining + [f for f in found if f not in applied])
    report.errors.extend(outcome.errors)
    if outcome.text != source.text:
        bom = "\ufeff" if source.bom else ""
        diff = unified_diff(bom + source.text, bom + outcome.text, source.path)
        report.diff = diff.encode(source.encoding)
        report.fixed_text = source.encode(outcome.text)
        if write:
            try:
                fileio.write_atomic(source, outcome.text)
            except fileio.SourceError as error:
                report.errors.append(str(error))
                report.diff = b""
                report.applied = []
    return report


def _sorted(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.position.line, f.position.col, f.code))


@dataclass
class ProjectOutcome:
    """What the project pass found, per reported path, and what its applied fixes produce."""

    findings: dict[str, list[Finding]] = field(default_factory=dict)
    applied: dict[str, list[Finding]] = field(default_factory=dict)
    edits: dict[str, str] = field(default_factory=dict)  # path -> new text
    creates: dict[str, str] = field(default_factory=dict)  # new path -> text


def project_pass(
    directories: list[str], sources: list[fileio.SourceFile], mode: Mode, engine: Engine
) -> ProjectOutcome:
    """Run the project rules on every project under the given folders.

    Project fixes are computed on the files as they are and applied once: a fix whose files
    another fix already changed waits for the next run. Fixes only edit files of the run and only
    create files inside the given folders.
    """
    outcome = ProjectOutcome()
    if not directories or not engine.has_project_rules:
        return outcome
    roots = find_roots(directories, [s.path for s in sources])
    for root in roots:
        members = {s.path: s.text for s in sources if owning_root(s.path, roots) == root}
        for path, finding in engine.check_project(Project(root, members)):
            outcome.findings.setdefault(path, []).append(finding)
            fix = finding.fix
            if mode is Mode.CHECK or not isinstance(fix, ProjectFix) or not engine.fixable(finding):
                continue
            if any(p in outcome.edits or p not in members for p in fix.edits) or any(
                p in outcome.creates or os.path.lexists(p) for p in fix.creates
            ):
                continue
            outcome.edits.update(fix.edits)
            outcome.creates.update(fix.creates)
            outcome.applied.setdefault(path, []).append(finding)
    return outcome


def _created_report(path: str, text: str, write: bool) -> FileReport:
    report = FileReport(path, diff=new_file_diff(text, path).encode("utf-8"))
    report.fixed_text = text.encode("utf-8")
    if write:
        try:
            fileio.create_atomic(path, text)
        except fileio.SourceError as error:
            report.errors.append(str(error))
            report.diff = b""
    return report


def _inside(target: str, paths: list[str]) -> bool:
    """Whether `target` (a resolved path) is one of the given files or under a given folder."""
    for path in paths:
        if path == "-":
            continue
        if os.path.isdir(path):
            root = os.path.realpath(path)
            if os.path.commonpath([root, target]) == root:
                return True
        elif not os.path.islink(path) and os.path.realpath(path) == target:
            return True
    return False


def run(
    paths: Iterable[str],
    mode: Mode,
    engine: Engine,
    stdin_filename: Optional[str] = None,
) -> Iterator[FileReport]:
    """Process every file under `paths`, yielding one report per file, in a stable order."""
    paths = list(paths)
    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if mode is Mode.FIX and missing:
        # A mistyped path makes the command itself doubtful: fix nothing rather than part of it.
        for path in missing:
            yield FileReport(path, errors=[f"{path}: no such file or directory; nothing fixed"])
        return
    sources: list[fileio.SourceFile] = []
    for path, exists in discover(paths):
        if not exists:
            yield FileReport(path, errors=[f"{path}: no such file or directory"])
            continue
        if path != "-" and os.path.islink(path):
            # A linked file is the file it points to: processed under its own name when it lies
            # in the given paths, and never written through the link when it lies outside them.
            if not _inside(os.path.realpath(path), paths):
                yield FileReport(
                    path, errors=[f"{path}: symbolic link to a file outside the given paths; skipped"]
                )
            continue
        try:
            if path == "-":
                source = fileio.decode(stdin_filename or "-", sys.stdin.buffer.read())
                yield process_source(source, mode, engine, write=False)
                continue
            sources.append(fileio.read(path))
        except fileio.SourceError as error:
            yield FileReport(path, errors=[str(error)])
    directories = [p for p in paths if p != "-" and os.path.isdir(p)]
    parsable = [s for s in sources if len(s.raw) <= MAX_PARSED_BYTES]  # see MAX_PARSED_BYTES
    project = project_pass(directories, parsable, mode, engine)
    write = mode is Mode.FIX
    for source in sources:
        yield process_source(source, mode, engine, write, project)
    for path, text in sorted(project.creates.items()):
        report = _created_report(path, text, write)
        report.applied = []  # counted on the file that was reported
        yield report
    known = {s.path for s in sources}
    for path, findings in sorted(project.findings.items()):
        if path not in known:  # findings in files that are not Python (coverage settings)
            yield FileReport(path, findings=_sorted(findings), remaining=_sorted(findings))
