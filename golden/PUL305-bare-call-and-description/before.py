from pulumi_aws import apigateway
from pulumi_aws.apigateway import Deployment

api = apigateway.RestApi("api")
Deployment("api-deployment", rest_api=api.id, stage_name="dev", stage_description="development")
