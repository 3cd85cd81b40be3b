"""What the golden cases of the structural AWS rules (AWS208, AWS210-AWS213) cannot show: the
Aurora version table, the list edits that keep layouts, and the decisions that depend on what else
the file holds."""

from __future__ import annotations

import re

import libcst as cst
import pytest

from iacfix import aws_versions
from iacfix.aws_versions import major_version, parameter_group_family, unavailable
from iacfix.codemods.aws.aws208_duplicate_security_group_rules import (
    DuplicateSecurityGroupRules,
    joined_description,
    remove_elements,
)
from iacfix.codemods.aws.aws210_enhanced_monitoring_role import (
    EnhancedMonitoringRole,
    derived_id,
)
from iacfix.codemods.aws.aws211_monitoring_role_dependency import (
    MonitoringRoleDependency,
)
from iacfix.codemods.aws.aws212_default_egress_rule import DefaultEgressRule
from iacfix.codemods.aws.aws213_aurora_version_for_region import AuroraVersionForRegion
from iacfix.engine import Engine
from iacfix.settings import Settings

RULES = (
    DuplicateSecurityGroupRules,
    EnhancedMonitoringRole,
    MonitoringRoleDependency,
    DefaultEgressRule,
    AuroraVersionForRegion,
)


def engine(*codes: str, unsafe: bool = True) -> Engine:
    return Engine(Settings(select=codes, unsafe_fixes=unsafe), universe=RULES)


def codes(text: str, *selected: str) -> list[str]:
    return [f.code for f in engine(*selected).lint(text, "stack.py")]


def fixed(text: str, *selected: str) -> str:
    return engine(*selected).fix(text, "stack.py").text


# -- the version table ------------------------------------------------------------------------------


def test_the_seed_row():
    row = unavailable("eu-north-1", "aurora-postgresql", "15.3")
    assert row is not None and row.replacement == "16.4"


def test_lookups_ignore_case_and_spaces_of_region_and_engine():
    assert unavailable(" EU-North-1 ", "Aurora-PostgreSQL", "15.3") is not None
    assert unavailable("eu-north-1", "aurora-postgresql", "16.4") is None
    assert unavailable("eu-west-1", "aurora-postgresql", "15.3") is None  # not in the table


def test_every_row_names_a_different_version_of_the_same_engine():
    for (region, engine_, version), row in aws_versions.UNAVAILABLE.items():
        assert (region, engine_, version) == (row.region, row.engine, row.version)
        assert row.replacement != row.version
        assert re.fullmatch(r"[a-z]{2}(-gov)?-[a-z]+-\d", region), region
        assert engine_ in ("aurora-postgresql", "aurora-mysql"), engine_
        assert major_version(engine_, row.replacement) is not None
        assert row.source
        # A replacement is never itself listed as unavailable in that region.
        assert unavailable(region, engine_, row.replacement) is None


def test_the_table_is_dated_and_documented():
    assert re.fullmatch(r"\d{4}-\d{2}", aws_versions.TABLE_DATE)
    assert aws_versions.TABLE_DATE in aws_versions.__doc__
    assert "Sources" in aws_versions.__doc__


@pytest.mark.parametrize(
    "engine_, version, family",
    [
        ("aurora-postgresql", "15.3", "aurora-postgresql15"),
        ("aurora-postgresql", "16.4", "aurora-postgresql16"),
        ("aurora-postgresql", "16.4-limitless", "aurora-postgresql16"),
        ("aurora-mysql", "8.0.mysql_aurora.3.05.2", "aurora-mysql8.0"),
        ("aurora-mysql", "5.7.mysql_aurora.2.11.2", "aurora-mysql5.7"),
        ("postgres", "16.4", None),
        ("aurora-postgresql", "latest", None),
    ],
)
def test_parameter_group_family(engine_, version, family):
    assert parameter_group_family(engine_, version) == family


# -- list edits that keep the layout ----------------------------------------------------------------


def _remove(code: str, *indexes: int) -> str:
    node = cst.parse_expression(code)
    doomed = [node.elements[i] for i in indexes]
    return cst.Module([]).code_for_node(remove_elements(node, doomed))


@pytest.mark.parametrize(
    "before, indexes, after",
    [
        ("[a, b, c]", (1,), "[a, c]"),
        ("[a, b, c]", (2,), "[a, b]"),
        ("[a, b, c]", (0,), "[b, c]"),
        ("[a, b,]", (1,), "[a,]"),
        ("[\n    a,\n    b,\n]", (1,), "[\n    a,\n]"),
        ("[\n    a,  # first\n    b\n]", (1,), "[\n    a,  # first\n]"),
        ("[\n    a,\n    b,  # gone\n    # about c\n    c,\n]", (1,), "[\n    a,\n    # about c\n    c,\n]"),
        ("[\n    a,\n    # about c\n    c,\n]", (0,), "[\n    # about c\n    c,\n]"),
        ('{"a": 1, "b": 2}', (1,), '{"a": 1}'),
    ],
)
def test_remove_elements_keeps_the_rest(before, indexes, after):
    assert _remove(before, *indexes) == after


@pytest.mark.parametrize(
    "descriptions, joined",
    [
        (['"A"', '"B"'], '"A; B"'),
        (["'A'", '"B"'], "'A; B'"),
        (['"A"', '"A"'], '"A"'),  # the same text once
        (['"A"', None], '"A"'),
        ([None, '"B"'], '"B"'),
        (['"A"', 'f"B {x}"'], 'f"A; B {x}"'),
        (['"{A}"', 'f"{x}"'], 'f"{{A}}; {x}"'),
    ],
)
def test_descriptions_are_joined(descriptions, joined):
    module = cst.Module([])
    nodes = [cst.parse_expression(d) if d else None for d in descriptions]
    assert module.code_for_node(joined_description(module, nodes)) == joined


def test_descriptions_that_are_not_text_cannot_be_joined():
    module = cst.Module([])
    nodes = [cst.parse_expression("purpose"), cst.parse_expression('"B"')]
    assert joined_description(module, nodes) is False
    assert joined_description(module, [None, None]) is None


# -- AWS208 -----------------------------------------------------------------------------------------

SG = """\
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress

SecurityGroup(self, "sg", ingress=[
    SecurityGroupIngress(protocol={p1}, from_port={f1}, to_port={t1}, cidr_blocks=["10.0.0.0/8"]),
    SecurityGroupIngress(protocol={p2}, from_port={f2}, to_port={t2}, cidr_blocks=["10.0.0.0/8"]),
])
"""


@pytest.mark.parametrize(
    "first, second, duplicate",
    [
        (('"tcp"', 443, 443), ('"6"', 443, 443), True),  # protocol numbers mean the same
        (('"TCP"', 443, 443), ('"tcp"', 443, 443), True),
        (('"-1"', 0, 0), ('"all"', 0, 0), True),
        (('"-1"', 0, 0), ('"-1"', 0, 65535), True),  # ports do not count for all traffic
        (('"tcp"', 443, 443), ('"udp"', 443, 443), False),
        (('"tcp"', 443, 443), ('"tcp"', 443, 444), False),
    ],
)
def test_what_counts_as_the_same_permission(first, second, duplicate):
    text = SG.format(p1=first[0], f1=first[1], t1=first[2], p2=second[0], f2=second[1], t2=second[2])
    assert (codes(text, "AWS208") == ["AWS208"]) is duplicate


def test_cidr_set_order_does_not_matter_and_a_vpc_attribute_is_its_literal():
    text = """\
import pulumi_aws as aws

vpc = aws.ec2.Vpc("main", cidr_block="10.0.0.0/16")
aws.ec2.SecurityGroup("sg", ingress=[
    {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["10.9.0.0/16", vpc.cidr_block]},
    {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["10.0.0.0/16", "10.9.0.0/16"], "description": "ssh"},
])
"""
    result = fixed(text, "AWS208")
    assert result.count('"from_port": 22') == 1
    assert '"description": "ssh"' in result


def test_a_vpc_bound_twice_is_not_resolved():
    text = """\
import pulumi_aws as aws

vpc = aws.ec2.Vpc("main", cidr_block="10.0.0.0/16")
vpc = aws.ec2.Vpc("other", cidr_block="10.1.0.0/16")
aws.ec2.SecurityGroup("sg", ingress=[
    {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": [vpc.cidr_block]},
    {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["10.0.0.0/16"]},
])
"""
    assert codes(text, "AWS208") == []


def test_separate_rules_in_different_functions_are_different_resources():
    text = """\
from cdktf_cdktf_provider_aws.security_group_rule import SecurityGroupRule


def one(scope, sg_id):
    SecurityGroupRule(scope, "a", type="ingress", from_port=1, to_port=1, protocol="tcp", security_group_id=sg_id)


def two(scope, sg_id):
    SecurityGroupRule(scope, "a", type="ingress", from_port=1, to_port=1, protocol="tcp", security_group_id=sg_id)
"""
    assert codes(text, "AWS208") == []


# -- AWS210 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "node, drop, expected",
    [
        ('"db"', (), '"db_monitoring_role"'),
        ('"orders-db"', (), '"orders-db-monitoring-role"'),
        ('f"{name}-db"', (), 'f"{name}-db-monitoring-role"'),
        ('f"aurora-{i}"', ("i",), '"aurora-monitoring-role"'),
        ('f"{name}-instance-{i + 1}"', ("i",), 'f"{name}-instance-monitoring-role"'),
        ("construct_id", (), '"fallback"'),
    ],
)
def test_ids_of_the_new_resources(node, drop, expected):
    module = cst.Module([])
    assert derived_id(module, cst.parse_expression(node), "monitoring_role", "fallback", frozenset(drop)) == expected


def test_databases_of_one_block_share_one_role_named_after_their_cluster():
    text = """\
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
from cdktf_cdktf_provider_aws.rds_cluster_instance import RdsClusterInstance

orders = RdsCluster(self, "orders", engine="aurora-postgresql")
RdsClusterInstance(self, "writer", cluster_identifier=orders.id, instance_class="db.r6g.large", engine="aurora-postgresql", monitoring_interval=60)
RdsClusterInstance(self, "reader", cluster_identifier=orders.id, instance_class="db.r6g.large", engine="aurora-postgresql", monitoring_interval=60)
"""
    result = fixed(text, "AWS210")
    assert result.count("IamRole(") == 1 and result.count("IamRolePolicyAttachment(") == 1
    assert result.count("monitoring_role_arn=orders_monitoring_role.arn") == 2
    assert result.count("depends_on=[orders_monitoring_role_policy]") == 2
    assert result.index("orders_monitoring_role = IamRole(") < result.index('"writer"')
    assert codes(result, "AWS210", "AWS211") == []  # neither rule fires on the fixed file


def test_new_ids_never_repeat_one_the_file_uses():
    text = """\
from cdktf_cdktf_provider_aws.db_instance import DbInstance
from cdktf_cdktf_provider_aws.iam_role import IamRole

IamRole(self, "db_monitoring_role", assume_role_policy="{}")
db = DbInstance(self, "db", instance_class="db.t3.micro", monitoring_interval=60)
"""
    result = fixed(text, "AWS210")
    assert result.count('"db_monitoring_role"') == 1
    assert 'db_monitoring_role_2 = IamRole(\n    self,\n    "db_monitoring_role_2",' in result


def test_no_fix_for_a_database_that_is_not_a_statement_of_its_own():
    text = """\
from cdktf_cdktf_provider_aws.db_instance import DbInstance

databases = [DbInstance(self, f"db{i}", instance_class="db.t3.micro", monitoring_interval=60) for i in range(2)]
"""
    findings = engine("AWS210").lint(text, "stack.py")
    assert [f.code for f in findings] == ["AWS210"] and findings[0].fix is None


def test_the_fix_is_unsafe():
    text = """\
import pulumi_aws as aws

aws.rds.Instance("db", instance_class="db.t3.micro", monitoring_interval=60)
"""
    assert engine("AWS210", unsafe=False).fix(text, "stack.py").text == text
    assert "aws.iam.Role(" in fixed(text, "AWS210")


# -- AWS211 -----------------------------------------------------------------------------------------


def test_no_fix_when_the_attachment_comes_after_the_database():
    text = """\
import pulumi_aws as aws

role = aws.iam.Role("m", assume_role_policy="{}")
db = aws.rds.Instance("db", instance_class="db.t3.micro", monitoring_interval=60, monitoring_role_arn=role.arn)
aws.iam.RolePolicyAttachment("m", role=role.name, policy_arn="arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole")
"""
    findings = engine("AWS211").lint(text, "stack.py")
    assert [f.code for f in findings] == ["AWS211"] and findings[0].fix is None


def test_options_built_elsewhere_are_not_read():
    text = """\
import pulumi
import pulumi_aws as aws

role = aws.iam.Role("m", assume_role_policy="{}")
attachment = aws.iam.RolePolicyAttachment("m", role=role.name, policy_arn="arn")
options = pulumi.ResourceOptions(depends_on=[attachment])
db = aws.rds.Instance("db", instance_class="db.t3.micro", monitoring_interval=60, monitoring_role_arn=role.arn, opts=options)
"""
    assert codes(text, "AWS211") == []


# -- AWS212 -----------------------------------------------------------------------------------------


def test_a_rule_reading_a_variable_bound_after_the_group_stays_a_resource():
    text = """\
from cdktf_cdktf_provider_aws.security_group import SecurityGroup
from cdktf_cdktf_provider_aws.security_group_rule import SecurityGroupRule

sg = SecurityGroup(self, "sg")
office = "192.0.2.0/24"
SecurityGroupRule(self, "in", type="ingress", from_port=22, to_port=22, protocol="tcp", cidr_blocks=[office], security_group_id=sg.id)
SecurityGroupRule(self, "out", type="egress", from_port=0, to_port=0, protocol="-1", cidr_blocks=["0.0.0.0/0"], security_group_id=sg.id)
"""
    findings = engine("AWS212").lint(text, "stack.py")
    assert [f.code for f in findings] == ["AWS212"] and findings[0].fix is None
    assert "bound after the group" in findings[0].message


def test_only_in_the_extended_set():
    text = """\
import pulumi_aws as aws

sg = aws.ec2.SecurityGroup("sg")
aws.ec2.SecurityGroupRule("out", type="egress", from_port=0, to_port=0, protocol="-1", cidr_blocks=["0.0.0.0/0"], security_group_id=sg.id)
"""
    default = Engine(Settings(unsafe_fixes=True), universe=RULES)
    assert default.lint(text, "stack.py") == []
    assert codes(text, "AWS212") == ["AWS212"]


# -- AWS213 -----------------------------------------------------------------------------------------

CLUSTER = """\
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

{providers}
RdsCluster(self, "db", engine="aurora-postgresql", engine_version="15.3"{extra})
"""


@pytest.mark.parametrize(
    "providers, extra, reported",
    [
        ('AwsProvider(self, "aws", region="eu-north-1")', "", True),
        ('AwsProvider(self, "aws", region="eu-west-1")', "", False),
        ('AwsProvider(self, "aws", region=region)', "", False),  # not a literal
        ("", "", False),  # no provider in the file
        ('AwsProvider(self, "aws", region="eu-west-1")', ', region="eu-north-1"', True),  # its own region
        (
            (
                'AwsProvider(self, "aws", region="eu-west-1")\n'
                'north = AwsProvider(self, "north", region="eu-north-1", alias="north")'
            ),
            ", provider=north",
            True,
        ),
        (
            (
                'AwsProvider(self, "aws", region="eu-north-1")\n'
                'west = AwsProvider(self, "west", region="eu-west-1", alias="west")'
            ),
            ", provider=west",
            False,
        ),
    ],
)
def test_the_region_of_a_cdktf_resource(providers, extra, reported):
    text = CLUSTER.format(providers=providers, extra=extra)
    assert (codes(text, "AWS213") == ["AWS213"]) is reported


def test_a_pulumi_resource_without_a_provider_has_no_known_region():
    text = """\
import pulumi_aws as aws

aws.Provider("north", region="eu-north-1")
aws.rds.Cluster("db", engine="aurora-postgresql", engine_version="15.3")
"""
    assert codes(text, "AWS213") == []
