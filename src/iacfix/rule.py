"""The rule base: metadata, findings and fixes.

A rule is a LibCST batchable visitor. All rules that can fire on a file visit it together in one
traversal; each reports findings, and a finding may carry a fix (node replacements and import edits)
that the engine applies afterwards.
"""

from __future__ import annotations

import enum
import inspect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, ClassVar, Mapping, Optional, Union

import libcst as cst

from iacfix.metadata import QualifiedNameProvider

if TYPE_CHECKING:
    from libcst.metadata import CodeRange

    from iacfix.settings import Settings
    from iacfix.versions import Version


class FixSafety(str, enum.Enum):
    """How sure a fix is, as in Ruff: safe fixes are applied by `fix`, unsafe ones only on request."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    NONE = "none"


class RuleSet(str, enum.Enum):
    DEFAULT = "default"  # fires only where the code cannot synth or deploy as written
    EXTENDED = "extended"  # opt-in: style or environment-dependent advice


class Platform(str, enum.Enum):
    CDKTF = "CDKTF"
    PULUMI = "Pulumi"
    BOTH = "both"


@dataclass(frozen=True)
class ImportEdit:
    """`from module import name` (`import module` when name is None) to add, or with remove=True
    to drop if left unused."""

    module: str
    name: Optional[str] = None
    remove: bool = False


Replacement = Union[cst.CSTNode, cst.RemovalSentinel, cst.FlattenSentinel]


@dataclass(frozen=True)
class Fix:
    safety: FixSafety
    replacements: Mapping[cst.CSTNode, Replacement]
    imports: tuple[ImportEdit, ...] = ()


@dataclass(frozen=True)
class ProjectFix:
    """A fix that spans files: whole new texts for existing files, and new files to create."""

    safety: FixSafety
    edits: Mapping[str, str]  # path -> new text
    creates: Mapping[str, str] = field(default_factory=dict)  # path -> text


@dataclass(frozen=True)
class Position:
    line: int
    col: int  # 1-based, as editors count
    end_line: int
    end_col: int

    @classmethod
    def of(cls, code_range: "CodeRange") -> "Position":
        """From LibCST's range, whose columns count from 0."""
        start, end = code_range.start, code_range.end
        return cls(start.line, start.column + 1, end.line, end.column + 1)


@dataclass
class Finding:
    code: str
    message: str
    position: Position
    fix: Optional[Union[Fix, ProjectFix]] = field(default=None, compare=False)

    @property
    def fix_safety(self) -> Optional[FixSafety]:
        return self.fix.safety if self.fix else None


EXPLANATION_SECTIONS = (
    "What it does",
    "Why is this bad?",
    "Example",
    "Use instead",
    "Fix safety",
)


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know about the file it visits besides the tree."""

    path: str
    settings: "Settings"
    extended: bool  # the user opted into the rule's extended checks
    terraform: Optional["Version"]  # the Terraform version the project targets, if known
    shared: "SharedVisit"  # what the rules visiting the same tree share


class RuleInfo:
    """What every rule declares: its code, set, platform, fix kind and documentation.

    The class docstring is the rule's documentation (what `iacfix explain` prints); it has the
    sections of EXPLANATION_SECTIONS, and its Example / Use instead blocks are tested.
    """

    CODE: ClassVar[str]
    NAME: ClassVar[str]  # kebab-case, used in golden folder slugs and docs
    SUMMARY: ClassVar[str]
    SET: ClassVar[RuleSet] = RuleSet.DEFAULT
    PLATFORM: ClassVar[Platform]
    FIX: ClassVar[FixSafety]

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def doc_section(cls, title: str) -> str:
        """The text under `## title` in the documentation."""
        match = re.search(
            rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", cls.documentation(), re.M | re.S
        )
        return match.group(1).strip() if match else ""


class SharedVisit:
    """What the rules visiting one tree share: the tree's positions, worked out on first use (most
    files have no finding, and rendering the tree for positions costs as much as a pass over it),
    and the facts several rules build from the whole file (`facts`), built once."""

    def __init__(self, positions: Callable[[], Mapping[cst.CSTNode, "CodeRange"]]) -> None:
        self._resolve = positions
        self._positions: Optional[Mapping[cst.CSTNode, "CodeRange"]] = None
        self.facts: dict = {}

    @property
    def positions(self) -> Mapping[cst.CSTNode, "CodeRange"]:
        if self._positions is None:
            self._positions = self._resolve()
        return self._positions


class Rule(RuleInfo, cst.BatchableCSTVisitor):
    """Base class of the rules that read one file: subclasses write `visit_*` methods."""

    # The rule can only fire on a file containing at least one of these strings, so other files are
    # never parsed for it.
    TOKENS: ClassVar[tuple[str, ...]]

    # The packages whose classes the rule resolves calls to: it fires only on calls imported from
    # one of them, and an import names its package, so a file naming none is not parsed for it.
    PACKAGES: ClassVar[tuple[str, ...]] = ()

    # A rule that reads other files than the one it visits does so through `iacfix.reads`, so
    # that a cached result is reused only while those files are unchanged.

    # Positions are not among them: see SharedVisit and `position`.
    METADATA_DEPENDENCIES = (QualifiedNameProvider,)

    def __init__(self, context: RuleContext) -> None:
        super().__init__()
        self.context = context
        self.reported: list[tuple[cst.CSTNode, str, Optional[Fix]]] = []

    _visitor_names: ClassVar[dict[type, tuple[str, ...]]] = {}

    def get_visitors(self) -> Mapping[str, Callable[[cst.CSTNode], None]]:
        """LibCST's own, which inspects every member of every rule for every file, with the names
        found once per class."""
        names = Rule._visitor_names.get(type(self))
        if names is None:
            names = Rule._visitor_names[type(self)] = tuple(super().get_visitors())
        return {name: getattr(self, name) for name in names}

    def position(self, node: cst.CSTNode) -> "CodeRange":
        """Where `node` is in the file (line and 0-based column, as LibCST counts)."""
        return self.context.shared.positions[node]

    @classmethod
    def could_fire(cls, source: str, path: str) -> bool:
        """Whether the rule can find anything in `source` (the file at `path`), by cheap means."""
        return any(token in source for token in cls.TOKENS) and (
            not cls.PACKAGES or any(package in source for package in cls.PACKAGES)
        )

    @classmethod
    def applies_to(cls, path: str) -> bool:
        """Whether the rule reads this file at all (test rules read only test files)."""
        return True

    # -- reporting --------------------------------------------------------------------------------

    def report(
        self,
        node: cst.CSTNode,
        message: str,
        *,
        replacements: Optional[Mapping[cst.CSTNode, Replacement]] = None,
        safety: Optional[FixSafety] = None,
        imports: tuple[ImportEdit, ...] = (),
    ) -> None:
        """Record a finding at `node`; `replacements` (original node -> new node) make it fixable."""
        fix = None
        if replacements:
            fix = Fix(safety or self.FIX, dict(replacements), tuple(imports))
        self.reported.append((node, message, fix))

    @property
    def findings(self) -> list[Finding]:
        return [
            Finding(self.CODE, message, Position.of(self.position(node)), fix)
            for node, message, fix in self.reported
        ]
