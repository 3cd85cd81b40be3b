"""Every rule documents itself in fixed sections, and its Example really becomes its Use instead."""

from __future__ import annotations

import re

import pytest

from iacfix.engine import Engine
from iacfix.registry import all_rules
from iacfix.rule import EXPLANATION_SECTIONS, FixSafety, Rule
from iacfix.settings import Settings
from iacfix.versions import Version

RULES = all_rules()


def code_block(rule, section: str) -> str:
    match = re.search(r"```python\n(.*?)```", rule.doc_section(section), re.S)
    assert match, f"{rule.CODE}: the {section!r} section has no ```python block"
    return match.group(1)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.CODE)
def test_documentation_has_every_section(rule):
    titles = re.findall(r"^## (.+)$", rule.documentation(), re.M)
    assert tuple(titles) == EXPLANATION_SECTIONS


@pytest.mark.parametrize(
    "rule", [r for r in RULES if issubclass(r, Rule)], ids=lambda r: r.CODE
)
def test_example_is_found_and_use_instead_is_clean(rule):
    # (Project rules need folders; their golden cases under golden/<CODE>-*/before/ prove them.)
    # Examples show what the rule does once its facts are known (a Terraform older than 1.10).
    engine = Engine(
        Settings(select=(rule.CODE,), unsafe_fixes=True, target_terraform=Version(1, 9))
    )
    example, use_instead = code_block(rule, "Example"), code_block(rule, "Use instead")
    # A rule that reads only some files (test files, entry points) reads its examples as one.
    path = next(
        p for p in ("example.py", "tests/test_example.py", "tap.py") if rule.applies_to(p)
    )
    assert engine.lint(example, path), f"{rule.CODE} finds nothing in its Example"
    assert engine.lint(use_instead, path) == []
    if rule.FIX is not FixSafety.NONE:  # the fix turns the Example into the Use instead
        assert engine.fix(example, path).text == use_instead


def test_readme_rule_table_is_generated_from_the_rules():
    from iacfix.output import rules_markdown

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    table = re.search(r"<!-- rules:start -->\n(.*?)<!-- rules:end -->", readme, re.S).group(1)
    assert table == rules_markdown(RULES), "README rule table is stale: regenerate it with `iacfix rules --format markdown`"


def test_every_catalogue_code_has_a_rule_and_golden_cases():
    """The rule catalogue (RULES.md, kept beside the repository) and the rules agree."""
    from conftest import GOLDEN, ROOT

    catalogue = ROOT.parent / "shared" / "RULES.md"
    if not catalogue.exists():
        pytest.skip("the rule catalogue is not beside this checkout")
    codes = set(re.findall(r"^\| ([A-Z]{3}\d{3}) \|", catalogue.read_text(), re.M))
    assert codes == {rule.CODE for rule in RULES}
    cased = {case.name.split("-", 1)[0] for case in GOLDEN.iterdir() if case.is_dir()}
    assert codes <= cased, f"no golden case for {sorted(codes - cased)}"
