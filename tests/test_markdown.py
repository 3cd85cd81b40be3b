"""Markdown documents: the Python code blocks are checked, diffed and fixed; nothing else changes.

`tests/data/markdown/MODEL_RESPONSE.md` holds golden `before.py` programs in fences of every kind
(indented in a list item, four backticks, tildes, a title) with prose, a quotation and a text block
around them; `IDEAL_RESPONSE.md` is the same document with the Python blocks as the matching
`after.py` files.
"""

from __future__ import annotations

import json
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iacfix.engine import FixOutcome
from iacfix.markdown import find_blocks, process_document, splice

from conftest import GOLDEN, ROOT, run_iacfix

DATA = ROOT / "tests" / "data" / "markdown"
MODEL = (DATA / "MODEL_RESPONSE.md").read_bytes()
IDEAL = (DATA / "IDEAL_RESPONSE.md").read_bytes()
SG = "CDK101-security-group-rules"


def golden(case: str, side: str) -> str:
    return (GOLDEN / case / f"{side}.py").read_text()


def codes(text: str) -> list[str]:
    return [block.code for block in find_blocks(text) if block.is_python]


def outside(text: str) -> list[str]:
    """The text around the code lines of every block."""
    pieces, position = [], 0
    for block in find_blocks(text):
        pieces.append(text[position : block.start])
        position = block.end
    return pieces + [text[position:]]


def lines(output: bytes) -> list[str]:
    return output.decode().splitlines()


# -- finding blocks --------------------------------------------------------------------------------


def test_python_info_strings():
    text = "".join(
        f"{fence}\nx = {i}\n```\n"
        for i, fence in enumerate(
            ["```python", "```py", "```python3", "```py3", "```Python", '```python title="t.py"']
        )
    )
    text += "```bash\necho\n```\n```\nplain\n```\n```pycon\n>>> 1\n```\n"
    blocks = find_blocks(text)
    assert [b.is_python for b in blocks] == [True] * 6 + [False] * 3
    assert [b.code for b in blocks[:6]] == [f"x = {i}\n" for i in range(6)]
    assert blocks[5].info == 'python title="t.py"' and blocks[5].title == "t.py"


def test_block_positions_and_offsets():
    text = "# Title\n\n```python\na = 1\nb = 2\n```\ntail\n"
    [block] = find_blocks(text)
    assert (block.fence_line, block.start_line, block.indent) == (3, 4, 0)
    assert text[block.start : block.end] == "a = 1\nb = 2\n"
    assert block.position(2, 5) == (5, 5)


def test_backticks_inside_a_python_string_do_not_close_the_block():
    code = 'fence = "```"\ndoc = """\n```bash\necho hi\n  ``` not a fence\n"""\n'
    assert codes(f"```python\n{code}```\nafter\n") == [code]


def test_a_line_of_backticks_inside_a_longer_fence_is_code():
    code = 'doc = """\n```\n```python\n"""\n'
    [block] = find_blocks(f"````python\n{code}````\n")
    assert block.code == code
    # A shorter closing line does not close; a longer one does.
    assert codes("````python\nx = 1\n```\ny = 2\n`````\n") == ["x = 1\n```\ny = 2\n"]


def test_tilde_fences_close_only_with_tildes():
    text = "~~~python\nx = 1\n```\n~~~\n```py\ny = '~~~'\n~~~\n```\n"
    assert codes(text) == ["x = 1\n```\n", "y = '~~~'\n~~~\n"]


def test_closing_fence_rules():
    # Trailing spaces are allowed after a closing fence, words are not.
    assert codes("```python\nx = 1\n```   \n") == ["x = 1\n"]
    assert codes("```python\nx = 1\n``` python\ny = 2\n```\n") == ["x = 1\n``` python\ny = 2\n"]
    # A closing fence may be indented up to 3 spaces whatever the opening's indentation.
    assert codes("```python\nx = 1\n   ```\n") == ["x = 1\n"]
    assert codes("```python\nx = 1\n    ```\n```\n") == ["x = 1\n    ```\n"]


def test_indented_fences_lose_their_indentation_from_each_code_line():
    text = "   ```python\n   def f():\n       return 1\n  x = 2\n\n   ```\n"
    [block] = find_blocks(text)
    assert block.indent == 3
    assert block.code == "def f():\n    return 1\nx = 2\n\n"
    assert block.position(2, 5) == (3, 8)
    assert block.position(3, 1) == (4, 3)  # only two spaces were there to remove


def test_four_spaces_is_an_indented_code_block_not_a_fence():
    assert find_blocks("    ```python\n    x = 1\n    ```\n") == []


def test_fence_in_a_list_item():
    text = "1. Create it:\n\n   ```python\n   x = 1\n   ```\n- also\n  ```py\n  y = 2\n  ```\n"
    assert codes(text) == ["x = 1\n", "y = 2\n"]


def test_fences_in_block_quotes_are_left_alone():
    text = "> ```python\n> x = 1\n> ```\n\n```python\ny = 2\n```\n"
    assert codes(text) == ["y = 2\n"]


def test_backtick_fence_info_holds_no_backtick():
    # "```a`" is inline code in a paragraph, not an opening fence.
    assert codes("```a` b\n```python\nx = 1\n```\n") == ["x = 1\n"]
    assert codes("~~~python `x`\nx = 1\n~~~\n") == ["x = 1\n"]


def test_unterminated_fence_is_not_a_block():
    text = "```python\nx = 1\n```\n\n```python\ny = 2\n"
    assert codes(text) == ["x = 1\n"]
    assert codes("```python\n") == []


def test_crlf_and_no_final_newline():
    text = "Intro\r\n```python\r\nx = 1\r\n\r\n```"
    [block] = find_blocks(text)
    assert block.code == "x = 1\r\n\r\n"
    assert text[block.end :] == "```"


def test_empty_block():
    [block] = find_blocks("```python\n```\n")
    assert block.code == ""


# -- splicing code back -----------------------------------------------------------------------------


def test_splice_replaces_only_code_lines_and_restores_indentation():
    text = "- item\n\n  ```python\n  import os\n x = 1  \n\n  y = 2\n  ```\n  after\n"
    [block] = find_blocks(text)
    assert block.code == "import os\nx = 1  \n\ny = 2\n"
    new = splice(text, [block], ["import os\nimport sys\nx = 1  \n\ny = 3\n"])
    # Lines that stay keep their bytes (one space where the fence has two); new lines get two.
    assert new == (
        "- item\n\n  ```python\n  import os\n  import sys\n x = 1  \n\n  y = 3\n  ```\n  after\n"
    )


def test_splice_keeps_crlf_lines():
    text = "```python\r\na = 1\r\n```\r\n"
    [block] = find_blocks(text)
    assert splice(text, [block], ["a = 2\r\n"]) == "```python\r\na = 2\r\n```\r\n"


FENCE_LINES = [
    "```", "```python", "```py title=\"a.py\"", "````", "````python", "~~~", "~~~ py3", "~~~~",
    "   ```python", "  ```", "    ```python", "> ```python", "- ```python", "```a`b", "``` ",
]
TEXT_LINES = [
    "x = 1", "", "   ", "  y = '```'", "text ``` inline", "\tz = 2", " a", "# ~~~", "> quoted",
]
SAFE_CODE_LINES = ["x = 1", "", " ", "  pass", "s = '```'", "\tz = 2", "# ~~~ c", "    deep"]


@st.composite
def documents(draw) -> str:
    body = draw(st.lists(st.sampled_from(FENCE_LINES + TEXT_LINES), max_size=30))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(body)
    if body and draw(st.booleans()):
        text += newline
    return ("\ufeff" if draw(st.booleans()) else "") + text


@given(documents())
def test_splicing_unchanged_code_gives_the_document_back(document):
    blocks = find_blocks(document)
    assert splice(document, blocks, [b.code for b in blocks]) == document


@given(documents(), st.data())
def test_spliced_code_is_found_again_and_nothing_else_changes(document, data):
    blocks = find_blocks(document)
    new_codes = [
        "".join(line + "\n" for line in data.draw(st.lists(st.sampled_from(SAFE_CODE_LINES))))
        for _ in blocks
    ]
    new = splice(document, blocks, new_codes)
    assert [b.code for b in find_blocks(new)] == new_codes
    assert outside(new) == outside(document)


class FenceBreakingEngine:
    """Fixes each block by appending a string that holds a line of backticks."""

    def fix(self, text: str, path: str) -> FixOutcome:
        errors = [f"{path}:2:1: fix for XYZ001 rolled back: it would leave the file unparseable"]
        return FixOutcome(text + 'S = """\n```\n"""\n', [], errors=errors)


def test_fixed_code_that_would_close_a_fence_is_not_spliced():
    text = "Intro\n\n  ```python\n  x = 1\n  y = 2\n  ```\n"
    outcome = process_document(FenceBreakingEngine(), text, "doc.md", fix=True)
    assert outcome.text == text
    assert outcome.errors == [
        "doc.md:5:3: fix for XYZ001 rolled back: it would leave the file unparseable",
        "doc.md: the fixed code would change the code fences; not changed",
    ]


# -- the command -------------------------------------------------------------------------------------


@pytest.fixture
def docs(tmp_path):
    (tmp_path / "MODEL_RESPONSE.md").write_bytes(MODEL)
    return tmp_path


def test_fixture_blocks_are_the_golden_files():
    model, ideal = MODEL.decode(), IDEAL.decode()
    cases = [SG, "AWS202-aurora-postgresql", "CDK101-already-structs", "AWS202-pulumi-engine-type"]
    assert codes(model) == [golden(c, "before") for c in cases]
    assert codes(ideal) == [golden(c, "after") for c in cases]
    assert outside(model) == outside(ideal)


def test_check_reports_markdown_lines_and_columns(docs):
    result = run_iacfix("check", "MODEL_RESPONSE.md", cwd=docs)
    assert result.returncode == 1, result.stderr.decode()
    located = [line.split(" ", 2)[:2] for line in lines(result.stdout)]
    assert located == [
        ["MODEL_RESPONSE.md:28:13:", "CDK101"],  # ingress=[{ in the titled block
        ["MODEL_RESPONSE.md:36:13:", "CDK101"],
        ["MODEL_RESPONSE.md:147:16:", "AWS202"],  # in the list item, indented 3 spaces
        ["MODEL_RESPONSE.md:148:80:", "AWS202"],
        ["MODEL_RESPONSE.md:192:5:", "AWS202"],  # the ~~~ py3 block
    ]
    document = MODEL.decode().splitlines()
    assert document[27][12:] == "ingress=[{"
    assert document[146][15:].startswith("backtrack_window=")


def test_check_json_end_positions_are_shifted(docs):
    result = run_iacfix("check", "MODEL_RESPONSE.md", "--format", "json", cwd=docs)
    record = json.loads(result.stdout)[2]
    assert (record["line"], record["col"], record["end_line"], record["end_col"]) == (147, 16, 147, 38)


def test_diff_applies_with_git_and_gives_the_ideal_document(docs, git):
    result = run_iacfix("diff", "MODEL_RESPONSE.md", cwd=docs)
    assert result.returncode == 1, result.stderr.decode()
    assert result.stdout.startswith(b"--- a/MODEL_RESPONSE.md\n+++ b/MODEL_RESPONSE.md\n")
    assert (docs / "MODEL_RESPONSE.md").read_bytes() == MODEL
    subprocess.run([git, "apply", "-"], cwd=docs, input=result.stdout, check=True)
    assert (docs / "MODEL_RESPONSE.md").read_bytes() == IDEAL


def test_fix_changes_only_block_content_then_finds_nothing(docs):
    result = run_iacfix("fix", "MODEL_RESPONSE.md", cwd=docs)
    assert result.returncode == 1, result.stderr.decode()
    assert lines(result.stdout) == ["Fixed 5 findings in MODEL_RESPONSE.md (AWS202, CDK101)"]
    assert (docs / "MODEL_RESPONSE.md").read_bytes() == IDEAL
    again = run_iacfix("fix", "MODEL_RESPONSE.md", cwd=docs)
    assert (again.returncode, again.stdout, again.stderr) == (0, b"", b"")


def test_fix_from_stdin_names_a_markdown_file(docs):
    result = run_iacfix("fix", "-", "--stdin-filename", "MODEL_RESPONSE.md", cwd=docs, input=MODEL)
    assert (result.returncode, result.stdout) == (1, IDEAL)


def test_crlf_bom_and_no_final_newline_are_kept(tmp_path, git):
    def dress(document: bytes) -> bytes:
        return b"\xef\xbb\xbf" + document.replace(b"\n", b"\r\n").rstrip(b"\r\n")

    (tmp_path / "doc.md").write_bytes(dress(MODEL))
    work = tmp_path / "copy"
    work.mkdir()
    (work / "doc.md").write_bytes(dress(MODEL))
    diff = run_iacfix("diff", "doc.md", cwd=tmp_path)
    subprocess.run([git, "apply", "-"], cwd=work, input=diff.stdout, check=True)
    assert run_iacfix("fix", "doc.md", cwd=tmp_path).returncode == 1
    assert (tmp_path / "doc.md").read_bytes() == dress(IDEAL)
    assert (work / "doc.md").read_bytes() == dress(IDEAL)


def test_a_block_that_does_not_parse_is_left_alone_without_an_error(tmp_path):
    """Documents quote fragments; a run over a folder of docs must not fail on them."""
    broken = "```python\nfrom cdktf_cdktf_provider_aws.vpc import Vpc\nVpc(self, 'v'\n```\n"
    document = f"# Two blocks\n\n{broken}\n```python\n{golden(SG, 'before')}```\n"
    (tmp_path / "doc.md").write_text(document)
    result = run_iacfix("fix", "doc.md", cwd=tmp_path)
    assert result.returncode == 1
    assert lines(result.stderr) == []
    assert (tmp_path / "doc.md").read_text() == (
        f"# Two blocks\n\n{broken}\n```python\n{golden(SG, 'after')}```\n"
    )
    check = run_iacfix("check", "doc.md", cwd=tmp_path)
    assert check.returncode == 0 and check.stderr == b"" and check.stdout == b""


def test_unterminated_block_is_left_alone(tmp_path):
    document = f"```python\n{golden(SG, 'before')}```\n\n```python\n{golden(SG, 'before')}"
    (tmp_path / "doc.md").write_text(document)
    assert run_iacfix("fix", "doc.md", cwd=tmp_path).returncode == 1
    assert (tmp_path / "doc.md").read_text() == (
        f"```python\n{golden(SG, 'after')}```\n\n```python\n{golden(SG, 'before')}"
    )


def test_fixed_block_holding_backticks_in_a_string(tmp_path):
    extra = 'README = """\n```bash\ncdktf deploy\n``` done\n"""\n'
    document = f"````python\n{golden(SG, 'before')}{extra}````\n```\nnot python\n```\n"
    (tmp_path / "doc.md").write_text(document)
    assert run_iacfix("fix", "doc.md", cwd=tmp_path).returncode == 1
    assert (tmp_path / "doc.md").read_text() == (
        f"````python\n{golden(SG, 'after')}{extra}````\n```\nnot python\n```\n"
    )


def test_title_is_the_path_rules_see(tmp_path):
    case = "TST502-seed-provider-variable"  # a rule that reads test files only
    untitled = f"```python\n{golden(case, 'before')}```\n"
    titled = f'```python title="tests/unit/test_tap_stack.py"\n{golden(case, "before")}```\n'
    (tmp_path / "doc.md").write_text(untitled + "\n" + titled)
    result = run_iacfix("check", "doc.md", cwd=tmp_path)
    offset = untitled.count("\n") + 3  # the titled block's code starts on this line
    found = lines(result.stdout)
    assert [line.split(" ")[:2] for line in found] == [
        [f"doc.md:{offset + 22 - 1}:24:", "TST502"],
        [f"doc.md:{offset + 28 - 1}:16:", "TST502"],
    ]
    # The line a message names is a line of the document too.
    assert f"`aws_provider[\"region\"]` (line {offset + 23 - 1}) fails" in found[0]


def test_folders_are_walked_for_markdown(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "stack.py").write_text(golden(SG, "before"))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "MODEL_RESPONSE.md").write_bytes(MODEL)
    (tmp_path / "notes.txt").write_text(f"```python\n{golden(SG, 'before')}```\n")
    result = run_iacfix("check", ".", cwd=tmp_path)
    assert {line.split(":")[0] for line in lines(result.stdout)} == {
        "lib/stack.py",
        "docs/MODEL_RESPONSE.md",
    }
    assert run_iacfix("fix", ".", cwd=tmp_path).returncode == 1
    assert (tmp_path / "docs" / "MODEL_RESPONSE.md").read_bytes() == IDEAL


def test_markdown_without_python_blocks_is_never_rewritten(tmp_path):
    shell = "python -c 'from cdktf_cdktf_provider_aws.vpc import Vpc'\ncdktf deploy\n"
    (tmp_path / "plain.md").write_text(f"# Notes\n\n```bash\n{shell}```\n")
    before = (tmp_path / "plain.md").stat()
    result = run_iacfix("fix", "plain.md", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")
    after = (tmp_path / "plain.md").stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)
    # Besides the file, only the tool's result cache may appear.
    assert {p.name for p in tmp_path.iterdir()} <= {"plain.md", ".iacfix_cache"}
