"""`fix --interactive`: show each fix as a hunk of its file's diff, ask whether to apply it, and
write each file with the hunks accepted.

The fixes come from a dry run (the runner in diff mode). A file is re-read before its questions and
written with fileio.write_atomic, so a file someone changed since the run, or while the questions
were answered, is not overwritten. A mix of accepted and declined hunks that no longer parses, or
that would use a name only a declined hunk imports, is refused: the file stays as it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable

import click

from iacfix import fileio, hunks, output
from iacfix.diff import display_path, unified_diff
from iacfix.runner import FileReport

QUESTION = "Apply this fix? [y]es/[n]o/[a]ll remaining/[q]uit "


@dataclass
class Review:
    """One interactive session: where answers come from, and what came of it."""

    read_answer: Callable[[], str]  # one line; "" at the end of input
    color: bool = False
    accept_rest: bool = False
    stopped: bool = False
    offered: bool = False  # some change was shown
    errors: list[str] = field(default_factory=list)
    settled: list[FileReport] = field(default_factory=list)  # files now as the dry run left them

    def echo(self, text: str, nl: bool = True) -> None:
        click.echo(text, nl=nl, color=self.color)

    def ask(self, label: str) -> bool:
        if self.accept_rest:
            return True
        while not self.stopped:
            self.echo(f"({label}) {QUESTION}", nl=False)
            answer = self.read_answer()
            if not answer:  # end of input: stop as if told to quit
                self.echo("")
                self.stopped = True
                break
            choice = answer.strip().lower()
            if choice in ("y", "yes"):
                return True
            if choice in ("a", "all"):
                self.accept_rest = True
                return True
            if choice in ("q", "quit"):
                self.stopped = True
                break
            if choice in ("n", "no"):
                return False
            self.echo("Answer y, n, a or q.")
        return False

    def show(self, diff_text: str) -> None:
        self.echo(output.colored_diff(diff_text) if self.color else diff_text, nl=False)

    def file(self, report: FileReport) -> None:
        if not report.diff:
            self.settled.append(report)
        elif not os.path.lexists(report.path):
            self._new_file(report)
        else:
            self._changed_file(report)

    def _new_file(self, report: FileReport) -> None:
        """A file a project fix creates: one question for the whole file."""
        assert report.fixed_text is not None
        self.offered = True
        self.show(report.diff.decode("utf-8"))
        if not self.ask(f"new file {display_path(report.path)}"):
            return
        try:
            fileio.create_atomic(report.path, report.fixed_text.decode("utf-8"))
        except fileio.SourceError as error:
            self.errors.append(str(error))
            return
        self.echo(f"Created {display_path(report.path)}")
        self.settled.append(report)

    def _changed_file(self, report: FileReport) -> None:
        assert report.fixed_text is not None
        try:
            source = fileio.read(report.path)
            fixed = fileio.decode(report.path, report.fixed_text).text
        except fileio.SourceError as error:
            self.errors.append(str(error))
            return
        # The diff is a function of the file's text: the same diff means the same file the fixes
        # were computed from.
        bom = "\ufeff" if source.bom else ""
        diff = unified_diff(bom + source.text, bom + fixed, report.path)
        if diff.encode(source.encoding) != report.diff:
            self.errors.append(
                f"{report.path}: changed by another process since it was read; not written"
            )
            return
        file_hunks = hunks.split(source.text, fixed)
        file_codes = sorted({f.code for f in report.applied})
        name = display_path(report.path)
        self.offered = True
        self.echo(f"{name}: {len(file_hunks)} change(s) from {', '.join(file_codes) or 'fixes'}")
        self.show(f"--- a/{name}\n+++ b/{name}\n")
        accepted = []
        for number, hunk in enumerate(file_hunks, 1):
            if self.stopped:
                break
            codes = sorted(
                {f.code for f in report.applied if hunk.touches(*_lines_of(f))}
            ) or file_codes
            if not self.accept_rest:
                self.show(hunk.text)
            if self.ask(f"{number}/{len(file_hunks)} {', '.join(codes)}"):
                accepted.append(hunk)
        if not accepted:
            return
        merged = hunks.merge(source.text, accepted)
        problem = hunks.consistency_problem(source.text, fixed, merged)
        if problem:
            self.errors.append(f"{report.path}: {problem}; not written")
            return
        try:
            fileio.write_atomic(source, merged)
        except fileio.SourceError as error:
            self.errors.append(str(error))
            return
        self.echo(f"Applied {len(accepted)} of {len(file_hunks)} change(s) to {name}")
        if len(accepted) == len(file_hunks):
            self.settled.append(report)


def _lines_of(finding) -> tuple[int, int]:
    return finding.position.line, finding.position.end_line


def review(reports: list[FileReport], read_answer: Callable[[], str], color: bool) -> Review:
    """Ask about every change of the reports, in order, and write what is accepted."""
    session = Review(read_answer, color)
    for report in reports:
        if session.stopped:
            break
        session.file(report)
    return session
