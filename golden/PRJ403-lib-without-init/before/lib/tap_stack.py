import pulumi


class TapStackArgs:
    def __init__(self, environment_suffix: str = "dev"):
        self.environment_suffix = environment_suffix


class TapStack(pulumi.ComponentResource):
    def __init__(self, name: str, args: TapStackArgs, opts: pulumi.ResourceOptions = None):
        super().__init__("tap:stack:TapStack", name, None, opts)
