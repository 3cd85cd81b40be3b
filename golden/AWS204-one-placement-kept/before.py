from typing import Optional

from cdktf import TerraformStack
from cdktf_cdktf_provider_aws import ecs_service as ecs
from constructs import Construct


class ServicesStack(TerraformStack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        strategy: Optional[list] = None,
        launch_type: Optional[str] = None,
    ):
        super().__init__(scope, construct_id)

        # Launch type alone.
        ecs.EcsService(self, "ec2", name="ec2", launch_type="EC2")
        # Capacity provider strategy alone.
        ecs.EcsService(
            self,
            "spot",
            name="spot",
            capacity_provider_strategy=[
                ecs.EcsServiceCapacityProviderStrategy(capacity_provider="FARGATE_SPOT", weight=1)
            ],
        )
        # An empty strategy does not conflict.
        ecs.EcsService(self, "empty", name="empty", launch_type="FARGATE", capacity_provider_strategy=[])
        # Values only known when the program runs: either may be empty.
        ecs.EcsService(self, "chosen", name="chosen", launch_type="FARGATE", capacity_provider_strategy=strategy)
        ecs.EcsService(
            self,
            "configured",
            name="configured",
            launch_type=launch_type,
            capacity_provider_strategy=[
                ecs.EcsServiceCapacityProviderStrategy(capacity_provider="FARGATE", weight=1)
            ],
        )
