from json import dumps
from pulumi_aws import sqs, sns

queue = sqs.Queue("jobs")
topic = sns.Topic("events")
sqs.QueuePolicy("allow-sns", queue_url=queue.id, policy=dumps({"Statement": [{"Resource": queue.arn, "Condition": {"ArnEquals": {"aws:SourceArn": topic.arn}}}]}))
