"""iacfix's metadata providers give exactly the values of LibCST's providers of the same name.

Compared node by node on every golden `before` file (the code rules meet) and on standard-library
modules chosen for their variety (classes, closures, comprehensions, `global`/`nonlocal`, imports
in functions, decorators, type annotations).
"""

from __future__ import annotations

import sysconfig
from pathlib import Path

import libcst as cst
import libcst.metadata as lm
import pytest

from iacfix import metadata

from conftest import GOLDEN

STDLIB = Path(sysconfig.get_paths()["stdlib"])
STDLIB_MODULES = ("dataclasses.py", "contextlib.py")

FILES = sorted(p for p in GOLDEN.rglob("*.py") if "before" in p.relative_to(GOLDEN).parts[1]) + [
    STDLIB / name for name in STDLIB_MODULES
]


def _resolved(path: Path, *providers):
    wrapper = lm.MetadataWrapper(cst.parse_module(path.read_text(encoding="utf-8")), unsafe_skip_copy=True)
    return wrapper, [wrapper.resolve(provider) for provider in providers]


def _nodes(module: cst.Module) -> list[cst.CSTNode]:
    found = []

    class Collect(cst.CSTVisitor):
        def on_visit(self, node):
            found.append(node)
            return True

    module.visit(Collect())
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_same_values_as_libcst(path):
    wrapper, (parents, ours_parents, scopes, ours_scopes, names, ours_names) = _resolved(
        path,
        lm.ParentNodeProvider,
        metadata.ParentNodeProvider,
        lm.ScopeProvider,
        metadata.ScopeProvider,
        lm.QualifiedNameProvider,
        metadata.QualifiedNameProvider,
    )
    assert dict(ours_parents) == dict(parents)
    assert set(ours_scopes) == set(scopes)
    for node in _nodes(wrapper.module):
        scope, ours = scopes.get(node), ours_scopes.get(node)
        assert type(ours) is type(scope)
        if scope is not None:
            assert sorted(a.name for a in ours.assignments) == sorted(a.name for a in scope.assignments)
            assert sorted(a.node.value for a in ours.accesses if isinstance(a.node, cst.Name)) == sorted(
                a.node.value for a in scope.accesses if isinstance(a.node, cst.Name)
            )
        expected = names[node]
        expected = expected() if callable(expected) else expected  # LibCST defers the lookup
        assert ours_names.get(node, set()) == expected, cst.Module([]).code_for_node(node)


def test_qualified_names_of_a_node_outside_the_tree_are_none():
    _, (ours_names,) = _resolved(FILES[0], metadata.QualifiedNameProvider)
    assert ours_names.get(cst.Name("x"), set()) == set()
