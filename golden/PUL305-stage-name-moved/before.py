import pulumi
import pulumi_aws as aws

api = aws.apigateway.RestApi("orders-api", description="Orders")
deployment = aws.apigateway.Deployment(
    "orders-deployment",
    rest_api=api.id,
    stage_name="prod",  # the public stage
    triggers={"redeployment": "v1"},
)
pulumi.export("deployment_id", deployment.id)
