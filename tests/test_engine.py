"""The engine's guarantees: fixed point, rollback of broken fixes, prefiltering, selection."""

from __future__ import annotations

import shutil

import libcst as cst
import pytest

from iacfix import engine as engine_module, fileio
from iacfix.engine import MAX_PASSES, Engine, ParseError
from iacfix.project import owning_root
from iacfix.registry import Selection, UnknownRuleError, all_rules
from iacfix.resources import PROVIDER_PACKAGES
from iacfix.rule import FixSafety, Platform, Rule, RuleSet
from iacfix.runner import Mode, process_source
from iacfix.settings import Settings

from conftest import golden_cases, project_cases


class _Base(Rule):
    SUMMARY = "test rule"
    PLATFORM = Platform.CDKTF
    FIX = FixSafety.SAFE
    TOKENS = ("x",)


class BreaksTheFile(_Base):
    """Replaces `x` with a call, which cannot be assigned to: `f() = 1` is not Python."""

    CODE = "TST901"
    NAME = "breaks-the-file"

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == "x":
            self.report(node, "broken", replacements={node: cst.Call(cst.Name("f"))})


class RenamesY(_Base):
    """A good fix next to the broken one: `y` -> `z`."""

    CODE = "TST902"
    NAME = "renames-y"
    TOKENS = ("y",)

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == "y":
            self.report(node, "y", replacements={node: cst.Name("z")})


class FlipFlop(_Base):
    """Never settles: `x` -> `w` -> `x` ..."""

    CODE = "TST903"
    NAME = "flip-flop"
    TOKENS = ("x", "w")

    def visit_Name(self, node: cst.Name) -> None:
        swap = {"x": "w", "w": "x"}
        if node.value in swap:
            self.report(node, "flip", replacements={node: cst.Name(swap[node.value])})


class RenamesW(_Base):
    """Another good fix: `w` -> `v`."""

    CODE = "TST906"
    NAME = "renames-w"
    TOKENS = ("w",)

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == "w":
            self.report(node, "w", replacements={node: cst.Name("v")})


class Crashes(_Base):
    CODE = "TST907"
    NAME = "crashes"

    def visit_Name(self, node: cst.Name) -> None:
        raise ValueError("a bug in the rule")


class UnpacksX(_Base):
    """`f(x, k=y)` -> `f(**x, k=y)`: valid alone."""

    CODE = "TST908"
    NAME = "unpacks-x"

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is None and m_name(node.value, "x"):
            self.report(node, "x", replacements={node: node.with_changes(star="**")})


class UnpacksY(_Base):
    """`f(x, k=y)` -> `f(x, *y)`: valid alone, but `f(**x, *y)` cannot even be built."""

    CODE = "TST909"
    NAME = "unpacks-y"
    TOKENS = ("y",)

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None and m_name(node.value, "y"):
            unpacked = node.with_changes(star="*", keyword=None, equal=cst.MaybeSentinel.DEFAULT)
            self.report(node, "y", replacements={node: unpacked})


def m_name(node: cst.CSTNode, value: str) -> bool:
    return isinstance(node, cst.Name) and node.value == value


class Extended(_Base):
    CODE = "TST904"
    NAME = "extended"
    SET = RuleSet.EXTENDED


def engine(*rules, **settings) -> Engine:
    return Engine(Settings(**settings), universe=rules)


def test_a_fix_that_breaks_the_file_is_rolled_back_and_reported():
    outcome = engine(BreaksTheFile, RenamesY).fix("x = 1\ny = 2\n", "m.py")
    assert outcome.text == "x = 1\nz = 2\n"  # the good fix still lands
    assert [f.code for f in outcome.applied] == ["TST902"]
    assert len(outcome.errors) == 1
    assert "m.py:1:1: fix for TST901 rolled back" in outcome.errors[0]


def test_fixes_fine_alone_but_breaking_the_file_together_are_rolled_back(monkeypatch):
    """Two fixes that each leave valid Python but not together (stood for by a parser check that
    refuses their joint result): both are rolled back, the file stays as it was."""
    source, together = "y = 1\nw = 2\n", "z = 1\nv = 2\n"
    real_parses = engine_module._parses
    monkeypatch.setattr(engine_module, "_parses", lambda text: text != together and real_parses(text))
    assert engine(RenamesY).fix(source, "m.py").text == "z = 1\nw = 2\n"  # each alone is fine
    assert engine(RenamesW).fix(source, "m.py").text == "y = 1\nv = 2\n"
    outcome = engine(RenamesY, RenamesW).fix(source, "m.py")
    assert outcome.text == source
    assert outcome.applied == []
    assert outcome.errors == ["m.py: fixes rolled back: together they break the file"]


def test_fixes_whose_joint_tree_libcst_refuses_to_build_are_rolled_back():
    """LibCST raises CSTValidationError while building `f(**x, *y)`: that is a broken result like
    any other, not a crash that loses the file's other fixes."""
    source = "f(x, k=y)\n"
    assert engine(UnpacksX).fix(source, "m.py").text == "f(**x, k=y)\n"
    assert engine(UnpacksY).fix(source, "m.py").text == "f(x, *y)\n"
    outcome = engine(UnpacksX, UnpacksY).fix(source, "m.py")
    assert (outcome.text, outcome.applied) == (source, [])
    assert outcome.errors == ["m.py: fixes rolled back: together they break the file"]


def test_a_rule_that_crashes_is_reported_and_the_file_is_kept(tmp_path):
    path = tmp_path / "m.py"
    path.write_bytes(b"x = 1\ny = 2\n")
    for mode in Mode:
        report = process_source(fileio.read(str(path)), mode, engine(Crashes, RenamesY), write=True)
        assert report.errors == [f"{path}: internal error: ValueError: a bug in the rule"], mode
        assert (report.diff, report.applied) == (b"", []), mode
    assert path.read_bytes() == b"x = 1\ny = 2\n"


def test_fixes_that_never_settle_stop_after_the_bound():
    outcome = engine(FlipFlop).fix("x = 1\n", "m.py")
    assert len(outcome.applied) == MAX_PASSES
    assert outcome.errors == [
        f"m.py: fixes did not settle after {MAX_PASSES} passes; the last pass was not applied"
    ]


def test_files_without_tokens_are_not_parsed():
    # Not Python at all, but no rule's tokens occur in it, so it is never parsed.
    assert engine(RenamesY).lint("this is ( not code", "m.txt") == []
    with pytest.raises(ParseError, match=r"m.py: syntax error at line 1"):
        engine(RenamesY).lint("y = (", "m.py")


def test_unsafe_fixes_need_the_flag():
    class Unsafe(RenamesY):
        CODE = "TST905"
        FIX = FixSafety.UNSAFE

    assert engine(Unsafe).fix("y = 1\n", "m.py").text == "y = 1\n"
    assert engine(Unsafe, unsafe_fixes=True).fix("y = 1\n", "m.py").text == "z = 1\n"


def test_selection_default_prefix_exact_and_ignore():
    rules = (RenamesY, FlipFlop, Extended)
    assert Selection(None, (), rules).rules == (RenamesY, FlipFlop)
    assert Selection(["TST"], (), rules).rules == (RenamesY, FlipFlop)  # prefix: default set
    exact = Selection(["tst904,TST902"], (), rules)
    assert exact.rules == (RenamesY, Extended)
    assert exact.extended(Extended) and exact.extended(RenamesY)
    assert not Selection(["TST"], (), rules).extended(RenamesY)
    assert Selection(["ALL"], ["TST903"], rules).rules == (RenamesY, Extended)
    with pytest.raises(UnknownRuleError, match="unknown rule code or prefix: XYZ1"):
        Selection(["XYZ1"], (), rules)


def test_registry_finds_every_rule_once_with_complete_metadata():
    codes = [rule.CODE for rule in all_rules()]
    assert codes == sorted(set(codes))
    for rule in all_rules():
        assert rule.NAME and rule.SUMMARY, rule.CODE
        assert isinstance(rule.SET, RuleSet) and isinstance(rule.FIX, FixSafety), rule.CODE
        if issubclass(rule, Rule):  # per-file rules say which files they can fire on
            assert rule.TOKENS, rule.CODE


# -- the package prefilter ------------------------------------------------------------------------

PACKAGE_RULES = [rule for rule in all_rules() if issubclass(rule, Rule) and rule.PACKAGES]


@pytest.mark.parametrize("rule", PACKAGE_RULES, ids=lambda r: r.CODE)
def test_a_rule_with_packages_is_silent_where_no_import_names_them(rule, monkeypatch):
    """The prefilter only skips what the rule would not report: with every provider import renamed,
    the rule itself (prefilter off) finds nothing in any golden `before` file, though it does
    find something in the originals."""
    engine = Engine(Settings(select=(rule.CODE,)))
    monkeypatch.setattr(rule, "PACKAGES", ())
    found_somewhere = False
    for case in golden_cases():
        path = case / "before.py"
        text = path.read_text(encoding="utf-8")
        found_somewhere |= bool(engine.lint(text, str(path)))
        for package in PROVIDER_PACKAGES:
            text = text.replace(package, "elsewhere")
        assert engine.lint(text, str(path)) == [], case.name
    assert found_somewhere


def _golden_files(folder) -> list:
    """Every golden `before` file and project file, copied under `folder` at the path its case
    gives (a test file for test rules)."""
    for case in golden_cases():
        named = case / "path"
        target = folder / case.name / (named.read_text().strip() if named.exists() else "test_x.py")
        target.parent.mkdir(parents=True)
        shutil.copyfile(case / "before.py", target)
    for case in project_cases():
        shutil.copytree(case / "before", folder / case.name)
    return sorted(folder.rglob("*.py"))


def test_every_prefilter_passes_every_file_its_rule_reports_on(tmp_path, monkeypatch):
    """`could_fire` (tokens, packages, a rule's own cheap test) only spares files the rule would not
    report on: with every rule on and every prefilter off, each rule that reports on a golden file
    passes its prefilter on it."""
    files = _golden_files(tmp_path)
    rules = [rule for rule in all_rules() if issubclass(rule, Rule)]
    engine = Engine(Settings(select=("ALL",)))
    with monkeypatch.context() as patch:
        for rule in rules:
            patch.setattr(rule, "could_fire", classmethod(lambda cls, source, path: True))
        reported = {
            (path, finding.code)
            for path in files
            for finding in engine.lint(path.read_text(encoding="utf-8"), str(path))
        }
    by_code = {rule.CODE: rule for rule in rules}
    assert len({code for _, code in reported} & set(by_code)) >= 30
    for path, code in sorted(reported):
        if code in by_code:
            assert by_code[code].could_fire(path.read_text(encoding="utf-8"), str(path)), (code, path)


def test_the_tst501_prefilter_passes_every_file_the_rule_reports_on(tmp_path, monkeypatch):
    """TST501 reads a test file with `ast` first and parses it with LibCST only if it calls a class
    that may be a stack. On every golden case (extended checks on), each test file the rule
    reports on with the prefilter off passes the prefilter."""
    from iacfix.codemods.testing import is_test_file
    from iacfix.codemods.testing import tst501_stack_attribute_checks as tst501

    engine = Engine(Settings(select=("TST501",)))
    files = [p for p in _golden_files(tmp_path) if is_test_file(str(p))]
    with monkeypatch.context() as patch:
        patch.setattr(tst501, "may_construct_a_stack", lambda text, path: True)
        reported = [p for p in files if engine.lint(p.read_text(encoding="utf-8"), str(p))]
    assert len(reported) >= 5
    for path in reported:
        assert tst501.may_construct_a_stack(path.read_text(encoding="utf-8"), str(path)), path
    # What it is for: tests that construct no stack are not parsed.
    plain = tmp_path / "tests" / "test_plain.py"
    plain.parent.mkdir()
    plain.write_text(
        "from unittest import TestCase\n\n\nclass T(TestCase):\n"
        "    def test(self):\n        assert hasattr(T(), 'x')\n"
    )
    assert not tst501.may_construct_a_stack(plain.read_text(), str(plain))


# -- project roots --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "roots", "owner"),
    [
        ("a/b/c.py", [".", "a", "a/b"], "a/b"),
        ("x/y.py", ["x", "."], "x"),  # the deepest, not the longest name ("." and "x")
        ("x/y.py", [".", "x"], "x"),
        ("b.py", [".", "a"], "."),
        ("../q/r.py", ["."], None),  # outside the current folder
        ("/t/u/v.py", ["/", "/t"], "/t"),
        ("ab/c.py", ["a"], None),  # a folder whose name starts like the root's
        ("./a/../b/c.py", ["b"], "b"),
    ],
)
def test_a_file_belongs_to_the_deepest_project_root_holding_it(path, roots, owner):
    assert owning_root(path, roots) == owner
