from pulumi_aws import s3

site = s3.Bucket(
    "site",
    website={"index_document": "index.html"},
    lifecycle_rules=[{"enabled": True, "expiration": {"days": 30}}],
)
