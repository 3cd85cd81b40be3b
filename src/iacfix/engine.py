"""The engine: run the selected rules over one source text, and apply their fixes to a fixed point.

A file that no selected rule could fire on (by the rules' text tokens) is never parsed. Otherwise the
file is parsed once per pass and every rule visits it in one batched traversal. Fixes that do not
overlap are applied together, imports are edited through LibCST's codemod visitors, and the result is
parsed again. A fix that would leave the file unparseable is rolled back and reported, never written.
"""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor
from libcst.metadata import MetadataWrapper

from iacfix import suppression
from iacfix.config import Configuration
from iacfix.imports import AppendingAddImportsVisitor
from iacfix.metadata import PositionProvider
from iacfix.project import Project, ProjectRule
from iacfix.registry import Selection
from iacfix.rule import Finding, FixSafety, Rule, RuleContext, RuleInfo, SharedVisit
from iacfix.settings import Settings
from iacfix.versions import Version, pinned_terraform

# Fixes usually settle in one or two passes (a struct conversion inside a struct conversion needs
# two); the bound only stops a pair of rules that undo each other.
MAX_PASSES = 10


class ParseError(Exception):
    """The source is not Python LibCST can parse; the message is one line naming file and place."""


@dataclass
class FixOutcome:
    text: str  # the text after all fixes (the input when nothing applied)
    findings: list[Finding]  # found in the original text
    applied: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # rolled-back fixes, non-convergence


def parse(text: str, path: str) -> cst.Module:
    try:
        return cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        cst_error = error
    except RecursionError:
        raise ParseError(f"{path}: too deeply nested to parse") from None
    # Python's own message names the place and the problem best.
    try:
        ast.parse(text)
    except SyntaxError as error:
        raise ParseError(f"{path}: syntax error at line {error.lineno}: {error.msg}") from None
    except (ValueError, RecursionError) as error:
        raise ParseError(f"{path}: cannot parse: {error}") from None
    raise ParseError(
        f"{path}: syntax LibCST cannot parse at line {cst_error.raw_line}: "
        f"{str(cst_error.message).splitlines()[0]}"
    )


class _Replacer(cst.CSTTransformer):
    def __init__(self, replacements: dict) -> None:
        super().__init__()
        self.replacements = replacements

    def on_leave(self, original_node, updated_node):  # type: ignore[override]
        return self.replacements.get(original_node, updated_node)


class Engine:
    def __init__(
        self,
        settings: Settings,
        universe: Optional[Sequence[type[RuleInfo]]] = None,
        config: Optional[Configuration] = None,
    ) -> None:
        """`universe`: the rules to select from (default: every rule in iacfix.codemods).
        `config`: where each file's settings come from; without it `settings` apply to every file."""
        self.settings = settings
        self.universe = universe
        self.config = config
        self.selection = Selection(settings.select, settings.ignore, universe, settings.extend_select)
        self._selections = {settings: self.selection}

    def settings_for(self, path: str) -> Settings:
        """The effective settings for one file: the command line over its `[tool.iacfix]`."""
        return self.settings if self.config is None else self.config.settings_for(path)

    def excluded(self, path: str) -> bool:
        """Whether a file or folder met while walking is excluded by the configuration."""
        return self.config is not None and self.config.excluded(path)

    def _selection(self, settings: Settings) -> Selection:
        if settings not in self._selections:
            self._selections[settings] = Selection(
                settings.select, settings.ignore, self.universe, settings.extend_select
            )
        return self._selections[settings]

    def selection_for(self, path: str) -> Selection:
        return self._selection(self.settings_for(path))

    # -- detection --------------------------------------------------------------------------------

    def rules_for(self, text: str, path: str) -> list[type[Rule]]:
        if suppression.skips_file(text):
            return []
        return [
            rule
            for rule in self.selection_for(path).rules
            if issubclass(rule, Rule) and rule.applies_to(path) and rule.could_fire(text, path)
        ]

    @property
    def has_project_rules(self) -> bool:
        # With configuration files, each project's own settings decide (see check_project).
        return self.config is not None or any(
            issubclass(rule, ProjectRule) for rule in self.selection.rules
        )

    def check_project(self, project: Project) -> list[tuple[str, Finding]]:
        """Run the project rules selected for the project's folder: (path, finding) pairs, in rule
        order, without those the reported file's own settings or comments leave out."""
        settings = self.settings if self.config is None else self.config.folder_settings(project.root)
        selection = self._selection(settings)
        found = []
        for rule_class in selection.rules:
            if issubclass(rule_class, ProjectRule):
                rule = rule_class(selection.extended(rule_class))
                rule.check(project)
                found.extend(
                    (path, finding)
                    for path, finding in rule.findings
                    if self._reported_in(path, finding, project.sources.get(path, ""))
                )
        return found

    def _reported_in(self, path: str, finding: Finding, text: str) -> bool:
        if not any(rule.CODE == finding.code for rule in self.selection_for(path).rules):
            return False  # per-file-ignores, or a nested configuration's selection
        suppressions = suppression.parse(text)
        return not suppressions.skip_file and not suppressions.suppresses(finding)

    def terraform_for(self, path: str) -> Optional[Version]:
        """The Terraform version the rules assume for a file: the settings', else the pinned one."""
        terraform = self.settings_for(path).target_terraform
        if terraform is None and path != "-":
            terraform = pinned_terraform(os.path.dirname(os.path.abspath(path)))
        return terraform

    def _context(self, rule: type[Rule], path: str, shared: SharedVisit) -> RuleContext:
        return RuleContext(
            path, self.settings_for(path), self.selection_for(path).extended(rule),
            self.terraform_for(path), shared,
        )

    def _visit(
        self, module: cst.Module, rules: Sequence[type[Rule]], path: str
    ) -> tuple[MetadataWrapper, list[Finding]]:
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        shared = SharedVisit(lambda: wrapper.resolve(PositionProvider))
        visitors = [rule(self._context(rule, path, shared)) for rule in rules]
        wrapper.visit_batched(visitors)
        findings = [finding for visitor in visitors for finding in visitor.findings]
        findings.sort(key=lambda f: (f.position.line, f.position.col, f.code))
        return wrapper, findings

    def lint(self, text: str, path: str) -> list[Finding]:
        rules = self.rules_for(text, path)
        if not rules:
            return []
        return suppression.unsuppressed(self._visit(parse(text, path), rules, path)[1], text)

    # -- fixing -----------------------------------------------------------------------------------

    def fixable(self, finding: Finding, path: Optional[str] = None) -> bool:
        """Whether `fix` applies the finding's fix, under the settings of the file it was found in
        (the engine's own settings when no path is given)."""
        settings = self.settings if path is None else self.settings_for(path)
        safety = finding.fix_safety
        return safety is FixSafety.SAFE or (safety is FixSafety.UNSAFE and settings.unsafe_fixes)

    def fix(self, text: str, path: str) -> FixOutcome:
        outcome: Optional[FixOutcome] = None
        rejected: set = set()  # fixes rolled back once are not tried again
        for pass_number in range(MAX_PASSES + 1):
            rules = self.rules_for(text, path)
            if not rules:
                findings: list[Finding] = []
                wrapper = None
            else:
                wrapper, findings = self._visit(parse(text, path), rules, path)
                findings = suppression.unsuppressed(findings, text)  # neither reported nor fixed
            if outcome is None:
                outcome = FixOutcome(text, findings)
            to_apply = [
                f
                for f in findings
                if self.fixable(f, path) and _fix_key(wrapper, f) not in rejected
            ]
            if not to_apply or wrapper is None:
                break
            if pass_number == MAX_PASSES:
                outcome.errors.append(
                    f"{path}: fixes did not settle after {MAX_PASSES} passes; "
                    "the last pass was not applied"
                )
                break
            new_text, applied, rolled_back, errors = self._apply(wrapper, to_apply, path)
            outcome.errors.extend(errors)
            rejected.update(_fix_key(wrapper, f) for f in rolled_back)
            if not applied or new_text == text:
                break
            outcome.applied.extend(applied)
            text = new_text
        assert outcome is not None
        outcome.text = text
        outcome.remaining = findings
        return outcome

    def _apply(
        self, wrapper: MetadataWrapper, findings: list[Finding], path: str
    ) -> tuple[str, list[Finding], list[Finding], list[str]]:
        """Apply the non-overlapping fixes of one pass; roll back any that break the file.

        Returns the new text, the fixes applied, the fixes rolled back, and error lines.
        """
        positions = wrapper.resolve(PositionProvider)
        batch: list[Finding] = []
        taken: list[tuple[tuple[int, int], tuple[int, int]]] = []
        for finding in findings:
            spans = [_span(positions[node]) for node in finding.fix.replacements]
            if any(_overlaps(span, other) for span in spans for other in taken):
                continue  # the next pass sees it again, on the rewritten tree
            taken.extend(spans)
            batch.append(finding)

        original = wrapper.module.code
        new_text = self._rendered(wrapper.module, batch)
        if new_text is not None:
            return new_text, batch, [], []
        # Some fix in the batch is broken: keep each one only if it is fine on its own.
        errors, good, bad = [], [], []
        for finding in batch:
            if self._rendered(wrapper.module, [finding]) is not None:
                good.append(finding)
            else:
                bad.append(finding)
                errors.append(
                    f"{path}:{finding.position.line}:{finding.position.col}: fix for "
                    f"{finding.code} rolled back: it would leave the file unparseable"
                )
        new_text = self._rendered(wrapper.module, good) if good else original
        if new_text is None:
            errors.append(f"{path}: fixes rolled back: together they break the file")
            return original, [], batch, errors
        return new_text, good, bad, errors

    @classmethod
    def _rendered(cls, module: cst.Module, findings: list[Finding]) -> Optional[str]:
        """The text with these fixes applied, or None when it is not valid Python: either the
        result does not parse or LibCST refuses to build the edited tree at all (e.g. `f(**x, *y)`
        made by two fixes that are each fine alone)."""
        try:
            text = cls._render(module, findings)
        except cst.CSTValidationError:
            return None
        return text if _parses(text) else None

    @staticmethod
    def _render(module: cst.Module, findings: Iterable[Finding]) -> str:
        replacements: dict = {}
        context = CodemodContext()
        adds = removes = False
        for finding in findings:
            replacements.update(finding.fix.replacements)
            for edit in finding.fix.imports:
                if edit.remove:
                    RemoveImportsVisitor.remove_unused_import(context, edit.module, edit.name)
                    removes = True
                else:
                    AddImportsVisitor.add_needed_import(context, edit.module, edit.name)
                    adds = True
        new_module = module.visit(_Replacer(replacements))
        if adds:
            new_module = AppendingAddImportsVisitor(context).transform_module(new_module)
        if removes:
            new_module = RemoveImportsVisitor(context).transform_module(new_module)
            new_module = _without_opening_blank_lines(module, new_module)
        return new_module.code


def _without_opening_blank_lines(before: cst.Module, after: cst.Module) -> cst.Module:
    """A file that started with code does not start with a blank line because the import it
    started with was removed (the blank line after it belongs to the next statement)."""
    if before.header or not after.body or after.header:
        return after
    if before.body and before.body[0].leading_lines:
        return after
    first = after.body[0]
    lines = list(first.leading_lines)
    while lines and lines[0].comment is None:
        lines.pop(0)
    return after.with_changes(body=[first.with_changes(leading_lines=lines), *after.body[1:]])


def _fix_key(wrapper: Optional[MetadataWrapper], finding: Finding) -> tuple:
    """What a fix rewrites, by code and source text: stable across passes while it stays put."""
    module = wrapper.module if wrapper is not None else cst.Module([])
    return finding.code, tuple(module.code_for_node(node) for node in finding.fix.replacements)


def _span(code_range) -> tuple[tuple[int, int], tuple[int, int]]:
    return (
        (code_range.start.line, code_range.start.column),
        (code_range.end.line, code_range.end.column),
    )


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _parses(text: str) -> bool:
    try:
        ast.parse(text)
        cst.parse_module(text)
    except (SyntaxError, ValueError, cst.ParserSyntaxError, RecursionError):
        return False
    return True
