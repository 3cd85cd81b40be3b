"""What the golden cases of the Pulumi rules cannot show: their tables checked against the provider
index, and fixes whose outcome depends on options or on how a file imports Pulumi."""

from __future__ import annotations

import textwrap

import pytest

from iacfix.codemods.pulumi.pul301_renamed_arguments import (
    CHANGES,
    changes_for,
    terraform_plurals,
)
from iacfix.codemods.pulumi.pul304_unknown_module_or_class import (
    SERVICE_MODULES,
    exported,
    successor,
)
from iacfix.engine import Engine
from iacfix.provider_index import load
from iacfix.settings import Settings


def classes_of_type(terraform_type: str):
    index = load()
    return [
        index.pulumi_resource(module, name)
        for module in index.pulumi_modules()
        for name in index.pulumi_resources_of_type(module, terraform_type)
    ]


def fix(source: str, *codes: str, unsafe: bool = False) -> str:
    engine = Engine(Settings(select=codes or None, unsafe_fixes=unsafe))
    return engine.fix(textwrap.dedent(source), "stack.py").text


def codes_found(source: str, *codes: str) -> list[str]:
    engine = Engine(Settings(select=codes or None))
    return [f.code for f in engine.lint(textwrap.dedent(source), "stack.py")]


# -- PUL301: the table -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "terraform_type, old",
    [(t, old) for t, changes in CHANGES.items() for old in changes],
    ids=lambda value: value,
)
def test_every_table_entry_agrees_with_the_index(terraform_type, old):
    """The old name is absent from every Pulumi class of the type; the new one is present."""
    change = CHANGES[terraform_type][old]
    classes = classes_of_type(terraform_type)
    assert classes, f"no pulumi_aws class builds {terraform_type}"
    for resource in classes:
        label = f"{resource.module}.{resource.name}"
        assert old not in resource.args, f"{label} still accepts `{old}`"
        if change.new is not None:
            assert change.new in resource.args, f"{label} has no `{change.new}`"
        for implied in change.implied_by:
            assert implied in resource.args, f"{label} has no `{implied}`"


def test_terraform_plural_spellings_agree_with_the_index():
    index = load()
    seen = 0
    for module in index.pulumi_modules():
        for name in index.pulumi_names(module) or ():
            resource = index.pulumi_resource(module, name)
            if resource is None or resource.terraform_type is None:
                continue
            for old, change in terraform_plurals(module, name).items():
                seen += 1
                assert old not in resource.args and change.new in resource.args, (module, name, old)
    assert seen > 300  # hundreds of blocks Pulumi spells in the plural


@pytest.mark.parametrize(
    "module, name, old, new, to_list",
    [
        ("lb", "Listener", "default_action", "default_actions", True),
        ("alb", "Listener", "default_action", "default_actions", True),
        ("codepipeline", "Pipeline", "artifact_store", "artifact_stores", True),
        ("autoscaling", "Group", "vpc_zone_identifier", "vpc_zone_identifiers", False),
        ("glue", "CatalogTable", "partition_index", "partition_indices", True),
    ],
)
def test_known_plural_spellings(module, name, old, new, to_list):
    change = changes_for(load().pulumi_resource(module, name))[old]
    assert (change.new, change.to_list) == (new, to_list)


def test_arguments_pulumi_accepts_are_never_in_the_table():
    # `alarm_name` is renamed on metric alarms only: composite alarms still take it.
    composite = load().pulumi_resource("cloudwatch", "CompositeAlarm")
    assert "alarm_name" in composite.args and "alarm_name" not in changes_for(composite)


# -- PUL301: fixes ---------------------------------------------------------------------------------


def test_a_variable_passed_to_a_plural_block_is_wrapped_only_as_an_unsafe_fix():
    source = """
        import pulumi_aws as aws
        aws.lb.Listener("web", load_balancer_arn=arn, default_action=forward)
    """
    assert fix(source, "PUL301") == textwrap.dedent(source)
    assert "default_actions=[forward]" in fix(source, "PUL301", unsafe=True)


def test_args_classes_are_fixed_like_their_resource():
    source = """
        from pulumi_aws import elasticache
        args = elasticache.ReplicationGroupArgs(replication_group_description="cache")
    """
    assert 'ReplicationGroupArgs(description="cache")' in fix(source, "PUL301")


def test_a_nested_input_type_is_not_taken_for_a_resource_args_class():
    # `s3.BucketVersioningArgs` is the `versioning` block of `Bucket`; the `BucketVersioning`
    # resource's arguments class is `BucketVersioningInitArgs`.
    source = """
        from pulumi_aws import s3
        s3.BucketVersioningArgs(enabled=True)
        s3.BucketVersioningInitArgs(bucket="b", versioning_configuration={"status": "Enabled"})
    """
    assert codes_found(source) == []


# -- PUL302 ----------------------------------------------------------------------------------------


def test_one_problem_gives_one_finding():
    source = """
        import pulumi_aws as aws
        aws.elasticache.ReplicationGroup(
            "cache",
            replication_group_description="cache",
            depends_on=[subnets],
            snapshot_retention=7,
        )
    """
    assert codes_found(source) == ["PUL301", "PUL303", "PUL302"]


def test_calls_that_unpack_keywords_are_not_checked():
    source = """
        import pulumi_aws as aws
        aws.sqs.Queue("jobs", visibility_timeout=30, **settings)
    """
    assert codes_found(source, "PUL302") == []


# -- PUL303 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "imports, spelled",
    [
        ("import pulumi", "pulumi.ResourceOptions"),
        ("import pulumi as p", "p.ResourceOptions"),
        ("from pulumi import ResourceOptions", "ResourceOptions"),
        ("from pulumi import ResourceOptions as Options", "Options"),
    ],
)
def test_resource_options_are_spelled_as_the_file_imports_them(imports, spelled):
    source = f"""
        {imports}
        import pulumi_aws as aws
        aws.sqs.Queue("jobs", depends_on=[key])
    """
    fixed = fix(source, "PUL303")
    assert f'aws.sqs.Queue("jobs", opts={spelled}(depends_on=[key]))' in fixed
    # Nothing is imported when the file already names ResourceOptions.
    assert fixed.count("from pulumi import ResourceOptions\n") == (
        1 if imports == "from pulumi import ResourceOptions" else 0
    )


def test_depends_on_is_added_to_a_one_line_resource_options_call():
    source = """
        import pulumi
        import pulumi_aws as aws
        aws.sqs.Queue("jobs", depends_on=[key], opts=pulumi.ResourceOptions(protect=True))
    """
    assert (
        'aws.sqs.Queue("jobs", opts=pulumi.ResourceOptions(protect=True, depends_on=[key]))'
        in fix(source, "PUL303")
    )


def test_options_passed_positionally_are_not_merged():
    source = """
        import pulumi
        import pulumi_aws as aws
        aws.sqs.Queue("jobs", None, options, depends_on=[key])
    """
    assert fix(source, "PUL303") == textwrap.dedent(source)
    assert codes_found(source, "PUL303") == ["PUL303"]


# -- PUL304 ----------------------------------------------------------------------------------------


def test_renames_follow_the_terraform_type():
    assert successor("s3", "BucketReplicationConfiguration") == "BucketReplicationConfig"
    assert successor("s3", "S3Bucket") is None  # `Bucket` and `BucketV2` both build aws_s3_bucket


def test_output_types_are_not_module_names():
    names = exported("s3")
    assert "BucketReplicationConfig" in names and "BucketVersioning" in names  # resources
    assert "BucketReplicationConfigurationArgs" in names  # an input type
    assert "BucketReplicationConfiguration" not in names  # only `s3.outputs.` has it


def test_service_module_hints_point_at_real_modules():
    index = load()
    for service, module in SERVICE_MODULES.items():
        assert index.pulumi_names(service) is None, service
        assert index.pulumi_names(module) is not None, module


def test_an_import_of_an_unknown_module_is_reported_once():
    source = """
        import pulumi_aws.logs
        pulumi_aws.logs.LogGroup("app")
        pulumi_aws.logs.LogGroup("audit")
    """
    assert codes_found(source, "PUL304") == ["PUL304"]
