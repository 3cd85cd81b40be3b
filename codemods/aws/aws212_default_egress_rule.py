from __future__ import annotations

from typing import Optional, Sequence

import libcst as cst

from iacfix.calls import keyword_arg, string_value
from iacfix.codemods.aws.aws208_duplicate_security_group_rules import (
    RULE_TYPES,
    SECURITY_GROUP,
    Built,
    FileIndex,
    append_arg,
    append_element,
    keyword,
    protocol_name,
)
from iacfix.codemods.aws.aws211_monitoring_role_dependency import spell_class
from iacfix.metadata import ParentNodeProvider, QualifiedNameProvider
from iacfix.resources import CDKTF_PACKAGE, PROVIDER_PACKAGES, PULUMI_PACKAGE
from iacfix.rule import FixSafety, ImportEdit, Platform, Rule, RuleSet

# Separate-rule field -> (inline field, whether the value becomes a one-element list).
_RULE_FIELDS = {
    "from_port": ("from_port", False),
    "to_port": ("to_port", False),
    "protocol": ("protocol", False),
    "cidr_blocks": ("cidr_blocks", False),
    "ipv6_cidr_blocks": ("ipv6_cidr_blocks", False),
    "prefix_list_ids": ("prefix_list_ids", False),
    "description": ("description", False),
    "self_attribute": ("self_attribute", False),  # CDKTF
    "self": ("self", False),  # Pulumi
    "source_security_group_id": ("security_groups", True),
}
_VPC_RULE_FIELDS = {
    "from_port": ("from_port", False),
    "to_port": ("to_port", False),
    "ip_protocol": ("protocol", False),
    "cidr_ipv4": ("cidr_blocks", True),
    "cidr_ipv6": ("ipv6_cidr_blocks", True),
    "prefix_list_id": ("prefix_list_ids", True),
    "referenced_security_group_id": ("security_groups", True),
    "description": ("description", False),
}
_DROPPED = ("type", "security_group_id")
LINE_LENGTH = 88


def direction(built: Built) -> Optional[str]:
    """`ingress` or `egress` for a separate rule resource."""
    if built.terraform_type == "aws_security_group_rule":
        arg = keyword_arg(built.call, "type")
        value = string_value(arg.value) if arg is not None else None
        return value if value in ("ingress", "egress") else None
    return "ingress" if built.terraform_type.endswith("ingress_rule") else "egress"


def is_default_egress(index: FileIndex, built: Built) -> bool:
    """An all-traffic egress rule to 0.0.0.0/0: the rule AWS gives every new VPC security group."""
    fields = {a.keyword.value: a.value for a in built.call.args if a.keyword is not None}
    if direction(built) != "egress":
        return False
    if built.terraform_type == "aws_security_group_rule":
        protocol = fields.get("protocol")
        if protocol is None or protocol_name(index.rule, protocol) != "-1":
            return False
        if _literals(index, fields.get("cidr_blocks")) != {"0.0.0.0/0"}:
            return False
        if "ipv6_cidr_blocks" in fields and _literals(index, fields["ipv6_cidr_blocks"]) != {"::/0"}:
            return False
        others = ("prefix_list_ids", "source_security_group_id", "self", "self_attribute")
        return not any(name in fields for name in others)
    protocol = fields.get("ip_protocol")
    if protocol is None or protocol_name(index.rule, protocol) != "-1":
        return False
    cidr = fields.get("cidr_ipv4")
    return cidr is not None and _literal(index, cidr) == "0.0.0.0/0" and not any(
        name in fields for name in ("cidr_ipv6", "prefix_list_id", "referenced_security_group_id")
    )


def class_import(built: Built, remove: bool = False) -> tuple[ImportEdit, ...]:
    """The import a resource class comes from, where the file imports it (or its module) by its
    own name: with `remove`, dropped if nothing uses it any more."""
    func = built.call.func
    package = CDKTF_PACKAGE if built.resource.platform is Platform.CDKTF else PULUMI_PACKAGE
    if isinstance(func, cst.Name) and func.value == built.resource.name:
        return (ImportEdit(f"{package}.{built.resource.module}", built.resource.name, remove=remove),)
    if (
        isinstance(func, cst.Attribute)
        and isinstance(func.value, cst.Name)
        and func.value.value == built.resource.module
    ):
        return (ImportEdit(package, built.resource.module, remove=remove),)
    return ()


def _literal(index: FileIndex, node: cst.BaseExpression) -> Optional[str]:
    text = string_value(node)
    return text if text is not None else index.literal_attribute(node)


def _literals(index: FileIndex, node: Optional[cst.BaseExpression]) -> Optional[set]:
    if not isinstance(node, cst.List):
        return None
    values = {_literal(index, e.value) if isinstance(e, cst.Element) else None for e in node.elements}
    return None if None in values else values


class DefaultEgressRule(Rule):
    """
    ## What it does
    Finds a separate all-traffic egress rule to `0.0.0.0/0` (`SecurityGroupRule(type="egress",
    protocol="-1", ...)` or `VpcSecurityGroupEgressRule(ip_protocol="-1", ...)`) for a security
    group built in the same file without inline `egress`, and moves it into the group as
    `egress=[SecurityGroupEgress(...)]` (`aws.ec2.SecurityGroupEgressArgs(...)` in Pulumi). The
    group's other separate rules move inline with it (`ingress=[...]`), since a group with
    inline rules must not also have separate rule resources. The separate resources are removed.

    ## Why is this bad?
    AWS gives every new VPC security group exactly this rule. Whether a separate resource for it
    can be created depends on whether that default is still there when it is: where it is, EC2
    refuses the rule with `InvalidPermission.Duplicate: the specified rule "peer: 0.0.0.0/0, ALL,
    ALLOW" already exists`, and the deployment stops. Declared inline, the rule belongs to the
    group, which then manages its egress rules as a whole, default included.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.security_group import SecurityGroup
    from cdktf_cdktf_provider_aws.security_group_rule import SecurityGroupRule

    aurora_sg = SecurityGroup(
        self,
        "aurora_sg",
        vpc_id=vpc.id,
    )
    SecurityGroupRule(
        self,
        "aurora_sg_egress",
        type="egress",
        from_port=0,
        to_port=0,
        protocol="-1",
        cidr_blocks=["0.0.0.0/0"],
        security_group_id=aurora_sg.id,
    )
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupEgress

    aurora_sg = SecurityGroup(
        self,
        "aurora_sg",
        vpc_id=vpc.id,
        egress=[
            SecurityGroupEgress(
                from_port=0,
                to_port=0,
                protocol="-1",
                cidr_blocks=["0.0.0.0/0"],
            ),
        ],
    )
    ```

    ## Fix safety
    Unsafe: with inline rules the group owns all its rules, so rules added to it elsewhere
    (another stack, the console) are removed at the next deployment, and the separate
    resources are replaced (their rules are revoked and authorized again). The fix is only
    offered when every separate rule of the group can be written inline, and nothing else in the
    file refers to the resources it removes.
    """

    CODE = "AWS212"
    NAME = "default-egress-rule"
    SUMMARY = "separate all-traffic egress rule repeating the default egress of a security group"
    SET = RuleSet.EXTENDED
    PLATFORM = Platform.BOTH
    FIX = FixSafety.UNSAFE
    TOKENS = ("egress", "Egress")
    PACKAGES = PROVIDER_PACKAGES

    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider)

    def visit_Module(self, node: cst.Module) -> None:
        index = FileIndex.of(self, node)
        rules = index.of_type(*RULE_TYPES)
        for built in rules:
            if not is_default_egress(index, built):
                continue
            arg = keyword_arg(built.call, "security_group_id")
            found = index.attribute_of(arg.value) if arg is not None else None
            if found is None or found[1] != "id" or found[0].terraform_type != SECURITY_GROUP:
                continue
            group = found[0]
            if keyword_arg(group.call, "egress") is not None:
                continue
            message = (
                f"all-traffic egress rule for `{group.name}` repeats the egress rule AWS gives "
                "every new security group: where that default is in place, EC2 refuses it "
                "(InvalidPermission.Duplicate); declare it inline, `egress=[...]`"
            )
            siblings = [
                r
                for r in rules
                if (target := keyword_arg(r.call, "security_group_id")) is not None
                and (ref := index.attribute_of(target.value)) is not None
                and ref[0] is group
            ]
            fix = self._fix(index, group, siblings)
            if isinstance(fix, str):
                self.report(built.call, f"{message} (not done here: {fix})")
            else:
                self.report(built.call, message, replacements=fix[0], imports=fix[1])

    def _fix(self, index: FileIndex, group: Built, rules: Sequence[Built]):
        module = index.module
        platform = group.resource.platform
        group_line = self.position(group.call).start.line
        if any(arg.star for arg in group.call.args):
            return "the group's arguments are unpacked"
        by_block: dict[str, list] = {"ingress": [], "egress": []}
        for rule in rules:
            if rule.scope is not group.scope:
                return "another of its rules is built in another function"
            block = direction(rule)
            if block is None:
                return "the direction of another of its rules is not known"
            fields = self._inline_fields(index, rule, group_line)
            if isinstance(fields, str):
                return fields
            if not index.removable(rule, [r for r in rules if r is not rule]):
                return f"`{rule.name}` may be used elsewhere" if rule.name else "the resource cannot be removed"
            by_block[block].append((rule, fields))
        layout = _Layout(self, index, group.call)
        call = group.call
        imports: list[ImportEdit] = []
        for block in ("ingress", "egress"):
            if not by_block[block]:
                continue
            struct = {
                (Platform.CDKTF, "ingress"): "SecurityGroupIngress",
                (Platform.CDKTF, "egress"): "SecurityGroupEgress",
                (Platform.PULUMI, "ingress"): "SecurityGroupIngressArgs",
                (Platform.PULUMI, "egress"): "SecurityGroupEgressArgs",
            }[platform, block]
            func, more = spell_class(group.call.func, group.resource, group.resource.module, struct)
            imports += more
            func_code = module.code_for_node(func)
            existing = keyword_arg(call, block)
            if existing is not None:
                if not isinstance(existing.value, cst.List):
                    return f"the group's `{block}` is not a list"
                element_indent, column = layout.element_indent(existing.value)
                new_list = existing.value
                for rule, fields in by_block[block]:
                    text = layout.struct(func_code, fields, element_indent, column)
                    new_list = append_element(new_list, cst.parse_expression(text))
                call = call.with_changes(
                    args=[a.with_changes(value=new_list) if a is existing else a for a in call.args]
                )
            else:
                value = layout.new_list(func_code, [(rule, f) for rule, f in by_block[block]])
                call = layout.insert_keyword(call, keyword(block, cst.parse_expression(value)))
        replacements: dict = {group.call: call}
        for rule in rules:
            replacements[rule.statement] = cst.RemovalSentinel.REMOVE
            imports += class_import(rule, remove=True)
        return replacements, tuple(dict.fromkeys(imports))

    def _inline_fields(self, index: FileIndex, rule: Built, group_line: int):
        """(inline field, value code, trailing comment) for each field of the rule, or why it
        cannot be written inline at the group."""
        table = _RULE_FIELDS if rule.terraform_type == "aws_security_group_rule" else _VPC_RULE_FIELDS
        module = index.module
        fields = []
        for arg in rule.call.args:
            if arg.star:
                return "a rule unpacks its arguments"
            if arg.keyword is None:
                continue  # scope and construct id / resource name
            name = arg.keyword.value
            if name in _DROPPED:
                continue
            if name not in table:
                return f"`{name}` has no inline equivalent"
            if not self._visible_at(index, arg.value, group_line):
                return f"`{name}` reads a variable bound after the group"
            inline, wrap = table[name]
            code = module.code_for_node(arg.value)
            if wrap:
                code = f"[{code}]"
            fields.append((inline, code, _trailing_comment(arg)))
        names = {f[0] for f in fields}
        protocol = keyword_arg(rule.call, "ip_protocol") or keyword_arg(rule.call, "protocol")
        if "from_port" not in names or "to_port" not in names:
            if protocol is None or protocol_name(self, protocol.value) != "-1":
                return "a rule sets no ports"
            at = next((i for i, f in enumerate(fields) if f[0] == "protocol"), 0)
            fields[at:at] = [("from_port", "0", None), ("to_port", "0", None)]
        return fields

    def _visible_at(self, index: FileIndex, node: cst.BaseExpression, line: int) -> bool:
        """Every variable `node` reads is bound before `line` (where the group is built)."""
        names: list[str] = []

        class Names(cst.CSTVisitor):
            def visit_Name(self, name: cst.Name) -> None:
                names.append(name.value)

            def visit_Attribute(self, attribute: cst.Attribute) -> bool:
                attribute.value.visit(self)
                return False

        node.visit(Names())
        return all(
            all(bound < line for bound in index.assigned_at(name))
            for name in names
        )


def _trailing_comment(arg: cst.Arg) -> Optional[str]:
    if isinstance(arg.comma, cst.Comma):
        after = arg.comma.whitespace_after
        if isinstance(after, cst.ParenthesizedWhitespace) and after.first_line.comment is not None:
            return after.first_line.comment.value
    return None


class _Layout:
    """The indentation of a call's arguments, to write new ones the way the others are written."""

    def __init__(self, rule: Rule, index: FileIndex, call: cst.Call) -> None:
        self.rule = rule
        self.unit = index.module.default_indent
        self.multiline = False
        self.arg_indent = ""  # relative to the statement's block
        self.column = 0  # the column the arguments start at
        whitespace = [call.whitespace_before_args] + [
            a.comma.whitespace_after for a in call.args if isinstance(a.comma, cst.Comma)
        ]
        for ws in whitespace:
            if isinstance(ws, cst.ParenthesizedWhitespace):
                self.multiline = True
                self.arg_indent = ws.last_line.value
                break
        keyworded = [a for a in call.args if a.keyword is not None] or list(call.args)
        if keyworded:
            self.column = rule.position(keyworded[-1]).start.column

    def element_indent(self, node: cst.List) -> tuple[Optional[str], int]:
        """The relative indentation of a list's elements (None: on one line), and their column."""
        ws = node.lbracket.whitespace_after
        column = self.rule.position(node.elements[0]).start.column if node.elements else 0
        if isinstance(ws, cst.ParenthesizedWhitespace):
            return ws.last_line.value, column
        return None, column

    def struct(self, func: str, fields, indent: Optional[str], column: int) -> str:
        """A struct call starting at `column`: on one line when it fits and has no comments (or
        when `indent` is None: a one-line layout), else one field a line."""
        one_line = f"{func}(" + ", ".join(f"{name}={code}" for name, code, _ in fields) + ")"
        if indent is None or (
            "\n" not in one_line
            and not any(comment for _, _, comment in fields)
            and column + len(one_line) + 1 <= LINE_LENGTH
        ):
            return one_line
        lines = [f"{func}("]
        for name, code, comment in fields:
            line = f"{indent}{self.unit}{name}={code},"
            lines.append(line + (f"  {comment}" if comment else ""))
        lines.append(f"{indent})")
        return "\n".join(lines)

    def new_list(self, func: str, rules) -> str:
        if not self.multiline:
            return "[" + ", ".join(self.struct(func, fields, None, 0) for _, fields in rules) + "]"
        indent = self.arg_indent + self.unit
        column = self.column + len(self.unit)
        lines = ["["]
        for rule, fields in rules:
            # The comment lines above a moved resource go above its inline rule.
            for line in rule.statement.leading_lines:
                if line.comment is not None:
                    lines.append(f"{indent}{line.comment.value}")
            lines.append(f"{indent}{self.struct(func, fields, indent, column)},")
        lines.append(f"{self.arg_indent}]")
        return "\n".join(lines)

    def insert_keyword(self, call: cst.Call, arg: cst.Arg) -> cst.Call:
        """`arg` before a trailing `tags=` argument, else after the last argument."""
        args = list(call.args)
        tags = keyword_arg(call, "tags")
        if tags is None or tags is not args[-1] or len(args) < 2:
            return append_arg(call, arg)
        before = args[-2]
        if not isinstance(before.comma, cst.Comma):
            return append_arg(call, arg)
        whitespace = before.comma.whitespace_after
        if isinstance(whitespace, cst.ParenthesizedWhitespace):
            whitespace = whitespace.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])
        args.insert(len(args) - 1, arg.with_changes(comma=before.comma.with_changes(whitespace_after=whitespace)))
        return call.with_changes(args=args)
