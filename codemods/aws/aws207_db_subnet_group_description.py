from __future__ import annotations

from typing import Optional

import libcst as cst
import libcst.matchers as m

from iacfix.aws_values import insert_keyword_after, keyword
from iacfix.calls import keyword_arg, string_literal, string_value
from iacfix.resources import PROVIDER_PACKAGES, resolve_call
from iacfix.rule import FixSafety, Platform, Rule, RuleSet

PREFIX = "DB subnet group "

_LOWERED = m.Call(func=m.Attribute(attr=m.Name("lower")), args=[])


def _logical_id(call: cst.Call, platform_is_cdktf: bool) -> Optional[cst.BaseExpression]:
    """The construct id (CDKTF, after `scope`) or the resource name (Pulumi, first)."""
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    index = 1 if platform_is_cdktf else 0
    if len(positional) > index:
        return positional[index].value
    named = keyword_arg(call, "id" if platform_is_cdktf else "resource_name")
    return named.value if named is not None else None


def _described(value: Optional[cst.BaseExpression]) -> Optional[cst.BaseExpression]:
    """`"DB subnet group <value>"` for a literal or an f-string (lowered or not); else None."""
    if value is None:
        return None
    if m.matches(value, _LOWERED):
        assert isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute)
        value = value.func.value
    text = string_value(value)
    if text is not None:
        like = value if isinstance(value, cst.SimpleString) else None
        return string_literal(PREFIX + text, like)
    if isinstance(value, cst.FormattedString) and not value.lpar:
        parts = list(value.parts)
        if parts and isinstance(parts[0], cst.FormattedStringText):
            parts[0] = parts[0].with_changes(value=PREFIX + parts[0].value)
        else:
            parts.insert(0, cst.FormattedStringText(PREFIX))
        return value.with_changes(parts=parts)
    return None


class DbSubnetGroupDescription(Rule):
    """
    ## What it does
    Finds DB subnet groups created without a `description` and adds one built from the group's
    name (or, without a literal name, from its construct id or Pulumi resource name):
    `description=f"DB subnet group aurora-{environment_suffix}"`.

    ## Why is this bad?
    AWS requires a description for every DB subnet group. Terraform fills the gap with "Managed by
    Terraform" (Pulumi with "Managed by Pulumi"), so the group deploys, but every subnet group of
    the account then carries the same text in the console and in `describe-db-subnet-groups`,
    and nothing says what the group is for. This is why the rule is in the extended set.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.db_subnet_group import DbSubnetGroup

    DbSubnetGroup(
        self,
        "aurora_subnet_group",
        name=f"aurora-subnet-group-{environment_suffix}",
        subnet_ids=[subnet_1.id, subnet_2.id],
    )
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.db_subnet_group import DbSubnetGroup

    DbSubnetGroup(
        self,
        "aurora_subnet_group",
        name=f"aurora-subnet-group-{environment_suffix}",
        subnet_ids=[subnet_1.id, subnet_2.id],
        description=f"DB subnet group aurora-subnet-group-{environment_suffix}",
    )
    ```

    ## Fix safety
    Safe: the description only labels the group. Changing the description of a group that exists
    updates it in place.
    """

    CODE = "AWS207"
    NAME = "db-subnet-group-description"
    SUMMARY = "DB subnet group without a `description`"
    SET = RuleSet.EXTENDED
    PLATFORM = Platform.BOTH
    FIX = FixSafety.SAFE
    TOKENS = ("SubnetGroup",)
    PACKAGES = PROVIDER_PACKAGES

    def visit_Call(self, node: cst.Call) -> None:
        resource = resolve_call(self, node)
        if resource is None or resource.terraform_type != "aws_db_subnet_group":
            return
        if keyword_arg(node, "description") is not None:
            return
        name = keyword_arg(node, "name")
        description = _described(name.value if name is not None else None)
        if description is None:
            description = _described(_logical_id(node, resource.cdktf is not None))
        if description is None:
            description = cst.SimpleString(f'"{PREFIX.strip()}"')
        fixed = insert_keyword_after(
            node, keyword("description", description), after=("name", "name_prefix", "subnet_ids")
        )
        self.report(
            node.func,
            "DB subnet group without a `description`: it will read "
            f"\"Managed by {'Terraform' if resource.cdktf is not None else 'Pulumi'}\"",
            replacements={node: fixed},
        )
