import pulumi_aws as aws

bucket = aws.s3.Bucket("data", force_destroy=True, tags={"Team": "data"})
aws.s3.BucketVersioning("data-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"})
aws.s3.BucketAcl("data-acl", bucket=bucket.id, acl="private")
