from pulumi_aws import sqs, sns
import pulumi

queue = sqs.Queue("jobs")
topic = sns.Topic("events")
sqs.QueuePolicy("allow-sns", queue_url=queue.id, policy=pulumi.Output.json_dumps({"Statement": [{"Resource": queue.arn, "Condition": {"ArnEquals": {"aws:SourceArn": topic.arn}}}]}))
