from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.ecs_cluster import EcsCluster
from cdktf_cdktf_provider_aws.ecs_service import (
    EcsService,
    EcsServiceCapacityProviderStrategy,
    EcsServiceNetworkConfiguration,
)
from constructs import Construct


class CatalogStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str = "dev"):
        super().__init__(scope, construct_id)

        ecs_cluster = EcsCluster(self, "cluster", name=f"catalog-{environment_suffix}")

        self.ecs_service = EcsService(
            self,
            f"ecs-service-{environment_suffix}",
            name=f"catalog-api-service-{environment_suffix}",
            cluster=ecs_cluster.id,
            task_definition="catalog-api:1",
            desired_count=2,
            capacity_provider_strategy=[
                EcsServiceCapacityProviderStrategy(
                    capacity_provider="FARGATE_SPOT",
                    weight=100,
                    base=0
                )
            ],
            network_configuration=EcsServiceNetworkConfiguration(
                subnets=["subnet-0123456789abcdef0"],
                assign_public_ip=False,
            ),
        )

        # A second service, written on few lines, with the launch type last.
        EcsService(self, "worker", name=f"catalog-worker-{environment_suffix}", cluster=ecs_cluster.id,
                   capacity_provider_strategy=[EcsServiceCapacityProviderStrategy(
                       capacity_provider="FARGATE", weight=1)]
                   )
