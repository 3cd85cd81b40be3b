from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import libcst as cst

from iacfix.provider_index import CdktfClass
from iacfix.resources import resolve_call
from iacfix.rule import FixSafety, Platform, Rule

SUFFIX = "_fqn"

# Attributes the provider computes (they are not arguments, so the provider index does not list
# them) of the data sources whose values are most often read in Terraform expressions, as the
# classes of cdktf-cdktf-provider-aws 21.22.1 expose them. Arguments are attributes too and come
# from the index.
COMPUTED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "data_aws_availability_zones": frozenset({"group_names", "names", "zone_ids"}),
    "data_aws_availability_zone": frozenset(
        {
            "group_long_name",
            "group_name",
            "name_suffix",
            "network_border_group",
            "opt_in_status",
            "parent_zone_id",
            "parent_zone_name",
            "zone_type",
        }
    ),
    "data_aws_caller_identity": frozenset({"account_id", "arn", "user_id"}),
    "data_aws_partition": frozenset({"dns_suffix", "partition", "reverse_dns_prefix"}),
    "data_aws_region": frozenset({"description"}),
    "data_aws_subnets": frozenset({"ids"}),
    "data_aws_vpcs": frozenset({"ids"}),
    "data_aws_iam_policy_document": frozenset({"json", "minified_json"}),
    "data_aws_ssm_parameter": frozenset({"arn", "insecure_value", "type", "value", "version"}),
    "data_aws_secretsmanager_secret_version": frozenset(
        {"arn", "created_date", "secret_binary", "secret_string", "version_stages"}
    ),
    "data_aws_route53_zone": frozenset(
        {
            "arn",
            "caller_reference",
            "comment",
            "linked_service_description",
            "linked_service_principal",
            "name_servers",
            "primary_name_server",
            "resource_record_set_count",
        }
    ),
}


def known_attributes(cls: CdktfClass) -> frozenset[str]:
    return frozenset(cls.args) | COMPUTED_ATTRIBUTES.get(cls.module, frozenset())


def _dotted(node: cst.BaseExpression) -> bool:
    while isinstance(node, cst.Attribute):
        node = node.value
    return isinstance(node, cst.Name)


def _scan(text: str, depth: int) -> int:
    """The nesting depth of Terraform template sequences (`${...}`, `%{...}`) after `text`."""
    position = 0
    while position < len(text):
        char = text[position]
        if char in "$%" and text.startswith("{", position + 1):
            depth += 1
            position += 2
            continue
        if char == "{" and depth:
            depth += 1
        elif char == "}" and depth:
            depth -= 1
        position += 1
    return depth


def _depth(parts: Sequence[cst.BaseFormattedStringContent], depth: int = 0) -> int:
    """The depth after the literal text of f-string `parts` (`{{` is a literal `{`)."""
    for part in parts:
        if isinstance(part, cst.FormattedStringText):
            depth = _scan(part.value.replace("{{", "{").replace("}}", "}"), depth)
    return depth


def _pieces(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The strings of an implicit concatenation, in order."""
    if isinstance(node, cst.ConcatenatedString):
        return [*_pieces(node.left), *_pieces(node.right)]
    return [node]


def _inner_concatenations(node: cst.ConcatenatedString) -> list[cst.ConcatenatedString]:
    found = []
    for side in (node.left, node.right):
        if isinstance(side, cst.ConcatenatedString):
            found += [side, *_inner_concatenations(side)]
    return found


@dataclass
class Use:
    node: cst.Attribute  # `azs.names_fqn`
    fstring: Optional[cst.FormattedString]  # the f-string it is interpolated into
    index: int  # its part's index in the f-string
    inside: bool = False  # it stands inside a `${...}` Terraform expression


class FqnAttributeReference(Rule):
    """
    ## What it does
    Finds `{azs.names_fqn}` in an f-string that builds a Terraform expression, where `azs` is a
    CDKTF data source or resource, and writes the reference CDKTF can build: `{azs.fqn}.names`.
    It applies to every `<attribute>_fqn` of every data source and resource whose attribute is
    known; other uses of such a name are reported.

    ## Why is this bad?
    CDKTF classes have no `<attribute>_fqn` properties. `fqn` is the fully qualified name of the
    data source or resource itself (`data.aws_availability_zones.primary_azs`), and an
    attribute's reference is that name followed by the attribute. `primary_azs.names_fqn` raises
    `AttributeError: 'DataAwsAvailabilityZones' object has no attribute 'names_fqn'` while the
    stack is built, so nothing synthesizes.

    Inside `${...}`, `{azs.fqn}.names` synthesizes to
    `${element(data.aws_availability_zones.azs.names, 0)}`. Outside a Terraform expression it
    would not be a reference, so there the finding has no fix.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.data_aws_availability_zones import DataAwsAvailabilityZones
    from cdktf_cdktf_provider_aws.subnet import Subnet

    azs = DataAwsAvailabilityZones(self, "azs", state="available")
    Subnet(
        self,
        "subnet",
        vpc_id=vpc.id,
        cidr_block="10.0.1.0/24",
        availability_zone=f"${{element({azs.names_fqn}, 0)}}",
    )
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.data_aws_availability_zones import DataAwsAvailabilityZones
    from cdktf_cdktf_provider_aws.subnet import Subnet

    azs = DataAwsAvailabilityZones(self, "azs", state="available")
    Subnet(
        self,
        "subnet",
        vpc_id=vpc.id,
        cidr_block="10.0.1.0/24",
        availability_zone=f"${{element({azs.fqn}.names, 0)}}",
    )
    ```

    ## Fix safety
    Safe: the variable is bound to the data source or resource in the same file, the attribute
    is one it has, and the reference stands inside a Terraform expression, where
    `{azs.fqn}.names` means exactly the attribute the name spelled.
    """

    CODE = "CDK105"
    NAME = "fqn-attribute-reference"
    SUMMARY = "`<attribute>_fqn` read from a data source or resource, which has no such property"
    PLATFORM = Platform.CDKTF
    FIX = FixSafety.SAFE
    TOKENS = (SUFFIX,)

    def __init__(self, context) -> None:
        super().__init__(context)
        self.module: Optional[cst.Module] = None
        self.bindings: dict[str, list[Optional[CdktfClass]]] = {}
        self.uses: list[Use] = []
        self.in_fstring: set[cst.Attribute] = set()
        # The template depth at the start of an f-string that continues an implicit concatenation.
        self.start_depth: dict[cst.FormattedString, int] = {}
        self.concatenated: set[cst.CSTNode] = set()

    def visit_Module(self, node: cst.Module) -> None:
        self.module = node

    def _bind(self, target: cst.BaseExpression, value: Optional[cst.BaseExpression]) -> None:
        assert self.module is not None
        if isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind(element.value, None)
            return
        if not _dotted(target):
            return
        cls = None
        if isinstance(value, cst.Call):
            resource = resolve_call(self, value)
            if resource is not None and resource.cdktf is not None:
                cls = resource.cdktf
        self.bindings.setdefault(self.module.code_for_node(target), []).append(cls)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, node.value if len(node.targets) == 1 else None)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._bind(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind(node.target, None)

    def visit_For(self, node: cst.For) -> None:
        self._bind(node.target, None)

    def visit_Param(self, node: cst.Param) -> None:
        self._bind(node.name, None)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        if node in self.concatenated:
            return  # the inner part of a longer concatenation, already seen
        depth = 0
        for piece in _pieces(node):
            if isinstance(piece, cst.ConcatenatedString):
                continue
            self.concatenated.add(piece)
            if isinstance(piece, cst.FormattedString):
                self.start_depth[piece] = depth
                depth = _depth(piece.parts, depth)
            elif isinstance(piece, cst.SimpleString):
                value = piece.evaluated_value
                depth = _scan(value, depth) if isinstance(value, str) else depth
        self.concatenated.update(_inner_concatenations(node))

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        parts = list(node.parts)
        depth = self.start_depth.get(node, 0)
        for index, part in enumerate(parts):
            if isinstance(part, cst.FormattedStringExpression) and self._is_candidate(
                part.expression
            ):
                inside = _depth(parts[:index], depth) > 0
                self.uses.append(Use(part.expression, node, index, inside))  # type: ignore[arg-type]
                self.in_fstring.add(part.expression)  # type: ignore[arg-type]

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node not in self.in_fstring and self._is_candidate(node):
            self.uses.append(Use(node, None, -1))

    @staticmethod
    def _is_candidate(node: cst.BaseExpression) -> bool:
        return (
            isinstance(node, cst.Attribute)
            and node.attr.value.endswith(SUFFIX)
            and len(node.attr.value) > len(SUFFIX)
            and _dotted(node.value)
        )

    def leave_Module(self, original_node: cst.Module) -> None:
        module = self.module
        assert module is not None
        for use in self.uses:
            owner = module.code_for_node(use.node.value)
            bound = self.bindings.get(owner, [])
            if not bound or None in bound:
                continue  # not (only) a data source or resource of this file
            cls = bound[0]
            assert cls is not None
            if any((c.module, c.name) != (cls.module, cls.name) for c in bound if c is not None):
                continue
            if cls.kind not in ("resource", "data"):
                continue
            name = use.node.attr.value
            attribute = name[: -len(SUFFIX)]
            message = (
                f"{cls.name} has no attribute `{name}` (AttributeError at synth); the reference "
                f"to its `{attribute}` is `{{{owner}.fqn}}.{attribute}` inside a `${{...}}` expression"
            )
            if use.fstring is None:
                if attribute in known_attributes(cls):
                    message = (
                        f"{cls.name} has no attribute `{name}` (AttributeError at synth); "
                        f"the token of its `{attribute}` is `{owner}.{attribute}`"
                    )
                self.report(use.node, message)
                continue
            if not use.inside:
                self.report(use.node, message + "; here it is not inside one")
                continue
            if attribute not in known_attributes(cls):
                self.report(
                    use.node,
                    f"{message}, if {cls.terraform_type} has the attribute `{attribute}`",
                )
                continue
            self.report(
                use.node,
                message,
                replacements={use.fstring: _rewritten(use.fstring, use.index, attribute)},
            )


def _rewritten(fstring: cst.FormattedString, index: int, attribute: str) -> cst.FormattedString:
    """`f"...{x.attr_fqn}..."` -> `f"...{x.fqn}.attr..."` for the part at `index`."""
    parts = list(fstring.parts)
    part = parts[index]
    assert isinstance(part, cst.FormattedStringExpression)
    expression = part.expression
    assert isinstance(expression, cst.Attribute)
    new_part = part.with_changes(expression=expression.with_changes(attr=cst.Name("fqn")))
    text = "." + attribute
    following = parts[index + 1] if index + 1 < len(parts) else None
    if isinstance(following, cst.FormattedStringText):
        parts[index : index + 2] = [new_part, following.with_changes(value=text + following.value)]
    else:
        parts[index : index + 1] = [new_part, cst.FormattedStringText(text)]
    return fstring.with_changes(parts=parts)
