from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.dynamodb_table import (
    DynamodbTable,
    DynamodbTableAttribute,
    DynamodbTablePointInTimeRecovery,
)
from cdktf_cdktf_provider_aws.lb import Lb, LbMinimumLoadBalancerCapacity
from constructs import Construct


# Structs with few fields declare them on one line (`def __init__(self, *, name, type)`).
class TableStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

        DynamodbTable(
            self,
            "table",
            name="orders",
            billing_mode="PAY_PER_REQUEST",
            hash_key="pk",
            attribute=[DynamodbTableAttribute(name="pk", type="S")],
            point_in_time_recovery=DynamodbTablePointInTimeRecovery(enabled=True),
        )
        Lb(
            self,
            "lb",
            name="orders",
            minimum_load_balancer_capacity=LbMinimumLoadBalancerCapacity(capacity_units=100),
        )
