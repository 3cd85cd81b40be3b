"""The result cache and the worker processes change how fast a run is, never what it reports."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import libcst

from conftest import GOLDEN, golden_cases, project_cases, run_iacfix, tree_bytes
from iacfix import runner
from iacfix.cache import Cache
from iacfix.cli import _engine
from iacfix.rule import Finding, Position

# Cold without cache in one process, the same in two workers, then with the cache cold and warm.
CONFIGS = [
    ("--jobs", "1", "--no-cache"),
    ("--jobs", "2", "--no-cache"),
    ("--jobs", "2"),
    ("--jobs", "2"),
]


def golden_tree(dest: Path, projects: bool = True) -> Path:
    """Every golden case side by side: single files under the name their case gives them,
    project cases as their folders."""
    for case in golden_cases():
        name = (case / "path").read_text().strip() if (case / "path").exists() else "before.py"
        target = dest / "singles" / case.name / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(case / "before.py", target)
    if projects:
        for case in project_cases():
            shutil.copytree(case / "before", dest / "projects" / case.name)
    return dest


def outcome(result) -> tuple:
    return result.returncode, result.stdout, result.stderr


def test_check_and_diff_are_the_same_with_and_without_cache_and_workers(tmp_path):
    golden_tree(tmp_path / "tree")
    for command in (["check", "--format", "json"], ["diff"]):
        results = [outcome(run_iacfix(*command, "tree", *c, cwd=tmp_path)) for c in CONFIGS]
        assert results[0][0] == 1 and results[0][1], results[0]
        assert results[1:] == [results[0]] * 3, command
    assert (tmp_path / ".iacfix_cache" / "index.pickle").is_file()
    assert (tmp_path / ".iacfix_cache" / ".gitignore").read_text() == "*\n"
    assert (tmp_path / ".iacfix_cache" / "CACHEDIR.TAG").read_text().startswith("Signature: ")


def test_fix_writes_the_same_bytes_with_and_without_cache_and_workers(tmp_path):
    results, trees = [], []
    for number, config in enumerate(CONFIGS):
        run_dir = tmp_path / f"run{number}"
        golden_tree(run_dir / "tree")
        if number == 3:  # warm: the cache the cold run left, on a fresh copy
            shutil.copytree(tmp_path / "run2" / ".iacfix_cache", run_dir / ".iacfix_cache")
        results.append(outcome(run_iacfix("fix", "tree", *config, cwd=run_dir)))
        trees.append(tree_bytes(run_dir / "tree"))
    assert trees[0] != tree_bytes(golden_tree(tmp_path / "untouched" / "tree"))  # fix did fix
    assert results[1:] == [results[0]] * 3
    assert trees[1:] == [trees[0]] * 3


def test_a_warm_run_parses_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # The single files and the fixed project cases (PRJ404 reports missing assets even there).
    golden_tree(Path("tree"), projects=False)
    for case in project_cases():
        shutil.copytree(case / "after", Path("tree", "projects", case.name))
    engine = _engine((), (), None, None, None, False)
    cold = list(runner.run(["tree"], runner.Mode.CHECK, engine, cache=Cache()))
    for report in cold:  # files with errors are always processed
        if report.errors:
            Path(report.path).unlink()
    cold = [r for r in cold if Path(r.path).exists()]
    assert sum(len(r.findings) for r in cold) > 20

    calls = []

    def no_parsing(*args, **kwargs):
        calls.append(args)
        raise AssertionError("parsed in a warm run")

    monkeypatch.setattr(libcst, "parse_module", no_parsing)
    engine = _engine((), (), None, None, None, False)
    warm = list(runner.run(["tree"], runner.Mode.CHECK, engine, cache=Cache()))
    assert calls == []
    assert [(r.path, r.findings, r.errors) for r in warm] == [
        (r.path, r.findings, r.errors) for r in cold
    ]
    assert [[f.fix_safety for f in r.findings] for r in warm] == [
        [f.fix_safety for f in r.findings] for r in cold
    ]


def poison(cache_folder: Path) -> None:
    """Replace every kept file result by one made-up finding: it shows when the cache answered."""
    index = cache_folder / "index.pickle"
    entries = pickle.loads(index.read_bytes())
    fake = [Finding("ZZZ999", "from the cache", Position(1, 1, 1, 2))]
    for slot, (digest, (*_, reads)) in list(entries.items()):
        if slot[0] == "file":
            entries[slot] = (digest, (fake, [], fake, reads))
    index.write_bytes(pickle.dumps(entries))


def one_file_tree(tmp_path: Path) -> Path:
    source = GOLDEN / "AWS201-upper-case-literals" / "before.py"
    (tmp_path / "app").mkdir()
    shutil.copyfile(source, tmp_path / "app" / "stack.py")
    return tmp_path / "app" / "stack.py"


def test_the_cache_answers_for_unchanged_inputs_only(tmp_path):
    path = one_file_tree(tmp_path)

    def answered_by_cache(*options: str) -> bool:
        return b"ZZZ999" in run_iacfix("check", "app", *options, cwd=tmp_path).stdout

    def refill() -> None:
        """Keep the file's real result (a miss replaced it), then poison it."""
        result = run_iacfix("check", "app", cwd=tmp_path)
        assert result.returncode == 1 and b"AWS201" in result.stdout
        poison(tmp_path / ".iacfix_cache")
        assert answered_by_cache()

    refill()
    assert not answered_by_cache("--select", "AWS")  # other settings
    refill()
    (tmp_path / "app" / ".terraform-version").write_text("1.9.8\n")
    assert not answered_by_cache()  # another Terraform pin
    (tmp_path / "app" / ".terraform-version").unlink()
    refill()
    path.write_bytes(path.read_bytes() + b"\n# edited\n")
    assert not answered_by_cache()  # other file contents


def test_a_corrupt_cache_is_ignored(tmp_path):
    one_file_tree(tmp_path)
    expected = outcome(run_iacfix("check", "app", "--no-cache", cwd=tmp_path))
    (tmp_path / ".iacfix_cache").mkdir()
    (tmp_path / ".iacfix_cache" / "index.pickle").write_bytes(b"\x80\x05not a pickle")
    assert outcome(run_iacfix("check", "app", cwd=tmp_path)) == expected
    assert outcome(run_iacfix("check", "app", cwd=tmp_path)) == expected  # rewritten, read back


def test_no_cache_writes_no_cache(tmp_path):
    one_file_tree(tmp_path)
    for command in ("check", "diff", "fix"):
        assert run_iacfix(command, "app", "--no-cache", cwd=tmp_path).returncode == 1
    assert not (tmp_path / ".iacfix_cache").exists()
    run_iacfix("check", "app", cwd=tmp_path)
    assert (tmp_path / ".iacfix_cache").is_dir()


def test_a_result_that_read_other_files_is_kept_while_they_are_unchanged(tmp_path):
    """TST501 reads the stack modules a test imports: its cached result holds while they, and
    every place the import was looked for, are as they were."""
    shutil.copytree(GOLDEN / "TST501-seed-stack-imported-from-lib" / "before", tmp_path / "app")
    base = tmp_path / "app" / "lib" / "base_stack.py"

    test_from_cache = b"test_tap_stack.py:1:1: ZZZ999"

    def answered_by_cache() -> bool:
        return test_from_cache in run_iacfix("check", "app", cwd=tmp_path).stdout

    def refill() -> None:
        result = run_iacfix("check", "app", cwd=tmp_path)
        assert b"TST501" in result.stdout and b"`bucket`" in result.stdout
        poison(tmp_path / ".iacfix_cache")
        assert answered_by_cache()

    refill()
    original = base.read_text()
    base.write_text(
        original.replace("        self.environment_suffix", "        self.bucket = None\n        self.environment_suffix")
    )
    result = run_iacfix("check", "app", cwd=tmp_path)
    assert test_from_cache not in result.stdout and b"`bucket`" not in result.stdout  # it changed
    base.write_text(original)
    refill()
    # A module where the import is looked for first now exists: the test means another class.
    shadow = tmp_path / "app" / "tests" / "unit" / "lib"
    shadow.mkdir()
    (shadow / "tap_stack.py").write_text("class TapStack:\n    bucket = None\n")
    assert not answered_by_cache()
