from __future__ import annotations

import difflib
import re

import libcst as cst

from iacfix.rule import FixSafety, Platform, Rule

from iacfix.codemods.pulumi.pul301_renamed_arguments import changes_for, pulumi_resource_call

# Keywords every resource constructor takes besides its arguments: the resource's name, its
# options, an `...Args` object in place of the arguments, and the state of an existing resource.
CONSTRUCTOR_KEYWORDS = frozenset({"resource_name", "opts", "args", "__props__"})
# Passed to a resource as an argument, `depends_on` is PUL303's finding.
MOVED_BY_PUL303 = frozenset({"depends_on"})
# Fields of `pulumi.ResourceOptions` that are sometimes passed as resource arguments.
RESOURCE_OPTIONS = frozenset(
    {
        "additional_secret_outputs",
        "aliases",
        "custom_timeouts",
        "delete_before_replace",
        "deleted_with",
        "depends_on",
        "hide_diffs",
        "ignore_changes",
        "import_",
        "parent",
        "protect",
        "provider",
        "providers",
        "replace_on_changes",
        "replace_with",
        "retain_on_delete",
        "transformations",
        "transforms",
    }
)


def _snake(camel: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", camel).lower()


def closest_arguments(keyword: str, accepted: frozenset[str], resource: str) -> list[str]:
    """The accepted arguments a wrong keyword most likely meant.

    CloudFormation spells a resource's name `<Resource>Name` (`log_group_name`, `queue_name`,
    `bucket_name`), Pulumi `name` (or the resource's own word, `bucket`); otherwise the closest
    spellings, else the accepted argument the keyword ends with.
    """
    words = _snake(resource).split("_")
    for start in range(len(words)):  # `metric_alarm_name`, then `alarm_name`
        prefix = "_".join(words[start:]) + "_"
        if keyword.startswith(prefix):
            rest = keyword[len(prefix) :]
            if rest in accepted:
                return [rest]
            if rest == "name" and prefix[:-1] in accepted:
                return [prefix[:-1]]
    close = difflib.get_close_matches(keyword, sorted(accepted), n=3)
    if close:
        return close
    suffixes = [arg for arg in accepted if keyword.endswith("_" + arg)]
    return sorted(suffixes, key=len, reverse=True)[:1]


class UnknownArguments(Rule):
    """
    ## What it does
    Finds keyword arguments that a pulumi_aws resource (or its `...Args` class) does not accept,
    other than those PUL301 renames and PUL303 moves, and names the closest argument it does
    accept. Calls that unpack `**kwargs` are skipped, since their keywords cannot be seen.

    ## Why is this bad?
    pulumi-aws resources accept only the arguments their generated `_internal_init` declares, so
    an unknown one raises `TypeError: Bucket._internal_init() got an unexpected keyword argument
    'bucket_name'` while the program runs, at `pulumi preview` or `pulumi up`, and nothing is
    deployed. The mistake usually comes from CloudFormation or AWS API spellings
    (`bucket_name`, `queue_name`) or a typo. Snake_case dicts passed as argument values are valid
    Pulumi inputs and are not checked here.

    ## Example
    ```python
    import pulumi_aws as aws

    queue = aws.sqs.Queue("jobs", visibility_timeout=120)
    ```

    ## Use instead
    ```python
    import pulumi_aws as aws

    queue = aws.sqs.Queue("jobs", visibility_timeout_seconds=120)
    ```

    ## Fix safety
    There is no automatic fix: the closest name is a guess, and the value may need to change
    too. The finding names the candidates.
    """

    CODE = "PUL302"
    NAME = "unknown-arguments"
    SUMMARY = "keyword argument a pulumi_aws resource does not accept"
    PLATFORM = Platform.PULUMI
    FIX = FixSafety.NONE
    TOKENS = ("pulumi_aws",)

    def visit_Call(self, node: cst.Call) -> None:
        if any(arg.star == "**" for arg in node.args):
            return
        found = pulumi_resource_call(self, node)
        if found is None:
            return
        resource, label = found
        is_args_class = label.endswith("Args")
        handled = set(changes_for(resource))
        if not is_args_class:
            handled |= CONSTRUCTOR_KEYWORDS | MOVED_BY_PUL303
        accepted = resource.args
        for arg in node.args:
            if arg.keyword is None:
                continue
            keyword = arg.keyword.value
            if keyword in accepted or keyword in handled:
                continue
            candidates = closest_arguments(keyword, accepted, resource.name)
            if keyword in RESOURCE_OPTIONS:
                owner = "the resource's " if is_args_class else ""
                hint = (
                    f"it is a resource option: pass it in {owner}"
                    "`opts=pulumi.ResourceOptions(...)`"
                )
            elif candidates:
                hint = "did you mean " + " or ".join(f"`{c}`" for c in candidates) + "?"
            else:
                hint = "no accepted argument has a similar name"
            self.report(
                arg.keyword,
                f"`{label}` has no argument `{keyword}` (TypeError at `pulumi up`); {hint}",
            )
