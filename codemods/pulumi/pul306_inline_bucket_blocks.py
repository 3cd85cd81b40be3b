from __future__ import annotations

from typing import Callable, Optional

import libcst as cst

from iacfix import statements
from iacfix.calls import remove_arg, string_value
from iacfix.metadata import ParentNodeProvider
from iacfix.resources import resolve_call
from iacfix.rule import FixSafety, Platform, Rule, RuleSet

code = cst.Module([]).code_for_node


class _OneLine(cst.CSTTransformer):
    """Lay a literal out on one line (it moves to a statement of its own, at another depth)."""

    def leave_ParenthesizedWhitespace(self, original_node, updated_node):
        return cst.SimpleWhitespace("")

    def leave_Comma(self, original_node, updated_node):
        return updated_node.with_changes(whitespace_after=cst.SimpleWhitespace(" "))


def one_line(node: cst.BaseExpression) -> str:
    if "#" in code(node):
        return code(node)  # comments need their lines
    text = code(node.visit(_OneLine()))
    return text.replace(", }", "}").replace(", ]", "]").replace(",}", "}").replace(",]", "]")


def _dict_items(node: cst.BaseExpression) -> Optional[dict[str, cst.BaseExpression]]:
    """A dict literal with string keys as key -> value; None for anything else."""
    if not isinstance(node, cst.Dict):
        return None
    items = {}
    for element in node.elements:
        key = string_value(element.key) if isinstance(element, cst.DictElement) else None
        if key is None:
            return None
        items[key] = element.value
    return items


def _versioning(value: cst.BaseExpression) -> Optional[tuple[str, str]]:
    items = _dict_items(value)
    enabled = items.get("enabled") if items is not None else None
    if not isinstance(enabled, cst.Name) or enabled.value not in ("True", "False"):
        return None
    status = '"Enabled"' if enabled.value == "True" else '"Suspended"'
    extra = f', "mfa_delete": {code(items["mfa_delete"])}' if "mfa_delete" in items else ""
    return "BucketVersioning", f'versioning_configuration={{"status": {status}{extra}}}'


def _encryption(value: cst.BaseExpression) -> Optional[tuple[str, str]]:
    items = _dict_items(value)
    rule = items.get("rule") if items is not None else None
    if rule is None or not isinstance(rule, cst.Dict):
        return None
    return "BucketServerSideEncryptionConfiguration", f"rules=[{one_line(rule)}]"


def _acl(value: cst.BaseExpression) -> Optional[tuple[str, str]]:
    if string_value(value) is None:
        return None
    return "BucketAcl", f"acl={code(value)}"


# Inline argument -> (suffix of the new resource's name, how to build it from the value).
SEPARATE_RESOURCES: dict[str, tuple[str, Callable]] = {
    "versioning": ("versioning", _versioning),
    "server_side_encryption_configuration": ("encryption", _encryption),
    "acl": ("acl", _acl),
}


def _split_off_from(statement: cst.BaseStatement, variable: str) -> bool:
    """True for `<variable>_<suffix> = ...`, a resource this rule split off the bucket."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    small = statement.body[0]
    target = small.targets[0].target if isinstance(small, cst.Assign) else None
    prefix = variable.replace(".", "_") + "_"
    return isinstance(target, cst.Name) and target.value.startswith(prefix)


class InlineBucketBlocks(Rule):
    """
    ## What it does
    Finds the deprecated inline blocks of `aws.s3.Bucket` / `BucketV2` (`versioning`,
    `server_side_encryption_configuration`, `acl`, `lifecycle_rules`, `logging`, `website`, ...)
    and, for versioning, encryption and ACLs given as literals, moves them into their own
    resources placed right after the bucket (`aws.s3.BucketVersioning`,
    `aws.s3.BucketServerSideEncryptionConfiguration`, `aws.s3.BucketAcl`).

    ## Why is this bad?
    The AWS provider manages these settings as separate resources since version 4, and
    pulumi-aws warns on every preview that each inline argument is deprecated. The inline and
    separate forms fight over the same bucket setting when both appear, showing a perpetual diff,
    and the inline forms are next in line for removal (as `Deployment.stage_name` was in 7).

    ## Example
    ```python
    import pulumi_aws as aws

    bucket = aws.s3.Bucket("logs", versioning={"enabled": True})
    ```

    ## Use instead
    ```python
    import pulumi_aws as aws

    bucket = aws.s3.Bucket("logs")
    bucket_versioning = aws.s3.BucketVersioning("logs-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"})
    ```

    ## Fix safety
    Unsafe: the setting moves to a new resource; Pulumi creates it and the bucket's own
    setting is dropped in the same update, so the bucket briefly runs without it.
    """

    CODE = "PUL306"
    NAME = "inline-bucket-blocks"
    SUMMARY = "deprecated inline S3 bucket blocks (versioning, encryption, acl, ...)"
    SET = RuleSet.EXTENDED
    PLATFORM = Platform.PULUMI
    FIX = FixSafety.UNSAFE
    TOKENS = ("pulumi_aws",)
    METADATA_DEPENDENCIES = Rule.METADATA_DEPENDENCIES + (ParentNodeProvider,)

    def visit_Call(self, node: cst.Call) -> None:
        resource = resolve_call(self, node)
        if resource is None or resource.pulumi is None or resource.terraform_type != "aws_s3_bucket":
            return
        deprecated = resource.pulumi.deprecated_args
        for arg in node.args:
            name = arg.keyword.value if arg.keyword else None
            # The package states deprecations under Terraform's names (`lifecycle_rule`).
            note = deprecated.get(name) or deprecated.get((name or "").rstrip("s"))
            if note is None:
                continue
            message = f"`{name}` on the bucket is deprecated: {note}"
            fix = self._fix(node, arg, resource.name)
            if fix is None:
                self.report(arg.keyword, message)
            else:
                self.report(arg.keyword, message, replacements=fix)

    def _fix(self, call: cst.Call, arg: cst.Arg, class_name: str) -> Optional[dict]:
        plan = SEPARATE_RESOURCES.get(arg.keyword.value)
        built = plan[1](arg.value) if plan else None
        statement = statements.enclosing_statement(self, call)
        variable = statements.assigned_name(statement, call) if statement else None
        if built is None or variable is None or not call.args or call.args[0].keyword:
            return None
        new_class, arguments = built
        bucket_name = call.args[0].value
        literal = string_value(bucket_name)
        new_name = (
            f'"{literal}-{plan[0]}"' if literal is not None else f'f"{{{code(bucket_name)}}}-{plan[0]}"'
        )
        func = call.func
        if not isinstance(func, cst.Attribute):
            return None  # `from pulumi_aws.s3 import Bucket`: leave the import choice to the author
        new_func = code(func.with_changes(attr=cst.Name(new_class)))
        new = statements.parse_statements(
            f"{variable.replace('.', '_')}_{plan[0]} = {new_func}({new_name}, "
            f"bucket={variable}.id, {arguments})\n"
        )
        replaced = statement.deep_replace(call, remove_arg(call, arg))
        # After the bucket and the resources already split off from it, in the order written.
        anchor = statement
        block = self.get_metadata(ParentNodeProvider, statement, None)
        body = list(getattr(block, "body", []))
        if statement in body:
            for following in body[body.index(statement) + 1 :]:
                if not _split_off_from(following, variable):
                    break
                anchor = following
        if anchor is statement:
            return {statement: statements.insert_after(statement, new, replaced)}
        return {statement: replaced, anchor: statements.insert_after(anchor, new)}
