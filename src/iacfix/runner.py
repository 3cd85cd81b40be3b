"""One run over many files: read each, check or fix it, and collect what happened."""

from __future__ import annotations

import ctypes
import enum
import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Container, Iterable, Iterator, Optional

from iacfix import fileio, markdown, reads
from iacfix.cache import Cache, file_names, root_files, strip_fix
from iacfix.diff import new_file_diff, unified_diff
from iacfix.discovery import discover
from iacfix.engine import Engine, ParseError
from iacfix.project import Project, find_roots, owning_root
from iacfix.rule import Finding, ProjectFix


# Parsing takes about 500 bytes of memory per byte of source: a file larger than this that a rule
# would parse (generated code, not hand-written) is reported and skipped, so memory stays bounded.
MAX_PARSED_BYTES = 2**20

# Starting worker processes costs more than checking a few files in this one.
PARALLEL_MIN_FILES = 50


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
    reads: dict = field(default_factory=dict)  # other files rules looked at (see iacfix.reads)

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
    with reads.recording() as record:
        report = _process_source(source, mode, engine, write, project)
    report.reads = record
    return report


def _process_source(
    source: fileio.SourceFile,
    mode: Mode,
    engine: Engine,
    write: bool,
    project: Optional[ProjectOutcome],
) -> FileReport:
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
    if markdown.is_markdown(source.path):
        return _markdown_report(report, source, mode, engine, write)
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
        _record_change(report, source, outcome.text, write)
    return report


def _record_change(
    report: FileReport, source: fileio.SourceFile, new_text: str, write: bool
) -> None:
    """Give the report the diff and new bytes of a changed file, and write it when asked."""
    bom = "\ufeff" if source.bom else ""
    diff = unified_diff(bom + source.text, bom + new_text, source.path)
    report.diff = diff.encode(source.encoding)
    report.fixed_text = source.encode(new_text)
    if write:
        try:
            fileio.write_atomic(source, new_text)
        except fileio.SourceError as error:
            report.errors.append(str(error))
            report.diff = b""
            report.applied = []


def _markdown_report(
    report: FileReport, source: fileio.SourceFile, mode: Mode, engine: Engine, write: bool
) -> FileReport:
    """Check or fix the Python code blocks of a Markdown file, each on its own (see markdown.py);
    project rules do not read Markdown."""
    fix = mode is not Mode.CHECK
    outcome = markdown.process_document(engine, source.text, source.path, fix)
    report.findings = _sorted(outcome.findings)
    report.applied = _sorted(outcome.applied)
    report.remaining = _sorted(outcome.remaining)
    report.errors.extend(outcome.errors)
    if outcome.text != source.text:
        _record_change(report, source, outcome.text, write)
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
    directories: list[str],
    sources: list[fileio.SourceFile],
    mode: Mode,
    engine: Engine,
    cache: Optional[Cache] = None,
    jobs: int = 1,
) -> ProjectOutcome:
    """Run the project rules on every project under the given folders.

    Project fixes are computed on the files as they are and applied once: a fix whose files
    another fix already changed waits for the next run. Fixes only edit files of the run and only
    create files inside the given folders.
    """
    outcome = ProjectOutcome()
    if not directories or not engine.has_project_rules:
        return outcome
    sources = [s for s in sources if not markdown.is_markdown(s.path)]  # not project members
    roots = find_roots(directories, [s.path for s in sources])
    owned: dict[Optional[str], dict[str, str]] = {}
    for source in sources:  # each file once: a corpus has hundreds of roots
        owned.setdefault(owning_root(source.path, roots), {})[source.path] = source.text
    projects = [Project(root, owned.get(root, {})) for root in roots]
    for project, found in zip(projects, _checked_projects(engine, projects, cache, jobs)):
        members = project.sources
        for path, finding in found:
            outcome.findings.setdefault(path, []).append(finding)
            fix = finding.fix
            if (
                mode is Mode.CHECK
                or not isinstance(fix, ProjectFix)
                or not engine.fixable(finding, path)
            ):
                continue
            if any(p in outcome.edits or p not in members for p in fix.edits) or any(
                p in outcome.creates or os.path.lexists(p) for p in fix.creates
            ):
                continue
            outcome.edits.update(fix.edits)
            outcome.creates.update(fix.creates)
            outcome.applied.setdefault(path, []).append(finding)
    return outcome


def _project_digest(cache: Cache, engine: Engine, project: Project) -> str:
    """All a project rule reads: the members' texts and settings, the names of the files under
    the root and the root's other files (Pulumi.yaml, coverage settings)."""
    root = project.root
    settings = engine.settings if engine.config is None else engine.config.folder_settings(root)
    return cache.digest(
        root,
        settings,
        sorted((p, t, engine.settings_for(p)) for p, t in project.sources.items()),
        file_names(root),
        root_files(root),
    )


def _checked_projects(
    engine: Engine, projects: list[Project], cache: Optional[Cache], jobs: int
) -> list[list[tuple[str, Finding]]]:
    """engine.check_project for each project, in order: from the cache where it holds the
    result, else in worker processes when there are enough files."""
    digests = [_project_digest(cache, engine, p) if cache else None for p in projects]
    found: list = [
        cache.get(("project", p.root), d) if cache and d else None
        for p, d in zip(projects, digests)
    ]
    todo = [p for p, f in zip(projects, found) if f is None]
    if len(todo) < 2 or not _parallel(jobs, sum(len(p.sources) for p in todo)):
        fresh = iter([engine.check_project(p) for p in todo])
    else:
        fresh = iter(list(_pool_map(_check_one_project, todo, (engine,), jobs, chunksize=1)))
    for index, (project, digest) in enumerate(zip(projects, digests)):
        if found[index] is None:
            found[index] = next(fresh)
            if cache is not None and digest:
                # Project fixes are texts: nothing of LibCST is kept.
                cache.put(("project", project.root), digest, found[index])
    return found


def _check_one_project(project: Project) -> list[tuple[str, Finding]]:
    (engine,) = _worker_job
    return engine.check_project(project)


def _file_digest(
    cache: Cache, engine: Engine, source: fileio.SourceFile, mode: Mode, project: ProjectOutcome
) -> str:
    """The cache digest of a file's result: its inputs, and what the project pass found in it
    (what other files rules read is kept with the result)."""
    path = source.path
    found = [(f.code, f.message, f.position, f.fix_safety) for f in project.findings.get(path, [])]
    return cache.digest(
        mode.value, path, source.raw, engine.settings_for(path), engine.terraform_for(path), found
    )


def _project_part(project: ProjectOutcome, path: str) -> ProjectOutcome:
    """What process_source needs of the project pass for one file (sent to a worker)."""
    return ProjectOutcome(
        {path: project.findings[path]} if path in project.findings else {},
        {path: project.applied[path]} if path in project.applied else {},
        {path: project.edits[path]} if path in project.edits else {},
    )


def _stripped(report: FileReport) -> FileReport:
    report.findings = [strip_fix(f) for f in report.findings]
    report.applied = [strip_fix(f) for f in report.applied]
    report.remaining = [strip_fix(f) for f in report.remaining]
    return report


# What every task of a worker needs (the engine, the mode): inherited through fork, never pickled.
_worker_job: tuple = ()


def _start_worker(*job) -> None:
    global _worker_job
    _worker_job = job
    _die_with_parent()


def _die_with_parent() -> None:
    """A worker must not outlive a killed run: it would go on writing files, and it holds the
    run's output pipes open (whoever waits for them would wait forever)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: workers run only on Linux (see _parallel)
        return
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


def _parallel(jobs: int, count: int) -> bool:
    return jobs >= 2 and count >= PARALLEL_MIN_FILES and sys.platform.startswith("linux")


def _pool_map(function, items: list, job: tuple, jobs: int, chunksize: int) -> Iterator:
    """function over items in forked worker processes, results in order."""
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker, initargs=job
    ) as pool:
        yield from pool.map(function, items, chunksize=chunksize)


def _work(item: tuple[fileio.SourceFile, ProjectOutcome]) -> FileReport:
    source, project = item
    mode, engine, write = _worker_job
    try:
        report = process_source(source, mode, engine, write, project)
    except Exception as error:  # one line, as in this process
        report = FileReport(
            source.path, errors=[f"{source.path}: internal error: {type(error).__name__}: {error}"]
        )
    return _stripped(report)  # LibCST nodes stay in the worker; reports use the fix's safety


def _processed(
    items: list[tuple[fileio.SourceFile, ProjectOutcome]],
    mode: Mode,
    engine: Engine,
    write: bool,
    jobs: int,
) -> Iterator[FileReport]:
    """process_source over the items, in their order, in `jobs` forked processes when worth it.
    Forked workers inherit the engine and its configuration as this process has them."""
    if not _parallel(jobs, len(items)):
        for source, project in items:
            yield process_source(source, mode, engine, write, project)
        return
    done = 0
    chunksize = max(1, min(64, len(items) // (jobs * 8)))
    try:
        for report in _pool_map(_work, items, (mode, engine, write), jobs, chunksize):
            done += 1
            yield report
    except BrokenProcessPool:  # a worker was killed (out of memory): say so per file
        for source, _ in items[done:]:
            yield FileReport(
                source.path, errors=[f"{source.path}: internal error: worker process died"]
            )


def _file_reports(
    sources: list[fileio.SourceFile],
    mode: Mode,
    engine: Engine,
    write: bool,
    project: ProjectOutcome,
    cache: Optional[Cache],
    jobs: int,
) -> Iterator[FileReport]:
    """process_source for every file, from the cache where it holds the result."""
    digests: list[Optional[str]] = [None] * len(sources)
    cached: list[Optional[FileReport]] = [None] * len(sources)
    todo = []
    for index, source in enumerate(sources):
        path = source.path
        # A file the project pass edits is always processed (not cached).
        if cache is not None and path not in project.edits:
            digests[index] = _file_digest(cache, engine, source, mode, project)
            kept = cache.get(("file", mode.value, path), digests[index])
            if kept and reads.unchanged(kept[3]):
                findings, applied, remaining, _ = kept
                cached[index] = FileReport(
                    path, list(findings), list(applied), list(remaining), fixed_text=source.raw
                )
                continue
        todo.append((source, _project_part(project, path)))
    fresh = _processed(todo, mode, engine, write, jobs)
    for index, source in enumerate(sources):
        report = cached[index]
        if report is None:
            report = next(fresh)
            digest = digests[index]
            # Only results with nothing to write are kept: no error, no change.
            if (
                cache is not None
                and digest
                and not report.errors
                and not report.diff
                and not report.applied
                and report.fixed_text == source.raw
            ):
                kept = _stripped(
                    FileReport(source.path, report.findings, report.applied, report.remaining)
                )
                cache.put(
                    ("file", mode.value, source.path),
                    digest,
                    (kept.findings, kept.applied, kept.remaining, report.reads),
                )
        yield report


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
    include: Optional[Container[str]] = None,
    cache: Optional[Cache] = None,
    jobs: int = 1,
) -> Iterator[FileReport]:
    """Process every file under `paths`, yielding one report per file, in a stable order.

    `include`: when given, only the files it holds are processed (the bot: the files git tracks).
    `cache`: where results of unchanged files are found and kept (saved at the end of the run).
    `jobs`: how many processes check the files.
    """
    paths = list(paths)
    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if mode is Mode.FIX and missing:
        # A mistyped path makes the command itself doubtful: fix nothing rather than part of it.
        for path in missing:
            yield FileReport(path, errors=[f"{path}: no such file or directory; nothing fixed"])
        return
    sources: list[fileio.SourceFile] = []
    for path, exists in discover(paths, engine.excluded):
        if include is not None and exists and path not in include:
            continue
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
    for source in sources:
        # Every file's configuration is read before anything is written: a bad one stops the run.
        engine.settings_for(source.path)
    directories = [p for p in paths if p != "-" and os.path.isdir(p)]
    parsable = [s for s in sources if len(s.raw) <= MAX_PARSED_BYTES]  # see MAX_PARSED_BYTES
    project = project_pass(directories, parsable, mode, engine, cache, jobs)
    write = mode is Mode.FIX
    yield from _file_reports(sources, mode, engine, write, project, cache, jobs)
    for path, text in sorted(project.creates.items()):
        report = _created_report(path, text, write)
        report.applied = []  # counted on the file that was reported
        yield report
    known = {s.path for s in sources}
    for path, findings in sorted(project.findings.items()):
        if path not in known:  # findings in files that are not Python (coverage settings)
            yield FileReport(path, findings=_sorted(findings), remaining=_sorted(findings))
    if cache is not None:
        cache.save()
