from cdktf import TerraformStack
from constructs import Construct


def lookup(id: str) -> str:  # not a construct constructor
    return id


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)

    def tag(self, id):
        return {"Id": id}


class Legacy(TerraformStack):
    def __init__(self, scope: Construct, id: str, construct_id: str = ""):
        # renaming `id` would collide with the existing `construct_id`
        super().__init__(scope, id)
