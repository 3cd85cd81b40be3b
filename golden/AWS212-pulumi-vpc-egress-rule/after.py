import pulumi
from pulumi_aws import ec2

network = ec2.Vpc("bench", cidr_block="10.42.0.0/16")
bench_sg = ec2.SecurityGroup(
    "bench-sg",
    vpc_id=network.id,
    description="Latency benchmark hosts",
    ingress=[
        ec2.SecurityGroupIngressArgs(
            protocol="udp",
            from_port=9000,
            to_port=9100,
            cidr_blocks=[network.cidr_block],  # peers only
        ),
    ],
    egress=[
        # Outbound to anywhere, for package installs.
        ec2.SecurityGroupEgressArgs(
            from_port=0,
            to_port=0,
            protocol="-1",
            cidr_blocks=["0.0.0.0/0"],
            description="all outbound",
        ),
    ],
)

pulumi.export("security_group_id", bench_sg.id)
