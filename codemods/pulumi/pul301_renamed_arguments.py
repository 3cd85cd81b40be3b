from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Mapping, Optional

import libcst as cst

from iacfix.calls import keyword_arg, remove_arg, string_literal
from iacfix.provider_index import CdktfClass, PulumiResource, load
from iacfix.resources import PULUMI_PACKAGE, imported_names, resolve_call
from iacfix.rule import FixSafety, Platform, Rule


@dataclass(frozen=True)
class Change:
    """What became of an argument a pulumi_aws resource does not accept."""

    new: Optional[str] = None  # the argument to use instead; None when there is none
    to_list: bool = False  # the new argument takes a list of what the old one took
    # Literal values that map to a value of the new argument (`vpc=True` -> `domain="vpc"`); with
    # these, other values get a finding without a fix.
    values: tuple[tuple[bool, str], ...] = ()
    # A removed on/off flag for `feature`: `False` is dropped; `True` is dropped when one of these
    # arguments is given (it is what turns the feature on), else it gets a finding saying so.
    feature: str = ""
    implied_by: tuple[str, ...] = ()
    hint: str = ""  # what to write instead, when no fix applies


# The arguments pulumi-aws does not accept under the name a program used, by Terraform resource
# type (so that every Pulumi class of the type is covered): arguments the package removed or
# renamed, and Terraform spellings that the package renamed. Each entry is checked against the
# provider index by the tests. Terraform's block names that a class spells in the plural
# (`default_action` -> `default_actions`) are read from the index itself, by `terraform_plurals`.
CHANGES: Mapping[str, Mapping[str, Change]] = {
    "aws_elasticache_replication_group": {
        "replication_group_description": Change("description"),
        "number_cache_clusters": Change("num_cache_clusters"),
        "availability_zones": Change("preferred_cache_cluster_azs"),
        "auth_token_enabled": Change(
            feature="AUTH",
            implied_by=("auth_token", "auth_token_wo"),
            hint=(
                "AUTH is turned on by setting `auth_token` "
                "(with `transit_encryption_enabled=True`)"
            ),
        ),
    },
    "aws_eip": {
        "vpc": Change(
            "domain",
            values=((True, "vpc"),),
            hint='every Elastic IP is now allocated for use in a VPC; use `domain="vpc"`',
        ),
    },
    "aws_cloudwatch_metric_alarm": {"alarm_name": Change("name")},
    "aws_codepipeline": {"artifact_store": Change("artifact_stores", to_list=True)},
    "aws_batch_compute_environment": {
        "compute_environment_name": Change("name"),
        "compute_environment_name_prefix": Change("name_prefix"),
    },
    "aws_networkmanager_core_network": {
        "base_policy_region": Change("base_policy_regions", to_list=True),
    },
    "aws_api_gateway_authorizer": {"rest_api_id": Change("rest_api")},
    "aws_api_gateway_deployment": {"rest_api_id": Change("rest_api")},
    "aws_api_gateway_integration": {"rest_api_id": Change("rest_api")},
    "aws_api_gateway_method": {"rest_api_id": Change("rest_api")},
    "aws_api_gateway_stage": {
        "rest_api_id": Change("rest_api"),
        "deployment_id": Change("deployment"),
    },
    "aws_instance": {"fetch_password_data": Change("get_password_data")},
    "aws_spot_instance_request": {"fetch_password_data": Change("get_password_data")},
    "aws_elastic_beanstalk_environment": {"version_label": Change("version")},
    "aws_lambda_function": {"function_name": Change("name")},
    "aws_lambda_permission": {"function_name": Change("function")},
    "aws_sns_topic_subscription": {"topic_arn": Change("topic")},
}


def plurals(name: str) -> list[str]:
    """The plural spellings Pulumi gives a Terraform block or list: `rule` -> `rules`,
    `routing_policy` -> `routing_policies`, `partition_index` -> `partition_indices`."""
    found = [name + "s", name + "es"]
    if name.endswith("y"):
        found.append(name[:-1] + "ies")
    if name.endswith("ex"):
        found.append(name[:-2] + "ices")
    return found


@functools.lru_cache(maxsize=None)
def _terraform_class(terraform_type: str) -> Optional[CdktfClass]:
    """The Terraform resource as the index's CDKTF half describes it, with Terraform's names."""
    index = load()
    module = terraform_type[len("aws_") :]
    for name in index.cdktf_names(module) or ():
        found = index.cdktf_class(module, name)
        if found is not None and found.kind == "resource":
            return found
    return None


@functools.lru_cache(maxsize=None)
def terraform_plurals(module: str, name: str) -> Mapping[str, Change]:
    """Terraform arguments that the Pulumi class `module.name` spells in the plural, read from
    the index: Terraform has the singular and not the plural, the class the plural only."""
    resource = load().pulumi_resource(module, name)
    terraform = _terraform_class(resource.terraform_type) if resource.terraform_type else None
    if terraform is None:
        return {}
    changes = {}
    for old, code in terraform.args.items():
        if old in resource.args:
            continue
        for new in plurals(old):
            if new in resource.args and new not in terraform.args:
                # Blocks become lists of blocks; list arguments stay lists.
                changes[old] = Change(new, to_list=code[:1] in ("*", "@"))
                break
    return changes


def changes_for(resource: PulumiResource) -> Mapping[str, Change]:
    """Every argument of the table (and of Terraform's plural spellings) that `resource` lacks."""
    if resource.terraform_type is None:
        return {}
    changes = dict(terraform_plurals(resource.module, resource.name))
    changes.update(CHANGES.get(resource.terraform_type, {}))
    return {old: change for old, change in changes.items() if old not in resource.args}


def pulumi_resource_call(rule: Rule, call: cst.Call) -> Optional[tuple[PulumiResource, str]]:
    """The pulumi_aws resource a call builds, or whose `<Resource>Args` class it builds, with the
    name it has in messages (`elasticache.ReplicationGroup`, `elasticache.ReplicationGroupArgs`)."""
    found = resolve_call(rule, call)
    if found is None or not found.qualified_name.startswith(PULUMI_PACKAGE + "."):
        return None
    label = f"{found.module}.{found.name}"
    if found.pulumi is not None:
        return found.pulumi, label
    # A resource's arguments class is `<Resource>Args`, or `<Resource>InitArgs` where a nested
    # input type already has that name (`s3.BucketVersioningArgs` is `Bucket`'s `versioning`).
    index = load()
    names = index.pulumi_names(found.module) or ()
    for suffix in ("InitArgs", "Args"):
        base = found.name[: -len(suffix)]
        if found.name.endswith(suffix) and base:
            resource = index.pulumi_resource(found.module, base)
            expected = base + ("InitArgs" if base + "InitArgs" in names else "Args")
            if resource is not None and found.name == expected:
                return resource, label
    return None


def is_list_value(node: cst.BaseExpression) -> bool:
    return isinstance(node, (cst.List, cst.Tuple, cst.ListComp))


def is_single_block(rule: Rule, node: cst.BaseExpression) -> bool:
    """A dict literal, `dict(...)`, or a pulumi_aws `...Args(...)` class call: one block."""
    if isinstance(node, (cst.Dict, cst.DictComp)):
        return True
    if isinstance(node, cst.Call):
        if isinstance(node.func, cst.Name) and node.func.value == "dict":
            return True
        return any(
            name.startswith(PULUMI_PACKAGE + ".") and name.endswith("Args")
            for name in imported_names(rule, node.func)
        )
    return False


def _bool_literal(node: cst.BaseExpression) -> Optional[bool]:
    if isinstance(node, cst.Name) and node.value in ("True", "False"):
        return node.value == "True"
    return None


def _is_off(node: cst.BaseExpression) -> bool:
    return _bool_literal(node) is False or (isinstance(node, cst.Name) and node.value == "None")


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


class RenamedArguments(Rule):
    """
    ## What it does
    Finds keyword arguments that a pulumi_aws resource (or its `...Args` class) no longer accepts
    under the name used, and rewrites them to the argument that replaced them: ElastiCache
    `replication_group_description` -> `description`, `number_cache_clusters` ->
    `num_cache_clusters`, `availability_zones` -> `preferred_cache_cluster_azs`; Elastic IP
    `vpc=True` -> `domain="vpc"`; CloudWatch metric alarm `alarm_name` -> `name`; Batch
    `compute_environment_name` -> `name`; and the Terraform spellings the package renamed
    (`rest_api_id` -> `rest_api`, Lambda `function_name` -> `name`). Terraform's block names
    that Pulumi spells in the plural (CodePipeline `artifact_store` -> `artifact_stores`, load
    balancer `default_action` -> `default_actions`, Auto Scaling `vpc_zone_identifier` ->
    `vpc_zone_identifiers`) are read from the provider index; a single block passed to them is put
    in a list. ElastiCache `auth_token_enabled`, which does not exist, is removed where that
    keeps the meaning (it is `False`, or `auth_token` is given). Values, comments and argument
    order are kept.

    ## Why is this bad?
    pulumi-aws resources accept only the arguments their generated `_internal_init` declares, so
    an unknown one raises `TypeError: ReplicationGroup._internal_init() got an unexpected keyword
    argument 'replication_group_description'` while the program runs, at `pulumi preview` or
    `pulumi up`, and nothing is deployed. The package renamed or removed these arguments
    (pulumi-aws is bridged from the Terraform provider, and follows its removals and its own
    renames), and some required ones such as `description` are then missing too.

    ## Example
    ```python
    import pulumi_aws as aws

    redis = aws.elasticache.ReplicationGroup(
        "redis",
        replication_group_description="Session cache",
        auth_token_enabled=False,  # no AUTH inside the VPC
        node_type="cache.t3.micro",
        number_cache_clusters=2,
    )
    ```

    ## Use instead
    ```python
    import pulumi_aws as aws

    redis = aws.elasticache.ReplicationGroup(
        "redis",
        description="Session cache",
        node_type="cache.t3.micro",
        num_cache_clusters=2,
    )
    ```

    ## Fix safety
    Safe: the new argument takes the same value (or a one-item list of it, or the literal the
    package documents for it), and the call could not run before. Where the value's shape cannot
    be told (a variable passed to a block now taking a list), the fix wraps it in a list and is
    unsafe. An argument whose new name is also given is removed only when both carry the same
    value; otherwise, and where dropping a removed flag would lose its meaning, the finding has
    no fix.
    """

    CODE = "PUL301"
    NAME = "renamed-arguments"
    SUMMARY = "argument renamed or removed in pulumi-aws (`replication_group_description`, ...)"
    PLATFORM = Platform.PULUMI
    FIX = FixSafety.SAFE
    TOKENS = ("pulumi_aws",)

    def visit_Call(self, node: cst.Call) -> None:
        found = pulumi_resource_call(self, node)
        if found is None:
            return
        resource, label = found
        changes = changes_for(resource)
        if not changes:
            return
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value in changes:
                self._check(node, arg, changes[arg.keyword.value], label)

    def _check(self, call: cst.Call, arg: cst.Arg, change: Change, label: str) -> None:
        old = arg.keyword.value
        problem = f"`{label}` has no argument `{old}` (TypeError at `pulumi up`)"
        if change.new is None:
            self._removed(call, arg, change, problem)
            return
        new_value: Optional[cst.BaseExpression] = arg.value
        safety = FixSafety.SAFE
        if change.values:
            literal = dict(change.values).get(_bool_literal(arg.value))
            new_value = string_literal(literal) if literal is not None else None
        elif change.to_list and not is_list_value(arg.value):
            if not is_single_block(self, arg.value):
                safety = FixSafety.UNSAFE  # a variable may already hold a list
            new_value = cst.List([cst.Element(arg.value)])
        if change.values and new_value is not None:
            shown = f"`{change.new}={_code(new_value)}`"
        elif change.to_list:
            shown = f"`{change.new}` (a list)"
        else:
            shown = f"`{change.new}`"
        if new_value is None:
            self.report(arg.keyword, f"{problem}: {change.hint}")
            return
        present = keyword_arg(call, change.new)
        if present is not None:
            if _code(present.value) == _code(new_value):
                self.report(
                    arg.keyword,
                    f"{problem}; {shown} is given with the same value: remove `{old}`",
                    replacements={call: remove_arg(call, arg)},
                )
            else:
                self.report(
                    arg.keyword,
                    f"{problem}; {shown} is also given: keep one value, as `{change.new}`",
                )
            return
        if safety is FixSafety.UNSAFE:
            shown = f"`{change.new}`, a list (of this value, if it is one block)"
        self.report(
            arg.keyword,
            f"{problem}: use {shown}",
            replacements={arg: arg.with_changes(keyword=cst.Name(change.new), value=new_value)},
            safety=safety,
        )

    def _removed(self, call: cst.Call, arg: cst.Arg, change: Change, problem: str) -> None:
        implied = next((name for name in change.implied_by if keyword_arg(call, name)), None)
        if _is_off(arg.value) or implied is not None:
            if implied is not None:
                reason = f"`{implied}` turns {change.feature} on"
            else:
                reason = f"{change.feature} is off unless `{change.implied_by[0]}` is set"
            self.report(
                arg.keyword,
                f"{problem}: remove it ({reason})",
                replacements={call: remove_arg(call, arg)},
            )
        else:
            self.report(arg.keyword, f"{problem}: {change.hint}")
