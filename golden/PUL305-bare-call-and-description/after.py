from pulumi_aws import apigateway
from pulumi_aws.apigateway import Deployment, Stage

api = apigateway.RestApi("api")
deployment = Deployment("api-deployment", rest_api=api.id)
deployment_stage = Stage("api-deployment-stage", rest_api=api.id, deployment=deployment.id, stage_name="dev", description="development")
