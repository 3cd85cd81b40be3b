"""The command line: check, diff, fix, rules, explain.

Exit codes: 0 nothing found or changed; 1 findings or changes; 2 usage, input or internal error.
"""

from __future__ import annotations

import sys
from typing import Optional

import click

from iacfix import __version__, output
from iacfix.engine import Engine
from iacfix.registry import UnknownRuleError, all_rules, rule_by_code
from iacfix.runner import FileReport, Mode, run
from iacfix.settings import Settings
from iacfix.versions import Version

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> "NoReturn":  # noqa: F821
    click.echo(f"iacfix: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


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
            "--unsafe-fixes", is_flag=True, help="Also apply fixes that may change behaviour."
        ),
        click.option(
            "--format",
            "output_format",
            type=click.Choice(["text", "json"]),
            default="text",
            show_default=True,
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
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _engine(select, ignore, unsafe_fixes, target_terraform) -> Engine:
    try:
        version = Version.parse(target_terraform) if target_terraform else None
    except ValueError as error:
        fail(f"--target-terraform: {error}")
    settings = Settings(
        select=tuple(select) if select else None,
        ignore=tuple(ignore),
        unsafe_fixes=unsafe_fixes,
        target_terraform=version,
    )
    try:
        return Engine(settings)
    except UnknownRuleError as error:
        fail(str(error))


def _run(mode: Mode, engine: Engine, paths, stdin_filename) -> list[FileReport]:
    reports = []
    for report in run(paths or (".",), mode, engine, stdin_filename):
        for error in report.errors:
            click.echo(error, err=True)
        reports.append(report)
    return reports


def _print_findings(reports: list[FileReport], engine_fixable, output_format: str, attr: str):
    items = [(r.path, f) for r in reports for f in getattr(r, attr)]
    if output_format == "json":
        click.echo(output.findings_json(items), nl=False)
    else:
        click.echo(output.findings_text(items, engine_fixable), nl=False)
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
def check(paths, select, ignore, unsafe_fixes, output_format, target_terraform, stdin_filename):
    """Report findings: path:line:col: CODE [*] message ([*]: `iacfix fix` can fix it)."""
    engine = _engine(select, ignore, unsafe_fixes, target_terraform)
    reports = _run(Mode.CHECK, engine, paths, stdin_filename)
    items = _print_findings(reports, engine.fixable, output_format, "findings")
    if output_format == "text" and items:
        fixable = sum(engine.fixable(f) for _, f in items)
        hidden = sum(
            1 for _, f in items if f.fix_safety and not engine.fixable(f)
        )
        summary = f"Found {len(items)} finding(s); {fixable} fixable with `iacfix fix`."
        if hidden:
            summary += f" {hidden} more with `iacfix fix --unsafe-fixes`."
        click.echo(summary, err=True)
    _exit(reports, bool(items))


@main.command()
@_paths_options
def diff(paths, select, ignore, unsafe_fixes, output_format, target_terraform, stdin_filename):
    """Show the fixes as a unified diff that `git apply` accepts; change nothing."""
    engine = _engine(select, ignore, unsafe_fixes, target_terraform)
    reports = _run(Mode.DIFF, engine, paths, stdin_filename)
    if output_format == "json":
        _print_findings(reports, None, "json", "applied")
    else:
        _write_bytes(b"".join(report.diff for report in reports))
    _exit(reports, any(r.changed for r in reports))


@main.command()
@_paths_options
def fix(paths, select, ignore, unsafe_fixes, output_format, target_terraform, stdin_filename):
    """Apply the fixes in place (atomic writes); `-` prints the fixed source instead."""
    engine = _engine(select, ignore, unsafe_fixes, target_terraform)
    reports = _run(Mode.FIX, engine, paths, stdin_filename)
    stdin_mode = list(paths) == ["-"]
    if stdin_mode:
        _write_bytes(b"".join(r.fixed_text for r in reports if r.fixed_text is not None))
    if output_format == "json":
        if not stdin_mode:
            _print_findings(reports, None, "json", "remaining")
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
        remaining = [(r.path, f) for r in reports for f in r.remaining]
        click.echo(output.findings_text(remaining, engine.fixable), nl=False, err=out_err)
    found = any(r.changed or r.remaining for r in reports)
    _exit(reports, found)


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
