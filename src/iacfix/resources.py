"""What a constructor call really builds: its provider class and its Terraform resource type.

Pulumi-AWS is bridged from the Terraform provider, so `cdktf_cdktf_provider_aws.rds_cluster.RdsCluster`
and `pulumi_aws.rds.Cluster` both mean `aws_rds_cluster`, with the same snake_case arguments. AWS
rules are written once against the Terraform type and serve both platforms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import libcst as cst
from libcst.metadata import QualifiedNameProvider, QualifiedNameSource

from iacfix.rule import Platform, Rule

CDKTF_PACKAGE = "cdktf_cdktf_provider_aws"
PULUMI_PACKAGE = "pulumi_aws"

# Pulumi class -> Terraform type, for the resources the rules know. Pulumi's names do not follow
# from Terraform's (`aws_db_parameter_group` is `rds.ParameterGroup`), so they are listed.
PULUMI_TERRAFORM_TYPES = {
    "s3.Bucket": "aws_s3_bucket",
    "s3.BucketV2": "aws_s3_bucket",
    "rds.Cluster": "aws_rds_cluster",
    "rds.ClusterInstance": "aws_rds_cluster_instance",
    "rds.Instance": "aws_db_instance",
    "rds.GlobalCluster": "aws_rds_global_cluster",
    "rds.ParameterGroup": "aws_db_parameter_group",
    "rds.ClusterParameterGroup": "aws_rds_cluster_parameter_group",
    "rds.SubnetGroup": "aws_db_subnet_group",
}


def camel_case(snake: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_"))


@dataclass(frozen=True)
class ProviderClass:
    platform: Platform
    module: str  # `security_group` (CDKTF) or `rds` (Pulumi)
    name: str  # `SecurityGroup`, `Cluster`
    terraform_type: Optional[str]  # `aws_security_group`; None for structs and unknown classes

    @property
    def qualified_name(self) -> str:
        package = CDKTF_PACKAGE if self.platform is Platform.CDKTF else PULUMI_PACKAGE
        return f"{package}.{self.module}.{self.name}"


def provider_class(qualified_name: str) -> Optional[ProviderClass]:
    """`cdktf_cdktf_provider_aws.rds_cluster.RdsCluster` -> its ProviderClass; None if not AWS."""
    parts = qualified_name.split(".")
    if len(parts) != 3:
        return None
    package, module, name = parts
    if package == CDKTF_PACKAGE:
        # A module's resource class is its CamelCase name, A-suffixed where that name is taken by
        # a struct of a parent module; everything else in the module is a struct.
        terraform_type = None
        if name in (camel_case(module), camel_case(module) + "A"):
            terraform_type = (
                "data." + module[len("data_") :] if module.startswith("data_aws_") else f"aws_{module}"
            )
        return ProviderClass(Platform.CDKTF, module, name, terraform_type)
    if package == PULUMI_PACKAGE:
        return ProviderClass(
            Platform.PULUMI, module, name, PULUMI_TERRAFORM_TYPES.get(f"{module}.{name}")
        )
    return None


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
