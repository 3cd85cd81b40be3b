import pulumi_aws as aws

api = aws.apigateway.RestApi("api")
deployment = aws.apigateway.Deployment("api-deployment", rest_api=api.id)
stage = aws.apigateway.Stage("prod", rest_api=api.id, deployment=deployment.id, stage_name="prod")
