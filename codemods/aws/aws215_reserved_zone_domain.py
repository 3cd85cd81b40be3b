from __future__ import annotations

import re
from typing import Optional

import libcst as cst

from iacfix.aws_values import StringConstants, is_none
from iacfix.calls import keyword_arg, replace_arg_value, string_literal, string_value
from iacfix.metadata import ScopeProvider
from iacfix.resources import PROVIDER_PACKAGES, resolve_call
from iacfix.rule import FixSafety, ImportEdit, Platform, Rule

# Second-level domains reserved for documentation (RFC 2606), which Route 53 refuses to host.
RESERVED_DOMAINS = ("example.com", "example.net", "example.org")
FALLBACK_SUFFIX = "internal"
FALLBACK_APEX = "app.internal"
ENVIRONMENT_VARIABLE = "HOSTED_ZONE_NAME"


def reserved_suffix(name: str, whole: bool = True) -> Optional[str]:
    """The reserved domain `name` is or lies under (`example.com`), else None. With `whole`
    False, `name` is only the end of the name (the text after an f-string's last value), and
    must itself show the subdomain's dot."""
    host = name.lower().rstrip(".")
    for domain in RESERVED_DOMAINS:
        if (whole and host == domain) or host.endswith("." + domain):
            return domain
    return None


def _fallback_text(text: str, whole: bool = True) -> str:
    """`migration-dev.example.com` -> `migration-dev.internal`; `example.com` -> `app.internal`."""
    dot = "." if text.endswith(".") else ""
    host = text[: len(text) - len(dot)]
    domain = reserved_suffix(host, whole)
    assert domain is not None
    if host.lower() == domain:
        return FALLBACK_APEX + dot
    return host[: len(host) - len(domain)] + FALLBACK_SUFFIX + dot


class ReservedZoneDomain(Rule):
    """
    ## What it does
    Finds public Route 53 hosted zones named under a domain reserved for documentation
    (`example.com`, `example.net`, `example.org` and their subdomains), and makes the zone name
    configurable: `os.environ.get("HOSTED_ZONE_NAME", ...)`, falling back to the same name under
    `.internal` (`migration-dev.example.com` becomes `migration-dev.internal`). `import os` is
    added where needed. Private zones (with a `vpc`) are left alone.

    ## Why is this bad?
    These domains are reserved (RFC 2606) and Route 53 refuses to create a hosted zone for them:
    `InvalidDomainName: migration-pr7312.example.com is reserved by AWS!`, so the zone and every
    record in it fail to deploy. The zone needs a domain the account may use, which the program
    cannot know: it comes from the environment.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.route53_zone import Route53Zone

    Route53Zone(self, "zone", name=f"migration-{stage}.example.com")
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.route53_zone import Route53Zone
    import os

    Route53Zone(self, "zone", name=os.environ.get("HOSTED_ZONE_NAME", f"migration-{stage}.internal"))
    ```

    ## Fix safety
    Unsafe: the zone's name is a guess until `HOSTED_ZONE_NAME` is set to a domain you control,
    and records under the old name (`api.example.com`) still need renaming.
    """

    CODE = "AWS215"
    NAME = "reserved-zone-domain"
    SUMMARY = "Route53 zone under a reserved domain (example.com, .net, .org)"
    PLATFORM = Platform.BOTH
    FIX = FixSafety.UNSAFE
    TOKENS = ("example.com", "example.net", "example.org")
    PACKAGES = PROVIDER_PACKAGES

    METADATA_DEPENDENCIES = (*Rule.METADATA_DEPENDENCIES, ScopeProvider)

    def visit_Module(self, node: cst.Module) -> None:
        self.constants = StringConstants(node)
        self._variables_taken = {
            match for match in re.findall(r"\b[A-Z][A-Z0-9_]*ZONE_NAME\b", node.code)
        }

    def visit_Call(self, node: cst.Call) -> None:
        resource = resolve_call(self, node)
        if resource is None or resource.terraform_type != "aws_route53_zone":
            return
        for private in ("vpc", "vpcs"):
            arg = keyword_arg(node, private)
            if arg is not None and not is_none(arg.value):
                return
        name = keyword_arg(node, "name")
        if name is None:
            return
        whole = not isinstance(name.value, cst.FormattedString)
        text = self._literal_text(name.value)
        domain = reserved_suffix(text, whole) if text is not None else None
        if domain is None:
            return
        fallback = self._fallback(name.value)
        message = f"`{domain}` is reserved: Route 53 refuses to host a zone under it"
        if fallback is None:
            self.report(name.value, message)
            return
        variable = self._variable(node, resource.cdktf is not None)
        value = cst.parse_expression(f'os.environ.get("{variable}", fallback)')
        assert isinstance(value, cst.Call)
        value = value.with_changes(
            args=[value.args[0], value.args[1].with_changes(value=fallback)]
        )
        self.report(
            name.value,
            message,
            replacements={node: replace_arg_value(node, name, value)},
            imports=(ImportEdit("os", None),),  # type: ignore[arg-type]  # `import os`
        )

    def _literal_text(self, value: cst.BaseExpression) -> Optional[str]:
        """The name, or for an f-string the literal text it ends with (the domain part)."""
        text = self.constants.value(self, value)
        if text is not None:
            return text
        if isinstance(value, cst.FormattedString) and value.parts:
            last = value.parts[-1]
            if isinstance(last, cst.FormattedStringText):
                return last.value
        return None

    def _fallback(self, value: cst.BaseExpression) -> Optional[cst.BaseExpression]:
        if isinstance(value, cst.FormattedString):
            last = value.parts[-1]
            assert isinstance(last, cst.FormattedStringText)
            if "\\" in last.value:
                return None
            tail = _fallback_text(last.value, whole=False)
            return value.with_changes(parts=[*value.parts[:-1], last.with_changes(value=tail)])
        text = string_value(value)
        if text is None:
            return None  # a constant: the name is changed where it is defined
        like = value if isinstance(value, cst.SimpleString) else None
        return string_literal(_fallback_text(text), like)

    def _variable(self, call: cst.Call, cdktf: bool) -> str:
        """`HOSTED_ZONE_NAME`, or for a further zone of the file `<ID>_ZONE_NAME` from its id."""
        if ENVIRONMENT_VARIABLE not in self._variables_taken:
            self._variables_taken.add(ENVIRONMENT_VARIABLE)
            return ENVIRONMENT_VARIABLE
        positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
        index = 1 if cdktf else 0
        logical_id = string_value(positional[index].value) if len(positional) > index else None
        base = re.sub(r"\W+", "_", logical_id or "").strip("_").upper()
        base = re.sub(r"_?(HOSTED_)?ZONE$", "", base) or "HOSTED"
        candidate, number = f"{base}_ZONE_NAME", 1
        while candidate in self._variables_taken:
            number += 1
            candidate = f"{base}_{number}_ZONE_NAME"
        self._variables_taken.add(candidate)
        return candidate
