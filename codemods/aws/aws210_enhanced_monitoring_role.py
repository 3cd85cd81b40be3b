from __future__ import annotations

import re
from typing import Optional, Sequence

import libcst as cst

from iacfix.calls import keyword_arg, string_value
from iacfix.codemods.aws.aws208_duplicate_security_group_rules import (
    Built,
    FileIndex,
    append_arg,
    keyword,
)
from iacfix.codemods.aws.aws211_monitoring_role_dependency import (
    MONITORED,
    Dependencies,
    base_name,
    spell_class,
)
from iacfix.metadata import ParentNodeProvider, QualifiedNameProvider
from iacfix.resources import PROVIDER_PACKAGES
from iacfix.rule import FixSafety, ImportEdit, Platform, Rule
from iacfix.statements import parse_statements, unused_name, variable_name

POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
TRUST_POLICY = """json.dumps({
    "Version": "2012-10-17",
    "Statement": [{
        "Effect": "Allow",
        "Principal": {"Service": "monitoring.rds.amazonaws.com"},
        "Action": "sts:AssumeRole",
    }],
})"""
# The role and attachment classes per platform: (module, class).
CLASSES = {
    Platform.CDKTF: (("iam_role", "IamRole"), ("iam_role_policy_attachment", "IamRolePolicyAttachment")),
    Platform.PULUMI: (("iam", "Role"), ("iam", "RolePolicyAttachment")),
}


def monitoring_interval(built: Built) -> Optional[int]:
    arg = keyword_arg(built.call, "monitoring_interval")
    if arg is None or not isinstance(arg.value, cst.Integer):
        return None
    return int(arg.value.value)


def _id_arg(built: Built) -> Optional[cst.Arg]:
    """The construct id (CDKTF, second positional) or resource name (Pulumi, first)."""
    positional = [a for a in built.call.args if a.keyword is None and not a.star]
    position = 1 if built.resource.platform is Platform.CDKTF else 0
    if len(positional) > position:
        return positional[position]
    name = "id_" if built.resource.platform is Platform.CDKTF else "resource_name"
    return keyword_arg(built.call, name)


def derived_id(
    module: cst.Module,
    node: cst.BaseExpression,
    suffix: str,
    fallback: str,
    drop: frozenset[str] = frozenset(),
) -> str:
    """Source code of an id derived from `node`: `"db"` -> `"db-monitoring-role"`,
    `f"{name}-db"` -> `f"{name}-db-monitoring-role"`, in the separator style of the id.
    Interpolations of the names in `drop` (loop variables) are left out."""
    text = string_value(node)
    if text is None and not isinstance(node, cst.FormattedString):
        return _quoted(fallback)
    if text is None:
        if node.start not in ('f"', "f'"):
            return _quoted(fallback)
        kept = [p for p in node.parts if not _mentions(p, drop)]
        sample = "".join(p.value for p in kept if isinstance(p, cst.FormattedStringText))
        body = "".join(module.code_for_node(p) for p in kept)
    else:
        sample = body = text
    separator = "_" if "_" in sample or "-" not in sample else "-"
    body = re.sub(r"([-_])[-_]+", r"\1", body).strip("-_")
    if not body:
        return _quoted(fallback)
    body += separator + suffix.replace("_", separator)
    if text is not None or not any(isinstance(p, cst.FormattedStringExpression) for p in kept):
        value = body if text is not None else body.replace("{{", "{").replace("}}", "}")
        return _quoted(value)
    return "f" + node.start[-1] + body + node.end


def _mentions(node: cst.CSTNode, names: frozenset[str]) -> bool:
    if not names or not isinstance(node, cst.FormattedStringExpression):
        return False
    found = []

    class Find(cst.CSTVisitor):
        def visit_Name(self, name: cst.Name) -> None:
            found.append(name.value in names)

    node.visit(Find())
    return any(found)


def loop_names(node: cst.BaseExpression) -> set[str]:
    found: set[str] = set()

    class Find(cst.CSTVisitor):
        def visit_Name(self, name: cst.Name) -> None:
            found.add(name.value)

    node.visit(Find())
    return found


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class EnhancedMonitoringRole(Rule):
    """
    ## What it does
    Finds a DB instance, Aurora cluster instance or Multi-AZ DB cluster with enhanced monitoring
    turned on (`monitoring_interval` greater than 0) and no `monitoring_role_arn`, and adds the
    role enhanced monitoring needs: an IAM role trusted by `monitoring.rds.amazonaws.com`, the
    AWS-managed `AmazonRDSEnhancedMonitoringRole` policy attached to it, both placed right
    before the first database that uses them (they must exist before it refers to them) and
    named after it. The database gets `monitoring_role_arn=<role>.arn` and a dependency on the
    attachment. Databases built next to each other share one role. The classes are spelled the
    way the file spells the database (`IamRole` / `iam_role.IamRole`, `aws.iam.Role`), and
    imported once where needed.

    ## Why is this bad?
    RDS publishes enhanced-monitoring metrics through a role it assumes; without one, AWS refuses
    the database: `InvalidParameterCombination: A MonitoringRoleARN value is required if you
    specify a MonitoringInterval value other than 0`. A role that RDS cannot assume, or that
    lacks the policy when the database is created, fails with `InvalidParameterValue: IAM role
    ARN value is invalid or does not include the required permissions for:
    ENHANCED_MONITORING`, hence the dependency on the attachment.

    ## Example
    ```python
    import json

    from cdktf_cdktf_provider_aws.db_instance import DbInstance

    db = DbInstance(
        self,
        "db",
        engine="postgres",
        instance_class="db.t3.micro",
        monitoring_interval=60,
    )
    ```

    ## Use instead
    ```python
    import json

    from cdktf_cdktf_provider_aws.db_instance import DbInstance
    from cdktf_cdktf_provider_aws.iam_role import IamRole
    from cdktf_cdktf_provider_aws.iam_role_policy_attachment import IamRolePolicyAttachment

    db_monitoring_role = IamRole(
        self,
        "db_monitoring_role",
        assume_role_policy=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Principal": {"Service": "monitoring.rds.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }],
        }),
    )
    db_monitoring_role_policy = IamRolePolicyAttachment(
        self,
        "db_monitoring_role_policy",
        role=db_monitoring_role.name,
        policy_arn="arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
    )

    db = DbInstance(
        self,
        "db",
        engine="postgres",
        instance_class="db.t3.micro",
        monitoring_interval=60,
        monitoring_role_arn=db_monitoring_role.arn,
        depends_on=[db_monitoring_role_policy],
    )
    ```

    ## Fix safety
    Unsafe: it creates an IAM role in the account, with a name AWS generates, and an
    organization may require its own roles (a naming scheme, a permissions boundary, a shared
    role managed elsewhere). The fix is only offered for a database built by a statement of its
    own; the role is trusted by `monitoring.rds.amazonaws.com` and carries exactly the
    AWS-managed policy for the purpose, in the `aws` partition.
    """

    CODE = "AWS210"
    NAME = "enhanced-monitoring-role"
    SUMMARY = "enhanced monitoring (`monitoring_interval` > 0) without a monitoring role"
    PLATFORM = Platform.BOTH
    FIX = FixSafety.UNSAFE
    TOKENS = ("monitoring_interval",)
    PACKAGES = PROVIDER_PACKAGES

    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider)

    def visit_Module(self, node: cst.Module) -> None:
        index = FileIndex.of(self, node)
        wanting = [
            b
            for b in index.of_type(*MONITORED)
            if (monitoring_interval(b) or 0) > 0
            and keyword_arg(b.call, "monitoring_role_arn") is None
            and not any(a.star == "**" for a in b.call.args)
        ]
        # Databases built in the same block, by the same scope and provider, share a role.
        groups: dict[tuple, list[Built]] = {}
        for built in wanting:
            groups.setdefault(self._group_key(index, built), []).append(built)
        for key, group in groups.items():
            fix = self._fix(index, group) if key[0] is not None else None
            for built in group:
                interval = keyword_arg(built.call, "monitoring_interval")
                message = (
                    f"`monitoring_interval={monitoring_interval(built)}` turns on enhanced "
                    "monitoring, which needs `monitoring_role_arn`: RDS refuses the database "
                    "(InvalidParameterCombination: A MonitoringRoleARN value is required ...)"
                )
                if fix is None:
                    self.report(interval, message)
                else:
                    self.report(interval, message, replacements=fix[0], imports=fix[1])

    def _anchor(self, built: Built) -> tuple[cst.BaseStatement, frozenset[str]]:
        """The statement the new ones go in front of: the database's own, or the outermost loop
        around it in its function (one role serves every turn); and the loops' variables."""
        anchor, names = built.statement, set()
        current = self.get_metadata(ParentNodeProvider, built.statement, None)
        while current is not None and current is not built.scope:
            if isinstance(current, (cst.For, cst.While)):
                anchor = current
                if isinstance(current, cst.For):
                    names |= loop_names(current.target)
            current = self.get_metadata(ParentNodeProvider, current, None)
        return anchor, frozenset(names)

    def _group_key(self, index: FileIndex, built: Built) -> tuple:
        if not built.stands_alone or _id_arg(built) is None:
            return (None, id(built))
        anchor, names = self._anchor(built)
        block = self.get_metadata(ParentNodeProvider, anchor, None)
        module = index.module
        shared = []
        if built.resource.platform is Platform.CDKTF:
            positional = [a for a in built.call.args if a.keyword is None and not a.star]
            if not positional:
                return (None, id(built))  # the scope is passed by keyword: not written here
            shared.append(module.code_for_node(positional[0].value))
            provider = keyword_arg(built.call, "provider")
            shared.append(module.code_for_node(provider.value) if provider else "")
        else:
            opts = keyword_arg(built.call, "opts")
            shared.append(module.code_for_node(opts.value) if opts else "")
        if any(name in names for text in shared for name in re.findall(r"\w+", text)):
            return (None, id(built))  # the scope or provider changes with the loop
        return (id(block), built.resource.platform, *shared)

    # -- the fix ----------------------------------------------------------------------------------

    def _fix(self, index: FileIndex, group: Sequence[Built]):
        first = group[0]
        module = index.module
        platform = first.resource.platform
        dependencies = Dependencies(self, index)
        named_after = self._named_after(index, group, looped=self._anchor(first)[0] is not first.statement)
        base = (
            base_name(named_after.name)
            if named_after is not None and named_after.name is not None
            else variable_name(self._id_text(named_after)) if named_after is not None else "rds"
        )
        role_var = unused_name(module, f"{base}_monitoring_role")
        policy_var = unused_name(module, f"{role_var}_policy")
        anchor, names = self._anchor(first)
        if named_after is not None:
            id_node = _id_arg(named_after).value
            role_id = derived_id(module, id_node, "monitoring_role", role_var, names)
            policy_id = derived_id(module, id_node, "monitoring_role_policy", policy_var, names)
        else:
            role_id, policy_id = _quoted(role_var), _quoted(policy_var)
        # A construct id (resource name) the file already uses would clash: numbered names then
        # serve as variables and ids alike.
        strings = _string_values(module)
        if any(string_value(cst.parse_expression(i)) in strings for i in (role_id, policy_id)):
            number = 2
            while True:
                role_var = unused_name(module, f"{base}_monitoring_role_{number}")
                policy_var = unused_name(module, f"{role_var}_policy")
                if role_var not in strings and policy_var not in strings:
                    break
                number += 1
            role_id, policy_id = _quoted(role_var), _quoted(policy_var)

        imports: list[ImportEdit] = [ImportEdit("json", None)]  # type: ignore[arg-type]
        (role_module, role_class), (policy_module, policy_class) = CLASSES[platform]
        role_func, more = spell_class(first.call.func, first.resource, role_module, role_class)
        imports += more
        policy_func, more = spell_class(first.call.func, first.resource, policy_module, policy_class)
        imports += more

        if platform is Platform.CDKTF:
            scope = module.code_for_node(next(a for a in first.call.args if a.keyword is None).value)
            head = [scope]
            provider = keyword_arg(first.call, "provider")
            tail = [f"provider={module.code_for_node(provider.value)}"] if provider else []
        else:
            head = []
            tail = self._pulumi_tail(index, first, dependencies)
            if tail is None:
                return None
            if tail:
                imports += dependencies.options_imports
        role_code = _call_code(
            module.code_for_node(role_func),
            [*head, role_id, f"assume_role_policy={TRUST_POLICY}", *tail],
        )
        policy_code = _call_code(
            module.code_for_node(policy_func),
            [*head, policy_id, f"role={role_var}.name", f'policy_arn="{POLICY_ARN}"', *tail],
        )
        indent = module.default_indent
        code = f"{role_var} = {role_code}\n{policy_var} = {policy_code}\n".replace("    ", indent)
        new_statements = parse_statements(code)

        replacements: dict = {}
        for built in group:
            call = _with_role(built.call, cst.parse_expression(f"{role_var}.arn"))
            added = dependencies.add(built, call, cst.Name(policy_var))
            if added is not None:
                call, more = added
                imports += more
            replacements[built.call] = call
        # The new statements go in front of the first database's statement (or its loop), which
        # gives them the blank lines before it; its own comments stay with it.
        blanks, rest = _split_leading_lines(anchor.leading_lines)
        new_statements[0] = new_statements[0].with_changes(leading_lines=blanks)
        placed = anchor
        for built in group:
            if _contains(self, anchor, built.call):
                placed = placed.deep_replace(built.call, replacements.pop(built.call))
        placed = placed.with_changes(leading_lines=[*blanks[:1], *rest])
        replacements[anchor] = cst.FlattenSentinel([*new_statements, placed])
        return replacements, tuple(dict.fromkeys(imports))

    def _pulumi_tail(self, index: FileIndex, built: Built, dependencies: Dependencies):
        """`opts=...(parent=..., provider=...)` for the new resources, copied from the database."""
        opts = keyword_arg(built.call, "opts")
        if opts is None or (isinstance(opts.value, cst.Name) and opts.value.value == "None"):
            return []
        if not dependencies.is_options(opts.value):
            return None
        kept = [
            a
            for a in opts.value.args
            if a.keyword is not None and a.keyword.value in ("parent", "provider", "providers")
        ]
        if not kept:
            return []
        module = index.module
        inner = ", ".join(f"{a.keyword.value}={module.code_for_node(a.value)}" for a in kept)
        return [f"opts={dependencies.options}({inner})"]

    def _named_after(self, index: FileIndex, group: Sequence[Built], looped: bool) -> Optional[Built]:
        """What the role is named after: the one database, or the cluster all of the databases
        (or the one built in a loop) belong to."""
        if len(group) == 1 and not looped:
            return group[0]
        clusters = set()
        for built in group:
            arg = keyword_arg(built.call, "cluster_identifier")
            found = index.attribute_of(arg.value) if arg is not None else None
            clusters.add(found[0] if found is not None else None)
        cluster = clusters.pop() if len(clusters) == 1 else None
        if cluster is not None and _id_arg(cluster) is not None:
            return cluster
        return group[0] if len(group) == 1 else None

    def _id_text(self, built: Built) -> str:
        node = _id_arg(built).value
        text = string_value(node)
        if text is None and isinstance(node, cst.FormattedString):
            text = "".join(p.value for p in node.parts if isinstance(p, cst.FormattedStringText))
        return text or "rds"


def _call_code(func: str, args: Sequence[str]) -> str:
    """`func(` with one argument a line, as code to parse; continuation lines indented along."""
    lines = [f"{func}("]
    for arg in args:
        lines.append("    " + arg.replace("\n", "\n    ") + ",")
    lines.append(")")
    return "\n".join(lines)


def _with_role(call: cst.Call, value: cst.BaseExpression) -> cst.Call:
    """`call` with `monitoring_role_arn=value` right after `monitoring_interval`, in its layout."""
    args = list(call.args)
    anchor = keyword_arg(call, "monitoring_interval")
    index = next(i for i, a in enumerate(args) if a is anchor)
    new = keyword("monitoring_role_arn", value)
    if index == len(args) - 1:
        return append_arg(call, new)
    comma = anchor.comma
    whitespace = comma.whitespace_after
    if isinstance(whitespace, cst.ParenthesizedWhitespace):
        whitespace = whitespace.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])
    args.insert(index + 1, new.with_changes(comma=comma.with_changes(whitespace_after=whitespace)))
    return call.with_changes(args=args)


def _split_leading_lines(lines: Sequence[cst.EmptyLine]) -> tuple[list, list]:
    """The blank lines at the start, and the rest (comments and what follows them)."""
    lines = list(lines)
    count = 0
    while count < len(lines) and lines[count].comment is None:
        count += 1
    return lines[:count], lines[count:]


def _contains(rule: Rule, outer: cst.CSTNode, node: cst.CSTNode) -> bool:
    current: Optional[cst.CSTNode] = node
    while current is not None:
        if current is outer:
            return True
        current = rule.get_metadata(ParentNodeProvider, current, None)
    return False


def _string_values(module: cst.Module) -> set:
    found: set = set()

    class Strings(cst.CSTVisitor):
        def visit_SimpleString(self, node: cst.SimpleString) -> None:
            found.add(node.evaluated_value)

    module.visit(Strings())
    return found
