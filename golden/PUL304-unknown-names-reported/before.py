import pulumi_aws as aws
from pulumi_aws import logs
from pulumi_aws.ec2 import SecurityGroupIngressRule

app_logs = logs.LogGroup("app", retention_in_days=14)
audit_logs = logs.LogGroup("audit", retention_in_days=365)

nightly = aws.events.Rule("nightly", schedule_expression="cron(0 2 * * ? *)")

web = aws.ec2.SecurityGroup("web", description="Web servers")
SecurityGroupIngressRule(
    "https",
    security_group_id=web.id,
    cidr_ipv4="0.0.0.0/0",
    from_port=443,
    to_port=443,
    ip_protocol="tcp",
)

queue = aws.sqs.FifoQueue("orders.fifo", fifo_queue=True)
