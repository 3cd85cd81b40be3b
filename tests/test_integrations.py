"""The pre-commit hooks (run through pre-commit itself) and the GitHub Action (action.yml)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GOLDEN, ROOT, run_iacfix

yaml = pytest.importorskip("yaml")  # PyYAML comes with pre-commit (the `test` extra)

PEER = GOLDEN / "CDK102-vpc-peering-accepter"
SG = GOLDEN / "CDK101-security-group-rules"


def _markdown(code: bytes) -> bytes:
    return b"A stack for the peering.\n\n```python\n" + code + b"```\n"


def _git(git: str, *args: str, cwd: Path) -> str:
    result = subprocess.run(
        [git, "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=cwd,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode()


def _snapshot_of_this_repository(git: str, target: Path) -> Path:
    """This repository's work tree (tracked and untracked files, without ignored ones) committed
    into a new repository.

    `pre-commit try-repo` given a repository with uncommitted changes makes a shadow clone of HEAD
    and commits into it the staged files and the changes to tracked files (`git add -u`): new,
    untracked files such as a new .pre-commit-hooks.yaml are left out. Committing a snapshot
    tests the tree as it is, as a clean clone in CI does.
    """
    listed = subprocess.run(
        [git, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
    )
    if listed.returncode != 0:
        pytest.skip("this copy of iacfix is not a git checkout")
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file may have been deleted in the work tree
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    _git(git, "init", "-q", cwd=target)
    _git(git, "add", "-A", cwd=target)
    _git(git, "commit", "-q", "--no-verify", "-m", "snapshot", cwd=target)
    return target


@pytest.mark.slow
def test_pre_commit_hooks_check_then_fix_python_and_markdown(tmp_path, git):
    pytest.importorskip("pre_commit")
    hooks = _snapshot_of_this_repository(git, tmp_path / "hooks")
    project = tmp_path / "project"
    (project / "lib").mkdir(parents=True)
    (project / "lib" / "peer.py").write_bytes((PEER / "before.py").read_bytes())
    (project / "README.md").write_bytes(_markdown((SG / "before.py").read_bytes()))
    _git(git, "init", "-q", cwd=project)
    _git(git, "add", "-A", cwd=project)
    _git(git, "commit", "-q", "-m", "stacks", cwd=project)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")

    # No hook id: every hook of the manifest, in id order: iacfix-check, then iacfix-fix.
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), "--files",
         "lib/peer.py", "README.md"],
        cwd=project,
        env=env,
        capture_output=True,
        timeout=1800,
    )
    output = result.stdout.decode()
    assert result.returncode == 1, output + result.stderr.decode()
    assert re.search(r"iacfix check\.+Failed", output), output
    assert "lib/peer.py:4:" in output and "CDK102" in output
    assert "README.md:" in output and "CDK101" in output
    assert re.search(r"iacfix fix\.+Failed", output)  # pre-commit fails a hook that changes files
    assert "files were modified by this hook" in output
    assert (project / "lib" / "peer.py").read_bytes() == (PEER / "after.py").read_bytes()
    assert (project / "README.md").read_bytes() == _markdown((SG / "after.py").read_bytes())


def test_pre_commit_manifest_declares_both_hooks():
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hooks = {hook["id"]: hook for hook in manifest}
    assert set(hooks) == {"iacfix-check", "iacfix-fix"}
    assert hooks["iacfix-check"]["entry"] == "iacfix check"
    assert hooks["iacfix-fix"]["entry"] == "iacfix fix"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is True
        assert "python" in hook.get("types_or", hook.get("types"))


# -- action.yml -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text())


def _steps(action: dict) -> list[dict]:
    return action["runs"]["steps"]


def _step(action: dict, command: str) -> dict:
    (step,) = [s for s in _steps(action) if re.search(rf"\biacfix {command}\b", s.get("run", ""))]
    return step


def test_action_is_a_composite_that_installs_iacfix_from_its_own_folder(action):
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) >= {"command", "paths", "args"}
    assert action["inputs"]["command"]["default"] == "check"
    (install,) = [s for s in _steps(action) if "pip install" in s.get("run", "")]
    assert "${{ github.action_path }}" in yaml.safe_dump(install)
    for step in _steps(action):
        assert step["shell"] == "bash"
        # Inputs are passed through the environment: an expression inside a script would let
        # an input's text run as shell code.
        assert "${{" not in step["run"]


@pytest.mark.parametrize("command", ["check", "bot"])
def test_action_runs_iacfix_options_that_exist(action, command):
    step = _step(action, command)
    assert command in step["if"]
    invocations = re.findall(rf"\biacfix {command}\b([^\n]*)", step["run"])
    assert invocations
    help_text = run_iacfix(command, "--help").stdout.decode()
    for arguments in invocations:
        for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", arguments):
            assert re.search(rf"(?<![\w-]){option}\b", help_text), f"iacfix {command}: {option}"


def test_action_check_reports_in_github_format(action):
    assert "iacfix check --format github" in _step(action, "check")["run"]
    help_text = run_iacfix("check", "--help").stdout.decode()
    assert re.search(r"--format \[[^\]]*\bgithub\b", help_text), help_text


def test_action_bot_step_succeeds_with_fixes_and_sets_outputs(action, tmp_path, git):
    """Run the bot step's script as the runner would (bash -e), in a repository with fixes."""
    work = tmp_path / "work"
    (work / "lib").mkdir(parents=True)
    (work / "lib" / "peer.py").write_bytes((PEER / "before.py").read_bytes())
    _git(git, "init", "-q", cwd=work)
    _git(git, "add", "-A", cwd=work)
    _git(git, "commit", "-q", "-m", "stacks", cwd=work)
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()
    outputs, step_summary = tmp_path / "outputs", tmp_path / "step_summary.md"
    env = dict(
        os.environ,
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        RUNNER_TEMP=str(runner_temp),
        GITHUB_OUTPUT=str(outputs),
        GITHUB_STEP_SUMMARY=str(step_summary),
        IACFIX_PATHS="lib",
        IACFIX_ARGS="--select CDK",
    )
    script = _step(action, "bot")["run"]
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=work,
        env=env,
        capture_output=True,
    )
    assert result.returncode == 0, result.stderr.decode()
    values = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    assert values["fixed"] == "true"
    assert Path(values["patch"]).read_text().startswith("--- a/lib/peer.py")
    assert "CDK102" in step_summary.read_text()
    assert Path(values["summary"]).read_text() == step_summary.read_text()
