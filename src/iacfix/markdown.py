"""Python code blocks in Markdown documents: find them, check and fix each one, put it back.

Blocks are found as CommonMark finds fenced code blocks at the top level of a document: an opening
line of at least three backticks or tildes indented at most 3 spaces, then an info string; a closing
line of the same character, at least as long, indented at most 3 spaces, with nothing after it but
spaces. A fence indented N spaces has up to N spaces removed from each of its code lines. A fence
still open at the end of the document is not a block iacfix processes. Fences inside block quotes
(`> `) or on a list-marker line are left alone; a fence on its own line inside a list item is an
indented fence like any other.

A block is Python when its info string's first word is python, py, python3 or py3 (any case);
other words may follow (`python title="tap.py"`). A `title` naming a relative `.py` path is the
path rules see for the block (`title="tests/unit/test_stack.py"` makes it a test file); otherwise
they see the Markdown file's path.

Everything but the code lines of the Python blocks is kept byte for byte, and so is every code
line a fix leaves as it was.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
from dataclasses import dataclass
from typing import Optional, Sequence

from iacfix.engine import Engine, FixOutcome, ParseError
from iacfix.rule import Finding, Position

SUFFIXES = (".md",)
PYTHON_LANGUAGES = frozenset({"python", "py", "python3", "py3"})

_OPENING = re.compile(r"( {0,3})(`{3,}|~{3,})(.*)")
_CLOSING = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*")
_TITLE = re.compile(r"""(?:^|\s)title=(?:"([^"]*)"|'([^']*)'|(\S+))""")


def is_markdown(path: str) -> bool:
    return path.endswith(SUFFIXES)


def _lines(text: str) -> list[str]:
    # Split on "\n" only, as diff.py does: a CRLF line keeps its "\r" with its "\n".
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


def _body(line: str) -> str:
    return line.rstrip("\r\n")


def _dedent(line: str, indent: int) -> str:
    """The line with up to `indent` leading spaces removed."""
    spaces = len(line) - len(line.lstrip(" "))
    return line[min(spaces, indent) :]


@dataclass(frozen=True)
class CodeBlock:
    info: str  # the opening fence's info string, stripped
    fence_line: int  # 1-based line of the opening fence
    indent: int  # spaces before the opening fence
    lines: tuple[str, ...]  # the code lines as they are in the document, line endings included
    start: int  # offset of the first code line in the document
    end: int  # offset of the closing fence line

    @property
    def code(self) -> str:
        return "".join(_dedent(line, self.indent) for line in self.lines)

    @property
    def start_line(self) -> int:
        return self.fence_line + 1

    @property
    def is_python(self) -> bool:
        words = self.info.split()
        return bool(words) and words[0].lower() in PYTHON_LANGUAGES

    @property
    def title(self) -> Optional[str]:
        match = _TITLE.search(self.info)
        if match is None:
            return None
        return next(group for group in match.groups() if group is not None)

    def position(self, line: int, col: int) -> tuple[int, int]:
        """A 1-based (line, col) in the code, as a (line, col) in the document."""
        removed = self.indent
        if 1 <= line <= len(self.lines):
            source = self.lines[line - 1]
            removed = len(source) - len(_dedent(source, self.indent))
        return self.start_line + line - 1, col + removed


def find_blocks(text: str) -> list[CodeBlock]:
    """Every closed fenced code block of the document, whatever its language, in order."""
    blocks: list[CodeBlock] = []
    opening = None  # (match, line number, offset of the next line) of the fence still open
    code: list[str] = []
    offset = 0
    for number, line in enumerate(_lines(text), 1):
        body = _body(line)
        if opening is None:
            match = _OPENING.fullmatch(body)
            # A backtick fence's info string holds no backtick: "```a` b```" is inline code.
            if match and not (match[2][0] == "`" and "`" in match[3]):
                opening, code = (match, number, offset + len(line)), []
        else:
            match, fence_line, start = opening
            closing = _CLOSING.fullmatch(body)
            fence = match[2]
            if closing and closing[1][0] == fence[0] and len(closing[1]) >= len(fence):
                info, indent = match[3].strip(), len(match[1])
                blocks.append(CodeBlock(info, fence_line, indent, tuple(code), start, offset))
                opening = None
            else:
                code.append(line)
        offset += len(line)
    return blocks


def _indented(line: str, indent: int) -> str:
    return " " * indent + line if _body(line) else line


def _render(block: CodeBlock, code: str) -> str:
    """The block's code lines holding `code`: lines that stay the same keep their own bytes (the
    spaces removed from them, trailing spaces on blank lines), new lines get the fence's indent."""
    old = [_dedent(line, block.indent) for line in block.lines]
    new = _lines(code)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            out.extend(block.lines[old_start:old_end])
        else:
            out.extend(_indented(line, block.indent) for line in new[new_start:new_end])
    return "".join(out)


def splice(text: str, blocks: Sequence[CodeBlock], codes: Sequence[str]) -> str:
    """The document with each block's code replaced by the matching code (blocks of `text`, in
    order); every byte outside the blocks' code lines is kept."""
    if len(blocks) != len(codes):
        raise ValueError("one code text per block")
    out, position = [], 0
    for block, code in zip(blocks, codes):
        out.append(text[position : block.start])
        out.append(_render(block, code))
        position = block.end
    out.append(text[position:])
    return "".join(out)


# -- checking and fixing a document --------------------------------------------------------------


def _rules_path(block: CodeBlock, path: str) -> str:
    """The path the rules see for a block: its title when that names a relative .py file."""
    title = block.title
    if not title or not title.endswith(".py") or os.path.isabs(title):
        return path
    if ".." in title.replace("\\", "/").split("/"):
        return path
    return os.path.normpath(os.path.join(os.path.dirname(path), title))


def _moved(finding: Finding, block: CodeBlock) -> Finding:
    """The finding placed in the document, along with the lines its message names ("the one on
    line 12")."""
    p = finding.position
    line, col = block.position(p.line, p.col)
    end_line, end_col = block.position(p.end_line, p.end_col)
    message = re.sub(
        r"\bline (\d+)\b",
        lambda m: f"line {block.position(int(m[1]), 1)[0]}",
        finding.message,
    )
    position = Position(line, col, end_line, end_col)
    return dataclasses.replace(finding, message=message, position=position)


def _relocated(message: str, rules_path: str, path: str, block: CodeBlock) -> str:
    """An engine message about the block's code as a message about the document: the engine
    writes `path: ...`, `path:line:col: ...` or `path: ... at line L: ...`."""
    prefix = rules_path + ":"
    rest = message[len(prefix) :] if message.startswith(prefix) else " " + message
    located = re.match(r"(\d+):(\d+):", rest)
    if located:
        line, col = block.position(int(located[1]), int(located[2]))
        return f"{path}:{line}:{col}:{rest[located.end():]}"
    rest, found = re.subn(
        r"\bat line (\d+)",
        lambda m: f"at line {block.start_line + int(m[1]) - 1}",
        rest,
        count=1,
    )
    if found:
        return f"{path}:{rest}"
    return f"{path}:{rest} (code block at line {block.fence_line})"


def process_document(engine: Engine, text: str, path: str, fix: bool) -> FixOutcome:
    """Check (or fix, with `fix`) each Python block of the document on its own.

    Findings are placed in the document: `findings` and `applied` in `text`, `remaining` in the
    returned text. A block that does not parse is left as it is without a word; one whose rules
    fail is reported and kept as it is; the other blocks are still processed.
    """
    blocks = find_blocks(text)
    outcome = FixOutcome(text, findings=[])
    codes = [block.code for block in blocks]
    results: dict[int, FixOutcome] = {}
    for index, block in enumerate(blocks):
        if not block.is_python:
            continue
        rules_path = _rules_path(block, path)
        where = f"{path}: code block at line {block.fence_line}"
        try:
            if fix:
                result = engine.fix(block.code, rules_path)
            else:
                result = FixOutcome(block.code, engine.lint(block.code, rules_path))
                result.remaining = result.findings
        except ParseError:
            # Documents quote fragments (`...`, half a call) as often as programs: a block that is
            # not Python on its own is left alone, not an error that would fail every run over docs.
            continue
        except RecursionError:  # valid Python nested deeper than the tree visitors can recurse
            outcome.errors.append(f"{where}: too deeply nested to analyse; skipped")
            continue
        except Exception as error:  # a rule crashed: report it, never lose the block
            outcome.errors.append(f"{where}: internal error: {type(error).__name__}: {error}")
            continue
        results[index] = result
        codes[index] = result.text
        outcome.findings.extend(_moved(f, block) for f in result.findings)
        outcome.applied.extend(_moved(f, block) for f in result.applied)
        outcome.errors.extend(_relocated(m, rules_path, path, block) for m in result.errors)

    new_text = splice(text, blocks, codes)
    new_blocks = find_blocks(new_text)
    if [block.code for block in new_blocks] != codes:
        # Fixed code that would open or close a fence must not reshape the document.
        outcome.errors.append(f"{path}: the fixed code would change the code fences; not changed")
        outcome.applied = []
        outcome.remaining = list(outcome.findings)
        return outcome
    outcome.text = new_text
    outcome.remaining = [
        _moved(f, new_blocks[index]) for index, result in results.items() for f in result.remaining
    ]
    return outcome
