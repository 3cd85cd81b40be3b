"""DNS for the shop."""
import os

import pulumi
import pulumi_aws as aws

stack = pulumi.get_stack()

apex = aws.route53.Zone("apex", name=os.environ.get("HOSTED_ZONE_NAME", "app.internal"))
api_zone = aws.route53.Zone(
    "api-zone",
    name = os.environ.get("API_ZONE_NAME", 'api.internal.'),
    force_destroy=True,
)
# A private zone, only resolved inside the VPC.
internal = aws.route53.Zone("internal", name="corp.example.com", vpcs=[{"vpc_id": "vpc-0123456789abcdef0"}])

pulumi.export("name_servers", apex.name_servers)
