import pulumi
import pulumi_aws as aws

api = aws.apigateway.RestApi("orders-api", description="Orders")
deployment = aws.apigateway.Deployment(
    "orders-deployment",
    rest_api=api.id,
    triggers={"redeployment": "v1"},
)
deployment_stage = aws.apigateway.Stage("orders-deployment-stage", rest_api=api.id, deployment=deployment.id, stage_name="prod")
pulumi.export("deployment_id", deployment.id)
