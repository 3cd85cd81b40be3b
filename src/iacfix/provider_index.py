"""What the provider packages export and accept, read from the index shipped with iacfix.

The index (`data/provider_index.json.gz`) is built from cdktf-cdktf-provider-aws and pulumi-aws by
`scripts/build_index.py`. It is loaded on first use, only by rules that look a provider class up,
and kept for the life of the process.

CDKTF argument types are codes: `s` str, `n` number, `b` bool, `[s`/`[n`/`[b` lists of them, `{` a
map, `@Struct` one nested block, `*Struct` a list of nested blocks, `?` anything else.
"""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass
from importlib import resources
from typing import Mapping, Optional

# The meta-arguments every CDKTF resource and data source accepts besides its own.
CDKTF_META_ARGUMENTS = frozenset(
    {"connection", "count", "depends_on", "for_each", "lifecycle", "provider", "provisioners"}
)


@dataclass(frozen=True)
class CdktfClass:
    module: str
    name: str
    kind: str  # resource, data, provider or struct
    args: Mapping[str, str]  # keyword argument -> type code

    def struct_of(self, arg: str) -> Optional[tuple[str, bool]]:
        """(struct class, takes a list) for a nested-block argument, else None."""
        code = self.args.get(arg, "")
        if code[:1] in ("@", "*"):
            return code[1:], code[0] == "*"
        return None

    def accepts(self, keyword: str) -> bool:
        return keyword in self.args or (self.kind != "struct" and keyword in CDKTF_META_ARGUMENTS)

    @property
    def terraform_type(self) -> Optional[str]:
        if self.kind == "resource":
            return "aws_" + self.module
        if self.kind == "data":
            return "data." + self.module[len("data_") :]
        return None


@dataclass(frozen=True)
class PulumiResource:
    module: str
    name: str
    terraform_type: Optional[str]
    args: frozenset[str]
    deprecated_args: Mapping[str, str]  # argument -> what the package says instead
    successor: Optional[str]  # what the package says replaces a deprecated class


class ProviderIndex:
    def __init__(self, data: dict) -> None:
        self.cdktf_version: str = data["cdktf"]["version"]
        self.pulumi_version: str = data["pulumi"]["version"]
        self._cdktf: dict = data["cdktf"]["modules"]
        self._pulumi: dict = data["pulumi"]["modules"]
        self._pulumi_top_level: list[str] = data["pulumi"]["top_level"]

    # -- CDKTF ------------------------------------------------------------------------------------

    def cdktf_modules(self) -> list[str]:
        return sorted(self._cdktf)

    def cdktf_names(self, module: str) -> Optional[list[str]]:
        """Every name `cdktf_cdktf_provider_aws.<module>` exports; None if there is no such module."""
        info = self._cdktf.get(module)
        return info["names"] if info is not None else None

    def cdktf_class(self, module: str, name: str) -> Optional[CdktfClass]:
        info = self._cdktf.get(module)
        spec = info["classes"].get(name) if info is not None else None
        if spec is None:
            return None
        return CdktfClass(module, name, spec["kind"], spec["args"])

    @functools.cached_property
    def cdktf_modules_of_name(self) -> dict[str, list[str]]:
        """Exported name -> the modules that export it."""
        found: dict[str, list[str]] = {}
        for module in sorted(self._cdktf):
            for name in self._cdktf[module]["names"]:
                found.setdefault(name, []).append(module)
        return found

    @functools.cached_property
    def cdktf_a_suffixed(self) -> dict[str, str]:
        """Modules whose resource class has an `A` suffix -> that class (`VpcPeeringConnectionAccepterA`).

        The plain CamelCase name is taken by a struct of a parent module, so the generator renamed
        the resource class; the plain name does not exist in the module itself.
        """
        found = {}
        for module, info in self._cdktf.items():
            plain = "".join(part[:1].upper() + part[1:] for part in module.split("_"))
            if plain not in info["names"] and plain + "A" in info["names"]:
                found[module] = plain + "A"
        return found

    # -- Pulumi -----------------------------------------------------------------------------------

    def pulumi_modules(self) -> list[str]:
        return sorted(self._pulumi)

    def pulumi_top_level_names(self) -> list[str]:
        """What `pulumi_aws` exports besides its modules (`get_region`, `Provider`, ...)."""
        return self._pulumi_top_level

    def pulumi_names(self, module: str) -> Optional[list[str]]:
        """Every name `pulumi_aws.<module>` exports; None if there is no such module."""
        info = self._pulumi.get(module)
        return info["names"] if info is not None else None

    def pulumi_resource(self, module: str, name: str) -> Optional[PulumiResource]:
        info = self._pulumi.get(module)
        spec = info["resources"].get(name) if info is not None else None
        if spec is None:
            return None
        return PulumiResource(
            module,
            name,
            spec["type"],
            frozenset(spec["args"]),
            spec["deprecated_args"],
            spec["successor"],
        )

    def pulumi_resources_of_type(self, module: str, terraform_type: str) -> list[str]:
        """The Pulumi classes of `module` that build `terraform_type`."""
        info = self._pulumi.get(module, {"resources": {}})
        return sorted(n for n, s in info["resources"].items() if s["type"] == terraform_type)


@functools.lru_cache(maxsize=1)
def load() -> ProviderIndex:
    raw = resources.files("iacfix").joinpath("data", "provider_index.json.gz").read_bytes()
    return ProviderIndex(json.loads(gzip.decompress(raw)))
