"""Log shipping: a Firehose stream that needs its role's policy before it starts."""

import json

import pulumi_aws as aws

LOG_BUCKET_ARN = "arn:aws:s3:::central-logs-eu-west-1"

role = aws.iam.Role(
    "firehose",
    assume_role_policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "firehose.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
    ),
)
policy = aws.iam.RolePolicy(
    "firehose",
    role=role.id,
    policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": ["s3:PutObject", "s3:GetBucketLocation"],
                    "Resource": [LOG_BUCKET_ARN, f"{LOG_BUCKET_ARN}/*"],
                }
            ],
        }
    ),
)

stream = aws.kinesis.FirehoseDeliveryStream(
    "logs",
    destination="extended_s3",
    extended_s3_configuration={"role_arn": role.arn, "bucket_arn": LOG_BUCKET_ARN},
    depends_on=[policy])

aws.cloudwatch.LogSubscriptionFilter(
    "app-logs",
    log_group="/app/api",
    filter_pattern="",
    destination_arn=stream.arn,
    role_arn=role.arn,
    depends_on=[stream],
)
