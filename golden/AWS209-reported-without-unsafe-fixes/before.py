import pulumi_aws as aws

# The default recovery window, kept unless unsafe fixes are asked for.
secret = aws.secretsmanager.Secret("db-credentials", name="prod/db-credentials")
