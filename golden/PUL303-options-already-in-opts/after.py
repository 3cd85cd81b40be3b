import pulumi
import pulumi_aws as aws

vpc = aws.ec2.Vpc("main", cidr_block="10.0.0.0/16")
gateway = aws.ec2.InternetGateway("main", vpc_id=vpc.id)

# `depends_on` where Pulumi takes it: nothing to change.
nat_ip = aws.ec2.Eip("nat", domain="vpc", opts=pulumi.ResourceOptions(depends_on=[gateway]))

# Dependencies in both places: which to keep is the author's choice.
public_ip = aws.ec2.Eip(
    "bastion",
    domain="vpc",
    depends_on=[vpc],
    opts=pulumi.ResourceOptions(depends_on=[gateway]),
)

# The options may come from the unpacked keywords.
common = {"opts": pulumi.ResourceOptions(protect=True)}
spare_ip = aws.ec2.Eip("spare", domain="vpc", depends_on=[gateway], **common)
