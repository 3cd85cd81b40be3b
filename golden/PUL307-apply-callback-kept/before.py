import json

import pulumi
import pulumi_aws as aws

table = aws.dynamodb.Table("items", hash_key="id", attributes=[{"name": "id", "type": "S"}])
policy = table.arn.apply(
    lambda arn: json.dumps({"Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": arn}]})
)
tags = json.dumps({"team": "platform"})
already = pulumi.Output.json_dumps({"Resource": table.arn})
