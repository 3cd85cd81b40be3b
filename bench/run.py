#!/usr/bin/env python
"""Time iacfix on a generated corpus of CDKTF and Pulumi projects, next to parsers and linters.

    python bench/run.py [--files 2000] [--jobs 2] [--repeat 3] [--corpus DIR] [--json OUT]

One command: it writes the corpus (bench/make_corpus.py) into a temporary folder, or reuses the
one given with --corpus, and times on the same files `iacfix check`, `iacfix fix` on a fresh copy,
a LibCST parse-only pass, an ast parse-only pass, `ruff check` and `fixit lint`; then `iacfix check`
against `ruff check` on the standard library (code without IaC), and `iacfix check` on a tenth of
the files. Each row is run --repeat times, rounds interleaved, and the medians are printed with
the targets and whether each is met. Nothing is installed: a tool that is missing is reported and
its row skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Optional

HERE = os.path.dirname(os.path.abspath(__file__))

# One process parses every file of a list, and prints what it took (import and parse apart).
PARSE_SCRIPT = r"""
import json, sys, time
start = time.perf_counter()
mode, listing = sys.argv[1], sys.argv[2]
if mode == "libcst":
    import libcst
    parse = lambda source: libcst.parse_module(source.decode("utf-8"))
else:
    import ast
    parse = ast.parse
imported = time.perf_counter()
with open(listing, encoding="utf-8") as handle:
    paths = handle.read().splitlines()
errors = 0
for path in paths:
    with open(path, "rb") as handle:
        source = handle.read()
    try:
        parse(source)
    except Exception:
        errors += 1
done = time.perf_counter()
print(json.dumps({"files": len(paths), "errors": errors, "import": imported - start, "parse": done - imported}))
"""

FINDING = re.compile(r"^(.+?):(\d+):(\d+): ([A-Z]+[0-9]+) ")
SKIPPED_DIRS = {"site-packages", "dist-packages", "__pycache__"}


# -- measuring one process ------------------------------------------------------------------------


@dataclass
class Sample:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and every child it waited for
    rss: float  # peak resident memory, MB (largest process, or the whole tree where sampled higher)
    returncode: int
    stdout: str
    stderr: str


def _page_size() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return 4096


def _high_water(pid: int) -> int:
    """Peak resident bytes of `pid` since it started its program (VmHWM, Linux); 0 if unknown."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _tree_rss(pid: int, page: int) -> int:
    """Resident bytes of `pid` and its descendants, from /proc (Linux); 0 elsewhere."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return 0
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                data = handle.read()
            ppid = int(data[data.rindex(")") + 2 :].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/statm", encoding="ascii") as handle:
                total += int(handle.read().split()[1]) * page
        except (OSError, ValueError, IndexError):
            pass
        stack.extend(children.get(current, ()))
    return total


def measure(cmd: list[str], cwd: str, env: dict, out_dir: str, label: str) -> Sample:
    """Run `cmd` to completion; its output goes to files.

    CPU time comes from wait4 on the child (its own and its waited-for children's user + system
    time). Peak memory is sampled from /proc while it runs: the child's own high-water mark, or the
    resident memory of its whole process tree if that is larger (parallel workers count together).
    Where /proc is missing, wait4's max RSS is used; on Linux that figure never reads below the
    resident size of this benchmark process, which the child starts as a copy of."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", label)
    out_path, err_path = os.path.join(out_dir, safe + ".out"), os.path.join(out_dir, safe + ".err")
    page, peak_tree, stop = _page_size(), [0], threading.Event()
    sampled = [False]
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)

        def sample() -> None:
            interval = 0.005
            while not stop.wait(interval):
                high, tree = _high_water(proc.pid), _tree_rss(proc.pid, page)
                if high:
                    sampled[0] = True
                peak_tree[0] = max(peak_tree[0], high, tree)
                interval = min(0.1, interval * 1.5)

        sampler = threading.Thread(target=sample, daemon=True)
        if os.path.isdir("/proc"):
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        stop.set()
        if sampler.is_alive():
            sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
    rss = (peak_tree[0] if sampled[0] else usage.ru_maxrss * unit) / 2**20
    with open(out_path, encoding="utf-8", errors="replace") as handle:
        stdout = handle.read()
    with open(err_path, encoding="utf-8", errors="replace") as handle:
        stderr = handle.read()
    return Sample(wall, usage.ru_utime + usage.ru_stime, rss, proc.returncode, stdout, stderr)


# -- rows -----------------------------------------------------------------------------------------


@dataclass
class Row:
    key: str
    title: str
    files: int
    samples: list[Sample] = field(default_factory=list)
    note: str = ""
    skipped: Optional[str] = None  # why the row did not run
    parse_seconds: list[float] = field(default_factory=list)  # in-process parse time (parse rows)

    def median(self, attr: str) -> Optional[float]:
        values = [getattr(s, attr) for s in self.samples]
        return statistics.median(values) if values else None

    @property
    def parse_median(self) -> Optional[float]:
        return statistics.median(self.parse_seconds) if self.parse_seconds else None


def find_tool(name: str) -> Optional[str]:
    """The tool next to the running interpreter (its virtualenv), else on PATH."""
    local = os.path.join(os.path.dirname(sys.executable), name)
    if os.path.isfile(local) and os.access(local, os.X_OK):
        return local
    return shutil.which(name)


def tool_python(iacfix: Optional[str]) -> str:
    """The interpreter iacfix runs on (for the parse passes, so they use the same LibCST)."""
    if iacfix:
        try:
            with open(iacfix, "rb") as handle:
                first = handle.readline().decode("utf-8", "replace").strip()
            if first.startswith("#!") and "python" in first:
                candidate = first[2:].strip().split()[0]
                if os.path.isfile(candidate):
                    return candidate
        except OSError:
            pass
    return sys.executable


def python_files(root: str) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
        found += [os.path.join(folder, f) for f in sorted(files) if f.endswith(".py")]
    return found


def copy_stdlib(dest: str) -> int:
    """The running interpreter's standard library (its .py files, without installed packages)."""
    stdlib = sysconfig.get_paths()["stdlib"]
    count = 0
    for path in python_files(stdlib):
        target = os.path.join(dest, os.path.relpath(path, stdlib))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(path, target)
        count += 1
    return count


def copy_subset(corpus: str, dest: str, files: int) -> int:
    """Whole projects of the corpus, in order, until they hold `files` Python files."""
    count = 0
    for name in sorted(os.listdir(corpus)):
        source = os.path.join(corpus, name)
        if not os.path.isdir(source):
            continue
        shutil.copytree(source, os.path.join(dest, name))
        count += len(python_files(source))
        if count >= files:
            break
    return count


def changed_files(original: str, copy: str) -> tuple[list[str], list[str]]:
    """(relative paths of the Python files whose bytes differ, files that exist only in the copy)."""
    changed, created = [], []
    for path in python_files(copy):
        rel = os.path.relpath(path, copy)
        before = os.path.join(original, rel)
        if not os.path.exists(before):
            created.append(rel)
            continue
        with open(path, "rb") as a, open(before, "rb") as b:
            if a.read() != b.read():
                changed.append(rel)
    return changed, created


def findings_by_file(output: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for line in output.splitlines():
        match = FINDING.match(line)
        if match:
            path = os.path.normpath(match.group(1))
            found[path] = found.get(path, 0) + 1
    return found


def version(cmd: list[str], env: dict) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "?"


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# -- the run --------------------------------------------------------------------------------------


class Bench:
    def __init__(self, options: argparse.Namespace) -> None:
        self.options = options
        self.work = tempfile.mkdtemp(prefix="iacfix-bench-")
        self.out_dir = os.path.join(self.work, "output")
        os.makedirs(self.out_dir)
        # Installed tools run from compiled bytecode; where the environment turns bytecode writing
        # off, keep it in a private cache so start-up is not timed as compilation.
        self.env = dict(os.environ)
        self.bytecode_note = ""
        if self.env.pop("PYTHONDONTWRITEBYTECODE", None):
            self.bytecode_note = "PYTHONDONTWRITEBYTECODE was set: bytecode cached under the work folder instead"
        self.env.setdefault("PYTHONPYCACHEPREFIX", os.path.join(self.work, "pycache"))
        self.env["NO_COLOR"] = "1"
        self.iacfix = find_tool("iacfix")
        self.ruff = find_tool("ruff")
        self.fixit = find_tool("fixit")
        self.python = tool_python(self.iacfix)
        self.rows: dict[str, Row] = {}
        self.facts: dict = {}

    # -- set-up -----------------------------------------------------------------------------------

    def corpus(self) -> str:
        options = self.options
        if options.corpus and os.path.isdir(options.corpus) and python_files(options.corpus):
            return os.path.abspath(options.corpus)
        target = os.path.abspath(options.corpus or os.path.join(self.work, "corpus"))
        sys.path.insert(0, HERE)
        import make_corpus

        progress(f"writing the corpus ({options.files} files) to {target}")
        make_corpus.generate(target, options.files)
        return target

    def iacfix_options(self) -> None:
        help_text = subprocess.run([self.iacfix, "check", "--help"], capture_output=True, text=True, env=self.env).stdout
        self.has_no_cache = "--no-cache" in help_text
        self.has_jobs = "--jobs" in help_text
        self.check_args = (["--no-cache"] if self.has_no_cache else []) + (
            ["--jobs", str(self.options.jobs)] if self.has_jobs else []
        )

    def warm_up(self, paths: list[str]) -> None:
        """Read every file once and start every tool once, untimed (page cache, bytecode)."""
        for path in paths:
            with open(path, "rb") as handle:
                handle.read()
        small = os.path.join(self.work, "warm")
        os.makedirs(small, exist_ok=True)
        with open(os.path.join(small, "warm.py"), "w", encoding="utf-8") as handle:
            handle.write("from cdktf_cdktf_provider_aws.vpc import Vpc\nimport pulumi_aws as aws\nVpc\naws\n")
        for cmd in ([self.iacfix, "rules"], [self.iacfix, "check", "warm.py"],
                    [self.python, "-c", "import libcst, ast"],
                    [self.ruff, "check", "--no-cache", "--isolated", "warm.py"] if self.ruff else None,
                    [self.fixit, "lint", "warm.py"] if self.fixit else None):
            if cmd:
                subprocess.run(cmd, cwd=small, env=self.env, capture_output=True)

    # -- one round of every row -------------------------------------------------------------------

    def run_row(self, key: str, title: str, files: int, cmd: Optional[list[str]], cwd: str,
                missing: Optional[str] = None) -> Optional[Sample]:
        row = self.rows.setdefault(key, Row(key, title, files))
        if cmd is None:
            row.skipped = missing
            return None
        label = f"{key}-{len(row.samples) + 1}"
        progress(f"  {title} ...")
        sample = measure(cmd, cwd, self.env, self.out_dir, label)
        row.samples.append(sample)
        progress(f"  {title}: {sample.wall:.2f} s wall, {sample.cpu:.2f} s cpu, {sample.rss:.0f} MB, exit {sample.returncode}")
        return sample

    def parse_row(self, key: str, title: str, mode: str, paths: list[str], cwd: str) -> None:
        listing = os.path.join(self.work, f"{key}.list")
        with open(listing, "w", encoding="utf-8") as handle:
            handle.write("\n".join(paths) + "\n")
        sample = self.run_row(key, title, len(paths), [self.python, "-c", PARSE_SCRIPT, mode, listing], cwd)
        if sample is not None and sample.returncode == 0:
            result = json.loads(sample.stdout.strip().splitlines()[-1])
            self.rows[key].parse_seconds.append(result["parse"])
            self.rows[key].note = f"in-process parse {statistics.median(self.rows[key].parse_seconds):.2f} s"
            if result["errors"]:
                self.rows[key].note += f", {result['errors']} files did not parse"

    def round(self, number: int, corpus: str, files: list[str]) -> None:
        options = self.options
        skip = set(options.skip)
        progress(f"round {number}/{options.repeat}")
        rel = "."
        check = self.run_row("check", "iacfix check (cold)", len(files), [self.iacfix, "check", rel, *self.check_args], corpus)
        if check is not None and number == 1:
            found = findings_by_file(check.stdout)
            self.facts["findings"] = sum(found.values())
            self.facts["files_with_findings"] = len(found)
            self.facts["findings_outside_seeded"] = {
                p: n for p, n in found.items() if p not in self.facts.get("seeded", {})
            }
        if "fix" not in skip:
            copy = os.path.join(self.work, "fix-copy")
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(corpus, copy)
            fix = self.run_row("fix", "iacfix fix (fresh copy)", len(files), [self.iacfix, "fix", rel, *self.check_args], copy)
            if fix is not None and "changed" not in self.facts:
                changed, created = changed_files(corpus, copy)
                self.facts["changed"], self.facts["created"] = changed, created
            shutil.rmtree(copy, ignore_errors=True)
        if "parse" not in skip:
            self.parse_row("libcst", "LibCST parse_module only (1 process)", "libcst", files, corpus)
            self.parse_row("ast", "ast.parse only (1 process)", "ast", files, corpus)
            if self.facts.get("changed"):
                changed = [os.path.join(corpus, p) for p in self.facts["changed"]]
                self.parse_row("libcst_changed", f"LibCST parse of the {len(changed)} changed files", "libcst", changed, corpus)
        if "ruff" not in skip:
            self.run_row("ruff", "ruff check --select E,F", len(files),
                         [self.ruff, "check", "--no-cache", "--isolated", "--select", "E,F", rel] if self.ruff else None,
                         corpus, "ruff not installed")
        if "fixit" not in skip:
            self.run_row("fixit", "fixit lint", len(files), [self.fixit, "lint", rel] if self.fixit else None,
                         corpus, "fixit not installed")
        if "linearity" not in skip:
            subset = self.facts["subset_dir"]
            self.run_row("check_tenth", "iacfix check, a tenth of the files", self.facts["subset_files"],
                         [self.iacfix, "check", rel, *self.check_args], subset)
        if "warm" not in skip and self.facts.get("cache"):
            jobs = self.check_args[self.check_args.index("--jobs"):][:2] if "--jobs" in self.check_args else []
            self.run_row("warm", "iacfix check (warm rerun)", len(files), [self.iacfix, "check", rel, *jobs], corpus)
        if "stdlib" not in skip:
            stdlib, count = self.facts["stdlib_dir"], self.facts["stdlib_files"]
            self.run_row("stdlib_check", "stdlib (no IaC): iacfix check", count, [self.iacfix, "check", rel, *self.check_args], stdlib)
            self.run_row("stdlib_ruff", "stdlib (no IaC): ruff check --select E,F", count,
                         [self.ruff, "check", "--no-cache", "--isolated", "--select", "E,F", rel] if self.ruff else None,
                         stdlib, "ruff not installed")

    def run(self) -> int:
        options = self.options
        if not self.iacfix:
            print("iacfix not found next to this interpreter or on PATH", file=sys.stderr)
            return 2
        self.iacfix_options()
        corpus = self.corpus()
        files = python_files(corpus)
        manifest = os.path.join(corpus, "corpus.json")
        if os.path.isfile(manifest):
            with open(manifest, encoding="utf-8") as handle:
                data = json.load(handle)
            self.facts["seeded"] = data.get("seeded", {})
            self.facts["stack_files"] = data.get("stack_files")
        self.facts["lines"] = sum(open(p, "rb").read().count(b"\n") for p in files)
        self.facts["projects"] = sum(1 for n in os.listdir(corpus) if os.path.isdir(os.path.join(corpus, n)))
        if "linearity" not in options.skip:
            subset = os.path.join(self.work, "tenth")
            os.makedirs(subset)
            self.facts["subset_dir"] = subset
            self.facts["subset_files"] = copy_subset(corpus, subset, max(1, len(files) // 10))
        if "stdlib" not in options.skip:
            stdlib = os.path.join(self.work, "stdlib")
            os.makedirs(stdlib)
            self.facts["stdlib_dir"], self.facts["stdlib_files"] = stdlib, copy_stdlib(stdlib)
        progress("warming up (untimed)")
        self.warm_up(files)
        self.detect_cache(corpus)
        self.facts["load_start"] = os.getloadavg() if hasattr(os, "getloadavg") else None
        for number in range(1, options.repeat + 1):
            self.round(number, corpus, files)
        self.facts["load_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
        self.report(corpus, files)
        if options.json:
            self.write_json(options.json, corpus, files)
        if not options.keep:
            shutil.rmtree(self.work, ignore_errors=True)
        else:
            progress(f"kept {self.work}")
        return 0

    def detect_cache(self, corpus: str) -> None:
        """A cache exists if iacfix offers --no-cache or leaves a .iacfix_cache folder behind."""
        probe = os.path.join(self.work, "cache-probe")
        shutil.copytree(os.path.join(corpus, sorted(n for n in os.listdir(corpus) if os.path.isdir(os.path.join(corpus, n)))[0]), probe)
        subprocess.run([self.iacfix, "check", "."], cwd=probe, env=self.env, capture_output=True)
        leaves = any(".iacfix_cache" in dirs for _, dirs, _ in os.walk(probe))
        self.facts["cache"] = self.has_no_cache or leaves
        shutil.rmtree(probe, ignore_errors=True)
        if self.facts["cache"]:
            # fill the corpus's cache once so that the warm rows read it
            subprocess.run([self.iacfix, "check", "."], cwd=corpus, env=self.env, capture_output=True)

    # -- the report -------------------------------------------------------------------------------

    def report(self, corpus: str, files: list[str]) -> None:
        f, rows = self.facts, self.rows
        print()
        stack = f" ({f['stack_files']} stack files)" if f.get("stack_files") else ""
        print(f"Corpus: {len(files)} Python files{stack}, {f['lines']:,} lines, {f['projects']} projects ({corpus})")
        load = f.get("load_start")
        print(f"Machine: {os.cpu_count()} CPUs; load average at start {load[0]:.1f}, at end {f['load_end'][0]:.1f}" if load else f"Machine: {os.cpu_count()} CPUs")
        libcst = version([self.python, "-c", 'import importlib.metadata as m; print(m.version("libcst"))'], self.env)
        print(f"Tools: iacfix {version([self.iacfix, '--version'], self.env)}; "
              f"ruff {version([self.ruff, '--version'], self.env) if self.ruff else 'missing'}; "
              f"fixit {version([self.fixit, '--version'], self.env) if self.fixit else 'missing'}; "
              f"LibCST {libcst}; "
              f"Python {sys.version.split()[0]}")
        jobs = f"--jobs {self.options.jobs}" if self.has_jobs else "no --jobs option (single process)"
        cache = "--no-cache" if self.has_no_cache else "no --no-cache option"
        print(f"iacfix check runs with: {' '.join(self.check_args) or '(no options)'} [{jobs}; {cache}]")
        if self.bytecode_note:
            print(f"Note: {self.bytecode_note}")
        print(f"Medians of {self.options.repeat} run(s); ratios are to `iacfix check` on the same corpus.")
        print()
        header = f"{'row':<44} {'files':>6} {'wall s':>9} {'cpu s':>9} {'peak MB':>8} {'wall/chk':>9} {'cpu/chk':>8} {'mem/chk':>8}  note"
        print(header)
        print("-" * len(header))
        for key, row in rows.items():
            if row.skipped or not row.samples:
                print(f"{row.title:<44} {'':>6} {'skipped: ' + (row.skipped or 'not run')}")
                continue
            base = rows["stdlib_check"] if key.startswith("stdlib") else rows["check"]
            ratios = []
            for attr in ("wall", "cpu", "rss"):
                mine, theirs = row.median(attr), base.median(attr) if base.samples else None
                ratios.append(f"{mine / theirs:.3g}" if theirs else "-")
            print(f"{row.title:<44} {row.files:>6} {row.median('wall'):>9.2f} {row.median('cpu'):>9.2f} "
                  f"{row.median('rss'):>8.0f} {ratios[0]:>9} {ratios[1]:>8} {ratios[2]:>8}  {row.note}")
        print()
        print("Wall times of every run (s): " + "; ".join(
            f"{row.key} " + " ".join(f"{s.wall:.2f}" for s in row.samples) for row in rows.values() if row.samples))
        codes = {row.key: sorted({s.returncode for s in row.samples}) for row in rows.values() if row.samples}
        print("Exit codes: " + "; ".join(f"{k} {','.join(map(str, v))}" for k, v in codes.items()))
        if "findings" in f:
            outside = f["findings_outside_seeded"]
            seeded = f.get("seeded", {})
            print(f"iacfix check: {f['findings']} findings in {f['files_with_findings']} files; "
                  f"{len(seeded)} files have seeded failures; "
                  f"{sum(outside.values())} findings in {len(outside)} files without seeded failures")
        if "changed" in f:
            changed = f["changed"]
            print(f"iacfix fix: changed {len(changed)} files ({sum(1 for p in changed if p in f.get('seeded', {}))} of them seeded), "
                  f"created {len(f['created'])} files")
        print()
        self.targets(len(files))

    def targets(self, n_files: int) -> None:
        rows = self.rows

        def wall(key: str) -> Optional[float]:
            row = rows.get(key)
            return row.median("wall") if row and row.samples else None

        lines = []
        check, ruff, fixit = wall("check"), wall("ruff"), wall("fixit")
        if check is not None and ruff is not None:
            lines.append(("check cold <= 3x ruff", f"{check:.2f} s vs 3 x {ruff:.2f} s = {3 * ruff:.2f} s ({check / ruff:.0f}x ruff)", check <= 3 * ruff))
        else:
            lines.append(("check cold <= 3x ruff", "ruff not run", None))
        if check is not None and fixit is not None:
            lines.append(("check >= 50x faster than fixit", f"fixit {fixit:.2f} s / check {check:.2f} s = {fixit / check:.2f}x", fixit >= 50 * check))
        else:
            lines.append(("check >= 50x faster than fixit", "fixit not run", None))
        fix, parse_changed = wall("fix"), rows["libcst_changed"].parse_median if "libcst_changed" in rows else None
        if fix is not None and check is not None:
            parse_changed = parse_changed or 0.0
            bound = 1.5 * (parse_changed + check)
            lines.append(("fix cold <= 1.5x (parse of changed files + cold check)",
                          f"{fix:.2f} s vs 1.5 x ({parse_changed:.2f} + {check:.2f}) = {bound:.2f} s", fix <= bound))
        if self.facts.get("cache"):
            warm = wall("warm")
            measured = f"{warm:.2f} s on {n_files} files" if warm is not None else "not run"
            lines.append(("warm rerun < 0.5 s on 2,000 files", measured, None if warm is None else warm < 0.5 * n_files / 2000))
        else:
            lines.append(("warm rerun < 0.5 s on 2,000 files", "no cache", None))
        stdlib_check, stdlib_ruff = wall("stdlib_check"), wall("stdlib_ruff")
        if stdlib_check is not None and stdlib_ruff is not None:
            lines.append(("no-IaC check <= 2x ruff (stdlib)", f"{stdlib_check:.2f} s vs 2 x {stdlib_ruff:.2f} s = {2 * stdlib_ruff:.2f} s ({stdlib_check / stdlib_ruff:.0f}x ruff)",
                          stdlib_check <= 2 * stdlib_ruff))
        if rows.get("check") and rows["check"].samples:
            peak = max(s.rss for s in rows["check"].samples)
            how = f"--jobs {self.options.jobs}" if self.has_jobs else "single process, no --jobs"
            lines.append(("peak memory < 300 MB", f"{peak:.0f} MB ({how})", peak < 300))
        tenth = wall("check_tenth")
        if tenth is not None and check is not None:
            file_ratio = n_files / rows["check_tenth"].files
            lines.append(("10x files -> at most 11x time",
                          f"{tenth:.2f} s at {rows['check_tenth'].files} files, {check:.2f} s at {n_files}: "
                          f"{check / tenth:.1f}x time for {file_ratio:.1f}x files (bound {1.1 * file_ratio:.1f}x)",
                          check / tenth <= 1.1 * file_ratio))
        print(f"{'target':<56} {'met':<4} measured")
        print("-" * 110)
        for name, measured, met in lines:
            print(f"{name:<56} {('-' if met is None else 'yes' if met else 'NO'):<4} {measured}")

    def write_json(self, path: str, corpus: str, files: list[str]) -> None:
        data = {
            "corpus": corpus,
            "files": len(files),
            "facts": {k: v for k, v in self.facts.items() if k not in ("seeded", "subset_dir", "stdlib_dir")},
            "rows": {
                key: {
                    "title": row.title,
                    "files": row.files,
                    "skipped": row.skipped,
                    "runs": [{"wall": s.wall, "cpu": s.cpu, "rss_mb": s.rss, "returncode": s.returncode} for s in row.samples],
                    "parse_seconds": row.parse_seconds,
                }
                for key, row in self.rows.items()
            },
        }
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000, help="Python files in the generated corpus (default 2000)")
    parser.add_argument("--jobs", type=int, default=2, help="passed to iacfix if it has --jobs (default 2)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each row; medians are reported (default 3)")
    parser.add_argument("--corpus", help="reuse this corpus folder (written there first if empty or absent)")
    parser.add_argument("--skip", default="", type=lambda s: [x for x in s.split(",") if x],
                        help="rows to leave out: fix,parse,ruff,fixit,linearity,warm,stdlib")
    parser.add_argument("--json", help="also write the raw measurements to this file")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (outputs of every run)")
    return Bench(parser.parse_args(argv)).run()


if __name__ == "__main__":
    sys.exit(main())
