from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction


class Api(TerraformStack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        LambdaFunction(self, "fn", function_name="fn", role="r", handler="index.handler", runtime="nodejs20.x", filename="lambda/fn.zip")
        LambdaFunction(self, "remote", function_name="remote", role="r", handler="h", runtime="python3.12", s3_bucket="artifacts", s3_key="fn.zip")


app = App()
Api(app, "api")
app.synth()
