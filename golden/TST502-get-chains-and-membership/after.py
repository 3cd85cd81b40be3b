import json

from cdktf import Testing


def synthesized(stack):
    return json.loads(Testing.synth(stack))


def test_provider_settings(stack):
    config = synthesized(stack)
    assert "region" in config["provider"]["aws"][0]
    assert config.get("provider", {}).get("aws", [{}])[0].get("region") == "us-east-1"
    tags = (
        config["provider"]  # providers by name
        ['aws'][0]
        [  # default tags set on the provider
            "default_tags"
        ]
    )
    assert tags == [{"tags": {"Environment": "test"}}]


def test_provider_has_no_profile(stack):
    providers = synthesized(stack)["provider"]
    assert sorted(providers["aws"][0].keys()) == ["default_tags", "region"]
    assert "profile" not in providers["aws"]
