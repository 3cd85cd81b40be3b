import pulumi
import pulumi_aws as aws


class TapStack(pulumi.ComponentResource):
    def __init__(
        self,
        name: str,
        opts: pulumi.ResourceOptions = None,
    ):
        """Everything the service needs."""
        super().__init__("tap:index:TapStack", name, None, opts)
        aws.s3.Bucket(f"{name}-logs", opts=pulumi.ResourceOptions(parent=self))
