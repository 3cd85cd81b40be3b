from __future__ import annotations

import libcst as cst

from iacfix.aws_values import insert_keyword_after, is_none, keyword
from iacfix.calls import keyword_arg
from iacfix.resources import PROVIDER_PACKAGES, resolve_call
from iacfix.rule import FixSafety, Platform, Rule, RuleSet


class SecretRecoveryWindow(Rule):
    """
    ## What it does
    Finds Secrets Manager secrets with a fixed `name` and no `recovery_window_in_days`, and sets
    `recovery_window_in_days=0`, so that destroying the stack deletes the secret at once. Secrets
    named by `name_prefix`, or not named at all, get a new name each time and are left alone.

    ## Why is this bad?
    Deleting a secret only schedules its deletion, 30 days later by default. Until then its name
    stays taken: deploying the stack again after a destroy (a test environment, a pull-request
    stack) fails with `InvalidRequestException: You can't create this secret because a secret with
    this name is already scheduled for deletion`. It deploys the first time, which is why the
    rule is in the extended set.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret

    SecretsmanagerSecret(
        self,
        "db-secret",
        name=f"catalog-api-db-password-{environment_suffix}",
        description="Database password for catalog API",
    )
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret

    SecretsmanagerSecret(
        self,
        "db-secret",
        name=f"catalog-api-db-password-{environment_suffix}",
        description="Database password for catalog API",
        recovery_window_in_days=0,
    )
    ```

    ## Fix safety
    Unsafe: with a recovery window of 0 a deleted secret cannot be restored. Keep the default
    (or set 7 to 30 days) for secrets that matter beyond one environment's life.
    """

    CODE = "AWS209"
    NAME = "secret-recovery-window"
    SUMMARY = "Secrets Manager secret with a fixed name and no `recovery_window_in_days`"
    SET = RuleSet.EXTENDED
    PLATFORM = Platform.BOTH
    FIX = FixSafety.UNSAFE
    TOKENS = ("SecretsmanagerSecret", "secretsmanager")
    PACKAGES = PROVIDER_PACKAGES

    def visit_Call(self, node: cst.Call) -> None:
        resource = resolve_call(self, node)
        if resource is None or resource.terraform_type != "aws_secretsmanager_secret":
            return
        name = keyword_arg(node, "name")
        if name is None or is_none(name.value):
            return
        if keyword_arg(node, "recovery_window_in_days") is not None:
            return
        fixed = insert_keyword_after(
            node,
            keyword("recovery_window_in_days", cst.Integer("0")),
            after=("name", "description"),
        )
        self.report(
            name,
            "secret with a fixed name and the default 30-day recovery window: once deleted, its "
            "name stays taken for 30 days and the stack cannot be deployed again",
            replacements={node: fixed},
        )
