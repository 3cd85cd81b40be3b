import pulumi
import pulumi_aws as aws
import os


class TapStack(pulumi.ComponentResource):
    def __init__(
        self,
        name: str,
        opts: pulumi.ResourceOptions = None,
        environment_suffix: str = None,
        tags: dict = None,
    ):
        """Everything the service needs."""
        super().__init__("tap:index:TapStack", name, None, opts)
        environment_suffix = environment_suffix or os.environ.get("ENVIRONMENT_SUFFIX", "dev")
        aws.s3.Bucket(f"{name}-logs", opts=pulumi.ResourceOptions(parent=self))
