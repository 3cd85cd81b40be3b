from cdktf import TerraformStack
from constructs import Construct


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        self.stack_id = id  # used in names below
