"""Shared helpers: the golden cases, and running the real `iacfix` command."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"


def golden_cases() -> list[Path]:
    """Single-file cases: `before.py` and `after.py`."""
    return sorted(p for p in GOLDEN.iterdir() if p.is_dir() and not (p / "before").is_dir())


def project_cases() -> list[Path]:
    """Project cases, for rules that span files: folders `before/` and `after/`."""
    return sorted(p for p in GOLDEN.iterdir() if (p / "before").is_dir())


def case_args(case: Path) -> list[str]:
    """Extra command-line options a case runs with (its `args` file), e.g. `--unsafe-fixes`."""
    args_file = case / "args"
    return shlex.split(args_file.read_text()) if args_file.exists() else []


def iacfix_command() -> list[str]:
    """The installed console script next to this interpreter, else `python -m iacfix`."""
    script = Path(sys.executable).with_name("iacfix")
    return [str(script)] if script.exists() else [sys.executable, "-m", "iacfix"]


def run_iacfix(*args: str, cwd=None, input: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*iacfix_command(), *args], cwd=cwd, input=input, capture_output=True, timeout=120
    )


def run_cli(*args: str, cwd, input: bytes | None = None) -> subprocess.CompletedProcess:
    """The command line in-process: the same code as `run_iacfix` without a process start per
    call, for the many runs of the golden harness. Tests of the command itself (exit codes,
    signals, terminals) use `run_iacfix`."""
    from click.testing import CliRunner

    from iacfix.cli import main

    previous = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), input=input)
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(
        list(args), result.exit_code, result.stdout_bytes, result.stderr_bytes
    )


@pytest.fixture
def git():
    path = shutil.which("git")
    if path is None:
        pytest.skip("git is not installed")
    return path


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under `root` as relative path -> bytes, leaving out byte-code and the tool's
    own result cache (`.iacfix_cache/`), which are not the user's files."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not {"__pycache__", ".iacfix_cache"} & set(p.relative_to(root).parts)
    }


def snapshot(case: Path, side: str) -> dict[str, bytes]:
    """A case's `before` or `after` side as relative path -> bytes (one file or a folder)."""
    if (case / side).is_dir():
        return tree_bytes(case / side)
    return {"": (case / f"{side}.py").read_bytes()}
