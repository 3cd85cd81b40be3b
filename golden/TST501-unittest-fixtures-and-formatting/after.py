import unittest

import pytest
from cdktf import TerraformStack, Testing
from cdktf_cdktf_provider_aws.db_subnet_group import DbSubnetGroup
from cdktf_cdktf_provider_aws.provider import AwsProvider


class DatabaseStack(TerraformStack):
    """Only the subnet group is kept as an attribute."""

    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        self.subnet_group = DbSubnetGroup(
            self, "subnets", name="tap-db-subnets", subnet_ids=["subnet-1", "subnet-2"]
        )

    def cluster_identifier(self):
        return "tap-aurora"


class TestDatabaseStack(unittest.TestCase):
    def setUp(self):
        self.stack = DatabaseStack(Testing.app(), "TestDatabaseStack")

    def test_cluster(self):
        self.assertTrue(hasattr(self.stack, "cluster_identifier"))
        self.assertTrue(
            hasattr(
                self.stack,
                "aurora_cluster",  # the cluster construct
            )
        )
        self.assertIsNotNone(self.stack.subnet_group)
        self.assertIsNotNone(
            self.stack.parameter_group  # created in __init__
        )
        self.assertFalse(hasattr(self.stack, "db_instance"))


@pytest.fixture
def database_stack():
    stack = DatabaseStack(Testing.app(), "FixtureStack")
    yield stack


def test_monitoring_role(database_stack):
    assert (
        hasattr(database_stack, "monitoring_role")
        and database_stack.monitoring_role.name  # role name set
    ), "the stack creates a monitoring role"
