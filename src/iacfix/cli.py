"""The command line: check, diff, fix, bot, rules, explain.

Exit codes: 0 nothing found or changed; 1 findings or changes; 2 usage, input or internal error.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Optional

import click

from iacfix import __version__, hunks, interactive, output
from iacfix.cache import Cache
from iacfix.config import ConfigError, Configuration, Overrides
from iacfix.discovery import discover
from iacfix.engine import Engine
from iacfix.registry import UnknownRuleError, all_rules, rule_by_code
from iacfix.runner import FileReport, Mode, run
from iacfix.settings import Settings
from iacfix.versions import Version

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> "NoReturn":  # noqa: F821
    click.echo(f"iacfix: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _remember(context: click.Context, parameter: click.Parameter, value):
    context.meta[f"iacfix.{parameter.name}"] = value


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may use
    except AttributeError:
        return os.cpu_count() or 1


def _paths_options(function):
    options = [
        click.argument("paths", nargs=-1, type=click.Path()),
        click.option(
            "--select",
            multiple=True,
            help="Rule codes or prefixes to run (comma-separated or repeated); ALL for every rule. "
            "Naming a rule's exact code also opts into its extended checks.",
        ),
        click.option("--ignore", multiple=True, help="Rule codes or prefixes to skip."),
        click.option(
            "--unsafe-fixes/--no-unsafe-fixes",
            default=None,
            help="Also apply fixes that may change behaviour (default: `unsafe-fixes` in the "
            "configuration, else no).",
        ),
        click.option(
            "--config",
            "config_file",
            metavar="FILE",
            help="Read [tool.iacfix] from this pyproject.toml for every file, instead of the "
            "nearest one.",
        ),
        click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
        click.option(
            "--format",
            "output_format",
            type=click.Choice(["text", "json", "sarif", "github"]),
            default="text",
            show_default=True,
        ),
        click.option(
            "--color",
            type=click.Choice(["auto", "always", "never"]),
            default="auto",
            show_default=True,
            help="Color the output; auto: when stdout is a terminal and NO_COLOR is not set.",
        ),
        click.option(
            "--target-terraform",
            metavar="X.Y",
            help="Terraform version the project runs (default: its .terraform-version or "
            ".tool-versions pin; unknown means version-dependent fixes stay unsafe).",
        ),
        click.option(
            "--stdin-filename", metavar="PATH", help="The name of the file read from `-`."
        ),
        # Both only change how fast a run is, not what it reports: read by _run, not the commands.
        click.option(
            "--no-cache",
            is_flag=True,
            expose_value=False,
            callback=_remember,
            help="Neither read nor write the result cache (.iacfix_cache/ in the current folder).",
        ),
        click.option(
            "--jobs",
            "-j",
            type=click.IntRange(min=1),
            expose_value=False,
            callback=_remember,
            help="Processes checking files in parallel [default: the number of CPUs].",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _engine(select, ignore, unsafe_fixes, target_terraform, config_file, isolated) -> Engine:
    """The engine, with each file's settings read from the configuration under the options."""
    try:
        version = Version.parse(target_terraform) if target_terraform else None
    except ValueError as error:
        fail(f"--target-terraform: {error}")
    if config_file and isolated:
        fail("--config and --isolated cannot be used together")
    overrides = Overrides(
        select=tuple(select) if select else None,
        ignore=tuple(ignore),
        unsafe_fixes=unsafe_fixes,
        target_terraform=version,
    )
    settings = Settings(
        select=overrides.select,
        ignore=overrides.ignore,
        unsafe_fixes=bool(unsafe_fixes),
        target_terraform=version,
    )
    try:
        return Engine(settings, config=Configuration(overrides, config_file, isolated))
    except (UnknownRuleError, ConfigError) as error:
        fail(str(error))


def _use_color(choice: str) -> bool:
    if choice == "auto":  # NO_COLOR as https://no-color.org reads it: set and not empty
        return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    return choice == "always"


# Fewer files than this are done before a progress bar would tell anything.
PROGRESS_MIN_FILES = 20


def _progress(paths, mode: Mode, engine: Engine):
    """A progress bar on stderr for a run over many files, only when stderr is a terminal."""
    if not sys.stderr.isatty() or "-" in paths:
        return None
    total = sum(1 for _ in discover(list(paths), engine.excluded))
    if total <= PROGRESS_MIN_FILES:
        return None
    label = {Mode.CHECK: "Checking", Mode.DIFF: "Fixing (dry run)", Mode.FIX: "Fixing"}[mode]
    return click.progressbar(length=total, label=label, show_pos=True, file=sys.stderr)


def _run(mode: Mode, engine: Engine, paths, stdin_filename) -> list[FileReport]:
    reports = []
    paths = paths or (".",)
    bar = None
    meta = click.get_current_context().meta
    cache = None if meta.get("iacfix.no_cache") else Cache()
    jobs = meta.get("iacfix.jobs") or _cpu_count()
    try:
        bar = _progress(paths, mode, engine)
        with bar if bar is not None else contextlib.nullcontext():
            for report in run(paths, mode, engine, stdin_filename, cache=cache, jobs=jobs):
                if bar is None:
                    for error in report.errors:
                        click.echo(error, err=True)
                else:
                    bar.update(1)  # errors are printed after the bar, not through it
                reports.append(report)
    except ConfigError as error:  # raised before any file is written
        fail(str(error))
    if bar is not None:
        for error in (e for r in reports for e in r.errors):
            click.echo(error, err=True)
    return reports


def _findings_text(
    reports: list[FileReport], engine: Engine, attr: str, color: bool = False
) -> str:
    """Each report's findings, `[*]` marking what `fix` applies under that file's settings."""
    return "".join(
        output.findings_text(
            [(r.path, f) for f in getattr(r, attr)],
            lambda finding, path=r.path: engine.fixable(finding, path),
            color,
        )
        for r in reports
    )


def _sarif_items(reports: list[FileReport], engine: Engine, attr: str):
    """(path, finding, line changes of its fix) for SARIF. The changes come from the report's diff
    and belong to a fixable finding they touch (see hunks.fix_changes). Remaining findings, after
    `fix`, are positions in the fixed text, which no diff leads from: they get none."""
    for report in reports:
        findings = getattr(report, attr)
        file_changes = []
        if attr != "remaining" and report.diff and report.fixed_text is not None:
            file_changes = hunks.diff_changes(report.path, report.diff, report.fixed_text)
        fixed = [f for f in findings if engine.fixable(f, report.path)]
        spans = [(f.position.line, f.position.end_line) for f in fixed]
        fix_of = {id(f): c for f, c in zip(fixed, hunks.fix_changes(spans, file_changes))}
        for finding in findings:
            yield report.path, finding, fix_of.get(id(finding), [])


def _print_findings(
    reports: list[FileReport],
    engine: Optional[Engine],
    output_format: str,
    attr: str,
    color: bool = False,
):
    items = [(r.path, f) for r in reports for f in getattr(r, attr)]
    if output_format == "json":
        click.echo(output.findings_json(items), nl=False)
    elif output_format == "sarif":
        sarif = output.findings_sarif(_sarif_items(reports, engine, attr), all_rules())
        click.echo(sarif, nl=False)
    elif output_format == "github":
        click.echo(output.findings_github(items, all_rules()), nl=False)
    else:
        click.echo(_findings_text(reports, engine, attr, color), nl=False, color=color)
    return items


def _write_bytes(data: bytes) -> None:
    """Write file contents as they are: a diff must match the file's own bytes."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _exit(reports: list[FileReport], found: bool) -> None:
    if any(r.errors for r in reports):
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FOUND if found else EXIT_OK)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="iacfix")
def main() -> None:
    """Find and fix the mechanical failures of CDKTF and Pulumi programs for AWS."""


@main.command()
@_paths_options
def check(
    paths,
    select,
    ignore,
    unsafe_fixes,
    config_file,
    isolated,
    output_format,
    target_terraform,
    stdin_filename,
    color,
):
    """Report findings: path:line:col: CODE [*] message ([*]: `iacfix fix` can fix it)."""
    engine = _engine(select, ignore, unsafe_fixes, target_terraform, config_file, isolated)
    # SARIF carries each finding's fix: the dry run finds the same findings and also the fixes.
    mode = Mode.DIFF if output_format == "sarif" else Mode.CHECK
    reports = _run(mode, engine, paths, stdin_filename)
    items = _print_findings(reports, engine, output_format, "findings", _use_color(color))
    if output_format == "text" and items:
        fixable = sum(engine.fixable(f, p) for p, f in items)
        hidden = sum(
            1 for p, f in items if f.fix_safety and not engine.fixable(f, p)
        )
        summary = f"Found {len(items)} finding(s); {fixable} fixable with `iacfix fix`."
        if hidden:
            summary += f" {hidden} more with `iacfix fix --unsafe-fixes`."
        click.echo(summary, err=True)
    _exit(reports, bool(items))


@main.command()
@_paths_options
def diff(
    paths,
    select,
    ignore,
    unsafe_fixes,
    config_file,
    isolated,
    output_format,
    target_terraform,
    stdin_filename,
    color,
):
    """Show the fixes as a unified diff that `git apply` accepts; change nothing."""
    engine = _engine(select, ignore, unsafe_fixes, target_terraform, config_file, isolated)
    reports = _run(Mode.DIFF, engine, paths, stdin_filename)
    if output_format == "text":
        patch = b"".join(report.diff for report in reports)
        _write_bytes(output.colored_diff_bytes(patch) if _use_color(color) else patch)
    else:  # the findings the diff fixes
        _print_findings(reports, engine, output_format, "applied")
    _exit(reports, any(r.changed for r in reports))


@main.command()
@_paths_options
@click.option(
    "--interactive",
    "interactive_mode",
    is_flag=True,
    help="Show each fix as a diff hunk and ask whether to apply it (answers from stdin).",
)
def fix(
    paths,
    select,
    ignore,
    unsafe_fixes,
    config_file,
    isolated,
    output_format,
    target_terraform,
    stdin_filename,
    color,
    interactive_mode,
):
    """Apply the fixes in place (atomic writes); `-` prints the fixed source instead."""
    engine = _engine(select, ignore, unsafe_fixes, target_terraform, config_file, isolated)
    if interactive_mode:
        _fix_interactively(engine, paths, output_format, _use_color(color))
    reports = _run(Mode.FIX, engine, paths, stdin_filename)
    stdin_mode = list(paths) == ["-"]
    if stdin_mode:
        _write_bytes(b"".join(r.fixed_text for r in reports if r.fixed_text is not None))
    if output_format != "text":  # the findings left
        if not stdin_mode:  # stdout holds the fixed source
            _print_findings(reports, engine, output_format, "remaining")
    else:
        out_err = stdin_mode  # keep stdout for the fixed source
        for report in reports:
            if report.applied:
                codes = sorted({f.code for f in report.applied})
                count = len(report.applied)
                click.echo(
                    f"Fixed {count} finding{'s' if count > 1 else ''} in "
                    f"{output.display_path(report.path)} ({', '.join(codes)})",
                    err=out_err,
                )
        remaining = _findings_text(reports, engine, "remaining", _use_color(color))
        click.echo(remaining, nl=False, err=out_err, color=_use_color(color))
    found = any(r.changed or r.remaining for r in reports)
    _exit(reports, found)


def _fix_interactively(
    engine: Engine, paths, output_format: str, color: bool
) -> "NoReturn":  # noqa: F821
    """Ask about each hunk of the dry run's diff; write each file with the hunks accepted."""
    if "-" in paths:
        fail("--interactive reads its answers from standard input; it cannot fix `-`")
    if output_format != "text":
        fail("--interactive works with --format text only")
    reports = _run(Mode.DIFF, engine, paths, None)
    stdin = click.get_text_stream("stdin")

    def read_answer() -> str:
        answer = stdin.readline()
        if answer and not stdin.isatty():  # nobody typed it: show it, ending the question's line
            click.echo(answer.rstrip("\n"))
        return answer

    session = interactive.review(reports, read_answer, color)
    for error in session.errors:
        click.echo(error, err=True)
    click.echo(_findings_text(session.settled, engine, "remaining", color), nl=False, color=color)
    if session.errors:
        sys.exit(EXIT_ERROR)
    _exit(reports, session.offered or any(r.remaining for r in reports))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--select", multiple=True, help="Rule codes or prefixes to run, as on `fix`.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to skip.")
@click.option(
    "--unsafe-fixes/--no-unsafe-fixes",
    default=None,
    help="Also apply fixes that may change behaviour, as on `fix`.",
)
@click.option("--target-terraform", metavar="X.Y", help="Terraform version the project runs.")
@click.option("--config", "config_file", metavar="FILE", help="The pyproject.toml to read.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option(
    "--patch",
    metavar="PATH",
    help="Where to write the patch (applies with `git apply` from the repository root) "
    "[default: .git/iacfix/autofix.patch].",
)
@click.option("--summary", metavar="PATH", help="Also write the Markdown summary to PATH.")
@click.option("--commit", is_flag=True, help="Put the fixes on a branch: one commit on HEAD.")
@click.option("--branch", default="iacfix/autofix", show_default=True, help="Branch for --commit.")
@click.option("--base", metavar="REF", help="Fix only the files changed between REF and HEAD.")
@click.option("--allow-dirty", is_flag=True, help="Run although tracked files have changes.")
def bot(
    paths, select, ignore, unsafe_fixes, target_terraform, config_file, isolated, patch, summary,
    commit, branch, base, allow_dirty,
):
    """CI autofix: fix the tracked files of a git checkout, write a patch and a Markdown summary."""
    from iacfix.bot import BotError, run_bot  # only this command needs git

    engine = _engine(select, ignore, unsafe_fixes, target_terraform, config_file, isolated)
    try:
        result = run_bot(
            paths, engine, patch=patch, summary=summary, commit=commit, branch=branch, base=base,
            allow_dirty=allow_dirty,
        )
    except (BotError, ConfigError) as error:  # both stop the run before a file is written
        fail(str(error))
    for report in result.reports:
        for error in report.errors:
            click.echo(error, err=True)
    click.echo(result.summary, nl=False)
    click.echo(f"iacfix: patch written to {result.patch_path}", err=True)
    if result.commit:
        click.echo(f"iacfix: branch {branch} set to {result.commit}", err=True)
    _exit(result.reports, result.fixed)


@main.command("rules")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text"
)
def rules_command(output_format: str) -> None:
    """List every rule: code, set, platform, fix kind, summary."""
    render = {
        "text": output.rules_text,
        "json": output.rules_json,
        "markdown": output.rules_markdown,
    }[output_format]
    click.echo(render(all_rules()), nl=False)


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain a rule: what it catches, why it fails at deploy time, before and after."""
    try:
        rule = rule_by_code(code)
    except UnknownRuleError as error:
        fail(str(error))
    click.echo(output.explanation(rule), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
