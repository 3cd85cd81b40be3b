from cdktf import TerraformStack


class TapStack(TerraformStack):
    pass
