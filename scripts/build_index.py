#!/usr/bin/env python3
"""Build iacfix's provider index from the installed provider packages, read statically.

    python scripts/build_index.py            # writes src/iacfix/data/provider_index.json.gz
    python scripts/build_index.py --check    # exits 1 if the shipped index differs

The packages' .py files are parsed, never imported: importing the CDKTF provider starts node and
takes seconds. The index records, for cdktf-cdktf-provider-aws, every module's exported names and,
per resource, data source and struct class, its keyword arguments with their declared types (a
plain `str`, number or bool, or the struct class a nested block takes, single or list); for
pulumi-aws, every module's exported names and, per resource, its Terraform type, accepted keyword
arguments (those of `_internal_init`) and the deprecations the package states.

Type codes: s str, n number, b bool, [s / [n / [b lists of them, { map, @Struct one nested block,
*Struct a list of nested blocks (structs live in the module of the class that takes them),
? anything else.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import gzip
import importlib.metadata
import importlib.util
import io
import json
import os
import re
import sys
from typing import Optional

CDKTF = ("cdktf-cdktf-provider-aws", "cdktf_cdktf_provider_aws", "21.22.1")
PULUMI = ("pulumi-aws", "pulumi_aws", "7.51.1")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INDEX_PATH = os.path.join(ROOT, "src", "iacfix", "data", "provider_index.json.gz")
FORMAT = 1

# -- CDKTF ----------------------------------------------------------------------------------------

# A struct is a class decorated `@jsii.data_type(...)`, whose arguments span lines up to `)`.
_CLASS = re.compile(r"^(@jsii\.data_type\((?:\n    [^\n]*)*\n\)\n)?class (\w+)(\((.*?)\))?:\n", re.M | re.S)
# `__init__` spans lines when its arguments are many, and is one line when they are few.
_INIT = re.compile(r"^    def __init__\((.*?)\) -> None:$", re.M | re.S)
_ALL = re.compile(r"^__all__ = (\[.*?\])", re.M | re.S)
_BASE_KINDS = {"TerraformResource": "resource", "TerraformDataSource": "data", "TerraformProvider": "provider"}
_META_ARGUMENTS = frozenset(
    {"connection", "count", "depends_on", "for_each", "lifecycle", "provider", "provisioners"}
)


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return ""


def _members(node: ast.AST) -> list[ast.AST]:
    """The alternatives of `typing.Optional[...]` / `typing.Union[...]`, flattened."""
    if isinstance(node, ast.Subscript) and _dotted(node.value) in ("typing.Optional", "typing.Union"):
        inner = node.slice
        items = inner.elts if isinstance(inner, ast.Tuple) else [inner]
        return [m for item in items for m in _members(item)]
    return [node]


_PRIMITIVES = {"builtins.str": "s", "jsii.Number": "n", "builtins.bool": "b"}


def _type_code(annotation: ast.AST) -> str:
    members = [m for m in _members(annotation) if not _dotted(m).endswith(".IResolvable")]
    # `Union[Struct, Dict[str, Any]]`: the dict spelling of a struct is the struct.
    members = [
        m for m in members if not (isinstance(m, ast.Subscript) and _dotted(m.value) == "typing.Dict")
    ]
    codes = set()
    for member in members:
        name = _dotted(member)
        if name in _PRIMITIVES:
            codes.add(_PRIMITIVES[name])
        elif isinstance(member, ast.Constant) and isinstance(member.value, str):
            # A forward reference: a struct of the same module (structs never cross modules).
            codes.add("@" + member.value)
        elif isinstance(member, ast.Subscript):
            container = _dotted(member.value)
            if container == "typing.Sequence":
                inner = _type_code(member.slice)
                codes.add(("*" + inner[1:]) if inner.startswith("@") else ("[" + inner if inner in "snb" else "?"))
            elif container == "typing.Mapping":
                codes.add("{")
            else:
                codes.add("?")
        else:
            codes.add("?")
    return codes.pop() if len(codes) == 1 else "?"


def _init_args(block: str) -> dict[str, str]:
    signature = ast.parse(f"def f({block}): pass").body[0].args
    return {
        arg.arg: _type_code(arg.annotation)
        for arg in signature.kwonlyargs
        if arg.arg not in _META_ARGUMENTS
    }


def cdktf_module(source: str) -> dict:
    names_match = _ALL.search(source)
    names = sorted(ast.literal_eval(names_match.group(1))) if names_match else []
    classes = {}
    matches = list(_CLASS.finditer(source))
    for index, match in enumerate(matches):
        data_type, name, bases = match.group(1), match.group(2), match.group(4) or ""
        kind = next((k for base, k in _BASE_KINDS.items() if base in bases), None)
        if kind is None and data_type and not name.endswith("Config"):
            kind = "struct"
        if kind is None:
            continue
        end = matches[index + 1].start() if index + 1 < len(matches) else len(source)
        init = _INIT.search(source, match.end(), end)
        args = _init_args(init.group(1)) if init else {}
        classes[name] = {"kind": kind, "args": args}
    return {"names": names, "classes": classes}


def build_cdktf(package_dir: str) -> dict:
    modules = {}
    for entry in sorted(os.listdir(package_dir)):
        init = os.path.join(package_dir, entry, "__init__.py")
        if entry.startswith("_") or not os.path.isfile(init):
            continue
        with open(init, encoding="utf-8") as handle:
            modules[entry] = cdktf_module(handle.read())
    return modules


# -- Pulumi ---------------------------------------------------------------------------------------

_RESOURCE = re.compile(r"^class (\w+)\(pulumi\.CustomResource\):\n", re.M)
_INTERNAL_INIT = re.compile(r"    def _internal_init\(__self__,\n(.*?)__props__=None\):", re.S)
_TOKEN = re.compile(r"super\((\w+), __self__\)\.__init__\(\s*'([^']+)'")
_ARG_DEPRECATION = re.compile(
    r'warnings\.warn\("""(\w+) is deprecated\.? ?(.*?)""", DeprecationWarning\)', re.S
)
_CLASS_DEPRECATION = re.compile(
    r'^warnings\.warn\("""(aws\.[\w/.]+) has been deprecated in favor of (aws\.[\w/.]+)""", '
    r"DeprecationWarning\)\n+\n*@?[^\n]*\n*class (\w+)\(",
    re.M,
)


def _pulumi_file(source: str) -> tuple[list[str], dict]:
    names_match = _ALL.search(source)
    names = ast.literal_eval(names_match.group(1)) if names_match else []
    resources = {}
    class_deprecations = {m.group(3): m.group(2) for m in _CLASS_DEPRECATION.finditer(source)}
    for match in _RESOURCE.finditer(source):
        name = match.group(1)
        init = _INTERNAL_INIT.search(source, match.end())
        token = _TOKEN.search(source, match.end())
        if not init or not token:
            continue
        params = ast.parse(f"def f(\n{init.group(1)}): pass").body[0].args
        args = sorted(a.arg for a in params.args if a.arg not in ("resource_name", "opts"))
        args_class = re.search(rf"^class {name}Args:\n(.*?)(?=^class |\Z)", source, re.M | re.S)
        deprecated_args = {}
        if args_class:
            for dep in _ARG_DEPRECATION.finditer(args_class.group(1)):
                deprecated_args[dep.group(1)] = " ".join(dep.group(2).split())
        resources[name] = {
            "token": token.group(2),
            "args": args,
            "deprecated_args": deprecated_args,
            "successor": class_deprecations.get(name),
        }
    return names, resources


def build_pulumi(package_dir: str) -> dict:
    modules = {}
    for entry in sorted(os.listdir(package_dir)):
        folder = os.path.join(package_dir, entry)
        if entry.startswith("_") or not os.path.isfile(os.path.join(folder, "__init__.py")):
            continue
        names: set[str] = set()
        resources: dict = {}
        for filename in sorted(os.listdir(folder)):
            # outputs.py is imported as a module (`s3.outputs.X`), not into the module itself.
            if not filename.endswith(".py") or filename in ("__init__.py", "outputs.py"):
                continue
            with open(os.path.join(folder, filename), encoding="utf-8") as handle:
                file_names, file_resources = _pulumi_file(handle.read())
            names.update(file_names)
            resources.update(file_resources)
        modules[entry] = {"names": sorted(names), "resources": resources}
    return modules


def pulumi_top_level(package_dir: str) -> list[str]:
    """What `pulumi_aws` itself exports besides its modules (`get_region`, `Provider`, ...)."""
    names: set[str] = set()
    for filename in sorted(os.listdir(package_dir)):
        if filename.endswith(".py") and not filename.startswith("_") and filename != "outputs.py":
            with open(os.path.join(package_dir, filename), encoding="utf-8") as handle:
                names.update(_pulumi_file(handle.read())[0])
    return sorted(names)


def _snake(camel: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", camel).lower()


# Where the argument comparison cannot tell (arguments reshaped by Pulumi, or a small generic set
# that fits a resource of another service), the type is stated here.
_TYPE_OVERRIDES = {
    "aws:apigateway/deployment:Deployment": "aws_api_gateway_deployment",
    "aws:apigateway/stage:Stage": "aws_api_gateway_stage",
    "aws:codepipeline/pipeline:Pipeline": "aws_codepipeline",
    "aws:opensearchingest/resourcePolicy:ResourcePolicy": None,
    "aws:s3/filesAccessPoint:FilesAccessPoint": None,
}

# Arguments the Terraform resource has and Pulumi leaves out (computed, or managed by Pulumi).
_TERRAFORM_ONLY = frozenset({"id", "region", "tags_all", "timeouts"})


def _similarity(pulumi_args: set, terraform_args: set) -> float:
    """Jaccard similarity, reading Pulumi's plural list blocks (`cors_rules`) as Terraform's
    singular ones (`cors_rule`)."""
    terraform_args = terraform_args - _TERRAFORM_ONLY
    matched = set()
    for arg in pulumi_args - {"region"}:
        singular = arg[:-3] + "y" if arg.endswith("ies") else arg[:-1] if arg.endswith("s") else arg
        matched.add(arg if arg in terraform_args or singular not in terraform_args else singular)
    union = matched | terraform_args
    return len(matched & terraform_args) / len(union) if union else 1.0


def _closest_type(name: str, args: set, tf_args: dict, by_arg: dict) -> Optional[str]:
    """The Terraform type whose arguments agree best with `args` (at least 80%) and whose name is
    close to `name`; None when that is ambiguous (small generic argument sets such as
    `{policy, resource_arn}` fit a dozen resources)."""
    candidates = {t for arg in args for t in by_arg.get(arg, ())}
    scored = sorted(
        (
            round(_similarity(args, tf_args[t]), 6),
            difflib.SequenceMatcher(None, name, t[len("aws_") :]).ratio(),
            t,
        )
        for t in candidates
    )[::-1]
    scored = [entry for entry in scored if entry[0] >= 0.8 and entry[1] >= 0.75]
    if not scored:
        return None
    best = scored[0]
    if len(scored) > 1 and scored[1][0] == best[0] and best[1] - scored[1][1] < 0.05:
        return None
    return best[2]


def terraform_types(cdktf: dict, pulumi: dict) -> None:
    """Give every Pulumi resource its Terraform type.

    Pulumi-AWS is bridged from the Terraform provider, so a resource takes the same arguments as
    its Terraform resource. The type is the one named like the Pulumi token (`aws:rds/cluster`
    -> `aws_rds_cluster`, `aws:ec2/vpc` -> `aws_vpc`) when the arguments agree, else the resource
    whose arguments agree best, ties broken by the closest name.
    """
    tf_args = {
        "aws_" + module: set(spec["args"])
        for module, info in cdktf.items()
        for spec in info["classes"].values()
        if spec["kind"] == "resource"
    }
    by_arg: dict[str, set[str]] = {}
    for tf_type, args in tf_args.items():
        for arg in args - _TERRAFORM_ONLY:
            by_arg.setdefault(arg, set()).add(tf_type)

    for info in pulumi.values():
        for resource in info["resources"].values():
            module_token, name_token = resource["token"].split(":")[1].split("/")
            args = set(resource["args"])
            snake = _snake(name_token)
            named = [f"aws_{_snake(module_token)}_{snake}", f"aws_{snake}"]
            found = next(
                (t for t in named if t in tf_args and _similarity(args, tf_args[t]) >= 0.6), None
            )
            if found is None:
                found = _closest_type(f"{_snake(module_token)}_{snake}", args, tf_args, by_arg)
            found = _TYPE_OVERRIDES.get(resource["token"], found)
            resource["type"] = found


# -- Output ---------------------------------------------------------------------------------------


def package_dir(import_name: str, override: Optional[str]) -> str:
    if override:
        return override
    spec = importlib.util.find_spec(import_name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"build_index: {import_name} is not installed (pip install -e '.[dev]')")
    return list(spec.submodule_search_locations)[0]


def installed_version(distribution: str, expected: str, override: Optional[str]) -> str:
    if override:
        return expected
    version = importlib.metadata.version(distribution)
    if version != expected:
        sys.exit(f"build_index: {distribution} {version} is installed; the index pins {expected}")
    return version


def build(cdktf_dir: Optional[str] = None, pulumi_dir: Optional[str] = None) -> bytes:
    cdktf = build_cdktf(package_dir(CDKTF[1], cdktf_dir))
    pulumi_root = package_dir(PULUMI[1], pulumi_dir)
    pulumi = build_pulumi(pulumi_root)
    terraform_types(cdktf, pulumi)
    index = {
        "format": FORMAT,
        "cdktf": {
            "package": CDKTF[0],
            "version": installed_version(CDKTF[0], CDKTF[2], cdktf_dir),
            "modules": cdktf,
        },
        "pulumi": {
            "package": PULUMI[0],
            "version": installed_version(PULUMI[0], PULUMI[2], pulumi_dir),
            "modules": pulumi,
            "top_level": pulumi_top_level(pulumi_root),
        },
    }
    text = json.dumps(index, sort_keys=True, separators=(",", ":")).encode()
    buffer = io.BytesIO()
    # mtime=0 and no file name: the same packages always give the same bytes.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as out:
        out.write(text)
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the shipped index is stale")
    parser.add_argument("--cdktf-dir", help="an unpacked cdktf_cdktf_provider_aws package folder")
    parser.add_argument("--pulumi-dir", help="an unpacked pulumi_aws package folder")
    parser.add_argument("--output", default=INDEX_PATH)
    options = parser.parse_args()
    data = build(options.cdktf_dir, options.pulumi_dir)
    if options.check:
        with open(options.output, "rb") as handle:
            if handle.read() != data:
                print(f"{options.output} is stale: run scripts/build_index.py", file=sys.stderr)
                return 1
        return 0
    os.makedirs(os.path.dirname(options.output), exist_ok=True)
    with open(options.output, "wb") as handle:
        handle.write(data)
    print(f"wrote {options.output} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
