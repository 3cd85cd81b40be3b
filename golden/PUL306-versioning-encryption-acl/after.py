import pulumi_aws as aws

logs = aws.s3.Bucket(
    "access-logs",
    tags={"Purpose": "logs"},
)
logs_acl = aws.s3.BucketAcl("access-logs-acl", bucket=logs.id, acl="log-delivery-write")
logs_versioning = aws.s3.BucketVersioning("access-logs-versioning", bucket=logs.id, versioning_configuration={"status": "Enabled"})
logs_encryption = aws.s3.BucketServerSideEncryptionConfiguration("access-logs-encryption", bucket=logs.id, rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}])
