"""The tree facts rules ask for: LibCST's scope, parent and qualified-name metadata, computed in
fewer passes over the tree.

Each class gives exactly the values of the LibCST provider of the same name (tests compare them on
every golden file); only the way they are computed differs. LibCST rebuilds every node on every
pass over a tree, so a pass costs about as much as parsing, and its providers make several:

- `QualifiedNameProvider` walks the whole tree to attach to each node a lazy call of
  `scope.get_qualified_names_for(node)`; here the call is made when a rule asks, with no walk.
- `ParentNodeProvider` walks the tree and, at each node, walks its children again (`.children`
  is itself a pass); here one walk over the nodes' fields records every parent.
- `ScopeProvider` is batchable, so LibCST walks the tree once only to call its `visit_Module`,
  which walks it again; here it runs on its own.

Rules import the providers from here; `PositionProvider` is LibCST's own (the engine resolves it
only for files with findings, see `Rule.report`).
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType
from collections.abc import Collection, Mapping
from typing import Optional

import libcst as cst
from libcst.metadata import BaseMetadataProvider, ExpressionContextProvider, MetadataWrapper
from libcst.metadata import PositionProvider
from libcst.metadata import QualifiedName, QualifiedNameSource, Scope
from libcst.metadata.scope_provider import ScopeVisitor

__all__ = [
    "ParentNodeProvider",
    "PositionProvider",
    "QualifiedName",
    "QualifiedNameProvider",
    "QualifiedNameSource",
    "ScopeProvider",
]


class ScopeProvider(BaseMetadataProvider[Optional[Scope]]):
    """The scope each node is in (LibCST's `ScopeProvider`, without the extra batched walk)."""

    METADATA_DEPENDENCIES = (ExpressionContextProvider,)

    def _gen_impl(self, module: cst.Module) -> None:
        visitor = ScopeVisitor(self)  # type: ignore[arg-type]  # it needs set/get_metadata only
        module.visit(visitor)
        visitor.infer_accesses()


class _QualifiedNames(dict):
    """Node -> qualified names, each computed from the node's scope on first request."""

    def __init__(self, scopes: Mapping[cst.CSTNode, Optional[Scope]]) -> None:
        super().__init__()
        self._scopes = scopes

    def __missing__(self, node: cst.CSTNode) -> Collection[QualifiedName]:
        scope = self._scopes.get(node)
        names = scope.get_qualified_names_for(node) if scope else set()
        self[node] = names
        return names

    def get(self, node, default=None):  # type: ignore[override]  # dict.get skips __missing__
        return self[node]


class QualifiedNameProvider(BaseMetadataProvider[Collection[QualifiedName]]):
    """The names a node may stand for (LibCST's `QualifiedNameProvider`, computed on request).

    LibCST's records an empty set for a node without a scope, and nothing for a node outside the
    tree; rules always pass a default, so both read as "no names" here.
    """

    METADATA_DEPENDENCIES = (ScopeProvider,)

    def _gen(self, wrapper: MetadataWrapper) -> Mapping[cst.CSTNode, Collection[QualifiedName]]:
        # Overrides the step that copies the provider's values into a plain dict, which would
        # leave nothing to compute on request.
        with self.resolve(wrapper):
            return MappingProxyType(_QualifiedNames(self.metadata[ScopeProvider]))


class ParentNodeProvider(BaseMetadataProvider[cst.CSTNode]):
    """The node each node is a child of (LibCST's `ParentNodeProvider`, in one walk).

    A node's children are the CST nodes among its fields, single or in sequences: the nodes its
    `children` property lists, in another order, which a parent map does not depend on.
    """

    _fields: dict[type, tuple[str, ...]] = {}  # node class -> its field names
    _is_node: dict[type, bool] = {}  # class -> whether it is a CST node (isinstance on an ABC is slow)

    def _gen_impl(self, module: cst.Module) -> None:
        parents = self._computed
        fields, is_node = self._fields, self._is_node
        pending: list[cst.CSTNode] = [module]
        while pending:
            node = pending.pop()
            names = fields.get(node.__class__)
            if names is None:
                names = fields[node.__class__] = tuple(f.name for f in dataclasses.fields(node))
            for name in names:
                value = getattr(node, name)
                if value.__class__ is tuple or value.__class__ is list:
                    children = value
                else:
                    children = (value,)
                for child in children:
                    kind = child.__class__
                    node_kind = is_node.get(kind)
                    if node_kind is None:
                        node_kind = is_node[kind] = issubclass(kind, cst.CSTNode)
                    if node_kind:
                        parents[child] = node
                        pending.append(child)
