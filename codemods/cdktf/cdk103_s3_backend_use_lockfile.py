from __future__ import annotations

from typing import Optional, Sequence

import libcst as cst
import libcst.matchers as m

from iacfix.calls import string_value
from iacfix.rule import FixSafety, Platform, Rule
from iacfix.versions import Version

OVERRIDE_PATH = "terraform.backend.s3.use_lockfile"
FIRST_ACCEPTING = Version(1, 10)  # Terraform's S3 backend accepts `use_lockfile` from 1.10 on

_OVERRIDE_CALL = m.Call(func=m.Attribute(attr=m.Name("add_override")))


class S3BackendUseLockfile(Rule):
    """
    ## What it does
    Finds `add_override("terraform.backend.s3.use_lockfile", ...)` and removes it when the project
    targets a Terraform older than 1.10 (from `--target-terraform`, or the project's
    `.terraform-version` / `.tool-versions` pin).

    ## Why is this bad?
    Terraform's S3 backend only knows `use_lockfile` from Terraform 1.10 on. Older versions stop at
    `terraform init` with `No argument or block type is named "use_lockfile"`, so nothing deploys.
    Those versions lock state through the backend's `dynamodb_table` setting instead.

    When the Terraform version is unknown the finding is still reported, with an unsafe fix: the
    override is valid and useful on 1.10 and later. When the project pins 1.10 or later the
    override is valid and nothing is reported.

    ## Example
    ```python
    # .terraform-version: 1.9.8
    S3Backend(self, bucket=state_bucket, key="state.tfstate", region="us-east-1")
    self.add_override("terraform.backend.s3.use_lockfile", True)
    ```

    ## Use instead
    ```python
    # .terraform-version: 1.9.8
    S3Backend(self, bucket=state_bucket, key="state.tfstate", region="us-east-1")
    ```

    ## Fix safety
    Safe when the project targets Terraform older than 1.10: the setting cannot work there.
    Unsafe when the version is unknown: on 1.10 and later removing it turns off S3-native locking.
    """

    CODE = "CDK103"
    NAME = "s3-backend-use-lockfile"
    SUMMARY = "S3 backend `use_lockfile` override, which Terraform before 1.10 rejects"
    PLATFORM = Platform.CDKTF
    FIX = FixSafety.SAFE
    TOKENS = (OVERRIDE_PATH,)

    def visit_Module(self, node: cst.Module) -> None:
        self._check_body(node.body)

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._check_body(node.body)

    def _check_body(self, body: Sequence[cst.BaseStatement]) -> None:
        terraform = self.context.terraform
        if terraform is not None and terraform >= FIRST_ACCEPTING:
            return
        for index, statement in enumerate(body):
            if not isinstance(statement, cst.SimpleStatementLine):
                continue
            for small in statement.body:
                call = _override_call(small)
                if call is None:
                    continue
                if terraform is None:
                    message = (
                        "`use_lockfile` in the S3 backend needs Terraform 1.10 or later; the target "
                        "version is unknown (set --target-terraform or pin it in .terraform-version)"
                    )
                    safety = FixSafety.UNSAFE
                else:
                    message = (
                        f"`use_lockfile` in the S3 backend needs Terraform 1.10 or later; "
                        f"the project targets {terraform.major}.{terraform.minor}"
                    )
                    safety = FixSafety.SAFE
                if len(statement.body) > 1:
                    replacements = {statement: _without(statement, small)}
                else:
                    replacements = self._removal(body, index)
                self.report(call, message, replacements=replacements, safety=safety)

    @staticmethod
    def _removal(body: Sequence[cst.BaseStatement], index: int) -> dict:
        statement = body[index]
        if len(body) == 1:  # the block must keep a statement
            return {statement: statement.with_changes(body=[cst.Pass()])}
        replacements: dict = {statement: cst.RemoveFromParent()}
        # Comments above the override describe it and go with it; a blank line that separated it
        # from the code before stays, on the statement that follows.
        blank = []
        for line in statement.leading_lines:
            if line.comment is not None:
                break
            blank.append(line)
        if blank and index + 1 < len(body):
            following = body[index + 1]
            if not following.leading_lines or following.leading_lines[0].comment is not None:
                replacements[following] = following.with_changes(
                    leading_lines=[*blank, *following.leading_lines]
                )
        return replacements


def _override_call(small: cst.BaseSmallStatement) -> Optional[cst.Call]:
    if not isinstance(small, cst.Expr) or not m.matches(small.value, _OVERRIDE_CALL):
        return None
    call = small.value
    if call.args and string_value(call.args[0].value) == OVERRIDE_PATH:
        return call
    return None


def _without(
    line: cst.SimpleStatementLine, small: cst.BaseSmallStatement
) -> cst.SimpleStatementLine:
    """`a; override(...)` -> `a`: drop one statement of a `;`-separated line."""
    kept = [s for s in line.body if s is not small]
    if line.body[-1] is small:  # the new last statement takes the old last one's ending
        kept[-1] = kept[-1].with_changes(semicolon=small.semicolon)
    return line.with_changes(body=kept)
