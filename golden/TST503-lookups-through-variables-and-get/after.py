import json
import unittest

from cdktf import Testing


class TestNetwork(unittest.TestCase):
    def setUp(self):
        from lib.network import NetworkStack  # the module under test

        self.synth = json.loads(Testing.synth(NetworkStack(Testing.app(), "net")))

    def test_vpc_and_zones(self):
        resources = self.synth.get("resource", {})
        vpcs = resources.get("aws_vpc", {})
        self.assertIsNotNone(vpcs.get("main-vpc"))
        self.assertIn(
            "private-subnet-0",  # first private subnet
            resources["aws_subnet"],
        )
        zones = (
            self.synth["data"]
            ["aws_availability_zones"]
            ["available"]  # the zones data source
        )
        self.assertEqual(zones["state"], "available")

    def test_not_there(self):
        self.assertFalse("legacy-vpc" in self.synth["resource"]["aws_vpc"])
