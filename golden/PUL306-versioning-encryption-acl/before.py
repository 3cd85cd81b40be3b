import pulumi_aws as aws

logs = aws.s3.Bucket(
    "access-logs",
    acl="log-delivery-write",
    versioning={"enabled": True},  # keep old log objects
    server_side_encryption_configuration={
        "rule": {
            "apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"},
        },
    },
    tags={"Purpose": "logs"},
)
