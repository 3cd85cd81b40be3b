"""Provider assertions that read the synthesized provider list as a list."""
import json

from cdktf import App, TerraformStack, Testing
from cdktf_cdktf_provider_aws.provider import AwsProvider


class TapStack(TerraformStack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")


def synthesized():
    return json.loads(Testing.synth(TapStack(App(), "test")))


def test_provider_parsed_as_list():
    config = synthesized()
    aws_provider = config["provider"]["aws"]
    if isinstance(aws_provider, list):
        aws_provider = aws_provider[0]
    assert aws_provider["region"] == "us-east-1"


def test_first_entry_and_iteration():
    config = synthesized()
    assert config["provider"]["aws"][0]["region"] == "us-east-1"
    regions = [p["region"] for p in config["provider"]["aws"]]
    assert regions == ["us-east-1"]
    assert len(config.get("provider", {}).get("aws", [])) == 1
    assert "aws" in config["provider"]


def test_expected_document_built_by_the_test():
    expected = {"provider": {"aws": {"region": "us-east-1"}}}
    assert expected["provider"]["aws"]["region"] == "us-east-1"
    assert "profile" not in synthesized()["provider"]["aws"][0]
