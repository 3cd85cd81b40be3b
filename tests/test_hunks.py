"""Hunks: splitting a fix into the hunks of its diff, re-assembling a file from some of them, and
refusing a mix that does not hold together (behind `fix --interactive` and SARIF fixes)."""

from __future__ import annotations

import ast
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iacfix import hunks
from iacfix.diff import split_lines, unified_diff

from conftest import GOLDEN, golden_cases

CASES = [
    c for c in golden_cases() if (c / "before.py").read_bytes() != (c / "after.py").read_bytes()
]


def texts(case):
    return (case / "before.py").read_text(), (case / "after.py").read_text()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_all_hunks_give_the_fixed_text_and_none_the_original(case):
    before, after = texts(case)
    file_hunks = hunks.split(before, after)
    assert file_hunks
    assert hunks.merge(before, file_hunks) == after
    assert hunks.merge(before, []) == before


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hunks_are_those_of_the_printed_diff(case):
    before, after = texts(case)
    body = "".join(h.text for h in hunks.split(before, after))
    assert unified_diff(before, after, "x.py") == "--- a/x.py\n+++ b/x.py\n" + body


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_changes_read_back_from_the_diff(case):
    before, after = texts(case)
    diff = unified_diff(before, after, "x.py")
    assert hunks.changes_from_diff(diff) == hunks.changes(before, after)
    assert hunks.apply(before, hunks.changes_from_diff(diff)) == after


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_subset_is_refused_or_a_consistent_text(case):
    """Each mix keeps the declined hunks' old lines and the accepted hunks' new lines, and is
    written only when it parses and uses no name it no longer imports."""
    before, after = texts(case)
    file_hunks = hunks.split(before, after)
    old_lines = split_lines(before)
    for size in range(len(file_hunks) + 1):
        for accepted in itertools.islice(itertools.combinations(file_hunks, size), 40):
            merged = hunks.merge(before, accepted)
            # Line by line, the merge is the old text with exactly the accepted changes made.
            expected, cursor = [], 0
            for change in sorted((c for h in accepted for c in h.changes), key=lambda c: c.start):
                expected += old_lines[cursor : change.start] + list(change.new)
                cursor = change.start + len(change.old)
            assert merged == "".join(expected + old_lines[cursor:])
            if hunks.consistency_problem(before, after, merged) is None:
                ast.parse(merged)


def test_import_added_in_one_hunk_and_used_in_another_is_refused():
    before, after = texts(GOLDEN / "CDK101-security-group-rules")
    imports, uses = hunks.split(before, after)
    assert "import SecurityGroup, SecurityGroupEgress" in imports.text
    problem = hunks.consistency_problem(before, after, hunks.merge(before, [uses]))
    assert problem and "`SecurityGroupIngress`" in problem
    # The import alone is harmless.
    assert hunks.consistency_problem(before, after, hunks.merge(before, [imports])) is None


def test_renamed_import_without_its_uses_is_refused():
    before = "from m import Old\n" + "\n" * 10 + "x = Old()\n"
    after = "from m import New\n" + "\n" * 10 + "x = New()\n"
    rename_import, rename_use = hunks.split(before, after)
    assert "`Old`" in hunks.consistency_problem(before, after, hunks.merge(before, [rename_import]))
    assert "`New`" in hunks.consistency_problem(before, after, hunks.merge(before, [rename_use]))


def test_a_construct_split_over_two_hunks_is_refused_when_half_applied():
    middle = "".join(f"    {i},\n" for i in range(10))
    before = "x = [\n" + middle + "]\n"
    after = "x = (\n" + middle + ")\n"
    opening, closing = hunks.split(before, after)
    problem = hunks.consistency_problem(before, after, hunks.merge(before, [opening]))
    assert problem and "does not parse" in problem


def test_names_missing_before_the_fix_do_not_block_a_mix():
    before = "import os\n" + "\n" * 10 + "undefined_thing()\nos.getcwd()\n"
    after = "import os, sys\n" + "\n" * 10 + "undefined_thing()\nsys.exit()\n"
    _, use = hunks.split(before, after)
    problem = hunks.consistency_problem(before, after, hunks.merge(before, [use]))
    assert "`sys`" in problem and "undefined_thing" not in problem
    assert hunks.consistency_problem(before, after, before) is None


def test_text_that_is_not_python_is_not_judged():
    assert hunks.consistency_problem("# Title\n", "# Title!\n", "# Other\n") is None


def test_regions_of_changes():
    # Whole lines, end exclusive at the start of the next line.
    assert hunks.Change(2, ("a\n", "b\n"), ("c\n",)).region() == (3, 1, 5, 1)
    # A last line without a newline ends after its last character.
    assert hunks.Change(0, ("abc",), ("x",)).region() == (1, 1, 1, 4)
    # A pure insertion is an empty region before the line it lands on.
    assert hunks.Change(4, (), ("x\n",)).region() == (5, 1, 5, 1)


def test_touches():
    change = hunks.Change(9, ("a\n", "b\n"), ("c\n",))  # old lines 10-11
    assert change.touches(11, 20) and change.touches(1, 10)
    assert not change.touches(12, 20) and not change.touches(1, 9)
    insertion = hunks.Change(9, (), ("x\n",))  # before old line 10
    assert insertion.touches(5, 9) and insertion.touches(10, 12)
    assert not insertion.touches(11, 12)


def test_fix_changes_share_the_changes_no_finding_touches():
    imports = hunks.Change(0, ("import a\n",), ("import a, b\n",))
    first = hunks.Change(10, ("x\n",), ("y\n",))
    second = hunks.Change(20, ("x\n",), ("y\n",))
    found = hunks.fix_changes([(11, 11), (21, 22), (30, 31)], [imports, first, second])
    assert found == [[imports, first], [imports, second], []]


def test_byte_order_mark_is_not_part_of_a_region():
    diff = unified_diff("\ufeffa = 1\n", "\ufeffa = 2\n", "x.py")
    assert hunks.changes_from_diff(diff) == [hunks.Change(0, ("a = 1\n",), ("a = 2\n",))]


LINES = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "x\r\n", "\n", "d", "\x0c\n"]), max_size=12)


def _text(lines: list[str]) -> str:
    # Only the last line may lack its newline.
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines[:-1]) + (
        lines[-1] if lines else ""
    )


@given(LINES, LINES)
def test_split_and_merge_round_trip(old_lines, new_lines):
    old, new = _text(old_lines), _text(new_lines)
    file_hunks = hunks.split(old, new)
    assert hunks.merge(old, file_hunks) == new
    assert hunks.merge(old, []) == old
    assert hunks.changes_from_diff(unified_diff(old, new, "x")) == hunks.changes(old, new)
    for hunk in file_hunks:  # one hunk alone changes only its own lines
        assert hunks.merge(old, [hunk]) == hunks.apply(old, hunk.changes)
