import pulumi
from pulumi_aws import secretsmanager as sm

stack = pulumi.get_stack()

api_key = sm.Secret("api-key", name=f"{stack}/api-key")  # read by the API
db = sm.Secret(
    "db",
    # One secret per stack.
    name=f"{stack}/db",
    kms_key_id="alias/aws/secretsmanager",
)
# A new name each time: deleting it frees nothing that is needed again.
session = sm.Secret("session", name_prefix=f"{stack}-session-")
# The recovery window is chosen.
signing = sm.Secret("signing", name=f"{stack}/signing", recovery_window_in_days=30)

pulumi.export("api_key", api_key.arn)
