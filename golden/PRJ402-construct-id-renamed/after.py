from cdktf import TerraformStack
from constructs import Construct


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        self.stack_id = construct_id  # used in names below
