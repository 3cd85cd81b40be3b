#!/usr/bin/env python
"""Write a deterministic corpus of CDKTF-Python and Pulumi-Python projects for AWS.

    python bench/make_corpus.py OUT_DIR [--files 2000] [--seed 1729]

The corpus is a folder of project folders, each laid out as real repositories are: an entry
point (`tap.py`, or `__main__.py` and `Pulumi.yaml`), `cdktf.json`, stack and component modules
under `lib/`, unit tests under `tests/unit/`, and Lambda handlers under `lambda/<name>/handler.py`.
Stack files range from 50 to 1,500 lines and mix the styles such code is written in: everything in
the stack's `__init__`, helper methods, module-level helper functions, Construct and
ComponentResource classes, module-level Pulumi programs, name imports and module imports.

Resources, their arguments and nested-block struct classes are drawn from the provider index
shipped with iacfix, so every class and keyword argument exists and every literal has the type the
provider declares. About 10% of the stack files (and a few tests and projects) carry seeded
failures of the kinds iacfix fixes or reports; `corpus.json` at the top lists them per file.

The same seed, file count and provider index always give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import sys
from dataclasses import dataclass, field
from typing import Optional

from iacfix.provider_index import load

CDKTF = "cdktf"
PULUMI = "pulumi"
PACKAGE = "cdktf_cdktf_provider_aws"
WIDTH = 99

# Arguments never filled in generically: their values are what the rules look at, so the clean
# corpus sets them only in the hand-written resources (and the seeds set them wrongly on purpose).
RISKY_ARGS = frozenset(
    """engine engine_version backtrack_window monitoring_interval monitoring_role_arn master_username
    master_password database_name db_name launch_type capacity_provider_strategy forwarded_values
    cache_policy_id server_side_encryption_configuration lifecycle_rule recovery_window_in_days
    filename source path depends_on provider id tags_all count for_each lifecycle domain vpc policy
    name_prefix bucket_prefix region connection provisioners key_id content image_uri""".split()
)
RISKY_WORDS = ("password", "secret", "token", "_wo", "json", "policy", "certificate", "zip", "file")

# Pulumi classes of the hand-written resources, by Terraform type (without `aws_`).
PULUMI_CLASSES = {
    "vpc": ("ec2", "Vpc"),
    "subnet": ("ec2", "Subnet"),
    "internet_gateway": ("ec2", "InternetGateway"),
    "nat_gateway": ("ec2", "NatGateway"),
    "eip": ("ec2", "Eip"),
    "route_table": ("ec2", "RouteTable"),
    "route_table_association": ("ec2", "RouteTableAssociation"),
    "security_group": ("ec2", "SecurityGroup"),
    "vpc_security_group_ingress_rule": ("vpc", "SecurityGroupIngressRule"),
    "flow_log": ("ec2", "FlowLog"),
    "s3_bucket": ("s3", "Bucket"),
    "s3_bucket_versioning": ("s3", "BucketVersioning"),
    "s3_bucket_server_side_encryption_configuration": ("s3", "BucketServerSideEncryptionConfiguration"),
    "s3_bucket_public_access_block": ("s3", "BucketPublicAccessBlock"),
    "s3_bucket_lifecycle_configuration": ("s3", "BucketLifecycleConfiguration"),
    "kms_key": ("kms", "Key"),
    "kms_alias": ("kms", "Alias"),
    "iam_role": ("iam", "Role"),
    "iam_role_policy_attachment": ("iam", "RolePolicyAttachment"),
    "iam_policy": ("iam", "Policy"),
    "lambda_function": ("lambda_", "Function"),
    "lambda_permission": ("lambda_", "Permission"),
    "dynamodb_table": ("dynamodb", "Table"),
    "db_subnet_group": ("rds", "SubnetGroup"),
    "rds_cluster_parameter_group": ("rds", "ClusterParameterGroup"),
    "rds_cluster": ("rds", "Cluster"),
    "rds_cluster_instance": ("rds", "ClusterInstance"),
    "elasticache_subnet_group": ("elasticache", "SubnetGroup"),
    "elasticache_replication_group": ("elasticache", "ReplicationGroup"),
    "ecs_cluster": ("ecs", "Cluster"),
    "ecs_task_definition": ("ecs", "TaskDefinition"),
    "ecs_service": ("ecs", "Service"),
    "lb": ("lb", "LoadBalancer"),
    "lb_target_group": ("lb", "TargetGroup"),
    "lb_listener": ("lb", "Listener"),
    "cloudwatch_log_group": ("cloudwatch", "LogGroup"),
    "cloudwatch_metric_alarm": ("cloudwatch", "MetricAlarm"),
    "sns_topic": ("sns", "Topic"),
    "sns_topic_subscription": ("sns", "TopicSubscription"),
    "sqs_queue": ("sqs", "Queue"),
    "secretsmanager_secret": ("secretsmanager", "Secret"),
    "secretsmanager_secret_version": ("secretsmanager", "SecretVersion"),
    "route53_zone": ("route53", "Zone"),
    "route53_record": ("route53", "Record"),
    "ssm_parameter": ("ssm", "Parameter"),
    "ecr_repository": ("ecr", "Repository"),
}
# CDKTF argument -> Pulumi argument where the names differ (plurals are found on their own).
PULUMI_ARG_NAMES = {
    ("lambda_function", "function_name"): "name",
    ("cloudwatch_metric_alarm", "alarm_name"): "name",
    ("lambda_permission", "function_name"): "function",
    ("sns_topic_subscription", "topic_arn"): "topic",
}

SERVICES = """orders payments users catalog inventory billing search auth notifications reports
analytics ingest checkout shipping ledger profiles media audit events metrics gateway scheduler
pricing accounts sessions invoices""".split()
WORDS = """primary shared core data app edge internal public private archive stream batch worker
api web jobs cache main backup assets logs static uploads""".split()
COMMENTS = (
    "Keep the blast radius small: one of these per environment.",
    "NOTE: names must stay stable across deploys or Terraform replaces the resource.",
    "TODO: move this into its own stack once the service grows.",
    "Tags are applied by the provider's default_tags as well.",
    "Encryption at rest everywhere, per the security baseline.",
    "These are referenced by the integration tests; rename with care.",
    "Private by default; the load balancer is the only public entry point.",
    "Retention follows the data classification policy (see docs/retention.md).",
    "One per availability zone.",
    "Sized for the staging load test; production overrides via context.",
)


# -- expressions ----------------------------------------------------------------------------------


class Code(str):
    """A Python expression, written as is."""


@dataclass
class FStr:
    """An f-string; `{env}` stands for the environment-suffix expression of the scope."""

    template: str


@dataclass
class Call:
    callee: str
    args: list = field(default_factory=list)  # positional values
    kwargs: list = field(default_factory=list)  # (name, value, comment or None)


@dataclass
class Block:
    """A nested block: rendered as a struct class call (CDKTF), an Args class call or a dict."""

    fields: dict
    as_dict: bool = False  # the seeded failure: a plain dict in a list


def lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Renderer:
    def __init__(self, env: str) -> None:
        self.env = env

    def flat(self, value) -> Optional[str]:
        if isinstance(value, Code):
            return str(value)
        if isinstance(value, bool) or value is None:
            return repr(value)
        if isinstance(value, (int, float)):
            return repr(value)
        if isinstance(value, str):
            return lit(value)
        if isinstance(value, FStr):
            return "f" + lit(value.template.replace("{env}", "{" + self.env + "}"))
        if isinstance(value, list):
            parts = [self.flat(v) for v in value]
            return None if None in parts else "[" + ", ".join(parts) + "]"
        if isinstance(value, tuple):
            parts = [self.flat(v) for v in value]
            return None if None in parts else "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"
        if isinstance(value, dict):
            parts = []
            for key, item in value.items():
                text = self.flat(item)
                if text is None:
                    return None
                parts.append(f"**{text}" if key is None else f"{lit(key)}: {text}")
            return "{" + ", ".join(parts) + "}"
        if isinstance(value, Call):
            if any(comment for _, _, comment in value.kwargs):
                return None
            parts = [self.flat(v) for v in value.args]
            parts += [None if self.flat(v) is None else f"{k}={self.flat(v)}" for k, v, _ in value.kwargs]
            return None if None in parts else f"{value.callee}(" + ", ".join(parts) + ")"
        raise TypeError(value)

    def render(self, value, indent: int, col: Optional[int] = None) -> str:
        """`value` as source starting at column `col` on a line indented by `indent`; continuation
        lines carry their absolute indentation."""
        col = indent if col is None else col
        text = self.flat(value)
        if text is not None and col + len(text) <= WIDTH:
            return text
        pad, inner = " " * indent, " " * (indent + 4)
        if isinstance(value, Call):
            lines = [f"{value.callee}("]
            for item in value.args:
                lines.append(f"{inner}{self.render(item, indent + 4)},")
            for key, item, comment in value.kwargs:
                line = f"{inner}{key}={self.render(item, indent + 4, indent + 5 + len(key))},"
                lines.append(line + (f"  # {comment}" if comment else ""))
            return "\n".join(lines) + f"\n{pad})"
        if isinstance(value, (list, tuple)):
            open_, close = ("[", "]") if isinstance(value, list) else ("(", ")")
            lines = [open_] + [f"{inner}{self.render(v, indent + 4)}," for v in value]
            return "\n".join(lines) + f"\n{pad}{close}"
        if isinstance(value, dict):
            lines = ["{"]
            for key, item in value.items():
                if key is None:
                    lines.append(f"{inner}**{self.render(item, indent + 4, indent + 6)},")
                else:
                    lines.append(f"{inner}{lit(key)}: {self.render(item, indent + 4, indent + 8 + len(key))},")
            return "\n".join(lines) + f"\n{pad}}}"
        return text if text is not None else str(value)


# -- the provider index, seen through the corpus --------------------------------------------------


def camel(snake: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_"))


def plural(name: str) -> str:
    if name.endswith("y") and not name.endswith("ey"):
        return name[:-1] + "ies"
    return name if name.endswith("s") else name + "s"


class Catalog:
    def __init__(self) -> None:
        self.index = load()
        self.dropped: dict[str, int] = {}
        self.module_names = frozenset(self.index.cdktf_modules()) | frozenset(self.index.pulumi_modules())
        self.long_tail = self._long_tail()

    def cdktf_class_name(self, module: str) -> str:
        if module == "provider":
            return "AwsProvider"
        return self.index.cdktf_a_suffixed.get(module, camel(module))

    def cdktf(self, module: str):
        return self.index.cdktf_class(module, self.cdktf_class_name(module))

    def pulumi(self, tf: str):
        module, name = PULUMI_CLASSES.get(tf, (None, None))
        if module is None:
            module, name = self.long_tail_pulumi.get(tf, (None, None))
        return module, name, (self.index.pulumi_resource(module, name) if module else None)

    def drop(self, what: str) -> None:
        self.dropped[what] = self.dropped.get(what, 0) + 1

    def _long_tail(self) -> list[str]:
        """Resource modules with a Pulumi twin and enough plain arguments to fill in."""
        by_type: dict[str, tuple[str, str]] = {}
        for module in self.index.pulumi_modules():
            for name in sorted(self.index.pulumi_names(module) or ()):
                spec = self.index.pulumi_resource(module, name)
                if spec and spec.terraform_type and not spec.successor and spec.terraform_type.startswith("aws_"):
                    by_type.setdefault(spec.terraform_type[4:], (module, name))
        self.long_tail_pulumi = by_type
        found = []
        for module in self.index.cdktf_modules():
            if module in PULUMI_CLASSES or module not in by_type:
                continue
            if re.match(r"(rds|db|dms|s3|cloudfront|route53|elasticache|ecs|lambda|docdb|neptune)", module):
                continue
            spec = self.cdktf(module)
            if spec is None or spec.kind != "resource":
                continue
            pulumi_args = self.index.pulumi_resource(*by_type[module]).args
            plain = [a for a, c in spec.args.items() if simple_arg(a, c) and a in pulumi_args]
            if len(plain) >= 3:
                found.append(module)
        return found


def simple_arg(name: str, code: str) -> bool:
    return (
        code in ("s", "n", "b", "[s", "{")
        and name not in RISKY_ARGS
        and not any(word in name for word in RISKY_WORDS)
    )


# -- one file -------------------------------------------------------------------------------------


@dataclass
class Res:
    tf: str  # Terraform type without `aws_` (the CDKTF module)
    cid: str  # construct id / logical name stem
    kwargs: list  # (arg, value, comment)
    var: Optional[str] = None
    comment: Optional[str] = None
    cid_value: object = None  # an expression for the id instead of the literal `cid`


class FileBuilder:
    """Statements of one module, with the imports they need."""

    def __init__(self, catalog: Catalog, rng: random.Random, platform: str, seeds: list[str]) -> None:
        self.cat = catalog
        self.rng = rng
        self.platform = platform
        self.module_imports = rng.random() < (0.35 if platform == CDKTF else 0.3)
        self.seeds = list(seeds)  # still to place
        self.placed: list[str] = []
        self.cdktf_names: dict[str, set] = {}  # provider module -> names
        self.cdktf_modules: set[str] = set()
        self.pulumi_modules: set[str] = set()
        self.core: set[str] = set()  # from cdktf / pulumi core
        self.std: set[str] = set()  # stdlib modules
        self.typing: set[str] = set()
        self.used_ids: set[str] = set()
        self.used_vars: set[str] = set()
        self.lines = 0

    # -- naming -----------------------------------------------------------------------------------

    def var(self, stem: str) -> str:
        name, n = stem, 1
        while name in self.used_vars or (self.module_imports and name in self.cat.module_names) or name in RESERVED_NAMES:
            n += 1
            name = f"{stem}_{n}"
        self.used_vars.add(name)
        return name

    def cid(self, stem: str) -> str:
        name, n = stem, 1
        while name in self.used_ids:
            n += 1
            name = f"{stem}_{n}"
        self.used_ids.add(name)
        return name

    def take_seed(self, kind: str) -> bool:
        if kind in self.seeds:
            self.seeds.remove(kind)
            self.placed.append(kind)
            return True
        return False

    # -- calls ------------------------------------------------------------------------------------

    def callee(self, tf: str) -> tuple[str, object, object]:
        """(callee text, CDKTF spec or None, Pulumi spec or None)."""
        if self.platform == CDKTF:
            name = self.cat.cdktf_class_name(tf)
            if self.module_imports:
                self.cdktf_modules.add(tf)
                return f"{tf}.{name}", self.cat.cdktf(tf), None
            self.cdktf_names.setdefault(tf, set()).add(name)
            return name, self.cat.cdktf(tf), None
        module, name, spec = self.cat.pulumi(tf)
        if self.module_imports:
            self.pulumi_modules.add(module)
            return f"{module}.{name}", None, spec
        self.core.add("pulumi_aws as aws")
        return f"aws.{module}.{name}", None, spec

    def cdktf_struct(self, tf: str, name: str) -> str:
        if self.module_imports:
            self.cdktf_modules.add(tf)
            return f"{tf}.{name}"
        self.cdktf_names.setdefault(tf, set()).add(name)
        return name

    def value(self, tf: str, arg: str, value, code: Optional[str], pulumi_class: Optional[tuple]):
        """The value as the platform takes it: struct calls, coerced literals."""
        if isinstance(value, list) and value and all(isinstance(v, Block) for v in value):
            return [self.block(tf, arg, v, code, pulumi_class) for v in value]
        if isinstance(value, Block):
            return self.block(tf, arg, value, code, pulumi_class)
        if self.platform == CDKTF and code:
            return coerce(value, code)
        return value

    def block(self, tf: str, arg: str, block: Block, code: Optional[str], pulumi_class):
        if self.platform == CDKTF:
            if block.as_dict or not code or code[0] not in "@*":
                return dict(block.fields)
            struct = code[1:]
            spec = self.cat.index.cdktf_class(tf, struct)
            kwargs = []
            for key, item in block.fields.items():
                sub = spec.args.get(key) if spec and spec.args else None
                if spec and spec.args and key not in spec.args:
                    self.cat.drop(f"{struct}.{key}")
                    continue
                kwargs.append((key, self.value(tf, key, item, sub, None), None))
            return Call(self.cdktf_struct(tf, struct), [], kwargs)
        module, name = pulumi_class
        args_class = f"{name}{camel(arg)}Args"
        if not block.as_dict and self.rng.random() < 0.5 and args_class in (self.cat.index.pulumi_names(module) or []):
            callee = f"{module}.{args_class}" if self.module_imports else f"aws.{module}.{args_class}"
            kwargs = [self.pulumi_field(tf, k, v, (module, name + camel(arg))) + (None,) for k, v in block.fields.items()]
            return Call(callee, [], kwargs)
        return {k: self.pulumi_field(tf, k, v, (module, name + camel(arg)))[1] for k, v in block.fields.items()}

    def pulumi_field(self, tf: str, key: str, value, pulumi_class: tuple) -> tuple:
        """A nested block's field for Pulumi, where a block the provider allows once is one object."""
        if isinstance(value, list) and len(value) == 1 and isinstance(value[0], Block) and not key.endswith("s"):
            value = value[0]
        return key, self.value(tf, key, value, None, pulumi_class)

    def resource_call(self, res: Res, scope: Optional[str], opts: Optional[str]) -> Call:
        callee, cdktf_spec, pulumi_spec = self.callee(res.tf)
        cid = res.cid_value if res.cid_value is not None else res.cid
        kwargs = []
        for arg, value, comment in res.kwargs:
            if arg.startswith("!"):  # a seeded argument the provider does not take: kept as written
                kwargs.append((arg[1:], value, comment))
                continue
            if self.platform == CDKTF:
                if not cdktf_spec.accepts(arg):
                    self.cat.drop(f"{res.tf}.{arg}")
                    continue
                kwargs.append((arg, self.value(res.tf, arg, value, cdktf_spec.args.get(arg), None), comment))
            else:
                name = PULUMI_ARG_NAMES.get((res.tf, arg), arg)
                if name not in pulumi_spec.args and plural(name) in pulumi_spec.args:
                    name = plural(name)
                if name not in pulumi_spec.args or name in pulumi_spec.deprecated_args:
                    self.cat.drop(f"{res.tf}.{arg}")
                    continue
                module, cls, _ = self.cat.pulumi(res.tf)
                value = self.value(res.tf, arg, value, None, (module, cls))
                if name != arg and isinstance(value, dict) and arg != "tags":
                    value = [value]
                kwargs.append((name, value, comment))
        if self.platform == CDKTF:
            return Call(callee, [Code(scope), cid], kwargs)
        if opts:
            kwargs.append(("opts", Code(opts), None))
        return Call(callee, [cid], kwargs)


RESERVED_NAMES = frozenset({"aws", "pulumi", "json", "os", "self", "id", "lambda", "config", "app"})


def coerce(value, code: str):
    """A literal of the type the provider declares (the clean corpus never trips CDK109)."""
    if isinstance(value, (Code, FStr, Call, dict)) or value is None:
        return value
    if code == "s" and isinstance(value, bool):
        return "true" if value else "false"
    if code == "s" and isinstance(value, int):
        return str(value)
    if code == "n" and isinstance(value, str) and value.isdigit():
        return int(value)
    if code == "b" and isinstance(value, str):
        return value == "true"
    if code == "[s" and isinstance(value, list):
        return [str(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in value]
    return value


# -- resources ------------------------------------------------------------------------------------


class Scope:
    """Where statements go: the construct scope, the environment expression, the refs known."""

    def __init__(self, fb: FileBuilder, indent: int, scope: Optional[str], env: str, attr: str = "",
                 opts: Optional[str] = None, prefix: Optional[str] = None) -> None:
        self.fb = fb
        self.indent = indent
        self.scope = scope  # "self" / "scope" (CDKTF); None for Pulumi
        self.env = env
        self.attr = attr  # "self." when resources live on the instance across methods
        self.opts = opts  # Pulumi: "pulumi.ResourceOptions(parent=self)"
        self.prefix = prefix  # Pulumi: an expression the logical names start with
        self.refs: dict[str, str] = {}
        self.out: list[str] = []
        self.renderer = Renderer(env)

    @property
    def rng(self) -> random.Random:
        return self.fb.rng

    def emit(self, text: str = "", extra: int = 0) -> None:
        pad = " " * (self.indent + extra)
        for line in text.split("\n"):
            self.out.append(pad + line if line else "")
        self.fb.lines += text.count("\n") + 1

    def emit_value(self, prefix: str, value, extra: int = 0, suffix: str = "") -> None:
        """One statement: `prefix` followed by `value` rendered to fit the line width."""
        indent = self.indent + extra
        text = self.renderer.render(value, indent, indent + len(prefix))
        self.out.append(" " * indent + prefix + text + suffix)
        self.fb.lines += text.count("\n") + 1

    def comment(self, text: Optional[str] = None, extra: int = 0) -> None:
        self.emit("# " + (text or self.rng.choice(COMMENTS)), extra)

    def tags(self, name: str) -> object:
        tags = {"Name": FStr(f"{name}-{{env}}")} if self.rng.random() < 0.7 else {}
        if "common_tags" in self.refs:
            return {None: Code(self.refs["common_tags"]), **tags}
        return {"Environment": Code(self.env), **tags, "ManagedBy": "cdktf" if self.fb.platform == CDKTF else "pulumi"}

    def logical(self, stem: str, loop: Optional[str] = None) -> object:
        """The construct id (CDKTF) or logical name (Pulumi) of a new resource."""
        if self.fb.platform == CDKTF:
            cid = self.fb.cid(stem)
            return FStr(cid + "_{" + loop + "}") if loop else cid
        base = stem.replace("_", "-")
        if self.prefix:
            return FStr("{" + self.prefix + "}-" + base + ("-{" + loop + "}" if loop else ""))
        cid = self.fb.cid(base)
        return FStr(cid + ("-{" + loop + "}" if loop else "") + "-{env}")

    def add(self, res: Res, extra: int = 0, assign: bool = True, loop: Optional[str] = None,
            local: bool = False) -> Optional[str]:
        if res.comment:
            self.comment(res.comment, extra)
        res.cid_value = res.cid_value if res.cid_value is not None else self.logical(res.cid, loop)
        call = self.fb.resource_call(res, self.scope, self.opts)
        target = ""
        name = None
        if assign and res.var:
            name = (self.attr + self.fb.var(res.var)) if self.attr and not local else self.fb.var(res.var)
            target = f"{name} = "
        self.emit_value(target, call, extra)
        return name


def slug(rng: random.Random) -> str:
    return rng.choice(SERVICES)


def build_network(s: Scope) -> None:
    fb, rng = s.fb, s.rng
    octet = rng.randrange(0, 200)
    s.comment("Network: one VPC, public and private subnets across the availability zones.")
    vpc = s.add(Res("vpc", "main_vpc", [
        ("cidr_block", f"10.{octet}.0.0/16", None),
        ("enable_dns_hostnames", True, None),
        ("enable_dns_support", True, None),
        ("tags", s.tags("vpc"), None),
    ], var="main_vpc" if fb.module_imports or rng.random() < 0.5 else "vpc"))
    s.refs["vpc"] = vpc
    if fb.take_seed("CDK108"):  # a typo: enable_dns_hostname
        s.add(Res("vpc", "legacy_vpc", [("cidr_block", "10.250.0.0/16", None), ("!enable_dns_hostname", True, "seeded")], var="legacy_vpc"))
    igw = s.add(Res("internet_gateway", "igw", [("vpc_id", Code(f"{vpc}.id"), None), ("tags", s.tags("igw"), None)], var="igw"))
    count = rng.choice((2, 3))
    if fb.platform == CDKTF:
        fb.cdktf_names.setdefault("data_aws_availability_zones", set())
        azs = s.add(Res("data_aws_availability_zones", "available", [("state", "available", None)], var="azs"))
        az_expr = lambda i: Code(f"Fn.element({azs}.names, {i})")  # noqa: E731
        fb.core.add("Fn")
    else:
        azs = s.fb.var("azs")
        aws = "aws" if not fb.module_imports else "aws"
        fb.core.add("pulumi_aws as aws")
        s.emit(f'{azs} = {aws}.get_availability_zones(state="available")')
        az_expr = lambda i: Code(f"{azs}.names[{i}]")  # noqa: E731
    for kind, offset, public in (("public", 0, True), ("private", 10, False)):
        subnets = fb.var(f"{kind}_subnets")
        if s.attr:
            subnets = s.attr + subnets
        s.emit("")
        if rng.random() < 0.5:
            s.comment(f"{kind.capitalize()} subnets, one per availability zone.")
        s.emit(f"{subnets} = []")
        s.emit(f"for i in range({count}):")
        res = Res("subnet", f"{kind}_subnet", [
            ("vpc_id", Code(f"{vpc}.id"), None),
            ("cidr_block", FStr(f"10.{octet}.{{i + {offset}}}.0/24"), None),
            ("availability_zone", az_expr("i"), None),
            ("map_public_ip_on_launch", public, None),
            ("tags", {"Name": FStr(f"{kind}-subnet-{{i}}-{{env}}"), "Tier": kind}, None),
        ], var="az_subnet" if fb.module_imports else "subnet")
        sub = s.add(res, extra=4, loop="i", local=True)
        s.emit(f"{subnets}.append({sub})", extra=4)
        s.refs[f"{kind}_subnets"] = subnets
    s.refs["subnet_ids"] = f"[subnet.id for subnet in {s.refs['private_subnets']}]"
    eip = s.add(Res("eip", "nat_eip", [("domain", "vpc", None), ("tags", s.tags("nat-eip"), None)], var="nat_eip"))
    nat = s.add(Res("nat_gateway", "nat", [
        ("allocation_id", Code(f"{eip}.id"), None),
        ("subnet_id", Code(f"{s.refs['public_subnets']}[0].id"), None),
        ("tags", s.tags("nat"), None),
    ], var="nat_gateway"))
    for kind, target in (("public", ("gateway_id", igw)), ("private", ("nat_gateway_id", nat))):
        route = Block({"cidr_block": "0.0.0.0/0", target[0]: Code(f"{target[1]}.id")},
                      as_dict=(kind == "public" and fb.platform == CDKTF and fb.take_seed("CDK101")))
        table = s.add(Res("route_table", f"{kind}_rt", [
            ("vpc_id", Code(f"{vpc}.id"), None),
            ("route", [route], None),
            ("tags", s.tags(f"{kind}-rt"), None),
        ], var=f"{kind}_route_table"))
        member = "member" if fb.module_imports else "subnet"
        s.emit(f"for i, {member} in enumerate({s.refs[kind + '_subnets']}):")
        s.add(Res("route_table_association", f"{kind}_rta", [
            ("subnet_id", Code(f"{member}.id"), None),
            ("route_table_id", Code(f"{table}.id"), None),
        ]), extra=4, assign=False, loop="i")


def vpc_ref(s: Scope) -> object:
    return Code(f"{s.refs['vpc']}.id") if "vpc" in s.refs else Code(s.refs.get("vpc_id", lit("vpc-0a1b2c3d4e5f60718")))


def subnets_ref(s: Scope) -> object:
    return Code(s.refs["subnet_ids"]) if "subnet_ids" in s.refs else ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]


def build_security_group(s: Scope, port: int, service: str) -> str:
    fb, rng = s.fb, s.rng
    seeded = fb.platform == CDKTF and fb.take_seed("CDK101")
    ingress = [Block({
        "description": f"{service} traffic from the VPC",
        "from_port": port,
        "to_port": port,
        "protocol": "tcp",
        "cidr_blocks": [Code(f"{s.refs['vpc']}.cidr_block")] if "vpc" in s.refs else ["10.0.0.0/16"],
    }, as_dict=seeded)]
    if rng.random() < 0.4:
        ingress.append(Block({"description": "https from the load balancer", "from_port": 443, "to_port": 443,
                              "protocol": "tcp", "cidr_blocks": ["10.0.0.0/8"]}, as_dict=seeded))
    egress = [Block({"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}, as_dict=seeded)]
    sg = s.add(Res("security_group", f"{service}_sg", [
        ("name", FStr(f"{service}-sg-{{env}}"), None),
        ("description", f"Security group for the {service} service", None),
        ("vpc_id", vpc_ref(s), None),
        ("ingress", ingress, None),
        ("egress", egress, None),
        ("tags", s.tags(f"{service}-sg"), None),
    ], var=f"{service}_sg", comment=rng.choice((None, None, f"Only the {service} port, only from inside the VPC."))))
    s.refs["sg"] = sg
    return sg


def build_bucket(s: Scope, purpose: str) -> str:
    fb, rng = s.fb, s.rng
    name = FStr(f"{slug(rng)}-{purpose}-{{env}}")
    if fb.take_seed("AWS201"):
        name = FStr(f"{camel(slug(rng))}-{purpose.capitalize()}-{{env}}") if rng.random() < 0.5 else f"{camel(purpose)}_Bucket"
    kwargs = [("bucket", name, None), ("force_destroy", rng.random() < 0.5, None), ("tags", s.tags(purpose), None)]
    if fb.platform == CDKTF and fb.take_seed("CDK104"):
        kwargs.insert(2, ("server_side_encryption_configuration", Block({"rule": Block({
            "apply_server_side_encryption_by_default": Block({"sse_algorithm": "AES256"})})}), None))
    bucket = s.add(Res("s3_bucket", f"{purpose}_bucket", kwargs, var=f"{purpose}_bucket"))
    if fb.platform == CDKTF and fb.take_seed("CDK102"):
        fb.cdktf_names.setdefault("s3_bucket_versioning", set()).add("S3BucketVersioning")
        fb.cdktf_names["s3_bucket_versioning"].add("S3BucketVersioningVersioningConfiguration")
        s.emit_value("", Call("S3BucketVersioning", [Code(s.scope), s.logical(f"{purpose}_versioning")], [
            ("bucket", Code(f"{bucket}.id"), None),
            ("versioning_configuration", Call("S3BucketVersioningVersioningConfiguration", [], [("status", "Enabled", None)]), None),
        ]))
    else:
        s.add(Res("s3_bucket_versioning", f"{purpose}_versioning", [
            ("bucket", Code(f"{bucket}.id"), None),
            ("versioning_configuration", Block({"status": "Enabled"}), None),
        ]), assign=False)
    rule = {"apply_server_side_encryption_by_default": Block(
        {"sse_algorithm": "aws:kms", "kms_master_key_id": Code(f"{s.refs['kms']}.arn")} if "kms" in s.refs else {"sse_algorithm": "AES256"})}
    if rng.random() < 0.5:
        rule["bucket_key_enabled"] = True
    s.add(Res("s3_bucket_server_side_encryption_configuration", f"{purpose}_encryption", [
        ("bucket", Code(f"{bucket}.id"), None),
        ("rule", [Block(rule)], None),
    ]), assign=False)
    s.add(Res("s3_bucket_public_access_block", f"{purpose}_public_access", [
        ("bucket", Code(f"{bucket}.id"), None),
        ("block_public_acls", True, None),
        ("block_public_policy", True, None),
        ("ignore_public_acls", True, None),
        ("restrict_public_buckets", True, None),
    ]), assign=False)
    if rng.random() < 0.5:
        days = rng.choice((30, 90, 365))
        s.add(Res("s3_bucket_lifecycle_configuration", f"{purpose}_lifecycle", [
            ("bucket", Code(f"{bucket}.id"), None),
            ("rule", [Block({
                "id": "expire-old-objects",
                "status": "Enabled",
                "filter": [Block({"prefix": f"{purpose}/"})],
                "expiration": [Block({"days": days})],
            })], None),
        ], comment=f"Objects expire after {days} days."), assign=False)
    s.refs["bucket"] = bucket
    return bucket


def build_kms(s: Scope) -> str:
    key = s.add(Res("kms_key", "data_key", [
        ("description", FStr("Data encryption key for {env}"), None),
        ("deletion_window_in_days", s.rng.choice((7, 10, 30)), None),
        ("enable_key_rotation", True, None),
        ("tags", s.tags("data-key"), None),
    ], var="data_key"))
    s.add(Res("kms_alias", "data_key_alias", [
        ("name", FStr(f"alias/{slug(s.rng)}-data-{{env}}"), None),
        ("target_key_id", Code(f"{key}.key_id"), None),
    ]), assign=False)
    s.refs["kms"] = key
    return key


def assume_role(s: Scope, service: str) -> Call:
    s.fb.std.add("json")
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]}
    return Call("json.dumps", [policy])


def build_role(s: Scope, service: str, principal: str) -> str:
    role = s.add(Res("iam_role", f"{service}_role", [
        ("name", FStr(f"{service}-role-{{env}}"), None),
        ("assume_role_policy", assume_role(s, principal), None),
        ("tags", s.tags(f"{service}-role"), None),
    ], var=f"{service}_role"))
    policies = s.rng.sample([
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
        "arn:aws:iam::aws:policy/CloudWatchLambdaInsightsExecutionRolePolicy",
    ], s.rng.choice((1, 2, 3)))
    arns = s.fb.var(f"{service}_policy_arns")
    s.emit_value(f"{arns} = ", policies)
    s.emit(f"for index, policy_arn in enumerate({arns}):")
    s.add(Res("iam_role_policy_attachment", f"{service}_policy", [
        ("role", Code(f"{role}.name"), None),
        ("policy_arn", Code("policy_arn"), None),
    ]), extra=4, assign=False, loop="index")
    s.refs["role"] = role
    return role


def build_lambda(s: Scope, service: str, handler_dir: Optional[str]) -> str:
    fb, rng = s.fb, s.rng
    role = build_role(s, service, "lambda.amazonaws.com")
    log_group = s.add(Res("cloudwatch_log_group", f"{service}_logs", [
        ("name", FStr(f"/aws/lambda/{service}-{{env}}"), None),
        ("retention_in_days", rng.choice((7, 14, 30, 90)), None),
        ("tags", s.tags(f"{service}-logs"), None),
    ], var=f"{service}_log_group"))
    code: list = []
    if handler_dir and fb.platform == CDKTF:
        fb.std.add("os")
        fb.core.update({"TerraformAsset", "AssetType"})
        asset = fb.var(f"{service}_asset")
        call = Call("TerraformAsset", [Code(s.scope), s.logical(f"{service}_asset")], [
            ("path", Code(f'os.path.join(os.path.dirname(__file__), "..", "lambda", "{handler_dir}")'), None),
            ("type", Code("AssetType.ARCHIVE"), None),
        ])
        s.emit_value(f"{asset} = ", call)
        code = [("filename", Code(f"{asset}.path"), None), ("source_code_hash", Code(f"{asset}.asset_hash"), None)]
    elif handler_dir:
        code = [("!code", Code(f'pulumi.FileArchive("./lambda/{handler_dir}")'), None)]
        fb.core.add("pulumi")
    elif fb.take_seed("PRJ404"):
        if fb.platform == CDKTF:
            code = [("filename", f"lambda/{service}.zip", "built by the release pipeline")]
        else:
            code = [("!code", Code(f'pulumi.FileArchive("./dist/{service}.zip")'), "built by the release pipeline")]
    else:
        code = [("s3_bucket", Code(f"{s.refs['bucket']}.id") if "bucket" in s.refs else "artifacts-bucket", None),
                ("s3_key", FStr(f"lambda/{service}/{{env}}.zip"), None)]
    env_vars = {"TABLE_NAME": FStr(f"{service}-{{env}}"), "LOG_LEVEL": rng.choice(("INFO", "DEBUG")), "POWERTOOLS_SERVICE_NAME": service}
    kwargs = [
        ("function_name", FStr(f"{service}-handler-{{env}}"), None),
        ("role", Code(f"{role}.arn"), None),
        ("handler", "handler.lambda_handler" if handler_dir else "index.handler", None),
        ("runtime", rng.choice(("python3.12", "python3.11", "python3.13")), None),
        *code,
        ("memory_size", rng.choice((128, 256, 512, 1024)), None),
        ("timeout", rng.choice((10, 30, 60, 300)), "seconds" if rng.random() < 0.3 else None),
        ("environment", Block({"variables": env_vars}), None),
        ("tags", s.tags(f"{service}-handler"), None),
    ]
    if "subnet_ids" in s.refs and "sg" in s.refs and fb.platform == PULUMI:
        kwargs.append(("vpc_config", Block({"subnet_ids": Code(s.refs["subnet_ids"]), "security_group_ids": [Code(f"{s.refs['sg']}.id")]}), None))
    if fb.platform == CDKTF and rng.random() < 0.5:
        kwargs.append(("depends_on", [Code(log_group)], None))
    fn = s.add(Res("lambda_function", f"{service}_handler", kwargs, var=f"{service}_function"))
    perm = [
        ("statement_id", "AllowInvokeFromApiGateway", None),
        ("action", "lambda:InvokeFunction", None),
        ("function_name", Code(f"{fn}.function_name" if fb.platform == CDKTF else f"{fn}.name"), None),
        ("principal", "apigateway.amazonaws.com", None),
    ]
    if fb.platform == PULUMI and fb.take_seed("PUL303"):  # a resource option passed as an argument
        perm.append(("!depends_on", [Code(fn)], None))
    s.add(Res("lambda_permission", f"{service}_invoke", perm), assign=False)
    s.refs["function"] = fn
    return fn


def build_table(s: Scope, service: str) -> str:
    rng = s.rng
    range_key = rng.random() < 0.5
    attrs = [Block({"name": "pk", "type": "S"})] + ([Block({"name": "sk", "type": "S"})] if range_key else [])
    kwargs = [
        ("name", FStr(f"{service}-{{env}}"), None),
        ("billing_mode", "PAY_PER_REQUEST", None),
        ("hash_key", "pk", None),
    ]
    if range_key:
        kwargs.append(("range_key", "sk", None))
    kwargs += [
        ("attribute", attrs, None),
        ("point_in_time_recovery", Block({"enabled": True}), None),
        ("deletion_protection_enabled", rng.random() < 0.3, None),
        ("tags", s.tags(f"{service}-table"), None),
    ]
    table = s.add(Res("dynamodb_table", f"{service}_table", kwargs, var=f"{service}_table"))
    s.refs["table"] = table
    return table


def build_database(s: Scope) -> str:
    fb, rng = s.fb, s.rng
    postgres = rng.random() < 0.6 or "AWS202" in fb.seeds or "AWS205" in fb.seeds
    engine = "aurora-postgresql" if postgres else "aurora-mysql"
    family = "aurora-postgresql16" if postgres else "aurora-mysql8.0"
    version = rng.choice(("16.4", "16.6", "15.10")) if postgres else "8.0.mysql_aurora.3.08.0"
    s.comment(f"Database: Aurora {'PostgreSQL' if postgres else 'MySQL'} in the private subnets.")
    group = s.add(Res("db_subnet_group", "db_subnets", [
        ("name", FStr("db-subnets-{env}"), None),
        ("description", "Private subnets for the database", None),
        ("subnet_ids", subnets_ref(s), None),
        ("tags", s.tags("db-subnets"), None),
    ], var="db_subnet_group"))
    params = s.add(Res("rds_cluster_parameter_group", "cluster_params", [
        ("name", FStr(f"{engine}-params-{{env}}"), None),
        ("family", family, None),
        ("description", "Cluster parameters", None),
        ("parameter", [Block({"name": "log_min_duration_statement" if postgres else "slow_query_log", "value": "500" if postgres else "1"})], None),
    ], var="cluster_parameter_group"))
    kwargs = [
        ("cluster_identifier", FStr(f"{engine}-{{env}}"), None),
        ("engine", engine, None),
        ("engine_version", version, None),
        ("database_name", "appdb", None),
        ("master_username", "dbadmin", None),
        ("manage_master_user_password", True, None),
        ("db_subnet_group_name", Code(f"{group}.name"), None),
        ("db_cluster_parameter_group_name", Code(f"{params}.name"), None),
        ("storage_encrypted", True, None),
        ("backup_retention_period", rng.choice((1, 7, 14)), None),
        ("skip_final_snapshot", True, None),
        ("tags", s.tags("aurora"), None),
    ]
    if "sg" in s.refs:
        kwargs.insert(8, ("vpc_security_group_ids", [Code(f"{s.refs['sg']}.id")], None))
    if postgres and fb.take_seed("AWS202"):
        kwargs.insert(9, ("backtrack_window", 86400, "24 hours"))
    elif not postgres and rng.random() < 0.5:
        kwargs.insert(9, ("backtrack_window", 259200, "72 hours"))
    if postgres and fb.take_seed("AWS205"):
        kwargs[4] = ("master_username", "admin", None)
    if fb.take_seed("AWS206"):
        kwargs[3] = ("database_name", "app-db", None)
    cluster = s.add(Res("rds_cluster", "aurora", kwargs, var="aurora_cluster"))
    s.emit(f"for i in range({rng.choice((1, 2, 3))}):")
    s.add(Res("rds_cluster_instance", "aurora_instance", [
        ("identifier", FStr(f"{engine}-{{i}}-{{env}}"), None),
        ("cluster_identifier", Code(f"{cluster}.id"), None),
        ("instance_class", rng.choice(("db.r6g.large", "db.t4g.medium", "db.r7g.large")), None),
        ("engine", Code(f"{cluster}.engine"), None),
        ("engine_version", Code(f"{cluster}.engine_version"), None),
        ("publicly_accessible", False, None),
    ]), extra=4, assign=False, loop="i")
    s.refs["db"] = cluster
    return cluster


def build_cache(s: Scope) -> None:
    fb, rng = s.fb, s.rng
    group = s.add(Res("elasticache_subnet_group", "cache_subnets", [
        ("name", FStr("cache-subnets-{env}"), None),
        ("subnet_ids", subnets_ref(s), None),
    ], var="cache_subnet_group"))
    kwargs = [
        ("replication_group_id", FStr("sessions-{env}"), None),
        ("description", FStr("Session cache ({env})"), None),
        ("engine", "redis", None),
        ("node_type", rng.choice(("cache.t3.micro", "cache.r6g.large")), None),
        ("num_cache_clusters", 2, None),
        ("automatic_failover_enabled", True, None),
        ("at_rest_encryption_enabled", True, None),
        ("transit_encryption_enabled", True, None),
        ("subnet_group_name", Code(f"{group}.name"), None),
        ("tags", s.tags("sessions"), None),
    ]
    if fb.platform == PULUMI and fb.take_seed("PUL301"):
        kwargs[1] = ("!replication_group_description", FStr("Session cache ({env})"), None)
        kwargs[4] = ("!number_cache_clusters", 2, None)
    s.add(Res("elasticache_replication_group", "sessions", kwargs, var="session_cache"))


def build_ecs(s: Scope, service: str) -> None:
    fb, rng = s.fb, s.rng
    fb.std.add("json")
    cluster = s.add(Res("ecs_cluster", f"{service}_cluster", [("name", FStr(f"{service}-{{env}}"), None), ("tags", s.tags(service), None)], var=f"{service}_cluster"))
    role = build_role(s, f"{service}_task", "ecs-tasks.amazonaws.com")
    containers = [{"name": service, "image": f"public.ecr.aws/nginx/nginx:{rng.choice(('1.25', '1.27', 'stable'))}", "essential": True,
                   "portMappings": [{"containerPort": 8080, "protocol": "tcp"}]}]
    task = s.add(Res("ecs_task_definition", f"{service}_task", [
        ("family", FStr(f"{service}-{{env}}"), None),
        ("requires_compatibilities", ["FARGATE"], None),
        ("network_mode", "awsvpc", None),
        ("cpu", "256", None),
        ("memory", "512", None),
        ("execution_role_arn", Code(f"{role}.arn"), None),
        ("container_definitions", Call("json.dumps", [containers]), None),
    ], var=f"{service}_task"))
    kwargs = [
        ("name", FStr(f"{service}-{{env}}"), None),
        ("cluster", Code(f"{cluster}.id"), None),
        ("task_definition", Code(f"{task}.arn"), None),
        ("desired_count", rng.choice((1, 2, 3)), None),
        ("launch_type", "FARGATE", None),
        ("network_configuration", Block({"subnets": subnets_ref(s), "assign_public_ip": False}), None),
    ]
    if fb.take_seed("AWS204"):
        kwargs.append(("capacity_provider_strategy", [Block({"capacity_provider": "FARGATE_SPOT", "weight": 1})], None))
    s.add(Res("ecs_service", f"{service}_service", kwargs), assign=False)


def build_alb(s: Scope, service: str) -> None:
    fb, rng = s.fb, s.rng
    lb = s.add(Res("lb", f"{service}_alb", [
        ("name", FStr(f"{service}-alb-{{env}}"), None),
        ("internal", False, None),
        ("load_balancer_type", "application", None),
        ("security_groups", [Code(f"{s.refs['sg']}.id")] if "sg" in s.refs else [], None),
        ("subnets", Code(f"[subnet.id for subnet in {s.refs['public_subnets']}]") if "public_subnets" in s.refs else subnets_ref(s), None),
        ("tags", s.tags(f"{service}-alb"), None),
    ], var=f"{service}_alb"))
    delay = 30 if fb.platform == PULUMI else "30"
    if fb.platform == CDKTF and fb.take_seed("CDK109"):
        delay = Code("30")
    tg = s.add(Res("lb_target_group", f"{service}_tg", [
        ("name", FStr(f"{service}-tg-{{env}}"), None),
        ("port", 8080, None),
        ("protocol", "HTTP", None),
        ("target_type", "ip", None),
        ("vpc_id", vpc_ref(s), None),
        ("deregistration_delay", delay, "seconds"),
        ("health_check", Block({"path": "/health", "matcher": "200", "interval": 30, "healthy_threshold": 2}), None),
    ], var=f"{service}_target_group"))
    s.add(Res("lb_listener", f"{service}_listener", [
        ("load_balancer_arn", Code(f"{lb}.arn"), None),
        ("port", 80, None),
        ("protocol", "HTTP", None),
        ("default_action", [Block({"type": "forward", "target_group_arn": Code(f"{tg}.arn")})], None),
    ]), assign=False)


def build_monitoring(s: Scope, service: str) -> None:
    fb, rng = s.fb, s.rng
    topic = s.add(Res("sns_topic", f"{service}_alarms", [("name", FStr(f"{service}-alarms-{{env}}"), None), ("tags", s.tags(f"{service}-alarms"), None)], var=f"{service}_alarm_topic"))
    s.add(Res("sns_topic_subscription", f"{service}_oncall", [
        ("topic_arn", Code(f"{topic}.arn"), None),
        ("protocol", "email", None),
        ("endpoint", f"{service}-oncall@corp.internal", None),
    ]), assign=False)
    metrics = s.fb.var(f"{service}_metrics")
    items = rng.sample([("Errors", "AWS/Lambda", 1), ("Throttles", "AWS/Lambda", 5), ("Duration", "AWS/Lambda", 3000),
                        ("CPUUtilization", "AWS/ECS", 80), ("FreeableMemory", "AWS/RDS", 256), ("5XXError", "AWS/ApiGateway", 10)], rng.choice((2, 3, 4)))
    s.emit_value(f"{metrics} = ", {m: {"namespace": n, "threshold": t} for m, n, t in items})
    s.emit(f"for metric_name, settings in {metrics}.items():")
    kwargs = [
        ("alarm_name", FStr(f"{service}-{{metric_name.lower()}}-{{env}}"), None),
        ("comparison_operator", "GreaterThanThreshold", None),
        ("evaluation_periods", 2, None),
        ("metric_name", Code("metric_name"), None),
        ("namespace", Code('settings["namespace"]'), None),
        ("period", 300, None),
        ("statistic", "Sum", None),
        ("threshold", Code('settings["threshold"]'), None),
        ("alarm_actions", [Code(f"{topic}.arn")], None),
    ]
    if fb.platform == PULUMI and fb.take_seed("PUL301b"):
        kwargs[0] = ("!alarm_name", kwargs[0][1], None)
    s.add(Res("cloudwatch_metric_alarm", f"{service}_alarm", kwargs), extra=4, assign=False, loop="metric_name.lower()")


def build_queue(s: Scope, service: str) -> None:
    fb = s.fb
    fb.std.add("json")
    dlq = s.add(Res("sqs_queue", f"{service}_dlq", [("name", FStr(f"{service}-dlq-{{env}}"), None), ("message_retention_seconds", 1209600, "14 days")], var=f"{service}_dlq"))
    s.add(Res("sqs_queue", f"{service}_queue", [
        ("name", FStr(f"{service}-{{env}}"), None),
        ("visibility_timeout_seconds", s.rng.choice((30, 60, 300)), None),
        ("redrive_policy", redrive_policy(fb, dlq), None),
        ("sqs_managed_sse_enabled", True, None),
        ("tags", s.tags(f"{service}-queue"), None),
    ], var=f"{service}_queue"))


def redrive_policy(fb: FileBuilder, dlq: str) -> Code:
    if fb.platform == CDKTF:  # a token string inside the JSON: fine at synth
        return Code(f'json.dumps({{"deadLetterTargetArn": {dlq}.arn, "maxReceiveCount": 5}})')
    # a Pulumi Output is not JSON-serializable: build the document once the ARN is known
    if fb.rng.random() < 0.5:
        return Code(f'{dlq}.arn.apply(lambda arn: json.dumps({{"deadLetterTargetArn": arn, "maxReceiveCount": 5}}))')
    return Code(f'pulumi.Output.json_dumps({{"deadLetterTargetArn": {dlq}.arn, "maxReceiveCount": 5}})')


def build_secrets(s: Scope, service: str) -> None:
    rng = s.rng
    secret = s.add(Res("secretsmanager_secret", f"{service}_secret", [
        ("name", FStr(f"{service}/api-key-{{env}}"), None),
        ("description", f"API key for the {service} integration", None),
        ("recovery_window_in_days", rng.choice((0, 7, 30)), None),
    ], var=f"{service}_secret"))
    s.add(Res("ssm_parameter", f"{service}_secret_arn", [
        ("name", FStr(f"/{service}/{{env}}/secret-arn"), None),
        ("type", "String", None),
        ("value", Code(f"{secret}.arn"), None),
    ]), assign=False)
    params = s.fb.var(f"{service}_settings")
    s.emit_value(f"{params} = ", {"log_level": "INFO", "batch_size": "25", "feature_flags": "baseline"})
    s.emit(f"for key, value in {params}.items():")
    s.add(Res("ssm_parameter", f"{service}_setting", [
        ("name", FStr(f"/{service}/{{env}}/{{key}}"), None),
        ("type", "String", None),
        ("value", Code("value"), None),
    ]), extra=4, assign=False, loop="key")


def build_dns(s: Scope) -> None:
    zone = s.add(Res("route53_zone", "private_zone", [
        ("name", FStr("{env}.corp.internal"), None),
        ("comment", "Private zone for service discovery", None),
    ], var="private_zone"))
    for name in s.rng.sample(SERVICES, 2):
        s.add(Res("route53_record", f"{name}_record", [
            ("zone_id", Code(f"{zone}.zone_id"), None),
            ("name", FStr(f"{name}.{{env}}.corp.internal"), None),
            ("type", "CNAME", None),
            ("ttl", 300, None),
            ("records", [f"{name}.internal.corp.net"], None),
        ]), assign=False)


def build_ecr(s: Scope, service: str) -> None:
    s.add(Res("ecr_repository", f"{service}_repo", [
        ("name", FStr(f"{service}-{{env}}"), None),
        ("image_tag_mutability", "IMMUTABLE", None),
        ("image_scanning_configuration", Block({"scan_on_push": True}), None),
        ("force_delete", True, None),
    ]), assign=False)


def build_long_tail(s: Scope) -> None:
    """A resource from anywhere in the provider, with plain arguments of the declared types."""
    fb, rng = s.fb, s.rng
    module = rng.choice(fb.cat.long_tail)
    spec = fb.cat.cdktf(module)
    pulumi_args = fb.cat.index.pulumi_resource(*fb.cat.long_tail_pulumi[module]).args
    plain = [a for a, c in spec.args.items() if simple_arg(a, c) and a in pulumi_args]
    chosen = sorted(set(rng.sample(plain, min(len(plain), rng.randint(2, 6)))) | ({"name"} & set(plain)))
    kwargs = [(arg, sample_value(s, arg, spec.args[arg]), None) for arg in chosen]
    s.add(Res(module, module.split("_", 1)[-1][:24], kwargs), assign=False)


def sample_value(s: Scope, arg: str, code: str):
    rng = s.rng
    if code == "b":
        return rng.random() < 0.5
    if code == "n":
        if arg.endswith("port"):
            return rng.choice((443, 8080, 5432))
        if "days" in arg:
            return rng.choice((7, 30, 90))
        return rng.choice((1, 2, 5, 10, 30, 60, 300))
    if code == "[s":
        if arg.endswith("_ids") and "subnet" in arg:
            return subnets_ref(s)
        return [f"{rng.choice(WORDS)}-{rng.choice(WORDS)}"]
    if code == "{":
        return s.tags(arg) if arg == "tags" else {"team": slug(rng), "tier": rng.choice(WORDS)}
    if arg == "vpc_id":
        return vpc_ref(s)
    if arg.endswith("_arn") or arg == "arn":
        return Code(f"{s.refs['role']}.arn") if "role" in arg and "role" in s.refs else f"arn:aws:iam::123456789012:role/{slug(rng)}-{rng.choice(WORDS)}"
    if arg == "name" or arg.endswith("_name"):
        return FStr(f"{slug(rng)}-{rng.choice(WORDS)}-{{env}}")
    if arg == "description":
        return f"{slug(rng).capitalize()} {rng.choice(WORDS)} resource"
    return f"{rng.choice(WORDS)}-{rng.choice(WORDS)}"


def build_outputs(s: Scope) -> None:
    fb = s.fb
    outputs = [(k, v) for k, v in (("vpc_id", "vpc"), ("bucket_name", "bucket"), ("function_arn", "function"),
                                    ("table_name", "table"), ("cluster_endpoint", "db")) if v in s.refs]
    if not outputs:
        return
    s.emit("")
    attr = {"vpc": "id", "bucket": "bucket", "function": "arn", "table": "name", "db": "endpoint"}
    for name, key in outputs:
        if fb.platform == CDKTF:
            fb.core.add("TerraformOutput")
            s.emit(f'TerraformOutput({s.scope}, "{name}", value={s.refs[key]}.{attr[key]})')
        elif s.opts is None:
            fb.core.add("pulumi")
            s.emit(f'pulumi.export("{name}", {s.refs[key]}.{attr[key]})')


# Bundles the seeds live in.
SEED_HOME = {
    "CDK101": "security_group", "CDK102": "bucket", "CDK104": "bucket", "CDK108": "network", "CDK109": "alb",
    "AWS201": "bucket", "AWS202": "database", "AWS204": "ecs", "AWS205": "database", "AWS206": "database",
    "PUL301": "cache", "PUL301b": "monitoring", "PUL303": "lambda", "PRJ404": "lambda",
}


def run_bundle(s: Scope, name: str, handlers: list[str]) -> None:
    rng, service = s.rng, slug(s.rng)
    if name == "network":
        build_network(s)
    elif name == "security_group":
        build_security_group(s, rng.choice((5432, 3306, 6379, 8080, 443)), service)
    elif name == "bucket":
        build_bucket(s, rng.choice(("logs", "assets", "backups", "uploads", "artifacts", "reports", "exports")))
    elif name == "kms":
        build_kms(s)
    elif name == "lambda":
        handler = handlers[rng.randrange(len(handlers))] if handlers and rng.random() < 0.7 and "PRJ404" not in s.fb.seeds else None
        build_lambda(s, handler.replace("-", "_") if handler else service, handler)
    elif name == "table":
        build_table(s, service)
    elif name == "database":
        build_database(s)
    elif name == "cache":
        build_cache(s)
    elif name == "ecs":
        build_ecs(s, service)
    elif name == "alb":
        build_alb(s, service)
    elif name == "monitoring":
        build_monitoring(s, service)
    elif name == "queue":
        build_queue(s, service)
    elif name == "secrets":
        build_secrets(s, service)
    elif name == "dns":
        build_dns(s)
    elif name == "ecr":
        build_ecr(s, service)
    else:
        build_long_tail(s)


def bundle_plan(fb: FileBuilder) -> list[str]:
    """Bundles in dependency order; the seeds' bundles first so they are placed however small."""
    rng = fb.rng
    first = []
    for seed in fb.seeds:
        home = SEED_HOME.get(seed)
        if home and home not in first:
            first.append(home)
    order = ["network"] if rng.random() < 0.6 or "network" in first else []
    order += [b for b in ("kms", "security_group", "bucket") if b in first or rng.random() < 0.5]
    order += [b for b in first if b not in order]
    return order


def bundle_weights() -> list[tuple[str, float]]:
    return [("bucket", 3), ("lambda", 3), ("table", 2), ("security_group", 2), ("database", 1), ("cache", 0.7),
            ("ecs", 1), ("alb", 1), ("monitoring", 2), ("queue", 2), ("secrets", 1.5), ("dns", 0.7),
            ("ecr", 1), ("long_tail", 4), ("kms", 0.7)]


def next_bundle(rng: random.Random, platform: str) -> str:
    names, weights = zip(*bundle_weights())
    return rng.choices(names, weights)[0]


# -- whole files ----------------------------------------------------------------------------------


def cdktf_imports(fb: FileBuilder) -> list[str]:
    lines = []
    std = sorted(fb.std)
    if std:
        lines += [f"import {m}" for m in std]
    if fb.typing:
        lines.append("from typing import " + ", ".join(sorted(fb.typing)))
    if lines:
        lines.append("")
    core = sorted(fb.core | {"TerraformStack"})
    lines.append("from cdktf import " + ", ".join(core))
    if fb.cdktf_modules:
        lines.append(wrap_import(f"from {PACKAGE} import ", sorted(fb.cdktf_modules)))
    for module in sorted(fb.cdktf_names):
        names = sorted(fb.cdktf_names[module]) or [fb.cat.cdktf_class_name(module)]
        lines.append(wrap_import(f"from {PACKAGE}.{module} import ", names))
    lines.append("from constructs import Construct")
    return lines


def wrap_import(head: str, names: list[str]) -> str:
    line = head + ", ".join(names)
    if len(line) <= WIDTH:
        return line
    return head + "(\n" + "".join(f"    {n},\n" for n in names) + ")"


def pulumi_imports(fb: FileBuilder) -> list[str]:
    lines = []
    std = sorted(fb.std)
    lines += [f"import {m}" for m in std]
    if fb.typing:
        lines.append("from typing import " + ", ".join(sorted(fb.typing)))
    if lines:
        lines.append("")
    lines.append("import pulumi")
    if "pulumi_aws as aws" in fb.core or not fb.pulumi_modules:
        lines.append("import pulumi_aws as aws")
    if fb.pulumi_modules:
        lines.append(wrap_import("from pulumi_aws import ", sorted(fb.pulumi_modules)))
    return lines


def docstring(rng: random.Random, what: str) -> list[str]:
    if rng.random() < 0.3:
        return []
    return [f'"""{what}"""', ""]


def fill(s: Scope, fb: FileBuilder, target: int, handlers: list[str], plan: list[str], budget_lines: int) -> None:
    """Run bundles until the file reaches its target size."""
    for name in plan:
        s.emit("")
        run_bundle(s, name, handlers)
    while fb.lines < target - budget_lines:
        s.emit("")
        if fb.rng.random() < 0.15:
            s.comment()
        run_bundle(s, next_bundle(fb.rng, fb.platform), handlers)


STACK_PARAMS = '''scope: Construct,
        construct_id: str,
        environment_suffix: str = "dev",
        aws_region: str = "us-east-1",
        state_bucket: Optional[str] = None,'''


def cdktf_stack_file(cat: Catalog, rng: random.Random, class_name: str, target: int, seeds: list[str],
                     handlers: list[str], main: bool, terraform: Optional[str]) -> tuple[str, list[str], bool]:
    fb = FileBuilder(cat, rng, CDKTF, seeds)
    style = rng.choices(("init", "methods", "helpers", "construct"), (4, 3, 2, 1))[0]
    if main:
        style = rng.choice(("init", "methods"))
    body: list[str] = []
    header: list[str] = []
    plan = bundle_plan(fb)
    fb.typing.add("Optional")
    helpers: list[str] = []
    base = "Construct" if style == "construct" else "TerraformStack"
    if style == "helpers":
        # module-level helpers, each a self-contained bundle, called from the stack
        count = rng.randint(1, 3)
        for index in range(count):
            kind = rng.choice(("bucket", "queue", "table", "secrets", "monitoring"))
            func = f"create_{kind}_{index}" if index else f"create_{kind}"
            hs = Scope(fb, 4, "scope", "environment_suffix")
            helpers.append(f"def {func}(scope: Construct, environment_suffix: str, tags: Optional[dict] = None) -> None:")
            helpers.append(f'    """Create the {kind} resources of one service."""')
            run_bundle(hs, kind, handlers)
            helpers += hs.out
            helpers += ["", ""]
            plan.append(f"call:{func}")
    s = Scope(fb, 8, "self", "environment_suffix")
    params = STACK_PARAMS if base == "TerraformStack" else 'scope: Construct,\n        construct_id: str,\n        environment_suffix: str = "dev",'
    body.append(f"class {class_name}({base}):")
    body.append(f'    """{rng.choice(("The", "Infrastructure of the", "Resources of the"))} {class_name[:-5] or class_name} {"stack" if base == "TerraformStack" else "construct"}."""')
    body.append("")
    body.append(f"    def __init__(\n        self,\n        {params}\n    ) -> None:")
    body.append("        super().__init__(scope, construct_id)")
    body.append("        self.environment_suffix = environment_suffix")
    fb.lines += 12
    if base == "TerraformStack" and (main or "CDK103" in fb.seeds or rng.random() < 0.5):
        s.emit("")
        fb.core.add("S3Backend")
        provider = Call(fb.callee("provider")[0], [Code("self"), "aws"], [
            ("region", Code("aws_region"), None),
            ("default_tags", [fb.block("provider", "default_tags", Block({"tags": {"Environment": Code("environment_suffix"), "Repository": "tap"}}), "*AwsProviderDefaultTags", None)], None),
        ])
        s.emit_value("", provider)
        s.emit("S3Backend(\n    self,\n    bucket=state_bucket or \"iac-tf-states\",\n    key=f\"{environment_suffix}/{construct_id}.tfstate\",\n    region=aws_region,\n    encrypt=True,\n)")
        # use_lockfile is a failure unless the project pins Terraform 1.10 or later
        if (terraform != "1.12.2" and fb.take_seed("CDK103")) or (terraform == "1.12.2" and rng.random() < 0.3):
            s.comment("Enable S3-native state locking")
            s.emit('self.add_override("terraform.backend.s3.use_lockfile", True)')
    if style == "methods":
        # each bundle in its own method; resources kept on self
        methods: list[str] = []
        calls = []
        order = plan[:]
        while True:
            name = order.pop(0) if order else next_bundle(rng, CDKTF)
            if name.startswith("call:"):
                continue
            ms = Scope(fb, 8, "self", "self.environment_suffix", attr="self.")
            ms.refs = s.refs  # shared across methods through self.*
            method = f"_create_{name}" if f"_create_{name}" not in calls else f"_create_{name}_{len(calls)}"
            calls.append(method)
            methods += ["", f"    def {method}(self) -> None:"]
            fb.lines += 2
            run_bundle(ms, name, handlers)
            methods += ms.out
            if fb.lines >= target - 4 and not order:
                break
        for method in calls:
            s.emit(f"self.{method}()")
        out = s.out + methods
    else:
        for name in plan:
            if name.startswith("call:"):
                s.emit(f"{name[5:]}(self, environment_suffix)")
                fb.lines += 1
                continue
            s.emit("")
            run_bundle(s, name, handlers)
        fill(s, fb, target, handlers, [], 3)
        build_outputs(s)
        out = s.out
    header = docstring(rng, f"{class_name}: {rng.choice(('network, data and compute', 'the service infrastructure', 'AWS resources for the TAP project'))}.")
    text = "\n".join(header + cdktf_imports(fb) + ["", ""] + helpers + body + out) + "\n"
    return text, fb.placed, base == "TerraformStack"


def pulumi_file(cat: Catalog, rng: random.Random, kind: str, class_name: str, target: int, seeds: list[str],
                handlers: list[str]) -> tuple[str, list[str]]:
    """kind: program (module-level), component (ComponentResource class), helpers (functions)."""
    fb = FileBuilder(cat, rng, PULUMI, seeds)
    fb.core.add("pulumi")
    plan = bundle_plan(fb)
    head: list[str] = []
    out: list[str] = []
    if "PUL304" in fb.seeds:
        fb.take_seed("PUL304")
        head.append(rng.choice(("from pulumi_aws import logs", "from pulumi_aws.cloudwatchlogs import LogGroup")))
    if kind == "program":
        s = Scope(fb, 0, None, "environment_suffix")
        s.emit("config = pulumi.Config()")
        s.emit('environment_suffix = config.get("environmentSuffix") or pulumi.get_stack()')
        s.emit('aws_region = config.get("region") or "us-east-1"')
        if rng.random() < 0.5:
            s.emit_value("common_tags = ", {"Environment": Code("environment_suffix"), "Project": pulumi_project_name(rng), "ManagedBy": "pulumi"})
            s.refs["common_tags"] = "common_tags"
        fill(s, fb, target, handlers, plan, 2)
        build_outputs(s)
        out = s.out
    elif kind == "component":
        fb.typing.add("Optional")
        args_class = f"{class_name}Args"
        out += [f"class {args_class}:", f'    """Inputs of {class_name}."""', "",
                "    def __init__(self, environment_suffix: str, tags: Optional[dict] = None) -> None:",
                "        self.environment_suffix = environment_suffix", "        self.tags = tags or {}", "", ""]
        out += [f"class {class_name}(pulumi.ComponentResource):",
                f"    def __init__(self, name: str, args: {args_class}, opts: Optional[pulumi.ResourceOptions] = None) -> None:",
                f'        super().__init__("tap:{class_name.lower()}:{class_name}", name, None, opts)',
                "        environment_suffix = args.environment_suffix",
                "        child = pulumi.ResourceOptions(parent=self)"]
        fb.lines += 13
        s = Scope(fb, 8, None, "environment_suffix", opts="child", prefix="name")
        fill(s, fb, target, handlers, plan, 3)
        exports = {k: Code(f"{v}.id") for k, v in s.refs.items() if k in ("vpc", "bucket", "table", "function")}
        for key, value in exports.items():
            s.emit(f"self.{key}_id = {value}")
        s.emit_value("self.register_outputs(", {f"{k}_id": v for k, v in exports.items()}, suffix=")")
        out += s.out
    else:
        fb.typing.add("Optional")
        funcs = []
        while fb.lines < target or not funcs:
            name = plan.pop(0) if plan else next_bundle(rng, PULUMI)
            func = f"create_{name}" if f"create_{name}" not in funcs else f"create_{name}_{len(funcs)}"
            funcs.append(func)
            out += [f"def {func}(name: str, environment_suffix: str, opts: Optional[pulumi.ResourceOptions] = None) -> None:",
                    f'    """Create the {name.replace("_", " ")} resources."""']
            fb.lines += 2
            s = Scope(fb, 4, None, "environment_suffix", opts="opts", prefix="name")
            run_bundle(s, name, handlers)
            out += s.out + ["", ""]
            fb.lines += 2
        out = out[:-2]
    doc = docstring(rng, f"{class_name if kind != 'program' else 'Pulumi program'}: {rng.choice(('core infrastructure', 'service resources', 'data and compute'))}.")
    text = "\n".join(doc + pulumi_imports(fb) + head + ["", ""] + out) + "\n"
    return text, fb.placed


def pulumi_project_name(rng: random.Random) -> str:
    return f"{slug(rng)}-{rng.choice(WORDS)}"


# -- tests, handlers, entry points ----------------------------------------------------------------


def cdktf_test_file(rng: random.Random, stacks: list[tuple[str, str]], seeds: list[str]) -> tuple[str, list[str]]:
    placed = []
    lines = ['"""Unit tests for the CDKTF stacks."""', "import json", "", "import pytest", "from cdktf import App, Testing", ""]
    lines += [f"from lib.{module} import {cls}" for module, cls in stacks]
    lines += ["", ""]
    module, cls = stacks[0]
    lines += ["@pytest.fixture", "def synthesized():", "    app = Testing.app()",
              f'    stack = {cls}(app, "TestStack", environment_suffix="test")', "    return json.loads(Testing.synth(stack))", "", ""]
    lines += [f"class Test{cls}:"]
    checks = [
        ("test_synthesizes", ['assert "resource" in synthesized']),
        ("test_provider_region", ['providers = synthesized["provider"]["aws"]', 'assert providers[0]["region"] == "us-east-1"']),
        ("test_backend_is_s3", ['assert "s3" in synthesized["terraform"]["backend"]']),
        ("test_every_resource_is_tagged", ['for resources in synthesized["resource"].values():', '    for config in resources.values():',
                                          '        if "tags" in config:', '            assert config["tags"]']),
        ("test_buckets_block_public_access", ['blocks = synthesized["resource"].get("aws_s3_bucket_public_access_block", {})',
                                              'for block in blocks.values():', '    assert block["block_public_acls"] is True']),
        ("test_names_carry_the_suffix", ['names = [c.get("name", "") for r in synthesized["resource"].values() for c in r.values()]',
                                         'assert any("test" in str(name) for name in names)']),
    ]
    if "TST502" in seeds:
        checks[1] = ("test_provider_region", ['assert synthesized["provider"]["aws"]["region"] == "us-east-1"'])
        placed.append("TST502")
    for name, body in rng.sample(checks, rng.randint(3, len(checks))):
        lines += ["", f"    def {name}(self, synthesized):"] + [f"        {line}" for line in body]
    lines += ["", "    def test_stack_builds(self):", "        app = Testing.app()",
              f'        stack = {cls}(app, "Standalone", environment_suffix="ci")']
    if "TST501" in seeds:
        lines += ['        assert hasattr(stack, "database_cluster")', '        assert stack is not None']
        placed.append("TST501")
    else:
        lines += ["        assert Testing.synth(stack)"]
    for module, other in stacks[1:]:
        lines += ["", f"    def test_{module}_synthesizes(self):", "        app = App()",
                  f'        stack = {other}(app, "{other}Test", environment_suffix="test")',
                  "        assert json.loads(Testing.synth(stack))"]
    return "\n".join(lines) + "\n", placed


def pulumi_test_file(rng: random.Random, components: list[tuple[str, str]]) -> str:
    lines = ['"""Unit tests with Pulumi mocks."""', "import pulumi", "", "",
             "class TapMocks(pulumi.runtime.Mocks):",
             "    def new_resource(self, args: pulumi.runtime.MockResourceArgs):",
             '        outputs = dict(args.inputs, id=f"{args.name}-id", arn=f"arn:aws:mock::{args.name}")',
             '        return [f"{args.name}-id", outputs]', "",
             "    def call(self, args: pulumi.runtime.MockCallArgs):",
             '        if args.token == "aws:index/getAvailabilityZones:getAvailabilityZones":',
             '            return {"names": ["us-east-1a", "us-east-1b", "us-east-1c"]}',
             "        return {}", "", "", "pulumi.runtime.set_mocks(TapMocks())", ""]
    for module, cls in components:
        lines.append(f"from lib.{module} import {cls}, {cls}Args  # noqa: E402")
    for module, cls in components:
        lines += ["", "", "@pulumi.runtime.test", f"def test_{module}_creates():",
                  f'    component = {cls}("test", {cls}Args(environment_suffix="test"))',
                  "", "    def check(urn):", '        assert "test" in urn', "",
                  "    return component.urn.apply(check)"]
    return "\n".join(lines) + "\n"


HANDLER_BODIES = [
    ("sqs", '''def process_record(record: dict) -> None:
    body = json.loads(record["body"])
    logger.info("processing %s", body.get("id"))
    table.put_item(Item={"pk": body["id"], "sk": body.get("type", "event"), "payload": json.dumps(body)})


def lambda_handler(event, context):
    failures = []
    for record in event.get("Records", []):
        try:
            process_record(record)
        except (KeyError, ValueError, ClientError) as error:
            logger.exception("failed: %s", error)
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
'''),
    ("s3", '''def object_keys(event: dict):
    for record in event.get("Records", []):
        bucket = record["s3"]["bucket"]["name"]
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        yield bucket, key


def lambda_handler(event, context):
    copied = 0
    for bucket, key in object_keys(event):
        head = s3.head_object(Bucket=bucket, Key=key)
        if head["ContentLength"] > MAX_BYTES:
            logger.warning("skipping %s/%s: too large", bucket, key)
            continue
        s3.copy_object(Bucket=DESTINATION, Key=f"processed/{key}", CopySource={"Bucket": bucket, "Key": key})
        copied += 1
    return {"statusCode": 200, "body": json.dumps({"copied": copied})}
'''),
    ("api", '''def response(status: int, body: dict) -> dict:
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(body, default=str),
    }


def get_item(item_id: str) -> dict:
    result = table.get_item(Key={"pk": item_id, "sk": "item"})
    return result.get("Item", {})


def lambda_handler(event, context):
    method = event.get("httpMethod", "GET")
    item_id = (event.get("pathParameters") or {}).get("id")
    if method == "GET" and item_id:
        item = get_item(item_id)
        return response(200 if item else 404, item or {"message": "not found"})
    if method == "POST":
        payload = json.loads(event.get("body") or "{}")
        table.put_item(Item={"pk": payload["id"], "sk": "item", **payload})
        return response(201, payload)
    return response(405, {"message": f"{method} not allowed"})
'''),
    ("schedule", '''def stale_snapshots(days: int):
    cutoff = datetime.now(timezone.utc) - timedelta(days=days)
    paginator = rds.get_paginator("describe_db_cluster_snapshots")
    for page in paginator.paginate(SnapshotType="manual"):
        for snapshot in page["DBClusterSnapshots"]:
            if snapshot["SnapshotCreateTime"] < cutoff:
                yield snapshot["DBClusterSnapshotIdentifier"]


def lambda_handler(event, context):
    deleted = []
    for identifier in stale_snapshots(int(os.environ.get("RETENTION_DAYS", "30"))):
        rds.delete_db_cluster_snapshot(DBClusterSnapshotIdentifier=identifier)
        deleted.append(identifier)
    logger.info("deleted %d snapshots", len(deleted))
    return {"deleted": deleted}
'''),
]


def handler_file(rng: random.Random, name: str) -> str:
    kind, body = rng.choice(HANDLER_BODIES)
    lines = [f'"""Lambda handler: {name.replace("-", " ")} ({kind} events)."""', "import json", "import logging", "import os"]
    if kind == "s3":
        lines.append("import urllib.parse")
    if kind == "schedule":
        lines.append("from datetime import datetime, timedelta, timezone")
    lines += ["", "import boto3", "from botocore.exceptions import ClientError", "", "logger = logging.getLogger()",
              'logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))', ""]
    lines += {
        "sqs": ['dynamodb = boto3.resource("dynamodb")', 'table = dynamodb.Table(os.environ["TABLE_NAME"])'],
        "s3": ['s3 = boto3.client("s3")', 'DESTINATION = os.environ.get("DESTINATION_BUCKET", "processed")', "MAX_BYTES = 50 * 1024 * 1024"],
        "api": ['table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])'],
        "schedule": ['rds = boto3.client("rds")'],
    }[kind]
    lines += ["", ""]
    extra = []
    for i in range(rng.randint(0, 6)):
        extra += [f"def _metric_{i}(name: str, value: float = 1.0) -> None:",
                  f'    """Emit metric {i} in the embedded metric format."""',
                  f'    print(json.dumps({{"_aws": {{"CloudWatchMetrics": [{{"Namespace": "Tap", "Metrics": [{{"Name": name}}]}}]}}, name: value}}))', "", ""]
    return "\n".join(lines + extra) + body


def cdktf_entry(rng: random.Random, stacks: list[tuple[str, str]], seeds: list[str]) -> tuple[str, list[str]]:
    placed = []
    lines = ["#!/usr/bin/env python", "import os", "", "from cdktf import App", ""]
    lines += [f"from lib.{module} import {cls}" for module, cls in stacks]
    lines += ["", "app = App()", 'environment_suffix = os.getenv("ENVIRONMENT_SUFFIX", "dev")',
              'aws_region = os.getenv("AWS_REGION", "us-east-1")', 'state_bucket = os.getenv("TERRAFORM_STATE_BUCKET", "iac-tf-states")', ""]
    for index, (module, cls) in enumerate(stacks):
        extra = ""
        if index == 0 and "PRJ401" in seeds:
            extra = ",\n    default_tags={\"tags\": {\"Environment\": environment_suffix}}"
            placed.append("PRJ401")
        lines.append(f"{cls}(\n    app,\n    f\"{cls}{{environment_suffix}}\",\n    environment_suffix=environment_suffix,\n    aws_region=aws_region,\n    state_bucket=state_bucket{extra},\n)")
    lines += ["", "app.synth()"]
    return "\n".join(lines) + "\n", placed


def pulumi_entry(rng: random.Random, components: list[tuple[str, str]], program: Optional[str]) -> str:
    if program is not None:
        return program
    lines = ['"""Pulumi entry point."""', "import pulumi", ""]
    lines += [f"from lib.{module} import {cls}, {cls}Args" for module, cls in components]
    lines += ["", "config = pulumi.Config()", 'environment_suffix = config.get("environmentSuffix") or pulumi.get_stack()', ""]
    for module, cls in components:
        var = module
        lines.append(f'{var} = {cls}(f"{module.replace("_", "-")}-{{environment_suffix}}", {cls}Args(environment_suffix=environment_suffix))')
    lines.append("")
    lines += [f'pulumi.export("{module}_urn", {module}.urn)' for module, _ in components]
    return "\n".join(lines) + "\n"


# -- projects -------------------------------------------------------------------------------------


STACK_SEEDS_CDKTF = ("CDK101", "CDK101", "CDK102", "CDK103", "CDK104", "CDK108", "CDK109", "AWS201", "AWS201",
                     "AWS202", "AWS204", "AWS205", "AWS206")
STACK_SEEDS_PULUMI = ("PUL301", "PUL301b", "PUL303", "PUL304", "AWS201", "AWS202", "AWS204")


def file_size(rng: random.Random) -> int:
    # the last bundle may overshoot the target by up to ~120 lines: aim below 1,500
    if rng.random() < 0.03:
        return rng.randint(900, 1380)
    return max(60, min(1380, int(math.exp(rng.gauss(math.log(170), 0.75)))))


@dataclass
class Corpus:
    root: str
    files: int = 0
    stack_files: int = 0  # stack, construct, component and helper modules under lib/
    entry_files: int = 0  # tap.py, __main__.py
    test_files: int = 0
    handler_files: int = 0
    other_files: int = 0
    lines: int = 0
    seeded: dict = field(default_factory=dict)  # path -> kinds
    projects: list = field(default_factory=list)

    def write(self, rel: str, text: str, kind: str, seeds: Optional[list[str]] = None) -> None:
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        if rel.endswith(".py"):
            self.files += 1
            self.lines += text.count("\n")
            setattr(self, kind, getattr(self, kind) + 1)
        if seeds:
            self.seeded[rel] = sorted(seeds)


SEEDED_SHARE = 0.10  # of the stack files


def choose_seeds(rng: random.Random, platform: str) -> list[str]:
    if rng.random() >= SEEDED_SHARE:
        return []
    pool = STACK_SEEDS_CDKTF if platform == CDKTF else STACK_SEEDS_PULUMI
    return sorted(set(rng.sample(pool, rng.choice((1, 1, 1, 2)))))


def check_python(text: str, rel: str) -> None:
    compile(text, rel, "exec")


def make_project(corpus: Corpus, cat: Catalog, rng: random.Random, index: int) -> None:
    platform = CDKTF if rng.random() < 0.6 else PULUMI
    name = f"{index:04d}-{platform}-{slug(rng)}-{rng.choice(WORDS)}"
    corpus.projects.append(name)
    handlers = [f"{slug(rng)}-{rng.choice(('processor', 'api', 'worker', 'cleanup'))}" for _ in range(rng.choice((0, 0, 0, 1, 1, 2)))]
    handlers = sorted(set(handlers))
    n_stacks = max(2, int(rng.gauss(14, 4)))
    project_seeds = []
    if rng.random() < 0.04:
        project_seeds.append("PRJ403")
    if platform == CDKTF and rng.random() < 0.04:
        project_seeds.append("PRJ401")

    def write_py(rel, text, kind, seeds=None):
        check_python(text, rel)
        corpus.write(f"{name}/{rel}", text, kind, seeds)

    if "PRJ403" not in project_seeds:
        write_py("lib/__init__.py", "", "other_files")
    for handler in handlers:
        write_py(f"lambda/{handler}/handler.py", handler_file(rng, handler), "handler_files")
    if platform == CDKTF:
        terraform = rng.choice((None, None, "1.9.8", "1.12.2", "1.5.7"))
        corpus.write(f"{name}/cdktf.json", json.dumps({"language": "python", "app": "pipenv run python tap.py",
                                                       "projectId": f"tap-{index:04d}", "terraformProviders": ["aws@~> 6.0"],
                                                       "context": {}}, indent=2) + "\n", "other_files")
        if terraform:
            corpus.write(f"{name}/.terraform-version", terraform + "\n", "other_files")
        stacks = []
        for i in range(n_stacks):
            main = i == 0
            module = "tap_stack" if main else f"{rng.choice(WORDS)}_{slug(rng)}_{i}"
            cls = "TapStack" if main else camel(module.rsplit("_", 1)[0]) + "Stack"
            seeds = choose_seeds(rng, CDKTF)
            text, placed, is_stack = cdktf_stack_file(cat, rng, cls, file_size(rng), seeds, handlers, main, terraform)
            if not is_stack:
                text = text.replace(cls, cls[: -len("Stack")] + "Construct")
            write_py(f"lib/{module}.py", text, "stack_files", placed)
            if is_stack:
                stacks.append((module, cls))
        entry_stacks = [stacks[0]] + [s for s in stacks[1:] if rng.random() < 0.3]
        text, placed = cdktf_entry(rng, entry_stacks, project_seeds)
        write_py("tap.py", text, "entry_files", placed + [s for s in project_seeds if s == "PRJ403"])
        test_seeds = [s for s in ("TST501", "TST502") if rng.random() < 0.06]
        text, placed = cdktf_test_file(rng, stacks[: rng.randint(1, min(3, len(stacks)))], test_seeds)
        write_py("tests/unit/test_tap_stack.py", text, "test_files", placed)
        if rng.random() < 0.3:
            write_py("tests/__init__.py", "", "other_files")
        if rng.random() < 0.3:
            write_py("tests/integration/test_deployed.py", integration_test(rng), "test_files")
    else:
        main = rng.choice(("__main__.py", "tap.py"))
        corpus.write(f"{name}/Pulumi.yaml", f"name: {name[5:]}\nruntime:\n  name: python\n  options:\n    toolchain: pip\n"
                     + (f"main: {main}\n" if main != "__main__.py" else "") + "description: TAP infrastructure\n", "other_files")
        corpus.write(f"{name}/Pulumi.dev.yaml", "config:\n  aws:region: us-east-1\n  environmentSuffix: dev\n", "other_files")
        components = []
        program = None
        for i in range(n_stacks - 1):
            kind = rng.choice(("component", "component", "helpers"))
            module = f"{rng.choice(WORDS)}_{slug(rng)}_{i}"
            cls = camel(module.rsplit("_", 1)[0]) + ("Component" if kind == "component" else "")
            seeds = choose_seeds(rng, PULUMI)
            text, placed = pulumi_file(cat, rng, kind, cls, file_size(rng), seeds, handlers)
            write_py(f"lib/{module}.py", text, "stack_files", placed)
            if kind == "component":
                components.append((module, cls))
        if not components or rng.random() < 0.4:
            seeds = choose_seeds(rng, PULUMI)
            program, placed = pulumi_file(cat, rng, "program", "", file_size(rng), seeds, handlers)
            if components:  # the program also instantiates the components
                imports = "".join(f"from lib.{m} import {c}, {c}Args\n" for m, c in components)
                program = program.replace("\n\n\nconfig = pulumi.Config()", "\n" + imports + "\n\nconfig = pulumi.Config()", 1)
                program += "".join(
                    f'\n{m} = {c}(f"{m.replace("_", "-")}-{{environment_suffix}}", {c}Args(environment_suffix=environment_suffix))'
                    for m, c in components
                ) + "\n"
            write_py(main, program, "stack_files", placed)  # a whole program, not a thin entry point
        else:
            write_py(main, pulumi_entry(rng, components, None), "entry_files")
        if components:
            write_py("tests/unit/test_components.py", pulumi_test_file(rng, components[:3]), "test_files")
    corpus.write(f"{name}/requirements.txt", ("cdktf~=0.21\ncdktf-cdktf-provider-aws~=21.0\n" if platform == CDKTF
                                              else "pulumi>=3.0,<4.0\npulumi-aws>=7.0,<8.0\n") + "boto3\npytest\n", "other_files")


def integration_test(rng: random.Random) -> str:
    return '''"""Integration tests against the deployed stack (read from cfn-outputs)."""
import json
import os
import unittest

import boto3


def load_outputs() -> dict:
    path = os.path.join(os.path.dirname(__file__), "..", "..", "cfn-outputs", "flat-outputs.json")
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


class TestDeployedStack(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.outputs = load_outputs()
        cls.region = os.environ.get("AWS_REGION", "us-east-1")

    def test_vpc_exists(self):
        vpc_id = self.outputs.get("vpc_id")
        if not vpc_id:
            self.skipTest("no deployment outputs")
        ec2 = boto3.client("ec2", region_name=self.region)
        vpcs = ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"]
        self.assertEqual(len(vpcs), 1)

    def test_bucket_is_encrypted(self):
        bucket = self.outputs.get("bucket_name")
        if not bucket:
            self.skipTest("no deployment outputs")
        s3 = boto3.client("s3", region_name=self.region)
        rules = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
        self.assertTrue(rules)
'''


def generate(out: str, files: int = 2000, seed: int = 1729, seeded_share: float = SEEDED_SHARE) -> Corpus:
    """Write the corpus under `out` (created; must be empty or absent) and return its summary."""
    global SEEDED_SHARE
    SEEDED_SHARE = seeded_share
    os.makedirs(out, exist_ok=True)
    if os.listdir(out):
        raise SystemExit(f"{out}: not empty")
    rng = random.Random(seed)
    cat = Catalog()
    corpus = Corpus(out)
    index = 0
    while corpus.files < files:
        make_project(corpus, cat, random.Random(rng.getrandbits(64)), index)
        index += 1
    summary = {
        "seed": seed,
        "seeded_share": seeded_share,
        "requested_files": files,
        "python_files": corpus.files,
        "stack_files": corpus.stack_files,
        "entry_files": corpus.entry_files,
        "test_files": corpus.test_files,
        "handler_files": corpus.handler_files,
        "other_python_files": corpus.other_files,
        "lines": corpus.lines,
        "projects": corpus.projects,
        "provider_index": {"cdktf": cat.index.cdktf_version, "pulumi": cat.index.pulumi_version},
        "seeded": corpus.seeded,
    }
    with open(os.path.join(out, "corpus.json"), "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=1, sort_keys=True)
        handle.write("\n")
    return corpus


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="folder to write (created; must be empty)")
    parser.add_argument("--files", type=int, default=2000, help="Python files to write, at least (default 2000)")
    parser.add_argument("--seed", type=int, default=1729)
    parser.add_argument("--seeded-share", type=float, default=SEEDED_SHARE,
                        help="share of stack files with seeded failures (default 0.10)")
    options = parser.parse_args(argv)
    corpus = generate(options.out, options.files, options.seed, options.seeded_share)
    print(
        f"{options.out}: {corpus.files} Python files in {len(corpus.projects)} projects "
        f"({corpus.stack_files} stack files, {corpus.entry_files} entry points, {corpus.test_files} tests, "
        f"{corpus.handler_files} Lambda handlers, "
        f"{corpus.other_files} other), {corpus.lines} lines, {len(corpus.seeded)} files with seeded failures"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
