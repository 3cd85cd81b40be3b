import pulumi
import pulumi_aws as aws

config = pulumi.Config()
queue_settings = config.require_object("queueSettings")

# Keyword spellings of the name and options, an Args object, and snake_case dict inputs.
role = aws.iam.Role(
    resource_name="app-role",
    assume_role_policy=config.require("assumeRolePolicy"),
    opts=pulumi.ResourceOptions(protect=True),
)

bucket = aws.s3.Bucket("assets", args=aws.s3.BucketArgs(bucket="app-assets-eu-west-1"))

web_sg = aws.ec2.SecurityGroup(
    "web",
    vpc_id=config.require("vpcId"),
    ingress=[{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}],
    egress=[
        aws.ec2.SecurityGroupEgressArgs(
            from_port=0, to_port=0, protocol="-1", cidr_blocks=["0.0.0.0/0"]
        ),
    ],
)

# Keywords unpacked from a dict cannot be checked.
jobs = aws.sqs.Queue("jobs", visibility_timeout_seconds=120, **queue_settings)
