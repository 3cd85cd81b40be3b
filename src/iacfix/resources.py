"""What a constructor call really builds: its provider class and its Terraform resource type.

Pulumi-AWS is bridged from the Terraform provider, so `cdktf_cdktf_provider_aws.rds_cluster.RdsCluster`
and `pulumi_aws.rds.Cluster` both mean `aws_rds_cluster`, with the same snake_case arguments. AWS
rules are written once against the Terraform type and serve both platforms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import libcst as cst

from iacfix.metadata import QualifiedNameProvider, QualifiedNameSource
from iacfix.provider_index import CdktfClass, PulumiResource, load
from iacfix.rule import Platform, Rule

CDKTF_PACKAGE = "cdktf_cdktf_provider_aws"
PULUMI_PACKAGE = "pulumi_aws"
PROVIDER_PACKAGES = (CDKTF_PACKAGE, PULUMI_PACKAGE)


def camel_case(snake: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_"))


@dataclass(frozen=True)
class ProviderClass:
    platform: Platform
    module: str  # `security_group` (CDKTF) or `rds` (Pulumi)
    name: str  # `SecurityGroup`, `Cluster`
    # CDKTF: the class's entry in the index (None when the provider has no such class).
    cdktf: Optional[CdktfClass] = None
    # Pulumi: the resource's entry in the index (None for functions, args classes, unknown names).
    pulumi: Optional[PulumiResource] = None

    @property
    def qualified_name(self) -> str:
        package = CDKTF_PACKAGE if self.platform is Platform.CDKTF else PULUMI_PACKAGE
        return f"{package}.{self.module}.{self.name}"

    @property
    def terraform_type(self) -> Optional[str]:
        """`aws_rds_cluster` for both `RdsCluster` and `rds.Cluster`; None for structs and unknowns."""
        if self.cdktf is not None:
            return self.cdktf.terraform_type
        if self.pulumi is not None:
            return self.pulumi.terraform_type
        return None


def provider_class(qualified_name: str) -> Optional[ProviderClass]:
    """`cdktf_cdktf_provider_aws.rds_cluster.RdsCluster` -> its ProviderClass; None if not AWS."""
    parts = qualified_name.split(".")
    if len(parts) != 3 or parts[0] not in (CDKTF_PACKAGE, PULUMI_PACKAGE):
        return None
    package, module, name = parts
    if package == CDKTF_PACKAGE:
        return ProviderClass(Platform.CDKTF, module, name, cdktf=load().cdktf_class(module, name))
    return ProviderClass(Platform.PULUMI, module, name, pulumi=load().pulumi_resource(module, name))


def imported_names(rule: Rule, node: cst.CSTNode) -> set[str]:
    """The qualified names `node` refers to through imports (aliases and module imports resolved)."""
    return {
        q.name
        for q in rule.get_metadata(QualifiedNameProvider, node, set())
        if q.source is QualifiedNameSource.IMPORT
    }


def resolve_call(rule: Rule, call: cst.Call) -> Optional[ProviderClass]:
    """The provider class a call constructs, or None when it is not an AWS provider class."""
    for name in imported_names(rule, call.func):
        found = provider_class(name)
        if found is not None:
            return found
    return None
