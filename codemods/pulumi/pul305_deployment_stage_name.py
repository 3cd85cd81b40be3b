from __future__ import annotations

import libcst as cst

from iacfix.calls import keyword_arg, remove_arg, string_value
from iacfix.metadata import ParentNodeProvider
from iacfix.resources import PULUMI_PACKAGE, resolve_call
from iacfix import statements
from iacfix.rule import FixSafety, ImportEdit, Platform, Rule

# Stage settings that Deployment took in pulumi-aws 6 and Stage takes now, under its own names.
MOVED_TO_STAGE = {"stage_name": "stage_name", "stage_description": "description"}


class DeploymentStageName(Rule):
    """
    ## What it does
    Finds `aws.apigateway.Deployment(..., stage_name=...)` and moves the stage into its own
    `aws.apigateway.Stage` resource, placed right after the deployment:
    `Stage(..., rest_api=<the same API>, deployment=<deployment>.id, stage_name=...)`.

    ## Why is this bad?
    pulumi-aws 7 removed `stage_name` and `stage_description` from `Deployment` (the Terraform
    provider 6 removed them from `aws_api_gateway_deployment`), so the program stops with
    `TypeError: Deployment._internal_init() got an unexpected keyword argument 'stage_name'`.
    A stage is a resource of its own, `aws.apigateway.Stage`.

    ## Example
    ```python
    import pulumi_aws as aws

    api = aws.apigateway.RestApi("api")
    deployment = aws.apigateway.Deployment("api-deployment", rest_api=api.id, stage_name="prod")
    ```

    ## Use instead
    ```python
    import pulumi_aws as aws

    api = aws.apigateway.RestApi("api")
    deployment = aws.apigateway.Deployment("api-deployment", rest_api=api.id)
    deployment_stage = aws.apigateway.Stage("api-deployment-stage", rest_api=api.id, deployment=deployment.id, stage_name="prod")
    ```

    ## Fix safety
    Unsafe: the stage becomes a separate resource, so Pulumi replaces the stage the deployment
    created; the API is briefly without that stage during the update.
    """

    CODE = "PUL305"
    NAME = "deployment-stage-name"
    SUMMARY = "API Gateway Deployment(stage_name=...), removed in pulumi-aws 7"
    PLATFORM = Platform.PULUMI
    FIX = FixSafety.UNSAFE
    TOKENS = ("stage_name", "stage_description")
    PACKAGES = (PULUMI_PACKAGE,)
    METADATA_DEPENDENCIES = Rule.METADATA_DEPENDENCIES + (ParentNodeProvider,)

    def visit_Call(self, node: cst.Call) -> None:
        resource = resolve_call(self, node)
        if resource is None or resource.terraform_type != "aws_api_gateway_deployment":
            return
        moved = [keyword_arg(node, old) for old in MOVED_TO_STAGE]
        moved = [arg for arg in moved if arg is not None]
        if not moved or (resource.pulumi and moved[0].keyword.value in resource.pulumi.args):
            return
        message = (
            "`Deployment` takes no `stage_name` since pulumi-aws 7: the stage is an "
            "`aws.apigateway.Stage` resource"
        )
        statement = statements.enclosing_statement(self, node)
        rest_api = keyword_arg(node, "rest_api")
        name = string_value(node.args[0].value) if node.args and not node.args[0].keyword else None
        if statement is None or rest_api is None or name is None:
            self.report(moved[0], message)
            return
        variable = statements.assigned_name(statement, node)
        bound = None
        if variable is None:
            if not statements.is_bare_call(statement, node):
                self.report(moved[0], message)
                return
            variable = "deployment"
            bound = statement
        stage_func = node.func.with_changes(attr=cst.Name("Stage")) if isinstance(
            node.func, cst.Attribute
        ) else cst.Name("Stage")
        code = cst.Module([]).code_for_node
        arguments = [
            f'"{name}-stage"',
            f"rest_api={code(rest_api.value)}",
            f"deployment={variable}.id",
            *(f"{MOVED_TO_STAGE[a.keyword.value]}={code(a.value)}" for a in moved),
        ]
        stage = statements.parse_statements(
            f"{variable.replace('.', '_')}_stage = {code(stage_func)}({', '.join(arguments)})\n"
        )
        new_call = node
        for arg in moved:
            new_call = remove_arg(new_call, keyword_arg(new_call, arg.keyword.value))
        replaced = statement.deep_replace(node, new_call)
        if bound is not None:
            replaced = statements.bind(replaced, variable)
        imports = ()
        if isinstance(stage_func, cst.Name):  # `from pulumi_aws.apigateway import Deployment`
            imports = (ImportEdit(f"{PULUMI_PACKAGE}.{resource.module}", "Stage"),)
        self.report(
            moved[0],
            message,
            replacements={statement: statements.insert_after(statement, stage, replaced)},
            imports=imports,
        )
