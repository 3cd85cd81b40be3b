"""Properties that hold for any input: random valid programs, and golden programs mutated at random.

- No exception escapes the engine; a file no fix applies to is byte-identical afterwards; the fixed
  text always parses.
- `check` and `diff` agree: a file has a diff exactly when check reports a fixable finding.
- Golden `before` files with comments inserted, keyword arguments reordered, whitespace and line breaks
  changed inside brackets and redundant parentheses added: the output parses, fixing twice equals
  fixing once, and the diff applies with `git apply`.

Random programs come from hypothesmith (grammar- and LibCST-based). Runs are derandomized, so every
run tries the same examples.
"""

from __future__ import annotations

import ast
import contextlib
import os
import random
import shutil
import subprocess
import sysconfig
import tempfile

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, given, note, settings, strategies as st

from iacfix import fileio
from iacfix.engine import Engine, ParseError
from iacfix.registry import all_rules
from iacfix.runner import Mode, process_source, run
from iacfix.settings import Settings
from iacfix.versions import Version

from conftest import case_args, golden_cases, tree_bytes

GOLDEN_BEFORES = [case / "before.py" for case in golden_cases() if (case / "before.py").is_file()]

# A trailing comment naming every rule's tokens gets a file past the text prefilter, so every rule
# parses and visits it; without it a random program would never reach a rule.
TOKENS_COMMENT = "# " + " ".join(sorted({t for r in all_rules() for t in getattr(r, "TOKENS", ())}))

OPTION_SETS = {
    "default": Settings(),
    "select-all": Settings(select=("ALL",)),
    "select-all-unsafe": Settings(select=("ALL",), unsafe_fixes=True),
}
ENGINES = {name: Engine(options) for name, options in OPTION_SETS.items()}

PROPERTY_SETTINGS = dict(
    deadline=None,
    derandomize=True,  # the same examples on every run: CI stays reproducible
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# hypothesmith's two generators: from the grammar (odd tokens and layout), and from LibCST nodes
# (statements and expressions of every kind).
PROGRAMS = st.one_of(hypothesmith.from_grammar(), hypothesmith.from_node())


def parses(text: str) -> bool:
    try:
        ast.parse(text)
        cst.parse_module(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError, cst.ParserSyntaxError):
        return False
    return True


def with_tokens(program: str) -> str:
    return program + ("" if program.endswith("\n") or not program else "\n") + TOKENS_COMMENT + "\n"


def spliced(program: str, golden: str) -> str:
    """A random program followed by a golden one, so rules fire amid random code."""
    return program + ("" if program.endswith("\n") or not program else "\n") + golden


@st.composite
def sources(draw, golden: bool):
    """A random valid program, as is, with every rule's tokens, or (golden=True) before a golden file."""
    program = draw(PROGRAMS)
    kinds = ["plain", "tokens"] + (["golden"] if golden else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "tokens":
        text = with_tokens(program)
    elif kind == "golden":
        before = draw(st.sampled_from(GOLDEN_BEFORES))
        text = spliced(program, before.read_text(encoding="utf-8"))
    else:
        text = program
    if not parses(text):  # the join of two valid programs can be invalid (a trailing `\`)
        text = program
    note(f"kind={kind}")
    return text


def _fix(engine: Engine, text: str):
    """Run the engine; only its one-line ParseError may come out, and only for unparseable text."""
    try:
        return engine.fix(text, "m.py")
    except ParseError as error:
        assert "\n" not in str(error), str(error)
        return None


# -- random programs ------------------------------------------------------------------------------


@settings(max_examples=70, **PROPERTY_SETTINGS)
@given(text=sources(golden=False))
def test_engine_never_raises_and_keeps_untouched_files(text):
    for name, engine in ENGINES.items():
        outcome = _fix(engine, text)
        if outcome is None:
            with pytest.raises(ParseError):
                engine.lint(text, "m.py")
            continue
        assert outcome.findings == engine.lint(text, "m.py"), name
        if not outcome.applied:
            # No fix applied: byte for byte the input, not a re-rendering of it.
            assert outcome.text == text, name
        assert parses(outcome.text), name


@settings(max_examples=45, **PROPERTY_SETTINGS)
@given(text=sources(golden=True))
def test_check_and_diff_agree(text):
    source = fileio.decode("m.py", text.encode("utf-8"))
    for name, engine in ENGINES.items():
        checked = process_source(source, Mode.CHECK, engine, write=False)
        diffed = process_source(source, Mode.DIFF, engine, write=False)
        fixable = [f for f in checked.findings if engine.fixable(f)]
        note(f"{name}: fixable={[f.code for f in fixable]} errors={diffed.errors}")
        assert checked.errors == [] or checked.errors == diffed.errors, name
        assert bool(diffed.diff) == bool(fixable), name
        # The diff's findings are the ones check reported.
        assert diffed.findings == checked.findings, name


# -- golden programs mutated at random --------------------------------------------------------------

MUTATIONS = ("comments", "reorder", "whitespace", "parens")


class Mutator(cst.CSTTransformer):
    """Semantics-preserving random edits, only where Python allows them.

    Line breaks and comments go only inside brackets (call arguments, list/set/dict displays,
    parenthesized tuples) and never inside f-strings; keyword arguments are permuted only within a run
    of plain `name=value` arguments.
    """

    def __init__(self, rng: random.Random, kinds: frozenset, rate: float) -> None:
        super().__init__()
        self.rng, self.kinds, self.rate = rng, kinds, rate
        self.fstrings = 0
        self.count = 0

    def _roll(self, kind: str) -> bool:
        hit = kind in self.kinds and self.fstrings == 0 and self.rng.random() < self.rate
        self.count += hit
        return hit

    def visit_FormattedString(self, node):
        self.fstrings += 1

    def leave_FormattedString(self, original, updated):
        self.fstrings -= 1
        return updated

    # comments on their own line before statements
    def _comment_line(self, updated):
        if self._roll("comments"):
            line = cst.EmptyLine(comment=cst.Comment(f"# mutated {self.rng.randrange(1000)}"))
            return updated.with_changes(leading_lines=[*updated.leading_lines, line])
        return updated

    def leave_SimpleStatementLine(self, original, updated):
        return self._comment_line(updated)

    def leave_FunctionDef(self, original, updated):
        return self._comment_line(updated)

    def leave_ClassDef(self, original, updated):
        return self._comment_line(updated)

    def leave_If(self, original, updated):
        return self._comment_line(updated)

    def leave_For(self, original, updated):
        return self._comment_line(updated)

    # whitespace, line breaks and comments after commas inside brackets
    def _newline(self, comment: bool) -> cst.ParenthesizedWhitespace:
        return cst.ParenthesizedWhitespace(
            first_line=cst.TrailingWhitespace(
                whitespace=cst.SimpleWhitespace("  " if comment else ""),
                comment=cst.Comment("# inside brackets") if comment else None,
            ),
            empty_lines=[cst.EmptyLine(indent=False)] if self.rng.random() < 0.2 else [],
            indent=self.rng.random() < 0.5,
            last_line=cst.SimpleWhitespace(" " * self.rng.randrange(0, 9)),
        )

    def _comma(self, comma):
        if not isinstance(comma, cst.Comma):
            return comma
        if self._roll("comments"):
            comma = comma.with_changes(whitespace_after=self._newline(comment=True))
        elif self._roll("whitespace"):
            choice = self.rng.randrange(3)
            if choice == 0:
                comma = comma.with_changes(whitespace_after=self._newline(comment=False))
            elif choice == 1:
                comma = comma.with_changes(
                    whitespace_after=cst.SimpleWhitespace(" " * self.rng.randrange(0, 4))
                )
            else:
                comma = comma.with_changes(whitespace_before=cst.SimpleWhitespace(" "))
        return comma

    def _elements(self, elements):
        return [e.with_changes(comma=self._comma(e.comma)) for e in elements]

    def leave_List(self, original, updated):
        return updated.with_changes(elements=self._elements(updated.elements))

    def leave_Set(self, original, updated):
        return updated.with_changes(elements=self._elements(updated.elements))

    def leave_Dict(self, original, updated):
        return updated.with_changes(elements=self._elements(updated.elements))

    def leave_Tuple(self, original, updated):
        if not updated.lpar:  # `a, b` without brackets cannot break lines
            return updated
        return updated.with_changes(elements=self._elements(updated.elements))

    def leave_Call(self, original, updated):
        args = list(updated.args)
        if "reorder" in self.kinds and self.fstrings == 0:
            args = self._reorder(args)
        args = [a.with_changes(comma=self._comma(a.comma)) for a in args]
        updated = updated.with_changes(args=args)
        if self._roll("whitespace"):
            updated = updated.with_changes(whitespace_before_args=self._newline(comment=False))
        return updated

    def _reorder(self, args):
        """Permute each run of `name=value` arguments; every position keeps its own comma."""
        result = list(args)
        i = 0
        while i < len(result):
            j = i
            while j < len(result) and result[j].keyword is not None and result[j].star == "":
                j += 1
            if j - i >= 2 and self.rng.random() < self.rate * 2:
                run = result[i:j]
                order = list(range(len(run)))
                self.rng.shuffle(order)
                self.count += order != sorted(order)
                result[i:j] = [
                    run[k].with_changes(comma=run[pos].comma) for pos, k in enumerate(order)
                ]
            i = max(j, i + 1)
        return result

    # redundant parentheses around values
    def _wrap(self, expression):
        if isinstance(expression, cst.BaseExpression) and self._roll("parens"):
            return expression.with_changes(
                lpar=[cst.LeftParen(), *expression.lpar], rpar=[*expression.rpar, cst.RightParen()]
            )
        return expression

    def leave_Arg(self, original, updated):
        return updated.with_changes(value=self._wrap(updated.value))

    def leave_Element(self, original, updated):
        return updated.with_changes(value=self._wrap(updated.value))

    def leave_DictElement(self, original, updated):
        return updated.with_changes(key=self._wrap(updated.key), value=self._wrap(updated.value))

    def leave_Assign(self, original, updated):
        return updated.with_changes(value=self._wrap(updated.value))

    def leave_Return(self, original, updated):
        if updated.value is None:
            return updated
        return updated.with_changes(value=self._wrap(updated.value))


def mutate(text: str, seed: int, kinds: frozenset, rate: float) -> tuple[str, int]:
    mutator = Mutator(random.Random(seed), kinds, rate)
    return cst.parse_module(text).visit(mutator).code, mutator.count


def settings_for(case) -> Settings:
    """The case's `args` file as Settings (the options golden cases use)."""
    args = case_args(case)
    select, unsafe, terraform = [], False, None
    i = 0
    while i < len(args):
        if args[i] == "--select":
            select.append(args[i + 1])
            i += 2
        elif args[i] == "--unsafe-fixes":
            unsafe = True
            i += 1
        elif args[i] == "--target-terraform":
            terraform = Version.parse(args[i + 1])
            i += 2
        else:
            raise AssertionError(f"{case.name}: option {args[i]} not understood by this test")
    return Settings(
        select=tuple(select) or None, unsafe_fixes=unsafe, target_terraform=terraform
    )


@contextlib.contextmanager
def inside(directory: str):
    previous = os.getcwd()
    os.chdir(directory)
    try:
        yield
    finally:
        os.chdir(previous)


def test_mutator_makes_valid_programs_that_differ():
    """The mutations themselves keep every golden program valid, and do change it."""
    changed = 0
    for before in GOLDEN_BEFORES:
        text = before.read_text(encoding="utf-8")
        mutated, count = mutate(text, 1, frozenset(MUTATIONS), 0.5)
        assert parses(mutated), before
        changed += mutated != text
    assert changed >= len(GOLDEN_BEFORES) * 0.9


@pytest.fixture(scope="module")
def git_path():
    path = shutil.which("git")
    if path is None:
        pytest.skip("git is not installed")
    return path


@settings(max_examples=60, **PROPERTY_SETTINGS)
@given(
    before=st.sampled_from(GOLDEN_BEFORES),
    seed=st.integers(0, 2**32 - 1),
    kinds=st.sets(st.sampled_from(MUTATIONS), min_size=1).map(frozenset),
    rate=st.sampled_from([0.1, 0.3, 0.7]),
)
def test_mutated_golden_programs(git_path, before, seed, kinds, rate):
    case = before.parent
    text, count = mutate(before.read_text(encoding="utf-8"), seed, kinds, rate)
    assert parses(text), "the mutation itself must keep the program valid"
    note(text)
    engine = Engine(settings_for(case))
    with tempfile.TemporaryDirectory() as work, inside(work):
        with open("stack.py", "wb") as handle:
            handle.write(text.encode("utf-8"))
        report = process_source(fileio.read("stack.py"), Mode.DIFF, engine, write=False)
        assert not report.errors, report.errors
        fixed = report.fixed_text.decode("utf-8")
        assert parses(fixed)
        again = engine.fix(fixed, "stack.py")
        assert again.text == fixed, "fixing twice must equal fixing once"
        if report.diff:
            subprocess.run(
                [git_path, "apply", "-"], input=report.diff, check=True, capture_output=True
            )
        with open("stack.py", "rb") as handle:
            assert handle.read() == report.fixed_text


# -- the standard library ---------------------------------------------------------------------------


def _python_cannot_parse(data: bytes) -> bool:
    """Whether Python itself refuses the file (the standard library's deliberately bad test data)."""
    try:
        ast.parse(data)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True
    return False


@pytest.mark.slow
def test_standard_library_is_left_alone(tmp_path):
    """`fix` with every rule and unsafe fixes over a copy of this interpreter's standard library
    (code without infrastructure): no file changes, nothing is fixed, no rule crashes; the only
    errors are one-line reports on files that Python or LibCST cannot parse."""
    stdlib = sysconfig.get_paths()["stdlib"]
    copy = tmp_path / "stdlib"
    for root, dirs, files in os.walk(stdlib):
        dirs[:] = sorted(d for d in dirs if d not in ("site-packages", "dist-packages", "__pycache__"))
        for name in files:
            if name.endswith(".py"):
                source = os.path.join(root, name)
                target = copy / os.path.relpath(source, stdlib)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
    before = tree_bytes(copy)
    assert len(before) > 1000, len(before)
    with inside(str(tmp_path)):
        reports = list(run(["stdlib"], Mode.FIX, ENGINES["select-all-unsafe"], jobs=2))
    problems = []
    for report in reports:
        data = before.get(os.path.relpath(report.path, "stdlib"))
        if report.applied or report.diff:
            problems.append(f"{report.path}: changed ({[f.code for f in report.applied]})")
        for error in report.errors:
            # Files Python refuses, and the few valid ones LibCST's grammar does not take (an
            # error naming the line, not a crash), are the only errors allowed.
            known = data is not None and (
                _python_cannot_parse(data) or ": syntax LibCST cannot parse at line " in error
            )
            if not known or "internal error" in error:
                problems.append(error)
    print(f"standard library: {len(before)} files, {len(reports)} reports")
    assert problems == []
    assert tree_bytes(copy) == before
