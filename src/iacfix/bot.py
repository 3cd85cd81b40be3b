"""`iacfix bot`: fix a git checkout for CI and hand back a patch, a Markdown summary and, on
request, a branch holding the fixes as one commit on top of HEAD.

The bot fixes the files git tracks, and only those: untracked and ignored files (build output, the
patch itself) are never fixed, since a patch or commit of the repository could not hold them, and
they do not make the work tree dirty. The fixed files stay in the work tree, as with `iacfix fix`;
the commit is built in a temporary index, so the user's index, HEAD and current branch stay as they
were.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from iacfix.engine import Engine
from iacfix.registry import UnknownRuleError, rule_by_code
from iacfix.runner import FileReport, Mode, run

DEFAULT_BRANCH = "iacfix/autofix"
# Inside the git directory: outside the work tree, so never fixed, committed or left behind as an
# untracked file; a later run overwrites it, so it never describes an older run.
DEFAULT_PATCH = "iacfix/autofix.patch"


class BotError(Exception):
    """A problem that stops the bot; the message is one line naming it."""


def _git_message(stderr: bytes) -> str:
    """The line of git's error output that names the problem."""
    lines = [line.strip() for line in os.fsdecode(stderr).splitlines() if line.strip()]
    for line in lines:
        for prefix in ("fatal: ", "error: "):
            if line.startswith(prefix):
                return line[len(prefix) :]
    return lines[-1] if lines else "no message"


class Repository:
    """The git checkout the bot runs in; every git call is an argument list, never a shell."""

    def __init__(self, cwd: str) -> None:
        executable = shutil.which("git")
        if executable is None:
            raise BotError("git is not installed (not found on PATH)")
        self.executable = executable
        self.root = cwd
        try:
            self.root = self.text("rev-parse", "--show-toplevel")
        except BotError:
            raise BotError(f"not inside a git work tree: {cwd}") from None
        head = self.run("rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
        if head.returncode != 0:
            raise BotError("the repository has no commit yet: nothing to fix against")
        self.head = os.fsdecode(head.stdout).strip()

    def run(
        self, *args: str, input: Optional[bytes] = None, env: Optional[dict] = None, check=True
    ) -> subprocess.CompletedProcess:
        try:
            result = subprocess.run(
                [self.executable, *args],
                cwd=self.root,
                input=input,
                env=env,
                capture_output=True,
            )
        except OSError as error:
            raise BotError(f"cannot run git: {error}") from None
        if check and result.returncode != 0:
            raise BotError(f"git {args[0]} failed: {_git_message(result.stderr)}")
        return result

    def text(self, *args: str, **kwargs) -> str:
        """A command's output, one value (a path, a hash) on one line."""
        return os.fsdecode(self.run(*args, **kwargs).stdout).rstrip("\n")

    def names(self, *args: str) -> set[str]:
        """Paths a `-z` command lists, relative to the root, in the form the runner reports them."""
        output = os.fsdecode(self.run(*args).stdout)
        return {os.path.normpath(name) for name in output.split("\0") if name}

    def is_dirty(self) -> bool:
        """Whether tracked files differ from HEAD, staged or not (untracked files do not count)."""
        env = dict(os.environ, GIT_OPTIONAL_LOCKS="0")  # `status` must not rewrite the index
        return bool(self.run("status", "--porcelain", "-z", "--untracked-files=no", env=env).stdout)

    def tracked(self) -> set[str]:
        return self.names("ls-files", "-z")

    def changed_since(self, base: str) -> set[str]:
        """Files changed between the merge base of `base` and HEAD, as a pull request shows them."""
        if base.startswith("-"):
            raise BotError(f"--base: not a revision: {base}")
        found = self.run("rev-parse", "--verify", "--quiet", f"{base}^{{commit}}", check=False)
        if found.returncode != 0:
            raise BotError(f"--base: unknown revision: {base}")
        base_commit = os.fsdecode(found.stdout).strip()
        merge_base = self.run("merge-base", base_commit, self.head, check=False)
        if merge_base.returncode != 0:
            raise BotError(
                f"--base: {base} and HEAD have no commit in common "
                "(a shallow clone needs more history)"
            )
        fork = os.fsdecode(merge_base.stdout).strip()
        return self.names("diff-tree", "-r", "-z", "--name-only", "--no-renames", fork, "HEAD")

    def check_branch(self, branch: str) -> None:
        ref = f"refs/heads/{branch}"
        if branch.startswith("-") or self.run("check-ref-format", ref, check=False).returncode:
            raise BotError(f"--branch: not a valid branch name: {branch}")
        current = self.run("symbolic-ref", "--quiet", "HEAD", check=False)
        if os.fsdecode(current.stdout).strip() == ref:
            raise BotError(f"--branch: {branch} is the branch checked out; name another one")

    def commit_on_head(self, paths: Sequence[str], message: str, branch: str) -> str:
        """Point `branch` at one new commit on top of HEAD that holds HEAD's tree with the work-tree
        contents of `paths`. A temporary index keeps the user's index as it is."""
        with tempfile.TemporaryDirectory(prefix="iacfix-bot-") as folder:
            env = dict(os.environ, GIT_INDEX_FILE=os.path.join(folder, "index"))
            self.run("read-tree", self.head, env=env)
            listed = b"".join(os.fsencode(path) + b"\0" for path in paths)
            self.run("update-index", "--add", "-z", "--stdin", input=listed, env=env)
            tree = self.text("write-tree", env=env)
        commit = self.text("commit-tree", tree, "-p", self.head, input=message.encode("utf-8"))
        self.run("update-ref", "-m", "iacfix bot", f"refs/heads/{branch}", commit)
        return commit


@dataclass
class RuleTally:
    code: str
    count: int = 0
    files: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        try:
            return rule_by_code(self.code).SUMMARY
        except UnknownRuleError:
            return ""


@dataclass
class BotResult:
    reports: list[FileReport]
    patch_path: str
    summary: str  # Markdown
    head: str
    commit: Optional[str] = None  # the branch's new commit, with --commit and fixes

    @property
    def fixed(self) -> bool:
        return any(report.diff for report in self.reports)

    @property
    def errors(self) -> bool:
        return any(report.errors for report in self.reports)


def tally(reports: Iterable[FileReport]) -> list[RuleTally]:
    """Applied fixes per rule, ordered by code; files in the order of the run."""
    by_code: dict[str, RuleTally] = {}
    for report in reports:
        for finding in report.applied:
            entry = by_code.setdefault(finding.code, RuleTally(finding.code))
            entry.count += 1
            path = report.path.replace(os.sep, "/")
            if path not in entry.files:
                entry.files.append(path)
    return [by_code[code] for code in sorted(by_code)]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def summary_markdown(
    reports: list[FileReport], branch: Optional[str] = None, head: Optional[str] = None
) -> str:
    """A pull-request comment: what was fixed, per rule, and what is left to do by hand."""
    rules = tally(reports)
    fixes = sum(rule.count for rule in rules)
    files = len({path for rule in rules for path in rule.files})
    lines = []
    if fixes:
        lines.append(f"### iacfix fixed {_plural(fixes, 'finding')} in {_plural(files, 'file')}")
        lines += ["", "| Rule | Fixes | Files | Why |", "| --- | ---: | --- | --- |"]
        for rule in rules:
            paths = ", ".join(f"`{path}`" for path in rule.files)
            lines.append(f"| {rule.code} | {rule.count} | {_cell(paths)} | {_cell(rule.summary)} |")
        if branch and head:
            lines += ["", f"Branch `{branch}` holds them as one commit on top of {head[:12]}."]
    else:
        lines.append("### iacfix found nothing to fix")
    remaining = sum(len(report.remaining) for report in reports)
    if remaining:
        lines += [
            "",
            f"{_plural(remaining, 'finding')} left without an automatic fix here: "
            "`iacfix check` lists them.",
        ]
    failed = sum(1 for report in reports if report.errors)
    if failed:
        lines += ["", f"{_plural(failed, 'file')} could not be processed: see the job log."]
    return "\n".join(lines) + "\n"


def commit_message(reports: list[FileReport]) -> str:
    rules = tally(reports)
    fixes = sum(rule.count for rule in rules)
    lines = [f"iacfix: fix {_plural(fixes, 'finding')}", ""]
    for rule in rules:
        lines.append(f"- {rule.code} ({rule.count}): {rule.summary}")
    lines += ["", "Applied by `iacfix bot`."]
    return "\n".join(lines) + "\n"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _output_path(repo: Repository, option: str, path: str, tracked: set[str]) -> str:
    """An output file given on the command line: absolute, in an existing folder, not a file of the
    repository (it would become part of the tree the fixes apply to)."""
    absolute = os.path.abspath(path)
    folder = os.path.dirname(absolute)
    if not os.path.isdir(folder):
        raise BotError(f"{option}: no such folder: {folder}")
    if os.path.isdir(absolute):
        raise BotError(f"{option}: is a folder: {path}")
    resolved = os.path.join(os.path.realpath(folder), os.path.basename(absolute))
    if os.path.normpath(os.path.relpath(resolved, repo.root)) in tracked:
        raise BotError(f"{option}: {path} is a file the repository tracks")
    return absolute


def _default_patch_path(repo: Repository) -> str:
    path = os.path.join(repo.root, repo.text("rev-parse", "--git-path", DEFAULT_PATCH))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def _relative_to_root(repo: Repository, path: str, tracked: set[str]) -> str:
    """A path given from the current folder, as the runner sees it when it runs from the root."""
    if path == "-":
        raise BotError("the bot fixes files of the checkout; it does not read standard input")
    absolute = os.path.abspath(path)
    # Resolve links in the folders above, not in the path itself: a linked file stays a link.
    resolved = os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))
    relative = os.path.relpath(resolved, repo.root)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep) or os.path.isabs(relative):
        raise BotError(f"{path}: outside the repository {repo.root}")
    relative = os.path.normpath(relative)
    if os.path.isfile(os.path.join(repo.root, relative)) and relative not in tracked:
        raise BotError(f"{path}: not a file git tracks; the bot fixes tracked files only")
    return relative


def _write(path: str, data: bytes) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as error:
        raise BotError(f"cannot write {path}: {error.strerror}") from None


def run_bot(
    paths: Sequence[str],
    engine: Engine,
    *,
    patch: Optional[str] = None,
    summary: Optional[str] = None,
    commit: bool = False,
    branch: str = DEFAULT_BRANCH,
    base: Optional[str] = None,
    allow_dirty: bool = False,
) -> BotResult:
    """Fix the tracked files under `paths` (from the current folder; default `.`) and write the
    patch (from the repository root) and the summary. Everything that can be wrong with the
    repository or the options is found before a file is written."""
    repo = Repository(os.getcwd())
    if commit:
        repo.check_branch(branch)
    tracked = repo.tracked()
    changed = repo.changed_since(base) if base is not None else None
    if not allow_dirty and repo.is_dirty():
        raise BotError(
            "the work tree has uncommitted changes to tracked files; commit or stash them, "
            "or pass --allow-dirty"
        )
    patch_path = (
        _output_path(repo, "--patch", patch, tracked) if patch else _default_patch_path(repo)
    )
    summary_path = _output_path(repo, "--summary", summary, tracked) if summary else None
    relative = [_relative_to_root(repo, path, tracked) for path in paths or (".",)]
    included = tracked if changed is None else tracked & changed

    previous = os.getcwd()
    os.chdir(repo.root)  # reports, and so the patch, name files from the root
    try:
        reports = list(run(relative, Mode.FIX, engine, include=included))
    finally:
        os.chdir(previous)

    _write(patch_path, b"".join(report.diff for report in reports))
    result = BotResult(reports, patch_path, "", repo.head)
    if commit and result.fixed:
        changed_paths = [report.path for report in reports if report.diff]
        result.commit = repo.commit_on_head(changed_paths, commit_message(reports), branch)
    result.summary = summary_markdown(reports, branch if result.commit else None, repo.head)
    if summary_path:
        _write(summary_path, result.summary.encode("utf-8"))
    return result
