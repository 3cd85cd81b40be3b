from __future__ import annotations

import libcst as cst

from iacfix.aws_values import StringConstants, remove_keyword
from iacfix.calls import keyword_arg
from iacfix.metadata import ScopeProvider
from iacfix.resources import PROVIDER_PACKAGES, resolve_call
from iacfix.rule import FixSafety, Platform, Rule

# CDKTF names the nested block as Terraform does; Pulumi names the list in the plural.
STRATEGY_ARGUMENTS = ("capacity_provider_strategy", "capacity_provider_strategies")


class LaunchTypeWithCapacityProviders(Rule):
    """
    ## What it does
    Finds ECS services that set both `launch_type` and a non-empty capacity provider strategy
    (`capacity_provider_strategy` in CDKTF, `capacity_provider_strategies` in Pulumi), and removes
    `launch_type`.

    ## Why is this bad?
    A service is placed either by a launch type or by a capacity provider strategy, never both.
    The AWS provider declares `launch_type` as conflicting with `capacity_provider_strategy`, and
    the ECS API refuses the pair with `InvalidParameterException: Specifying both a launch type and
    capacity provider strategy is not supported`, so the service is never created. The strategy
    names the capacity (`FARGATE`, `FARGATE_SPOT`, an Auto Scaling group provider), which is
    where the launch type comes from.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.ecs_service import EcsService, EcsServiceCapacityProviderStrategy

    EcsService(
        self,
        "api",
        name="api",
        launch_type="FARGATE",
        capacity_provider_strategy=[
            EcsServiceCapacityProviderStrategy(capacity_provider="FARGATE_SPOT", weight=100)
        ],
    )
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.ecs_service import EcsService, EcsServiceCapacityProviderStrategy

    EcsService(
        self,
        "api",
        name="api",
        capacity_provider_strategy=[
            EcsServiceCapacityProviderStrategy(capacity_provider="FARGATE_SPOT", weight=100)
        ],
    )
    ```

    ## Fix safety
    Safe: the service cannot be created with both, and the strategy already says where its tasks
    run. A strategy that is empty or built at run time (a variable, a comprehension) is left
    alone, since it may hold nothing.
    """

    CODE = "AWS204"
    NAME = "launch-type-with-capacity-providers"
    SUMMARY = "ECS service with both `launch_type` and a capacity provider strategy"
    PLATFORM = Platform.BOTH
    FIX = FixSafety.SAFE
    TOKENS = ("launch_type",)
    PACKAGES = PROVIDER_PACKAGES

    METADATA_DEPENDENCIES = (*Rule.METADATA_DEPENDENCIES, ScopeProvider)

    def visit_Module(self, node: cst.Module) -> None:
        self.constants = StringConstants(node)

    def visit_Call(self, node: cst.Call) -> None:
        resource = resolve_call(self, node)
        if resource is None or resource.terraform_type != "aws_ecs_service":
            return
        launch_type = keyword_arg(node, "launch_type")
        if launch_type is None or not self.constants.value(self, launch_type.value):
            return
        for name in STRATEGY_ARGUMENTS:
            strategy = keyword_arg(node, name)
            if (
                strategy is not None
                and isinstance(strategy.value, (cst.List, cst.Tuple))
                and strategy.value.elements
            ):
                break
        else:
            return
        self.report(
            launch_type,
            f"`launch_type` conflicts with `{name}`: ECS refuses a service that sets both",
            replacements={node: remove_keyword(node, launch_type)},
        )
