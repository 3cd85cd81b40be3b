from cdktf import TerraformStack


class OtherStack(TerraformStack):
    def __init__(self, scope, construct_id, **options):
        super().__init__(scope, construct_id)
        self.options = options
