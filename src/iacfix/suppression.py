"""Inline suppression comments.

- `# iacfix: ignore[CDK101, AWS202]` hides findings of those codes, `# iacfix: ignore` of every code,
  when the comment ends the line a finding starts on, or the first line of the statement that line
  belongs to (so one comment after `SecurityGroup(` covers the whole call). Codes are exact (no
  prefixes); a code iacfix does not know is no error, as it may belong to a newer version.
- `# iacfix: skip-file` on a line of its own: the file is not analysed at all.

Comments are found with `tokenize`, so a `#` inside a string is not one, and only in files that
contain `iacfix:` at all.
"""

from __future__ import annotations

import functools
import io
import re
import tokenize
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Optional

from iacfix.rule import Finding

MARKER = "iacfix:"
# `ignore` must be followed by `[codes]` or end the word: `ignore[CDK101` (unclosed) or `ignored`
# is not a directive, so a typo never hides every finding.
_DIRECTIVE = re.compile(
    r"iacfix:\s*(?:(?P<skip>skip-file)(?![\w-])|ignore(?:\[(?P<codes>[^\]]*)\]|(?![\[\w-])))"
)

Codes = Optional[frozenset]  # None: every code


@dataclass(frozen=True)
class Suppressions:
    skip_file: bool = False
    # line -> the codes an ignore comment covers there: on its own line, and for the first line
    # of a statement spanning several lines, on each of its lines.
    by_line: Mapping[int, Codes] = field(default_factory=dict)

    def suppresses(self, finding: Finding) -> bool:
        if finding.position.line not in self.by_line:
            return False
        codes = self.by_line[finding.position.line]
        return codes is None or finding.code in codes


NONE = Suppressions()


def unsuppressed(findings: list[Finding], text: str) -> list[Finding]:
    suppressions = parse(text)
    if not suppressions.by_line:
        return findings
    return [finding for finding in findings if not suppressions.suppresses(finding)]


def skips_file(text: str) -> bool:
    return parse(text).skip_file


@functools.lru_cache(maxsize=16)  # the engine asks for one text several times in a row
def parse(text: str) -> Suppressions:
    if MARKER not in text:
        return NONE
    skip_file = False
    by_line: dict[int, Codes] = {}
    statement_start: Optional[int] = None  # first line of the logical line being read
    for token in _tokens(text):
        kind, line = token.type, token.start[0]
        if kind == tokenize.COMMENT:
            for match in _DIRECTIVE.finditer(token.string):
                if match.group("skip"):
                    skip_file = skip_file or not token.line[: token.start[1]].strip()
                    continue
                by_line[line] = _union(by_line.get(line, frozenset()), _codes(match.group("codes")))
        elif kind in (tokenize.NEWLINE, tokenize.ENDMARKER):
            if statement_start is not None and statement_start in by_line:
                # A comment on a statement's first line covers every line of it.
                for each in range(statement_start + 1, line + 1):
                    by_line[each] = _union(by_line.get(each, frozenset()), by_line[statement_start])
            statement_start = None
        elif kind not in (tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING):
            if statement_start is None:
                statement_start = line
    return Suppressions(skip_file, by_line)


def _tokens(text: str) -> Iterable[tokenize.TokenInfo]:
    """The tokens of `text`; up to the first error when it does not tokenize (the parser then
    reports the file)."""
    try:
        yield from tokenize.generate_tokens(io.StringIO(text).readline)
    except (tokenize.TokenError, SyntaxError):
        return


def _codes(listed: Optional[str]) -> Codes:
    if listed is None:
        return None
    return frozenset(code.upper() for code in re.split(r"[\s,]+", listed) if code)


def _union(a: Codes, b: Codes) -> Codes:
    return None if a is None or b is None else a | b
