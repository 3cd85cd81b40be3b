import json

import pulumi
import pulumi_aws as aws

bucket = aws.s3.Bucket("data")
role = aws.iam.Role(
    "reader",
    assume_role_policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
        }
    ),
)
aws.iam.RolePolicy(
    "read-data",
    role=role.id,
    policy=json.dumps({  # the bucket's objects
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": [bucket.arn]}],
    }, indent=2),
)
