import json

from cdktf import Testing


def synthesized(stack):
    return json.loads(Testing.synth(stack))


def test_provider_settings(stack):
    config = synthesized(stack)
    assert "region" in config["provider"]["aws"]
    assert config.get("provider", {}).get("aws", {}).get("region") == "us-east-1"
    tags = (
        config["provider"]  # providers by name
        ['aws']
        [  # default tags set on the provider
            "default_tags"
        ]
    )
    assert tags == [{"tags": {"Environment": "test"}}]


def test_provider_has_no_profile(stack):
    providers = synthesized(stack)["provider"]
    assert sorted(providers["aws"].keys()) == ["default_tags", "region"]
    assert "profile" not in providers["aws"]
