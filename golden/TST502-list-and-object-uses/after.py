import json
import unittest

from cdktf import App, TerraformStack, Testing
from cdktf_cdktf_provider_aws.provider import AwsProvider


class MultiRegionStack(TerraformStack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        AwsProvider(self, "aws_secondary", region="us-west-2", alias="secondary")


class TestProviders(unittest.TestCase):
    def setUp(self):
        self.config = json.loads(Testing.synth(MultiRegionStack(App(), "test")))

    def test_two_aws_providers(self):
        aws = self.config["provider"]["aws"]
        self.assertEqual(len(aws), 2)
        self.assertEqual(aws[0]["region"], "us-east-1")

    def test_default_provider_settings(self):
        default = self.config["provider"]["aws"][0]
        self.assertIn("region", default)
        self.assertNotIn("alias", default)

    def test_secondary_region(self):
        secondary = [p for p in self.config["provider"]["aws"] if p.get("alias") == "secondary"]
        self.assertEqual(secondary[0]["region"], "us-west-2")
