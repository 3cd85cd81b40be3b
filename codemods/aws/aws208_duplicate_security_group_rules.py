"""AWS208, and what the AWS rules that look across a whole file share: the resources a file builds,
the variables they are bound to, and edits of argument and element lists that keep the layout."""

from __future__ import annotations

import ast
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence, Union

import libcst as cst

from iacfix.calls import keyword_arg, string_literal, string_value
from iacfix.metadata import ParentNodeProvider, QualifiedNameProvider
from iacfix.resources import PROVIDER_PACKAGES, ProviderClass, imported_names, resolve_call
from iacfix.rule import FixSafety, Platform, Rule
from iacfix.statements import assigned_name, enclosing_statement, is_bare_call

# -- the resources a file builds ------------------------------------------------------------------


@dataclass(eq=False)
class Built:
    """One provider resource constructed in the file."""

    call: cst.Call
    resource: ProviderClass
    statement: Optional[cst.BaseStatement]  # the statement holding the call
    name: Optional[str]  # `x` or `self.x` when the statement is `x = call(...)`
    scope: cst.CSTNode  # the function (or module) the call is in

    @property
    def terraform_type(self) -> Optional[str]:
        return self.resource.terraform_type

    @property
    def stands_alone(self) -> bool:
        """The statement is the call itself, bound to a name or not: it can be removed or preceded."""
        return self.statement is not None and (
            self.name is not None or is_bare_call(self.statement, self.call)
        )


class FileIndex:
    """Every provider resource a module builds, and the names they are bound to.

    Built while visiting `cst.Module`, from the same tree the rule visits, so metadata lookups on
    the nodes it holds work. Names are matched by their text (`vpc`, `self.vpc`); a name bound more
    than once in the file is never resolved.
    """

    @classmethod
    def of(cls, rule: Rule, module: cst.Module) -> "FileIndex":
        """The index of the file `rule` visits, built once for all the rules visiting it (they
        all read the same parent and qualified-name metadata)."""
        index = rule.context.shared.facts.get(cls)
        if index is None or index.module is not module:
            index = rule.context.shared.facts[cls] = cls(rule, module)
        return index

    def __init__(self, rule: Rule, module: cst.Module) -> None:
        self.rule = rule
        self.module = module
        self.built: list[Built] = []
        self.calls: list[cst.Call] = []  # every call in the file, in order
        self.imports: list[Union[cst.Import, cst.ImportFrom]] = []  # every import, in order
        targets: Counter = Counter()
        calls, imports = self.calls, self.imports

        class Collect(cst.CSTVisitor):
            def visit_Call(self, node: cst.Call) -> None:
                calls.append(node)

            def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
                targets[module.code_for_node(node.target)] += 1

            def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
                targets[module.code_for_node(node.target)] += 1

            def visit_Import(self, node: cst.Import) -> None:
                imports.append(node)

            def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
                imports.append(node)

        module.visit(Collect())
        for call in calls:
            resource = resolve_call(rule, call)
            if resource is None or resource.terraform_type is None:
                continue
            statement = enclosing_statement(rule, call)
            name = assigned_name(statement, call) if statement is not None else None
            self.built.append(Built(call, resource, statement, name, self.scope_of(call)))
        self.by_name: dict[str, Built] = {
            b.name: b for b in self.built if b.name is not None and targets[b.name] == 1
        }
        self._assigned_at: Optional[dict[str, list[int]]] = None

    def scope_of(self, node: cst.CSTNode) -> cst.CSTNode:
        current: Optional[cst.CSTNode] = node
        while current is not None and not isinstance(current, (cst.FunctionDef, cst.Module)):
            current = self.rule.get_metadata(ParentNodeProvider, current, None)
        return current if current is not None else self.module

    def of_type(self, *types: str) -> list[Built]:
        return [b for b in self.built if b.terraform_type in types]

    def attribute_of(self, node: cst.BaseExpression) -> Optional[tuple[Built, str]]:
        """`vpc.cidr_block` -> (the resource bound to `vpc`, "cidr_block"), if `vpc` is one."""
        if not isinstance(node, cst.Attribute) or not _is_dotted_name(node.value):
            return None
        built = self.by_name.get(self.module.code_for_node(node.value))
        return (built, node.attr.value) if built is not None else None

    def assigned_at(self, name: str) -> list[int]:
        """The lines where a plain name is assigned in the file."""
        if self._assigned_at is None:
            found: dict[str, list[int]] = {}
            rule = self.rule

            class Collect(cst.CSTVisitor):
                def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
                    if isinstance(node.target, cst.Name):
                        line = rule.position(node).start.line
                        found.setdefault(node.target.value, []).append(line)

            self.module.visit(Collect())
            self._assigned_at = found
        return self._assigned_at.get(name, [])

    def only_use_is_binding(self, built: Built) -> bool:
        """True when nothing in the file reads the variable the resource is bound to (a bare call
        has none). Attributes (`self.x`) may be read elsewhere, so they never qualify."""
        if built.name is None:
            return True
        if "." in built.name:
            return False
        return len(re.findall(rf"(?<![\w.]){re.escape(built.name)}\b", self.module.code)) == 1

    def literal_attribute(self, node: cst.BaseExpression) -> Optional[str]:
        """The literal string an attribute of a resource built here holds: `vpc.cidr_block` is
        `"10.0.0.0/16"` when `vpc = Vpc(..., cidr_block="10.0.0.0/16")`."""
        found = self.attribute_of(node)
        if found is None:
            return None
        built, attribute = found
        arg = keyword_arg(built.call, attribute)
        return string_value(arg.value) if arg is not None else None

    def removable(self, built: Built, also_removed: Sequence[Built] = ()) -> bool:
        """The resource's statement can be deleted: it is the call alone, nothing reads its
        variable, and its block keeps at least one statement."""
        if not built.stands_alone or not self.only_use_is_binding(built):
            return False
        parent = self.rule.get_metadata(ParentNodeProvider, built.statement, None)
        if isinstance(parent, cst.IndentedBlock):
            gone = {b.statement for b in (built, *also_removed)}
            return any(statement not in gone for statement in parent.body)
        return isinstance(parent, cst.Module)


def _is_dotted_name(node: cst.BaseExpression) -> bool:
    while isinstance(node, cst.Attribute):
        node = node.value
    return isinstance(node, cst.Name)


def expression_key(module: cst.Module, node: cst.BaseExpression) -> str:
    """The expression's meaning, without its layout or comments."""
    code = module.code_for_node(node)
    try:
        return ast.dump(ast.parse(code.strip(), mode="eval"))
    except SyntaxError:  # a multi-line expression keeps its line breaks
        try:
            return ast.dump(ast.parse("(" + code + ")", mode="eval"))
        except SyntaxError:
            return code


# -- edits that keep the layout -------------------------------------------------------------------

Item = Union[cst.Arg, cst.Element, cst.DictElement]


def _without_comment(whitespace):
    if isinstance(whitespace, cst.ParenthesizedWhitespace):
        return whitespace.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])
    return whitespace


def _append(items: list, opening, new: Item, closing_ws_attr: bool) -> list:
    """`items` with `new` after the last, in the layout of the items before.

    `opening` is the whitespace after `(` / `[` / `{`; `closing_ws_attr` is true for call
    arguments, whose last one carries the whitespace before `)` itself.
    """
    if not items:
        return [new]
    items = list(items)
    last = items[-1]
    if len(items) > 1 and isinstance(items[-2].comma, cst.Comma):
        separator = items[-2].comma.with_changes(
            whitespace_after=_without_comment(items[-2].comma.whitespace_after)
        )
    elif isinstance(opening, cst.ParenthesizedWhitespace):
        separator = cst.Comma(whitespace_after=_without_comment(opening))
    else:
        separator = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if isinstance(last.comma, cst.Comma):  # a trailing comma: the new item takes it over
        keep = last.comma.whitespace_after
        if isinstance(keep, cst.ParenthesizedWhitespace) and isinstance(
            separator.whitespace_after, cst.ParenthesizedWhitespace
        ):
            # The last item's own trailing comment stays on its line.
            separator = separator.with_changes(
                whitespace_after=separator.whitespace_after.with_changes(first_line=keep.first_line)
            )
            keep = keep.with_changes(first_line=cst.TrailingWhitespace())
        items[-1] = last.with_changes(comma=separator)
        items.append(new.with_changes(comma=last.comma.with_changes(whitespace_after=keep)))
        return items
    if closing_ws_attr:
        items[-1] = last.with_changes(comma=separator, whitespace_after_arg=cst.SimpleWhitespace(""))
        items.append(new.with_changes(whitespace_after_arg=last.whitespace_after_arg))
    else:
        items[-1] = last.with_changes(comma=separator)
        items.append(new)
    return items


def _no_space() -> cst.AssignEqual:
    return cst.AssignEqual(
        whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
    )


def keyword(name: str, value: cst.BaseExpression) -> cst.Arg:
    return cst.Arg(keyword=cst.Name(name), value=value, equal=_no_space())


def append_arg(call: cst.Call, arg: cst.Arg) -> cst.Call:
    """`call` with `arg` after its last argument, laid out like the arguments before it."""
    return call.with_changes(
        args=_append(list(call.args), call.whitespace_before_args, arg, closing_ws_attr=True)
    )


def set_keyword(call: cst.Call, name: str, value: cst.BaseExpression) -> cst.Call:
    """`call` with `name=value`: the existing argument's value replaced, else a new argument."""
    existing = keyword_arg(call, name)
    if existing is not None:
        return call.with_changes(
            args=[a.with_changes(value=value) if a is existing else a for a in call.args]
        )
    return append_arg(call, keyword(name, value))


def append_element(node: cst.List, value: cst.BaseExpression) -> cst.List:
    return node.with_changes(
        elements=_append(list(node.elements), node.lbracket.whitespace_after, cst.Element(value), False)
    )


def set_dict_key(node: cst.Dict, key: str, value: cst.BaseExpression) -> cst.Dict:
    for element in node.elements:
        if isinstance(element, cst.DictElement) and string_value(element.key) == key:
            return node.with_changes(
                elements=[e.with_changes(value=value) if e is element else e for e in node.elements]
            )
    new = cst.DictElement(
        cst.SimpleString(f'"{key}"'),
        value,
        whitespace_before_colon=cst.SimpleWhitespace(""),
        whitespace_after_colon=cst.SimpleWhitespace(" "),
    )
    return node.with_changes(
        elements=_append(list(node.elements), node.lbrace.whitespace_after, new, False)
    )


def remove_elements(node: Union[cst.List, cst.Dict], doomed: Iterable[cst.CSTNode]) -> cst.CSTNode:
    """`node` without the `doomed` elements; the others keep their layout and comments (the
    comment lines above an element stay above it)."""
    elements = list(node.elements)
    is_list = isinstance(node, cst.List)
    opening = node.lbracket if is_list else node.lbrace
    closing = node.rbracket if is_list else node.rbrace
    for element in doomed:
        index = next(i for i, e in enumerate(elements) if e is element)
        removed = elements.pop(index)
        if index < len(elements):
            # What stood between the removed element and the next (the next one's comment lines)
            # now follows the element before it, or the opening bracket.
            between = removed.comma.whitespace_after if isinstance(removed.comma, cst.Comma) else None
            if not isinstance(between, cst.ParenthesizedWhitespace):
                continue
            if index == 0:
                before = opening.whitespace_after
                if isinstance(before, cst.ParenthesizedWhitespace):
                    opening = opening.with_changes(
                        whitespace_after=between.with_changes(first_line=before.first_line)
                    )
                continue
            previous = elements[index - 1]
            before = previous.comma.whitespace_after if isinstance(previous.comma, cst.Comma) else None
            if isinstance(before, cst.ParenthesizedWhitespace):
                elements[index - 1] = previous.with_changes(
                    comma=previous.comma.with_changes(
                        whitespace_after=between.with_changes(first_line=before.first_line)
                    )
                )
            continue
        if index == 0:
            continue
        previous = elements[index - 1]
        if isinstance(removed.comma, cst.Comma):
            # The previous element now ends the list and takes over what stood before the bracket.
            after = removed.comma.whitespace_after
            kept = previous.comma.whitespace_after if isinstance(previous.comma, cst.Comma) else None
            if isinstance(after, cst.ParenthesizedWhitespace) and isinstance(kept, cst.ParenthesizedWhitespace):
                after = after.with_changes(first_line=kept.first_line)
            elements[index - 1] = previous.with_changes(
                comma=cst.Comma(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=after)
            )
        else:
            kept = previous.comma.whitespace_after if isinstance(previous.comma, cst.Comma) else None
            if isinstance(kept, cst.ParenthesizedWhitespace) and kept.first_line.comment is not None:
                # Keep the previous element's comment: a trailing comma, then the closing line.
                ws = closing.whitespace_before
                last_line = ws.last_line if isinstance(ws, cst.ParenthesizedWhitespace) else cst.SimpleWhitespace("")
                elements[index - 1] = previous.with_changes(
                    comma=previous.comma.with_changes(
                        whitespace_after=kept.with_changes(empty_lines=[], last_line=last_line)
                    )
                )
                closing = closing.with_changes(whitespace_before=cst.SimpleWhitespace(""))
            else:
                elements[index - 1] = previous.with_changes(comma=cst.MaybeSentinel.DEFAULT)
    if is_list:
        return node.with_changes(elements=elements, lbracket=opening, rbracket=closing)
    return node.with_changes(elements=elements, lbrace=opening, rbrace=closing)


# -- security-group rules -------------------------------------------------------------------------

SECURITY_GROUP = "aws_security_group"
RULE_TYPES = (
    "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
)
_PROTOCOL_NUMBERS = {"6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", "all": "-1"}
_SOURCE_LISTS = ("cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids", "security_groups")
_SOURCES = ("cidr_ipv4", "cidr_ipv6", "prefix_list_id", "referenced_security_group_id")


@dataclass
class RuleEntry:
    """One security-group rule: an inline block (struct call or dict) or a separate resource."""

    node: Union[cst.Call, cst.Dict]
    fields: dict[str, cst.BaseExpression]
    element: Optional[cst.Element] = None  # the list element holding an inline rule
    built: Optional[Built] = None  # the resource of a separate rule
    key: tuple = field(default=())

    def description(self) -> Optional[cst.BaseExpression]:
        return self.fields.get("description")


def entry_fields(node: cst.BaseExpression, *, positional_ok: bool = False) -> Optional[dict]:
    """The keyword fields of a struct call, resource call or dict; None when they are not all known."""
    fields: dict[str, cst.BaseExpression] = {}
    if isinstance(node, cst.Call):
        for arg in node.args:
            if arg.star:
                return None
            if arg.keyword is None:
                if positional_ok:
                    continue
                return None
            fields[arg.keyword.value] = arg.value
        return fields
    if isinstance(node, cst.Dict):
        for element in node.elements:
            key = string_value(element.key) if isinstance(element, cst.DictElement) else None
            if key is None:
                return None
            fields[key] = element.value
        return fields
    return None


def protocol_name(rule: Rule, node: cst.BaseExpression) -> Optional[str]:
    """`"tcp"`, `"6"`, `"-1"`, `"all"`, `aws.ec2.ProtocolType.TCP` as AWS compares them."""
    text = string_value(node)
    if text is None and isinstance(node, cst.Integer):
        text = node.value
    if text is None:
        for name in imported_names(rule, node):
            if name.startswith("pulumi_aws.ec2.ProtocolType."):
                text = name.rsplit(".", 1)[1]
    if text is None:
        return None
    text = text.strip().lower()
    return _PROTOCOL_NUMBERS.get(text, text)


def rule_key(index: FileIndex, fields: dict, ignore: Sequence[str] = ("description",)) -> tuple:
    """What makes two rules the same permission: every field but the description, with CIDRs
    read through `vpc.cidr_block`, source lists as sets, and protocols by their AWS meaning."""
    module = index.module
    protocol = None
    for name in ("protocol", "ip_protocol"):
        if name in fields:
            protocol = protocol_name(index.rule, fields[name])

    def scalar(node: cst.BaseExpression):
        text = string_value(node)
        if text is None:
            text = index.literal_attribute(node)
        if text is not None:
            return ("str", text)
        if isinstance(node, cst.Integer):
            return ("int", int(node.value))
        return ("expr", expression_key(module, node))

    key = []
    for name, value in fields.items():
        if name in ignore:
            continue
        if name in ("protocol", "ip_protocol") and protocol is not None:
            key.append((name, ("protocol", protocol)))
        elif name in ("from_port", "to_port") and protocol == "-1":
            continue  # AWS ignores the ports of an all-traffic rule
        elif name in _SOURCE_LISTS and isinstance(value, cst.List) and not any(
            isinstance(e, cst.StarredElement) for e in value.elements
        ):
            key.append((name, ("set", frozenset(scalar(e.value) for e in value.elements))))
        else:
            key.append((name, scalar(value)))
    return tuple(sorted(key, key=repr))


def describe_permission(index: FileIndex, fields: dict) -> str:
    """`tcp 5432, 10.0.0.0/16`, for messages."""
    protocol = None
    for name in ("protocol", "ip_protocol"):
        if name in fields:
            protocol = protocol_name(index.rule, fields[name])
    parts = []
    if protocol == "-1":
        parts.append("all traffic")
    else:
        parts.append(protocol or "?")
        ports = [fields.get("from_port"), fields.get("to_port")]
        numbers = [p.value if isinstance(p, cst.Integer) else "?" for p in ports if p is not None]
        if numbers:
            parts.append(numbers[0] if len(set(numbers)) == 1 else "-".join(numbers))
    sources = []
    for name in _SOURCE_LISTS + _SOURCES:
        value = fields.get(name)
        values = value.elements if isinstance(value, cst.List) else [value] if value is not None else []
        for element in values:
            node = element.value if isinstance(element, cst.Element) else element
            text = string_value(node) or index.literal_attribute(node)
            sources.append(text if text is not None else index.module.code_for_node(node))
    text = " ".join(parts)
    return f"{text}, {', '.join(sources)}" if sources else text


def joined_description(
    module: cst.Module, descriptions: Sequence[Optional[cst.BaseExpression]]
) -> Union[cst.BaseExpression, None, bool]:
    """The descriptions of merged rules as one: `"A; B"`. None when none has one; False when they
    cannot be joined as written (an expression that is neither a string nor an f-string)."""
    present: list[cst.BaseExpression] = []
    seen: set[str] = set()
    for node in descriptions:
        if node is None:
            continue
        text = expression_key(module, node)
        if text in seen:
            continue
        seen.add(text)
        present.append(node)
    if not present:
        return None
    if len(present) == 1:
        return present[0]
    values = [string_value(node) for node in present]
    if all(v is not None for v in values):
        like = present[0] if isinstance(present[0], cst.SimpleString) else None
        return string_literal("; ".join(values), like)
    # Strings and f-strings: one f-string holding them all.
    parts: list[cst.BaseFormattedStringContent] = []
    quote = '"'
    for number, node in enumerate(present):
        if number:
            parts.append(cst.FormattedStringText("; "))
        value = string_value(node)
        if value is not None:
            if "\\" in value or "\n" in value or '"' in value:
                return False
            parts.append(cst.FormattedStringText(value.replace("{", "{{").replace("}", "}}")))
        elif (
            isinstance(node, cst.FormattedString)
            and node.start in ('f"', "f'")
            and not any(quote in module.code_for_node(p) for p in node.parts)
        ):
            parts.extend(node.parts)
        else:
            return False
    return cst.FormattedString(parts=parts, start='f"', end='"')


def inline_entries(index: FileIndex, group: cst.Call) -> dict[str, list[RuleEntry]]:
    """The inline `ingress` / `egress` rules of a security-group call, by block name."""
    found: dict[str, list[RuleEntry]] = {}
    for block in ("ingress", "egress"):
        arg = keyword_arg(group, block)
        if arg is None or not isinstance(arg.value, cst.List):
            continue
        entries = []
        for element in arg.value.elements:
            if not isinstance(element, cst.Element):
                continue
            fields = entry_fields(element.value)
            if fields is None:
                continue
            entry = RuleEntry(element.value, fields, element=element)
            entry.key = rule_key(index, fields)
            entries.append(entry)
        found[block] = entries
    return found


def duplicates(entries: Sequence[RuleEntry]) -> list[list[RuleEntry]]:
    """Groups (in source order) of entries that are the same permission."""
    groups: dict[tuple, list[RuleEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.key, []).append(entry)
    return [group for group in groups.values() if len(group) > 1]


def with_description(node: Union[cst.Call, cst.Dict], value: cst.BaseExpression) -> cst.CSTNode:
    if isinstance(node, cst.Dict):
        return set_dict_key(node, "description", value)
    return set_keyword(node, "description", value)


class DuplicateSecurityGroupRules(Rule):
    """
    ## What it does
    Finds security-group rules that grant the same permission twice: two inline `ingress` (or
    `egress`) blocks of one group, or two separate rule resources (`SecurityGroupRule`,
    `VpcSecurityGroupIngressRule`, `VpcSecurityGroupEgressRule`) for the same group, with the
    same protocol, ports and sources. A CIDR written as an attribute of a VPC or subnet built in
    the same file with a literal `cidr_block` (`vpc.cidr_block`) counts as that literal. The
    duplicates are merged into the first rule, their descriptions joined (`"A; B"`).

    ## Why is this bad?
    EC2 refuses to grant a permission twice. Inline blocks of one group are authorized in one
    call, which fails with `InvalidParameterValue: The same permission must not appear multiple
    times`; a second separate rule fails with `InvalidPermission.Duplicate: the specified rule
    ... already exists`. Terraform or Pulumi stops there, and the group is left without its
    rules. A reference like `vpc.cidr_block` hides the repetition from the eye but not from AWS.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress
    from cdktf_cdktf_provider_aws.vpc import Vpc

    vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16")
    SecurityGroup(
        self,
        "db_sg",
        vpc_id=vpc.id,
        ingress=[
            SecurityGroupIngress(
                description="PostgreSQL from DMS",
                from_port=5432,
                to_port=5432,
                protocol="tcp",
                cidr_blocks=[vpc.cidr_block],
            ),
            SecurityGroupIngress(
                description="PostgreSQL from VPC",
                from_port=5432,
                to_port=5432,
                protocol="tcp",
                cidr_blocks=["10.0.0.0/16"],
            ),
        ],
    )
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress
    from cdktf_cdktf_provider_aws.vpc import Vpc

    vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16")
    SecurityGroup(
        self,
        "db_sg",
        vpc_id=vpc.id,
        ingress=[
            SecurityGroupIngress(
                description="PostgreSQL from DMS; PostgreSQL from VPC",
                from_port=5432,
                to_port=5432,
                protocol="tcp",
                cidr_blocks=[vpc.cidr_block],
            ),
        ],
    )
    ```

    ## Fix safety
    Safe: the group ends up with exactly the permissions it was meant to have, and it could not
    be created before. A duplicate separate resource is removed only when nothing else in the file
    refers to it; otherwise, and when the descriptions cannot be joined as written, the finding
    has no fix.
    """

    CODE = "AWS208"
    NAME = "duplicate-security-group-rules"
    SUMMARY = "the same security-group permission twice (after resolving `vpc.cidr_block`)"
    PLATFORM = Platform.BOTH
    FIX = FixSafety.SAFE
    TOKENS = ("SecurityGroup",)
    PACKAGES = PROVIDER_PACKAGES

    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider)

    def visit_Module(self, node: cst.Module) -> None:
        index = FileIndex.of(self, node)
        for built in index.of_type(SECURITY_GROUP):
            self._check_inline(index, built)
        self._check_separate(index)

    def _check_inline(self, index: FileIndex, group: Built) -> None:
        for block, entries in inline_entries(index, group.call).items():
            for dupes in duplicates(entries):
                first, rest = dupes[0], dupes[1:]
                description = joined_description(index.module, [e.description() for e in dupes])
                message = self._message(index, block, first, rest, "inline")
                list_node = keyword_arg(group.call, block).value
                if description is False:
                    self.report(
                        rest[0].node,
                        message + "; merge them (their descriptions cannot be joined as written)",
                    )
                    continue
                merged = first.node if description is None else with_description(first.node, description)
                new_list = list_node.with_changes(
                    elements=[
                        e.with_changes(value=merged) if e is first.element else e
                        for e in list_node.elements
                    ]
                )
                new_list = remove_elements(new_list, [e.element for e in rest])
                self.report(rest[0].node, message, replacements={list_node: new_list})

    def _check_separate(self, index: FileIndex) -> None:
        entries: list[RuleEntry] = []
        for built in index.of_type(*RULE_TYPES):
            fields = entry_fields(built.call, positional_ok=True)
            if fields is None or "count" in fields or "for_each" in fields:
                continue
            entry = RuleEntry(built.call, fields, built=built)
            # Rules of different kinds, or in different functions, are different resources.
            entry.key = (built.terraform_type, id(built.scope), rule_key(index, fields))
            entries.append(entry)
        for dupes in duplicates(entries):
            first, rest = dupes[0], dupes[1:]
            kind = first.built.resource.name
            message = self._message(index, kind, first, rest, "separate")
            description = joined_description(index.module, [e.description() for e in dupes])
            if description is False:
                self.report(
                    rest[0].node,
                    message + "; merge them (their descriptions cannot be joined as written)",
                )
                continue
            if not all(index.removable(e.built, [o.built for o in rest if o is not e]) for e in rest):
                self.report(rest[0].node, message + "; merge them (the file refers to the repeat)")
                continue
            replacements: dict = {
                e.built.statement: cst.RemovalSentinel.REMOVE for e in rest
            }
            if description is not None:
                replacements[first.node] = with_description(first.node, description)
            self.report(rest[0].node, message, replacements=replacements)

    def _message(self, index, what: str, first: RuleEntry, rest, kind: str) -> str:
        line = self.position(first.node).start.line
        permission = describe_permission(index, first.fields)
        if kind == "inline":
            head = f"`{what}` rule repeats the one on line {line} ({permission})"
        else:
            head = f"{what} repeats the one on line {line} for the same group ({permission})"
        extra = f" ({len(rest)} repeats)" if len(rest) > 1 else ""
        if kind == "inline":
            error = "InvalidParameterValue: The same permission must not appear multiple times"
        else:
            error = "InvalidPermission.Duplicate: the specified rule already exists"
        return f"{head}{extra}: EC2 rejects it ({error})"
