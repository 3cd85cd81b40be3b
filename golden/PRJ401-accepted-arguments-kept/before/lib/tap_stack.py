from cdktf import TerraformStack


class TapStack(TerraformStack):
    def __init__(self, scope, construct_id, *, environment_suffix="dev"):
        super().__init__(scope, construct_id)
        self.environment_suffix = environment_suffix
