"""`iacfix bot` end to end: a real git repository of golden `before` files, the real command."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import GOLDEN, run_iacfix, snapshot

SG = GOLDEN / "CDK101-security-group-rules"  # two CDK101 fixes
PEER = GOLDEN / "CDK102-vpc-peering-accepter"  # one CDK102 fix
CLEAN = GOLDEN / "CDK101-already-structs" / "before.py"
NEW_FILE = GOLDEN / "PRJ403-lib-without-init"  # the fix creates lib/__init__.py
BRANCH = "iacfix/autofix"


class Repo:
    def __init__(self, git: str, path: Path) -> None:
        self.git_path, self.path = git, path

    def git_bytes(self, *args: str, cwd: Path | None = None) -> bytes:
        return subprocess.run(
            [self.git_path, *args], cwd=cwd or self.path, capture_output=True, check=True
        ).stdout

    def git(self, *args: str, cwd: Path | None = None) -> str:
        return self.git_bytes(*args, cwd=cwd).decode().rstrip("\n")

    def show(self, revision: str, relative: str) -> bytes:
        return self.git_bytes("show", f"{revision}:{relative}")

    def write(self, relative: str, data: bytes) -> None:
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def commit_all(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD")

    def read(self, relative: str) -> bytes:
        return (self.path / relative).read_bytes()

    def has_branch(self, name: str) -> bool:
        return subprocess.run(
            [self.git_path, "rev-parse", "--verify", "--quiet", f"refs/heads/{name}"],
            cwd=self.path,
            capture_output=True,
        ).returncode == 0


@pytest.fixture
def repo(tmp_path, git) -> Repo:
    repo = Repo(git, tmp_path / "repo")
    repo.path.mkdir()
    repo.git("init", "-q", "-b", "main")
    repo.git("config", "user.name", "Test")
    repo.git("config", "user.email", "test@example.com")
    repo.git("config", "commit.gpgsign", "false")
    return repo


@pytest.fixture
def fixable(repo) -> Repo:
    """A repository whose one commit holds two files to fix and a clean one."""
    repo.write("lib/sg.py", (SG / "before.py").read_bytes())
    repo.write("lib/peer.py", (PEER / "before.py").read_bytes())
    repo.write("lib/clean.py", CLEAN.read_bytes())
    repo.commit_all("stacks")
    return repo


def bot(repo: Repo, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return run_iacfix("bot", *args, cwd=cwd or repo.path)


def test_nothing_to_fix_exits_0_and_creates_no_branch(repo, tmp_path):
    repo.write("lib/clean.py", CLEAN.read_bytes())
    repo.commit_all("clean")
    patch = tmp_path / "fixes.patch"
    result = bot(repo, "--commit", "--patch", str(patch))
    assert result.returncode == 0, result.stderr
    assert "nothing to fix" in result.stdout.decode()
    assert patch.read_bytes() == b""
    assert not repo.has_branch(BRANCH)


def test_patch_applies_to_a_clean_checkout_and_gives_the_golden_after_files(fixable, tmp_path):
    patch = tmp_path / "fixes.patch"
    result = bot(fixable, "--patch", str(patch))
    assert result.returncode == 1, result.stderr
    clone = tmp_path / "clone"
    fixable.git("clone", "-q", str(fixable.path), str(clone))
    fixable.git("apply", "--check", str(patch), cwd=clone)
    fixable.git("apply", str(patch), cwd=clone)
    assert (clone / "lib/sg.py").read_bytes() == (SG / "after.py").read_bytes()
    assert (clone / "lib/peer.py").read_bytes() == (PEER / "after.py").read_bytes()
    assert (clone / "lib/clean.py").read_bytes() == CLEAN.read_bytes()


def test_patch_names_files_from_the_root_when_run_from_a_subfolder(fixable, tmp_path):
    patch = tmp_path / "fixes.patch"
    result = bot(fixable, "--patch", str(patch), cwd=fixable.path / "lib")
    assert result.returncode == 1, result.stderr
    assert b"--- a/lib/sg.py\n+++ b/lib/sg.py\n" in patch.read_bytes()
    clone = tmp_path / "clone"
    fixable.git("clone", "-q", str(fixable.path), str(clone))
    fixable.git("apply", str(patch), cwd=clone)
    assert (clone / "lib/sg.py").read_bytes() == (SG / "after.py").read_bytes()


def test_default_patch_lies_in_the_git_directory_and_the_fixes_stay_in_the_work_tree(fixable):
    result = bot(fixable)
    assert result.returncode == 1, result.stderr
    patch = fixable.path / ".git" / "iacfix" / "autofix.patch"
    assert b"+++ b/lib/peer.py" in patch.read_bytes()
    assert fixable.read("lib/sg.py") == (SG / "after.py").read_bytes()
    status = fixable.git("status", "--porcelain", "--untracked-files=all").splitlines()
    assert sorted(status) == [" M lib/peer.py", " M lib/sg.py"]  # nothing else in the tree


def test_summary_lists_each_rule_with_count_files_and_why(fixable, tmp_path):
    summary = tmp_path / "summary.md"
    result = bot(fixable, "--summary", str(summary))
    assert result.returncode == 1, result.stderr
    text = summary.read_text()
    assert result.stdout.decode() == text
    rows = {line.split("|")[1].strip(): line for line in text.splitlines() if "| CDK" in line}
    assert set(rows) == {"CDK101", "CDK102"}
    assert "| 2 | `lib/sg.py` |" in rows["CDK101"]
    assert "| 1 | `lib/peer.py` |" in rows["CDK102"]
    assert "serialize as null" in rows["CDK101"]  # the rule's summary says why
    assert "3 findings in 2 files" in text


def test_commit_creates_one_commit_on_head_and_leaves_head_and_index_alone(fixable):
    head = fixable.git("rev-parse", "HEAD")
    result = bot(fixable, "--commit")
    assert result.returncode == 1, result.stderr
    assert fixable.git("rev-parse", f"{BRANCH}^") == head
    assert fixable.git("rev-list", "--count", f"HEAD..{BRANCH}") == "1"
    assert fixable.show(BRANCH, "lib/sg.py") == (SG / "after.py").read_bytes()
    assert fixable.show(BRANCH, "lib/peer.py") == (PEER / "after.py").read_bytes()
    assert fixable.show(BRANCH, "lib/clean.py") == CLEAN.read_bytes()
    message = fixable.git("log", "-1", "--format=%B", BRANCH)
    assert "CDK101 (2)" in message and "CDK102 (1)" in message
    # The user's side: same HEAD, same branch checked out, index still equal to HEAD.
    assert fixable.git("rev-parse", "HEAD") == head
    assert fixable.git("symbolic-ref", "HEAD") == "refs/heads/main"
    assert fixable.git("diff", "--cached", "--name-only") == ""


def test_rerun_updates_the_branch_to_one_commit_on_the_new_head(fixable):
    assert bot(fixable, "--commit").returncode == 1
    first = fixable.git("rev-parse", BRANCH)
    fixable.git("checkout", "-q", "--", ".")  # CI starts from a clean checkout
    fixable.write("lib/more.py", (PEER / "before.py").read_bytes())
    head = fixable.commit_all("more")
    result = bot(fixable, "--commit")
    assert result.returncode == 1, result.stderr
    assert fixable.git("rev-parse", BRANCH) != first
    assert fixable.git("rev-parse", f"{BRANCH}^") == head
    assert fixable.git("rev-list", "--count", f"HEAD..{BRANCH}") == "1"
    assert fixable.show(BRANCH, "lib/more.py") == (PEER / "after.py").read_bytes()
    assert "CDK102 (2)" in fixable.git("log", "-1", "--format=%B", BRANCH)


def test_a_file_a_fix_creates_is_in_the_patch_and_the_commit(repo, tmp_path):
    for name, data in snapshot(NEW_FILE, "before").items():
        repo.write(name, data)
    repo.commit_all("project")
    patch = tmp_path / "fixes.patch"
    result = bot(repo, "--commit", "--patch", str(patch))
    assert result.returncode == 1, result.stderr
    after = snapshot(NEW_FILE, "after")
    assert repo.git("ls-tree", "-r", "--name-only", BRANCH).splitlines() == sorted(after)
    for name, data in after.items():
        assert repo.show(BRANCH, name) == data
    clone = tmp_path / "clone"
    repo.git("clone", "-q", str(repo.path), str(clone))
    repo.git("apply", str(patch), cwd=clone)
    assert {name: (clone / name).read_bytes() for name in after} == after


def test_a_file_that_does_not_parse_is_reported_and_the_others_are_still_fixed(fixable, tmp_path):
    broken = (SG / "before.py").read_bytes() + b"def broken(:\n"  # a file rules would parse
    fixable.write("lib/broken.py", broken)
    fixable.commit_all("broken")
    patch = tmp_path / "fixes.patch"
    result = bot(fixable, "--patch", str(patch))
    assert result.returncode == 2
    assert "lib/broken.py" in result.stderr.decode()
    assert b"+++ b/lib/sg.py" in patch.read_bytes()
    assert "1 file could not be processed" in result.stdout.decode()


@pytest.mark.parametrize("staged", [False, True])
def test_dirty_tree_is_refused_and_nothing_written(fixable, tmp_path, staged):
    fixable.write("lib/clean.py", CLEAN.read_bytes() + b"# edited\n")
    if staged:
        fixable.git("add", "lib/clean.py")
    patch = tmp_path / "fixes.patch"
    result = bot(fixable, "--commit", "--patch", str(patch))
    assert result.returncode == 2
    message = result.stderr.decode().strip()
    assert len(message.splitlines()) == 1 and "uncommitted changes" in message
    assert fixable.read("lib/sg.py") == (SG / "before.py").read_bytes()
    assert not patch.exists()
    assert not fixable.has_branch(BRANCH)


def test_allow_dirty_fixes_the_work_tree_as_it_is(fixable, tmp_path):
    fixable.write("lib/clean.py", CLEAN.read_bytes() + b"# edited\n")
    patch = tmp_path / "fixes.patch"
    result = bot(fixable, "--allow-dirty", "--patch", str(patch))
    assert result.returncode == 1, result.stderr
    assert fixable.read("lib/sg.py") == (SG / "after.py").read_bytes()
    assert fixable.read("lib/clean.py").endswith(b"# edited\n")


def test_untracked_files_neither_block_nor_get_fixed(fixable):
    fixable.write("build/lib/sg.py", (SG / "before.py").read_bytes())  # e.g. build output
    result = bot(fixable, "--commit")
    assert result.returncode == 1, result.stderr
    assert fixable.read("build/lib/sg.py") == (SG / "before.py").read_bytes()
    assert "build/" not in result.stdout.decode()
    assert fixable.git("ls-tree", "-r", "--name-only", BRANCH).splitlines() == [
        "lib/clean.py",
        "lib/peer.py",
        "lib/sg.py",
    ]


def test_an_untracked_file_named_on_the_command_line_is_refused(fixable):
    fixable.write("new.py", (SG / "before.py").read_bytes())
    result = bot(fixable, "new.py")
    assert result.returncode == 2
    assert "new.py: not a file git tracks" in result.stderr.decode()
    assert fixable.read("new.py") == (SG / "before.py").read_bytes()


def test_base_limits_the_run_to_the_files_the_branch_changed(repo, tmp_path):
    repo.write("lib/sg.py", (SG / "before.py").read_bytes())
    repo.commit_all("old code")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("lib/peer.py", (PEER / "before.py").read_bytes())
    repo.commit_all("new code")
    summary = tmp_path / "summary.md"
    result = bot(repo, "--base", "main", "--summary", str(summary))
    assert result.returncode == 1, result.stderr
    assert repo.read("lib/peer.py") == (PEER / "after.py").read_bytes()
    assert repo.read("lib/sg.py") == (SG / "before.py").read_bytes()
    assert "CDK101" not in summary.read_text()


def test_unknown_base_ref_is_refused(fixable):
    result = bot(fixable, "--base", "no-such-branch")
    assert result.returncode == 2
    assert "no-such-branch" in result.stderr.decode()
    assert fixable.read("lib/sg.py") == (SG / "before.py").read_bytes()


def test_invalid_branch_name_is_refused_before_anything_is_written(fixable):
    result = bot(fixable, "--commit", "--branch", "bad..name")
    assert result.returncode == 2
    assert "not a valid branch name" in result.stderr.decode()
    assert fixable.read("lib/sg.py") == (SG / "before.py").read_bytes()


def test_not_a_git_repository_is_refused(tmp_path, git):
    (tmp_path / "stack.py").write_bytes((SG / "before.py").read_bytes())
    result = run_iacfix("bot", cwd=tmp_path)
    assert result.returncode == 2
    message = result.stderr.decode().strip()
    assert len(message.splitlines()) == 1 and "not inside a git work tree" in message
    assert (tmp_path / "stack.py").read_bytes() == (SG / "before.py").read_bytes()
