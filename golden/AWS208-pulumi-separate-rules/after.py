"""Database network rules, one resource a rule."""
import pulumi
import pulumi_aws as aws

vpc = aws.ec2.Vpc("main", cidr_block="10.20.0.0/16", enable_dns_hostnames=True)
db_sg = aws.ec2.SecurityGroup("db-sg", vpc_id=vpc.id, description="Database access")

aws.ec2.SecurityGroupRule(
    "db-from-app",
    type="ingress",
    security_group_id=db_sg.id,
    protocol="tcp",
    from_port=5432,
    to_port=5432,
    cidr_blocks=[vpc.cidr_block],
    description=f"PostgreSQL from the app subnets; PostgreSQL in {pulumi.get_stack()}",
)

# The newer resources, one CIDR each.
https = aws.vpc.SecurityGroupIngressRule(
    "https-1", security_group_id=db_sg.id, ip_protocol="tcp", from_port=443, to_port=443, cidr_ipv4="10.20.0.0/16", description="HTTPS"
)
# Another port: kept.
aws.vpc.SecurityGroupIngressRule(
    "metrics", security_group_id=db_sg.id, ip_protocol="tcp", from_port=9187, to_port=9187, cidr_ipv4=vpc.cidr_block
)

pulumi.export("https_rule", https.id)
