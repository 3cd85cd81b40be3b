"""CDK104, and what the CDKTF rules that write new provider code share: spelling a provider name the
way the file already imports it, and argument edits that keep every comment."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence, Union

import libcst as cst

from iacfix.calls import keyword_arg, string_literal, string_value
from iacfix.metadata import ParentNodeProvider, QualifiedNameProvider
from iacfix.provider_index import CdktfClass, load
from iacfix.resources import CDKTF_PACKAGE, camel_case, imported_names, resolve_call
from iacfix.rule import FixSafety, ImportEdit, Platform, Rule
from iacfix.statements import (
    assigned_name,
    bind,
    enclosing_statement,
    is_bare_call,
    parse_statements,
    unused_name,
    variable_name,
)

# -- spelling a provider name the way the file imports names --------------------------------------


def import_bindings(module: cst.Module) -> dict[str, str]:
    """Qualified name -> the local spelling the module's top-level imports give it.

    `from a.b import C as D` gives `a.b.C` -> `D`; `import a.b` gives `a` -> `a` and `a.b` -> `a.b`.
    """
    found: dict[str, str] = {}
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.ImportFrom):
                if (
                    small.relative
                    or small.module is None
                    or isinstance(small.names, cst.ImportStar)
                ):
                    continue
                base = module.code_for_node(small.module)
                for alias in small.names:
                    name = module.code_for_node(alias.name)
                    local = alias.asname.name.value if alias.asname else name  # type: ignore[union-attr]
                    found.setdefault(f"{base}.{name}", local)
            elif isinstance(small, cst.Import):
                for alias in small.names:
                    full = module.code_for_node(alias.name)
                    if alias.asname is not None:
                        found.setdefault(full, alias.asname.name.value)  # type: ignore[union-attr]
                        continue
                    parts = full.split(".")
                    for end in range(1, len(parts) + 1):
                        found.setdefault(".".join(parts[:end]), ".".join(parts[:end]))
    return found


def spell(
    module: cst.Module, qualified: str, like: cst.BaseExpression
) -> tuple[str, Optional[ImportEdit]]:
    """How to write `qualified` (`package.module.Name`) in this file, and the import it needs.

    A name or module the file already imports is used as imported. Otherwise the name is written
    the way the file writes `like`, a class of a sibling module of the same package: a bare name
    is imported by name (`from package.module import Name`); `aws.s3_bucket.S3Bucket` gives
    `aws.module.Name`; `s3_bucket.S3Bucket` imports the module (`from package import module`).
    """
    bindings = import_bindings(module)
    package_path, name = qualified.rsplit(".", 1)
    if qualified in bindings:
        return bindings[qualified], None
    if package_path in bindings:
        return f"{bindings[package_path]}.{name}", None
    if isinstance(like, cst.Name) or "." not in package_path:
        return name, ImportEdit(package_path, name)
    parent, child = package_path.rsplit(".", 1)
    if isinstance(like, cst.Attribute) and isinstance(like.value, cst.Attribute):
        return f"{module.code_for_node(like.value.value)}.{child}.{name}", None
    return f"{child}.{name}", ImportEdit(parent, child)


# -- comments and argument lists ------------------------------------------------------------------


def own_line_comments(whitespace: cst.CSTNode) -> list[cst.Comment]:
    if isinstance(whitespace, cst.ParenthesizedWhitespace):
        return [line.comment for line in whitespace.empty_lines if line.comment is not None]
    return []


def same_line_comment(whitespace: cst.CSTNode) -> Optional[cst.Comment]:
    if isinstance(whitespace, cst.ParenthesizedWhitespace):
        return whitespace.first_line.comment
    return None


@dataclass
class Entry:
    """One argument or dict element, with the comments written around it."""

    key: Optional[str]  # keyword or string key; None for a positional argument or `**`
    value: cst.BaseExpression
    above: list[cst.Comment] = field(default_factory=list)
    after: Optional[cst.Comment] = None


def entries(
    items: Sequence[Union[cst.Arg, cst.BaseDictElement, cst.BaseElement]],
    opening: cst.CSTNode,
    closing: cst.CSTNode,
) -> tuple[Optional[cst.Comment], list[Entry], list[cst.Comment]]:
    """The comment on the opening line, the entries of an argument or element list, and the
    comments after the last entry.

    `opening` is the whitespace after `(` / `{` / `[`; `closing` the whitespace before the closer
    (for call arguments: the last argument's `whitespace_after_arg`).
    """
    result: list[Entry] = []
    before: Optional[cst.CSTNode] = opening
    for item in items:
        above = own_line_comments(before)
        key: Optional[str] = None
        if isinstance(item, cst.Arg) and item.keyword is not None and not item.star:
            key = item.keyword.value
        elif isinstance(item, cst.DictElement):
            key = string_value(item.key)
        entry = Entry(key, item.value, above)
        if isinstance(item.comma, cst.Comma):
            entry.after = same_line_comment(item.comma.whitespace_after)
            before = item.comma.whitespace_after
        else:
            entry.after = same_line_comment(closing)
            before = None
        result.append(entry)
    tail: list[cst.Comment] = []
    if not items:
        tail += own_line_comments(opening)
    elif before is not None:  # a trailing comma
        tail += own_line_comments(before)
    if closing is not opening and (not items or before is not None):
        if same_line_comment(closing) is not None:
            tail.append(same_line_comment(closing))
    if closing is not opening:
        tail += own_line_comments(closing)
    return same_line_comment(opening), result, tail  # type: ignore[return-value]


def remove_argument(call: cst.Call, arg: cst.Arg) -> tuple[cst.Call, list[cst.Comment]]:
    """`call` without `arg`, and the comments written above it and after it on its line.

    The comments above the next argument stay above it; every other argument keeps its layout.
    """
    args = list(call.args)
    index = next(i for i, a in enumerate(args) if a is arg)
    before = call.whitespace_before_args if index == 0 else args[index - 1].comma.whitespace_after  # type: ignore[union-attr]
    moved = own_line_comments(before)
    after_ws = (
        arg.comma.whitespace_after if isinstance(arg.comma, cst.Comma) else arg.whitespace_after_arg
    )
    if same_line_comment(after_ws) is not None:
        moved.append(same_line_comment(after_ws))  # type: ignore[arg-type]

    def joined(kept: cst.BaseParenthesizableWhitespace) -> cst.BaseParenthesizableWhitespace:
        """`kept` (what followed the argument before `arg`), now leading to what followed `arg`."""
        if isinstance(after_ws, cst.ParenthesizedWhitespace):
            first = (
                kept.first_line
                if isinstance(kept, cst.ParenthesizedWhitespace)
                else cst.TrailingWhitespace()
            )
            return after_ws.with_changes(first_line=first)
        return after_ws

    del args[index]
    if index == 0:
        new_call = call.with_changes(
            args=args, whitespace_before_args=joined(call.whitespace_before_args)
        )
        if not args:
            new_call = new_call.with_changes(whitespace_before_args=cst.SimpleWhitespace(""))
        return new_call, moved
    previous = args[index - 1]
    if isinstance(arg.comma, cst.Comma) or index < len(args):
        args[index - 1] = previous.with_changes(
            comma=previous.comma.with_changes(  # type: ignore[union-attr]
                whitespace_after=joined(previous.comma.whitespace_after)  # type: ignore[union-attr]
            )
        )
    else:  # `arg` was last, without a trailing comma: the one before it ends the list now
        kept = previous.comma.whitespace_after  # type: ignore[union-attr]
        args[index - 1] = previous.with_changes(
            comma=cst.MaybeSentinel.DEFAULT, whitespace_after_arg=joined(kept)
        )
    return call.with_changes(args=args), moved


# -- new code, laid out as a person writes it -----------------------------------------------------

LINE_LENGTH = 88


@dataclass
class Field:
    keyword: str
    value: Union[str, "Struct", "StructList"]  # str: source text kept as written
    above: list[str] = field(default_factory=list)
    after: Optional[str] = None


@dataclass
class Struct:
    func: str
    fields: list[Field]
    closing: list[str] = field(default_factory=list)  # comments before `)`
    opening: Optional[str] = None  # the comment after `(`
    positional: list[str] = field(default_factory=list)
    positional_on_one_line: bool = False


@dataclass
class StructList:
    items: list[Struct]


def _commented(struct: Struct) -> bool:
    return (
        bool(struct.closing)
        or struct.opening is not None
        or any(
            f.above
            or f.after
            or (isinstance(f.value, Struct) and _commented(f.value))
            or (isinstance(f.value, StructList) and any(_commented(i) for i in f.value.items))
            for f in struct.fields
        )
    )


def render(value: Union[str, Struct, StructList], indent: str, column: int, unit: str) -> str:
    """Source text for `value` starting at `column`, its later lines indented by `indent`."""
    if isinstance(value, str):
        return value
    if isinstance(value, StructList):
        if len(value.items) == 1:  # `[Struct(` ... `)]`, hugging its only element
            return "[" + render(value.items[0], indent, column + 1, unit) + "]"
        inner = indent + unit
        lines = [inner + render(item, inner, len(inner), unit) + "," for item in value.items]
        return "[\n" + "\n".join(lines) + "\n" + indent + "]"
    if not _commented(value):
        flat = (
            value.func
            + "("
            + ", ".join(
                [
                    *value.positional,
                    *(f"{f.keyword}={render(f.value, indent, 0, unit)}" for f in value.fields),
                ]
            )
            + ")"
        )
        if "\n" not in flat and column + len(flat) <= LINE_LENGTH:
            return flat
    inner = indent + unit
    lines = [value.func + "(" + (f"  {value.opening}" if value.opening else "")]
    if value.positional:
        if value.positional_on_one_line:
            lines.append(inner + ", ".join(value.positional) + ",")
        else:
            lines.extend(inner + p + "," for p in value.positional)
    for f in value.fields:
        lines.extend(inner + comment for comment in f.above)
        prefix = f"{inner}{f.keyword}="
        text = prefix + render(f.value, inner, len(prefix), unit) + ","
        if f.after:
            text += "  " + f.after
        lines.append(text)
    lines.extend(inner + comment for comment in value.closing)
    lines.append(indent + ")")
    return "\n".join(lines)


# -- the rule -------------------------------------------------------------------------------------

BUCKET_MODULE = "s3_bucket"
INLINE_ARGUMENT = "server_side_encryption_configuration"
SEPARATE_MODULE = "s3_bucket_server_side_encryption_configuration"
CARRIED_META_ARGUMENTS = ("region", "provider")  # the new resource must live where the bucket does


class CannotMove(Exception):
    """The inline block holds something that cannot be written into the separate resource."""


def resource_class_name(module: str) -> str:
    """The resource class of a provider module (`S3BucketServerSideEncryptionConfigurationA`)."""
    return load().cdktf_a_suffixed.get(module, camel_case(module))


def _collect_comments(node: cst.CSTNode) -> list[cst.Comment]:
    found: list[cst.Comment] = []

    class Collect(cst.CSTVisitor):
        def visit_Comment(self, comment: cst.Comment) -> None:
            found.append(comment)

    node.visit(Collect())
    return found


class S3BucketInlineEncryption(Rule):
    """
    ## What it does
    Finds `S3Bucket(server_side_encryption_configuration=...)` and moves the encryption settings
    into a separate `S3BucketServerSideEncryptionConfigurationA` resource placed right after the
    bucket, carrying over every value (algorithm, KMS key, bucket key) and comment. A bucket that
    was not bound to a variable is bound to one named after its construct id, so the new resource
    can refer to it; the bucket's `provider` and `region` go with it.

    ## Why is this bad?
    AWS provider 4.0 split the S3 bucket into separate resources: the inline
    `server_side_encryption_configuration` block of `aws_s3_bucket` is deprecated in favour of the
    `aws_s3_bucket_server_side_encryption_configuration` resource, and every plan warns
    `server_side_encryption_configuration is deprecated`. The inline block also takes exactly one
    `rule`: the common spelling `{"rule": [{...}]}` raises `TypeError: type of argument rule must
    be one of (S3BucketServerSideEncryptionConfigurationRule, Dict[str, Any]); got list instead`
    at synth, so nothing deploys. The separate resource takes a list of rules and is what the
    provider documents.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

    S3Bucket(
        self,
        "tap_bucket",
        bucket=bucket_name,
        server_side_encryption_configuration={
            "rule": {"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}
        },
    )
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
    from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import S3BucketServerSideEncryptionConfigurationA, S3BucketServerSideEncryptionConfigurationRuleA, S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA

    tap_bucket = S3Bucket(
        self,
        "tap_bucket",
        bucket=bucket_name,
    )

    S3BucketServerSideEncryptionConfigurationA(
        self,
        "tap_bucket_encryption",
        bucket=tap_bucket.id,
        rule=[S3BucketServerSideEncryptionConfigurationRuleA(
            apply_server_side_encryption_by_default=S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(
                sse_algorithm="AES256",
            ),
        )],
    )
    ```

    ## Fix safety
    Safe: the separate resource holds exactly the settings the inline block held, for the same
    bucket, provider and region. A block whose value is not written out in the call (a variable,
    `**kwargs`), a bucket built with `count` or `for_each`, or a bucket that already has a separate
    encryption resource is reported and left alone.
    """

    CODE = "CDK104"
    NAME = "s3-bucket-inline-encryption"
    SUMMARY = "deprecated inline `server_side_encryption_configuration` block on S3Bucket"
    PLATFORM = Platform.CDKTF
    FIX = FixSafety.SAFE
    TOKENS = (INLINE_ARGUMENT,)
    PACKAGES = (CDKTF_PACKAGE,)

    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider)

    def __init__(self, context) -> None:
        super().__init__(context)
        self.module: Optional[cst.Module] = None
        self.buckets: list[tuple[cst.Call, cst.Arg]] = []
        self.separate: list[cst.Call] = []

    def visit_Module(self, node: cst.Module) -> None:
        self.module = node

    def visit_Call(self, node: cst.Call) -> None:
        resource = resolve_call(self, node)
        if resource is None or resource.cdktf is None or resource.cdktf.kind != "resource":
            return
        if resource.module == SEPARATE_MODULE:
            self.separate.append(node)
        elif resource.module == BUCKET_MODULE:
            arg = keyword_arg(node, INLINE_ARGUMENT)
            if arg is not None and not (
                isinstance(arg.value, cst.Name) and arg.value.value == "None"
            ):
                self.buckets.append((node, arg))

    def leave_Module(self, original_node: cst.Module) -> None:
        for call, arg in self.buckets:
            self._check(call, arg)

    # -- one bucket -------------------------------------------------------------------------------

    def _check(self, call: cst.Call, arg: cst.Arg) -> None:
        message = (
            f"`{INLINE_ARGUMENT}` on S3Bucket is deprecated; use a separate "
            f"{resource_class_name(SEPARATE_MODULE)} resource"
        )
        if _rule_is_a_list(arg.value):
            message += " (the inline block takes one `rule`: a list raises TypeError at synth)"
        try:
            replacements, imports = self._move(call, arg)
        except CannotMove as reason:
            self.report(arg, f"{message}; not moved automatically: {reason}")
            return
        self.report(arg, message, replacements=replacements, imports=imports)

    def _move(self, call: cst.Call, arg: cst.Arg) -> tuple[dict, tuple[ImportEdit, ...]]:
        module = self.module
        assert module is not None
        statement = enclosing_statement(self, call)
        if statement is None:
            raise CannotMove("the bucket is not built in a statement of its own")
        for meta in ("count", "for_each"):
            if keyword_arg(call, meta) is not None:
                raise CannotMove(f"the bucket is built with `{meta}`")
        if any(a.star for a in call.args):
            raise CannotMove("the bucket's arguments are unpacked from a mapping")
        positional = [a for a in call.args if a.keyword is None]
        construct_id = positional[1].value if len(positional) >= 2 else None
        if construct_id is None and keyword_arg(call, "id") is not None:
            construct_id = keyword_arg(call, "id").value  # type: ignore[union-attr]
        scope = positional[0].value if positional else None
        if scope is None or construct_id is None:
            raise CannotMove("the bucket's scope and construct id are not written out")
        new_id = _derived_id(construct_id)
        if new_id is None:
            raise CannotMove("the bucket's construct id is not a string or a variable")

        name = assigned_name(statement, call)
        if name is None:
            if not is_bare_call(statement, call):
                raise CannotMove("the bucket is not bound to a variable the new resource can use")
            name = unused_name(module, variable_name(_id_text(construct_id) or "bucket"))
        for other in self.separate:
            bucket = keyword_arg(other, "bucket")
            if bucket is not None and module.code_for_node(bucket.value).strip() in (
                f"{name}.id",
                f"{name}.bucket",
            ):
                raise CannotMove(
                    "the bucket already has a separate encryption resource; "
                    f"remove `{INLINE_ARGUMENT}` and keep the settings in one place"
                )

        # What the new resource says.
        imports: list[ImportEdit] = []

        def spelled(cls: str) -> str:
            text, edit = spell(module, f"{CDKTF_PACKAGE}.{SEPARATE_MODULE}.{cls}", call.func)
            if edit is not None and edit not in imports:
                imports.append(edit)
            return text

        index = load()
        source = index.cdktf_class(BUCKET_MODULE, "S3BucketServerSideEncryptionConfiguration")
        target = index.cdktf_class(SEPARATE_MODULE, resource_class_name(SEPARATE_MODULE))
        if source is None or target is None:
            raise CannotMove("the provider index has no encryption configuration classes")
        placed: set[int] = set()
        removals: set[str] = set()
        body = self._convert(arg.value, source, target, spelled, placed, removals)
        resource = Struct(
            spelled(target.name),
            [Field("bucket", f"{name}.id"), *body.fields],
            closing=body.closing,
            opening=body.opening,
            positional=[module.code_for_node(scope), module.code_for_node(new_id)],
            positional_on_one_line=_on_one_line(positional[:2]),
        )
        for meta in CARRIED_META_ARGUMENTS:
            carried = keyword_arg(call, meta)
            if carried is not None:
                resource.fields.append(Field(meta, module.code_for_node(carried.value)))
        new_call, moved = remove_argument(call, arg)
        placed.update(id(c) for c in moved)
        # The comments above the argument after this one stay where they are.
        after_ws = (
            arg.comma.whitespace_after
            if isinstance(arg.comma, cst.Comma)
            else arg.whitespace_after_arg
        )
        placed.update(id(c) for c in own_line_comments(after_ws))
        # Comments nowhere else placed (inside a list, around a colon) stay with the new resource.
        leftovers = [c.value for c in _collect_comments(arg) if id(c) not in placed]
        new_statement = statement.deep_replace(call, new_call)
        if assigned_name(statement, call) is None:
            assert isinstance(new_statement, cst.SimpleStatementLine)
            new_statement = bind(new_statement, name)

        column = self.position(statement).start.column
        text = render(resource, "", column, module.default_indent)
        new = parse_statements(text + "\n", module.default_newline)
        comments = [c.value for c in moved] + leftovers
        leading = [cst.EmptyLine(indent=False)] if self._separated_by_blank_lines(statement) else []
        leading += [cst.EmptyLine(comment=cst.Comment(c)) for c in comments]
        new[0] = new[0].with_changes(leading_lines=leading)
        replacements = {statement: cst.FlattenSentinel([new_statement, *new])}
        for struct in sorted(removals):
            imports.append(ImportEdit(f"{CDKTF_PACKAGE}.{BUCKET_MODULE}", struct, remove=True))
        return replacements, tuple(imports)

    def _separated_by_blank_lines(self, statement: cst.BaseStatement) -> bool:
        """Whether the statements around this one are separated by blank lines."""
        parent = self.get_metadata(ParentNodeProvider, statement, None)
        body = list(getattr(parent, "body", ()))
        index = next((i for i, s in enumerate(body) if s is statement), None)
        if index is None:
            return False
        if index + 1 < len(body):
            following = body[index + 1].leading_lines
            return bool(following) and following[0].comment is None
        lines = statement.leading_lines
        return bool(lines) and lines[0].comment is None and index > 0

    def _convert(
        self,
        value: cst.BaseExpression,
        source: CdktfClass,
        target: CdktfClass,
        spelled,
        placed: set[int],
        removals: set[str],
    ) -> Struct:
        """The struct `target` holding what `value` (a dict or a `source` struct call) holds."""
        module = self.module
        assert module is not None
        if isinstance(value, cst.Dict):
            lead, items, tail = entries(
                value.elements, value.lbrace.whitespace_after, value.rbrace.whitespace_before
            )
            described = "dict key"
        elif isinstance(
            value, cst.Call
        ) and f"{CDKTF_PACKAGE}.{BUCKET_MODULE}.{source.name}" in imported_names(self, value.func):
            closing = (
                value.args[-1].whitespace_after_arg if value.args else value.whitespace_before_args
            )
            lead, items, tail = entries(value.args, value.whitespace_before_args, closing)
            described = "argument"
            if isinstance(value.func, cst.Name) and value.func.value == source.name:
                removals.add(source.name)
        else:
            code = module.code_for_node(value)
            shown = f"`{code}`" if len(code) <= 40 and "\n" not in code else "its value"
            raise CannotMove(f"{shown} is not a dict or {source.name} call written out here")
        fields = []
        for entry in items:
            if entry.key is None:
                raise CannotMove(f"{source.name} is given a positional or unpacked {described}")
            key = _keyword(source, entry.key)
            if key is None:
                raise CannotMove(f"{source.name} has no field `{entry.key}`")
            target_key = _keyword(target, key)
            if target_key is None:
                raise CannotMove(f"{target.name} has no field `{key}` to carry it")
            field_value = self._convert_field(
                entry.value, source, key, target, target_key, spelled, placed, removals
            )
            for comment in [*entry.above, entry.after]:
                if comment is not None:
                    placed.add(id(comment))
            fields.append(
                Field(
                    target_key,
                    field_value,
                    [c.value for c in entry.above],
                    entry.after.value if entry.after is not None else None,
                )
            )
        for comment in [lead, *tail]:
            if comment is not None:
                placed.add(id(comment))
        return Struct(
            spelled(target.name),
            fields,
            closing=[c.value for c in tail],
            opening=lead.value if lead is not None else None,
        )

    def _convert_field(self, value, source, key, target, target_key, spelled, placed, removals):
        module = self.module
        assert module is not None
        source_type, target_type = source.args[key], target.args[target_key]
        source_block, target_block = source.struct_of(key), target.struct_of(target_key)
        if source_block is None or target_block is None:
            if source_type != target_type:
                raise CannotMove(f"`{key}` has another type in {target.name}")
            for comment in _collect_comments(value):
                placed.add(id(comment))  # written out with the value
            return module.code_for_node(value)
        index = load()
        inner_source = index.cdktf_class(source.module, source_block[0])
        inner_target = index.cdktf_class(target.module, target_block[0])
        if inner_source is None or inner_target is None:
            raise CannotMove(f"the provider index has no struct for `{key}`")
        values = [e.value for e in value.elements] if isinstance(value, cst.List) else [value]
        converted = [
            self._convert(v, inner_source, inner_target, spelled, placed, removals) for v in values
        ]
        if target_block[1]:
            return StructList(converted)
        if len(converted) != 1:
            raise CannotMove(f"`{key}` holds {len(converted)} blocks where {target.name} takes one")
        return converted[0]


def _keyword(struct: CdktfClass, key: str) -> Optional[str]:
    """The parameter of `struct` that takes `key` (jsii appends `_` to Python keywords)."""
    for candidate in (key, key + "_"):
        if candidate in struct.args:
            return candidate
    return None


def _rule_is_a_list(value: cst.BaseExpression) -> bool:
    if isinstance(value, cst.Dict):
        for element in value.elements:
            if isinstance(element, cst.DictElement) and string_value(element.key) == "rule":
                return isinstance(element.value, (cst.List, cst.ListComp))
    if isinstance(value, cst.Call):
        rule = keyword_arg(value, "rule")
        return rule is not None and isinstance(rule.value, (cst.List, cst.ListComp))
    return False


def _on_one_line(args: Sequence[cst.Arg]) -> bool:
    """`self, "id",` written on one line in the original call."""
    return (
        len(args) == 2
        and isinstance(args[0].comma, cst.Comma)
        and not isinstance(args[0].comma.whitespace_after, cst.ParenthesizedWhitespace)
    )


def _id_text(construct_id: cst.BaseExpression) -> Optional[str]:
    """The literal text of a construct id (the text parts of an f-string)."""
    value = string_value(construct_id)
    if value is not None:
        return value
    if isinstance(construct_id, cst.FormattedString):
        return "".join(
            p.value for p in construct_id.parts if isinstance(p, cst.FormattedStringText)
        )
    if isinstance(construct_id, cst.Name):
        return construct_id.value
    return None


def _separator(text: str) -> str:
    return "-" if "-" in text and "_" not in text else "_"


def _derived_id(construct_id: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    """The construct id of the new resource: the bucket's, with `_encryption` appended."""
    value = string_value(construct_id)
    if value is not None and isinstance(construct_id, cst.SimpleString):
        return string_literal(value + _separator(value) + "encryption", construct_id)
    if isinstance(construct_id, cst.FormattedString) and not construct_id.prefix.lower().startswith(
        "r"
    ):
        suffix = _separator(_id_text(construct_id) or "") + "encryption"
        parts = list(construct_id.parts)
        if parts and isinstance(parts[-1], cst.FormattedStringText):
            parts[-1] = parts[-1].with_changes(value=parts[-1].value + suffix)
        else:
            parts.append(cst.FormattedStringText(suffix))
        return construct_id.with_changes(parts=parts)
    if isinstance(construct_id, (cst.Name, cst.Attribute)):
        return cst.FormattedString(
            parts=[
                cst.FormattedStringExpression(construct_id),
                cst.FormattedStringText("_encryption"),
            ]
        )
    return None
