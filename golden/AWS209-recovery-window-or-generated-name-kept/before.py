from cdktf import TerraformStack
from cdktf_cdktf_provider_aws import secretsmanager_secret
from constructs import Construct


class SecretsStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str = "dev"):
        super().__init__(scope, construct_id)

        # The recovery window is chosen.
        secretsmanager_secret.SecretsmanagerSecret(
            self,
            "db",
            name=f"catalog-db-{environment_suffix}",
            recovery_window_in_days=7,
        )
        # Generated names never collide with a secret scheduled for deletion.
        secretsmanager_secret.SecretsmanagerSecret(self, "api", name_prefix=f"catalog-api-{environment_suffix}-")
        secretsmanager_secret.SecretsmanagerSecret(self, "session")
