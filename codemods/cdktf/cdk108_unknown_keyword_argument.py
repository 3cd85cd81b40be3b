from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Optional

import libcst as cst

from iacfix.calls import keyword_arg
from iacfix.resources import CDKTF_PACKAGE, resolve_call
from iacfix.rule import FixSafety, Platform, Rule


@dataclass(frozen=True)
class Rename:
    new: str
    # The old argument's literal value -> the new argument's value, where the value changes too;
    # None: the value carries over unchanged.
    values: Optional[dict[str, str]] = None


# Arguments the AWS provider renamed (Terraform type -> old argument -> new one). Each entry is
# checked against the provider index: the old name is gone and the new one exists.
RENAMED_ARGUMENTS = {
    # AWS provider 5: EC2-Classic is gone and `vpc = true` became `domain = "vpc"`.
    "aws_eip": {"vpc": Rename("domain", values={"True": '"vpc"'})},
    # AWS provider 5: `name` was ambiguous (identifier or database name) and became `db_name`.
    "aws_db_instance": {"name": Rename("db_name")},
    # AWS provider 5: the replication group's arguments took the API's names.
    "aws_elasticache_replication_group": {
        "replication_group_description": Rename("description"),
        "number_cache_clusters": Rename("num_cache_clusters"),
    },
}


class UnknownKeywordArgument(Rule):
    """
    ## What it does
    Finds keyword arguments a CDKTF resource, data source or struct does not accept, by the
    provider's own schema. Where the provider renamed the argument (`Eip(vpc=True)` is now
    `domain="vpc"`, `DbInstance(name=...)` is `db_name=...`), the argument is rewritten; otherwise
    the finding names the closest valid argument.

    ## Why is this bad?
    The generated constructors take keyword-only arguments, so an unknown one raises
    `TypeError: __init__() got an unexpected keyword argument` at synth, before Terraform runs.
    Argument names follow the Terraform schema of the installed provider version; names from
    older provider versions, CloudFormation or the AWS API often differ.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.eip import Eip

    Eip(self, "nat_ip", vpc=True)
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.eip import Eip

    Eip(self, "nat_ip", domain="vpc")
    ```

    ## Fix safety
    Safe for the renames the provider made: the new argument means what the old one meant.
    Other unknown arguments are reported without a fix.
    """

    CODE = "CDK108"
    NAME = "unknown-keyword-argument"
    SUMMARY = "keyword argument the resource or struct does not accept"
    PLATFORM = Platform.CDKTF
    FIX = FixSafety.SAFE
    TOKENS = (CDKTF_PACKAGE,)

    def visit_Call(self, node: cst.Call) -> None:
        provider_class = resolve_call(self, node)
        if provider_class is None or provider_class.cdktf is None:
            return
        spec = provider_class.cdktf
        if any(arg.star == "**" for arg in node.args):
            return  # the arguments are not all visible
        renames = RENAMED_ARGUMENTS.get(spec.terraform_type or "", {})
        for arg in node.args:
            if arg.keyword is None or spec.accepts(arg.keyword.value):
                continue
            old = arg.keyword.value
            rename = renames.get(old)
            if rename is not None:
                self._rename(node, arg, spec.name, rename)
                continue
            matches = difflib.get_close_matches(old, sorted(spec.args), n=1, cutoff=0.6)
            hint = f"; did you mean `{matches[0]}`?" if matches else ""
            self.report(arg.keyword, f"`{spec.name}` takes no argument `{old}`{hint}")

    def _rename(self, call: cst.Call, arg: cst.Arg, class_name: str, rename: Rename) -> None:
        old = arg.keyword.value
        message = f"`{class_name}` takes no argument `{old}`: the provider renamed it `{rename.new}`"
        if keyword_arg(call, rename.new) is not None:
            self.report(arg.keyword, message + ", which is already set")
            return
        value = arg.value
        if rename.values is not None:
            source = cst.Module([]).code_for_node(value)
            if source not in rename.values:
                self.report(arg.keyword, message + " with a different value")
                return
            value = cst.parse_expression(rename.values[source])
        self.report(
            arg.keyword,
            message,
            replacements={arg: arg.with_changes(keyword=cst.Name(rename.new), value=value)},
        )
