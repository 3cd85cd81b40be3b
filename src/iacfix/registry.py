"""Finds every rule under `iacfix.codemods` and resolves `--select` / `--ignore` against them."""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil
from typing import Iterable, Optional, Sequence

from iacfix.rule import RuleInfo, RuleSet


class UnknownRuleError(ValueError):
    pass


@functools.lru_cache(maxsize=None)
def all_rules() -> tuple[type[RuleInfo], ...]:
    """Every rule class, ordered by code."""
    import iacfix.codemods as package

    found: dict[str, type[RuleInfo]] = {}
    for module_info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(module_info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, RuleInfo) and obj.__module__ == module.__name__ and hasattr(obj, "CODE"):
                if obj.CODE in found and found[obj.CODE] is not obj:
                    raise RuntimeError(f"two rules share the code {obj.CODE}")
                found[obj.CODE] = obj
    return tuple(found[code] for code in sorted(found))


def rule_by_code(code: str) -> type[RuleInfo]:
    for rule in all_rules():
        if rule.CODE == code.upper():
            return rule
    raise UnknownRuleError(f"unknown rule code: {code}")


def _matches(selector: str, rule: type[RuleInfo]) -> bool:
    return selector == "ALL" or rule.CODE.startswith(selector)


def normalize(
    selectors: Iterable[str], universe: Sequence[type[RuleInfo]]
) -> tuple[str, ...]:
    """Split comma lists, upper-case, and reject selectors that name no rule."""
    result = tuple(
        part.strip().upper() for item in selectors for part in item.split(",") if part.strip()
    )
    for selector in result:
        if not any(_matches(selector, rule) for rule in universe):
            raise UnknownRuleError(f"unknown rule code or prefix: {selector}")
    return result


class Selection:
    """The rules a run uses, and which of them the user opted into in full (extended checks).

    Without `--select`, the default set runs. A prefix (`CDK`, `AWS2`) picks the default-set rules it
    covers. Naming a rule's exact code, or `ALL`, opts in: extended-set rules run only then, and a
    default rule with extended checks runs them only then. `extend_select` adds to the selection
    (to the default set when `select` is None) by the same reading.
    """

    def __init__(
        self,
        select: Optional[Iterable[str]],
        ignore: Iterable[str] = (),
        universe: Optional[Sequence[type[RuleInfo]]] = None,
        extend_select: Iterable[str] = (),
    ) -> None:
        universe = all_rules() if universe is None else tuple(universe)
        self.select = normalize(select, universe) if select is not None else None
        self.extend_select = normalize(extend_select, universe)
        self.ignore = normalize(ignore, universe)
        self.rules: tuple[type[RuleInfo], ...] = tuple(
            rule for rule in universe if self._chosen(rule) and not self._ignored(rule)
        )
        self._extended = frozenset(rule.CODE for rule in self.rules if self._opted_in(rule))

    def _opted_in(self, rule: type[RuleInfo]) -> bool:
        named = (self.select or ()) + self.extend_select
        return any(s in ("ALL", rule.CODE) for s in named)

    def _chosen(self, rule: type[RuleInfo]) -> bool:
        if self._opted_in(rule):
            return True
        if rule.SET is not RuleSet.DEFAULT:
            return False
        if self.select is None:
            return True
        return any(_matches(s, rule) for s in self.select + self.extend_select)

    def _ignored(self, rule: type[RuleInfo]) -> bool:
        return any(_matches(s, rule) for s in self.ignore)

    def extended(self, rule: type[RuleInfo]) -> bool:
        return rule.CODE in self._extended
