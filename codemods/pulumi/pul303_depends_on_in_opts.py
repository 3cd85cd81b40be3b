from __future__ import annotations

from typing import Optional

import libcst as cst

from iacfix.calls import keyword_arg, remove_arg
from iacfix.resources import PULUMI_PACKAGE, imported_names, resolve_call
from iacfix.rule import FixSafety, ImportEdit, Platform, Rule

RESOURCE_OPTIONS = ("pulumi.ResourceOptions", "pulumi.resource.ResourceOptions")


def _no_space() -> cst.AssignEqual:
    return cst.AssignEqual(
        whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
    )


def _without_comment(whitespace: cst.BaseParenthesizableWhitespace):
    if isinstance(whitespace, cst.ParenthesizedWhitespace):
        return whitespace.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])
    return whitespace


def append_keyword(
    call: cst.Call, name: str, value: cst.BaseExpression, comment: Optional[cst.Comment] = None
) -> tuple[cst.Call, bool]:
    """`call` with `name=value` after its last argument, in the layout of the arguments before,
    and whether `comment` could be put at the end of the new argument's line."""
    added = cst.Arg(keyword=cst.Name(name), value=value, equal=_no_space())
    args = list(call.args)
    if not args:
        return call.with_changes(args=[added]), False
    last = args[-1]
    # What separates two arguments: the comma of the one before the last, else a line break like
    # the one after `(`, else a space.
    if len(args) > 1 and isinstance(args[-2].comma, cst.Comma):
        separator = args[-2].comma.with_changes(
            whitespace_after=_without_comment(args[-2].comma.whitespace_after)
        )
    elif isinstance(call.whitespace_before_args, cst.ParenthesizedWhitespace):
        separator = cst.Comma(whitespace_after=call.whitespace_before_args)
    else:
        separator = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if isinstance(last.comma, cst.Comma):  # a trailing comma: the new argument takes it over
        # The last argument's own trailing comment stays on its line.
        keep = last.comma.whitespace_after
        if isinstance(keep, cst.ParenthesizedWhitespace) and isinstance(
            separator.whitespace_after, cst.ParenthesizedWhitespace
        ):
            separator = separator.with_changes(
                whitespace_after=separator.whitespace_after.with_changes(first_line=keep.first_line)
            )
            keep = keep.with_changes(first_line=cst.TrailingWhitespace())
        args[-1] = last.with_changes(comma=separator)
        added = added.with_changes(comma=last.comma.with_changes(whitespace_after=keep))
        with_comment = _with_comment(added, comment)
        args.append(with_comment)
        return call.with_changes(args=args), with_comment is not added
    args[-1] = last.with_changes(comma=separator, whitespace_after_arg=cst.SimpleWhitespace(""))
    args.append(added.with_changes(whitespace_after_arg=last.whitespace_after_arg))
    return call.with_changes(args=args), False


def _trailing_comment(arg: cst.Arg) -> Optional[cst.Comment]:
    if isinstance(arg.comma, cst.Comma):
        after = arg.comma.whitespace_after
        if isinstance(after, cst.ParenthesizedWhitespace):
            return after.first_line.comment
    return None


def _with_comment(arg: cst.Arg, comment: Optional[cst.Comment]) -> cst.Arg:
    """`arg` with `comment` at the end of its line, if the line has none and ends after a comma."""
    if comment is None or _trailing_comment(arg) is not None:
        return arg
    if not isinstance(arg.comma, cst.Comma):
        return arg
    after = arg.comma.whitespace_after
    if not isinstance(after, cst.ParenthesizedWhitespace):
        return arg
    first = after.first_line.with_changes(whitespace=cst.SimpleWhitespace("  "), comment=comment)
    return arg.with_changes(
        comma=arg.comma.with_changes(whitespace_after=after.with_changes(first_line=first))
    )


class DependsOnInOpts(Rule):
    """
    ## What it does
    Finds `depends_on=` passed to a pulumi_aws resource as if it were one of its arguments, and
    moves it into the resource options: `opts=pulumi.ResourceOptions(depends_on=...)`. An
    existing `opts=pulumi.ResourceOptions(...)` gets the keyword added; any other `opts`
    expression is merged with `pulumi.ResourceOptions.merge(...)`. `ResourceOptions` is spelled
    the way the file imports it, and imported (`from pulumi import ResourceOptions`) where the
    file does not.

    ## Why is this bad?
    In Pulumi, `depends_on` is a resource option, not a resource input: pulumi_aws resources
    have no `depends_on` argument, so the call raises `TypeError: Instance._internal_init() got
    an unexpected keyword argument 'depends_on'` while the program runs, at `pulumi preview` or
    `pulumi up`, and nothing is deployed. (In CDKTF and Terraform it is an argument of the
    resource, which is where the habit comes from.)

    ## Example
    ```python
    import pulumi
    import pulumi_aws as aws

    role = aws.iam.Role("monitoring", assume_role_policy=policy)
    db = aws.rds.Instance(
        "db",
        instance_class="db.t3.micro",
        monitoring_role_arn=role.arn,
        depends_on=[role],
    )
    ```

    ## Use instead
    ```python
    import pulumi
    import pulumi_aws as aws

    role = aws.iam.Role("monitoring", assume_role_policy=policy)
    db = aws.rds.Instance(
        "db",
        instance_class="db.t3.micro",
        monitoring_role_arn=role.arn,
        opts=pulumi.ResourceOptions(depends_on=[role]),
    )
    ```

    ## Fix safety
    Safe: the resource gets the dependency the code asked for, and the call could not run
    before. When the options already set `depends_on`, or may (a call or options that unpack
    `*args` / `**kwargs`, or options passed positionally), the finding has no fix: which
    dependencies to keep is the author's choice.
    """

    CODE = "PUL303"
    NAME = "depends-on-in-opts"
    SUMMARY = "`depends_on=` passed as a pulumi_aws resource argument instead of a resource option"
    PLATFORM = Platform.PULUMI
    FIX = FixSafety.SAFE
    TOKENS = ("depends_on",)
    PACKAGES = (PULUMI_PACKAGE,)

    def __init__(self, context) -> None:
        super().__init__(context)
        self._spelling: Optional[str] = None  # how the file names ResourceOptions

    def visit_Module(self, node: cst.Module) -> None:
        module_import = from_import = None
        for statement in _imports(node):
            if isinstance(statement, cst.Import):
                for alias in statement.names:
                    if cst.helpers.get_full_name_for_node(alias.name) == "pulumi":
                        bound = alias.asname.name.value if alias.asname else "pulumi"
                        module_import = module_import or f"{bound}.ResourceOptions"
            elif (
                not statement.relative
                and statement.module is not None
                and cst.helpers.get_full_name_for_node(statement.module) == "pulumi"
                and not isinstance(statement.names, cst.ImportStar)
            ):
                for alias in statement.names:
                    if alias.name.value == "ResourceOptions":
                        from_import = from_import or (
                            alias.asname.name.value if alias.asname else "ResourceOptions"
                        )
        self._spelling = from_import or module_import

    def visit_Call(self, node: cst.Call) -> None:
        depends_on = keyword_arg(node, "depends_on")
        if depends_on is None:
            return
        resource = resolve_call(self, node)
        if resource is None or resource.pulumi is None or "depends_on" in resource.pulumi.args:
            return
        problem = (
            f"`{resource.module}.{resource.name}` has no argument `depends_on` (TypeError at "
            "`pulumi up`)"
        )
        positional = [arg for arg in node.args if arg.keyword is None and not arg.star]
        spelling = self._spelling or "ResourceOptions"
        advice = f"{problem}: it is a resource option; pass `opts={spelling}(depends_on=...)`"
        if any(arg.star for arg in node.args) or len(positional) > 1:
            self.report(depends_on.keyword, advice)  # the options may be there already
            return
        opts = keyword_arg(node, "opts")
        imports = () if self._spelling else (ImportEdit("pulumi", "ResourceOptions"),)

        def options(*args: cst.Arg) -> cst.Call:
            return cst.Call(func=cst.parse_expression(spelling), args=args)

        comment = _trailing_comment(depends_on)
        moved = cst.Arg(keyword=cst.Name("depends_on"), value=depends_on.value, equal=_no_space())
        if opts is None or (isinstance(opts.value, cst.Name) and opts.value.value == "None"):
            new_value = options(moved)
            if opts is None:  # in place: `depends_on=[x]` -> `opts=ResourceOptions(depends_on=[x])`
                self.report(
                    depends_on.keyword,
                    advice,
                    replacements={
                        depends_on: depends_on.with_changes(
                            keyword=cst.Name("opts"), value=new_value
                        )
                    },
                    imports=imports,
                )
                return
        elif self._is_resource_options(opts.value):
            if keyword_arg(opts.value, "depends_on") is not None:
                conflict = "already sets it"
            elif any(arg.star for arg in opts.value.args):
                conflict = "may set it too (it unpacks arguments)"
            else:
                conflict = None
            if conflict is not None:
                self.report(
                    depends_on.keyword,
                    f"{problem}: it is a resource option, and `opts` {conflict}: "
                    "merge the two there",
                )
                return
            new_value, placed = append_keyword(opts.value, "depends_on", depends_on.value, comment)
            if placed:
                comment = None
            imports = ()
        else:
            merge = cst.Attribute(value=cst.parse_expression(spelling), attr=cst.Name("merge"))
            new_value = cst.Call(
                func=merge,
                args=[
                    cst.Arg(
                        opts.value,
                        comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
                    ),
                    cst.Arg(options(moved)),
                ],
            )
        without = remove_arg(node, depends_on)
        kept = keyword_arg(without, "opts")  # the removal may have changed its comma
        new_opts = _with_comment(kept.with_changes(value=new_value), comment)
        updated = without.with_changes(
            args=[new_opts if arg is kept else arg for arg in without.args]
        )
        self.report(
            depends_on.keyword,
            advice,
            replacements={node: updated},
            imports=imports,
        )

    def _is_resource_options(self, node: cst.BaseExpression) -> bool:
        return isinstance(node, cst.Call) and any(
            name in RESOURCE_OPTIONS for name in imported_names(self, node.func)
        )


def _imports(module: cst.Module):
    """Every import statement of the module, at any depth."""
    found: list = []

    class Collect(cst.CSTVisitor):
        def visit_Import(self, node: cst.Import) -> None:
            found.append(node)

        def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
            found.append(node)

    module.visit(Collect())
    return found
