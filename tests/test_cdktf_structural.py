"""What golden files cannot show for the rules that add statements (CDK104, CDK107): the layout of
files written with CRLF line ends and tab indentation, and how new variables are named."""

from __future__ import annotations

import libcst as cst

from iacfix.engine import Engine
from iacfix.settings import Settings
from iacfix.statements import unused_name, variable_name


def fix(text: str, *codes: str, unsafe: bool = False) -> str:
    engine = Engine(Settings(select=codes, unsafe_fixes=unsafe))
    return engine.fix(text, "stack.py").text


def test_encryption_resource_keeps_crlf_and_tabs():
    before = (
        "from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket\r\n"
        "\r\n"
        "\r\n"
        "def build(scope):\r\n"
        "\tS3Bucket(\r\n"
        "\t\tscope,\r\n"
        '\t\t"raw-data",\r\n'
        '\t\tserver_side_encryption_configuration={"rule": {"bucket_key_enabled": True}},\r\n'
        "\t)\r\n"
    )
    after = fix(before, "CDK104")
    assert "\n" not in after.replace("\r\n", "")
    assert "\traw_data = S3Bucket(\r\n\t\tscope,\r\n\t\t\"raw-data\",\r\n\t)\r\n" in after
    assert (
        "\tS3BucketServerSideEncryptionConfigurationA(\r\n"
        "\t\tscope,\r\n"
        '\t\t"raw-data-encryption",\r\n'
        "\t\tbucket=raw_data.id,\r\n"
        "\t\trule=[S3BucketServerSideEncryptionConfigurationRuleA(bucket_key_enabled=True)],\r\n"
        "\t)\r\n"
    ) in after
    assert fix(after, "CDK104") == after


def test_backend_keeps_crlf_and_tabs():
    before = (
        "from cdktf import TerraformStack\r\n"
        "\r\n"
        "\r\n"
        "class TapStack(TerraformStack):\r\n"
        "\tdef __init__(self, scope, construct_id, state_bucket):\r\n"
        "\t\tsuper().__init__(scope, construct_id)\r\n"
    )
    after = fix(before, "CDK107", unsafe=True)
    assert after.endswith(
        "\t\tsuper().__init__(scope, construct_id)\r\n"
        "\t\tS3Backend(\r\n"
        "\t\t\tself,\r\n"
        "\t\t\tbucket=state_bucket,\r\n"
        '\t\t\tkey=f"{construct_id}.tfstate",\r\n'
        "\t\t\tencrypt=True,\r\n"
        "\t\t)\r\n"
    )
    assert after.startswith("from cdktf import TerraformStack, S3Backend\r\n")


def test_new_variable_names_ignore_strings_and_comments():
    module = cst.parse_module('bucket = "tap_bucket"  # tap_bucket_2\nS3Bucket(self, "tap_bucket")\n')
    assert unused_name(module, "tap_bucket") == "tap_bucket"
    module = cst.parse_module("tap_bucket = 1\nprint(f'{tap_bucket_2}')\n")
    assert unused_name(module, "tap_bucket") == "tap_bucket_3"


def test_variable_names_from_construct_ids_are_identifiers():
    assert variable_name("tap-bucket") == "tap_bucket"
    assert variable_name("lambda") == "lambda_"
    assert variable_name("3rd-bucket") == "r_3rd_bucket"
