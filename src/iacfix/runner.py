"""One run over many files: read each, check or fix it, and collect what happened."""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

from iacfix import fileio
from iacfix.diff import unified_diff
from iacfix.discovery import discover
from iacfix.engine import Engine, ParseError
from iacfix.rule import Finding


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
    source: fileio.SourceFile, mode: Mode, engine: Engine, write: bool
) -> FileReport:
    report = FileReport(source.path, fixed_text=source.raw)
    try:
        if mode is Mode.CHECK:
            report.findings = engine.lint(source.text, source.path)
            report.remaining = report.findings
            return report
        outcome = engine.fix(source.text, source.path)
    except ParseError as error:
        report.errors.append(str(error))
        return report
    except Exception as error:  # a rule crashed: report it, never lose the file
        report.errors.append(f"{source.path}: internal error: {type(error).__name__}: {error}")
        return report
    report.findings, report.applied, report.remaining = (
        outcome.findings,
        outcome.applied,
        outcome.remaining,
    )
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


def run(
    paths: Iterable[str],
    mode: Mode,
    engine: Engine,
    stdin_filename: Optional[str] = None,
) -> Iterator[FileReport]:
    """Process every file under `paths`, yielding one report per file, in a stable order."""
    for path, exists in discover(list(paths)):
        if not exists:
            yield FileReport(path, errors=[f"{path}: no such file or directory"])
            continue
        try:
            if path == "-":
                source = fileio.decode(stdin_filename or "-", sys.stdin.buffer.read())
            else:
                source = fileio.read(path)
        except fileio.SourceError as error:
            yield FileReport(path, errors=[str(error)])
            continue
        yield process_source(source, mode, engine, write=(mode is Mode.FIX and path != "-"))
