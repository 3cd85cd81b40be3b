"""Every rule documents itself in fixed sections, and its Example really becomes its Use instead."""

from __future__ import annotations

import re

import pytest

from iacfix.engine import Engine
from iacfix.registry import all_rules
from iacfix.rule import EXPLANATION_SECTIONS, FixSafety
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


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.CODE)
def test_example_is_found_and_use_instead_is_clean(rule):
    # Examples show what the rule does once its facts are known (a Terraform older than 1.10).
    engine = Engine(
        Settings(select=(rule.CODE,), unsafe_fixes=True, target_terraform=Version(1, 9))
    )
    example, use_instead = code_block(rule, "Example"), code_block(rule, "Use instead")
    assert engine.lint(example, "example.py"), f"{rule.CODE} finds nothing in its Example"
    assert engine.lint(use_instead, "example.py") == []
    if rule.FIX is not FixSafety.NONE:  # the fix turns the Example into the Use instead
        assert engine.fix(example, "example.py").text == use_instead


def test_readme_rule_table_is_generated_from_the_rules():
    from iacfix.output import rules_markdown

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    table = re.search(r"<!-- rules:start -->\n(.*?)<!-- rules:end -->", readme, re.S).group(1)
    assert table == rules_markdown(RULES), "README rule table is stale: regenerate it with `iacfix rules --format markdown`"
