from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret
from constructs import Construct


class CatalogStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str = "dev"):
        super().__init__(scope, construct_id)

        self.db_secret = SecretsmanagerSecret(
            self,
            f"db-secret-{environment_suffix}",
            name=f"catalog-api-db-password-{environment_suffix}",
            description="Database password for catalog API",
            recovery_window_in_days=0,
            tags={
                "Name": f"catalog-api-db-password-{environment_suffix}"
            }
        )
