"""The provider tier: the golden programs run with the real provider packages.

The golden tests prove that each fix produces the expected text; these prove that the text is
right. With cdktf 0.21.0, cdktf-cdktf-provider-aws 21.22.1, pulumi and pulumi-aws 7.51.1 installed
(`pip install ".[dev]"`), they show, offline and without AWS credentials:

- the shipped provider index is what `scripts/build_index.py` builds from the installed packages;
- every golden `after.py` that is a CDKTF program synthesizes: each `TerraformStack` subclass it
  defines is constructed (required parameters supplied by annotation and name) and passed to
  `cdktf.Testing.synth`;
- every golden `after.py` that uses pulumi_aws runs under Pulumi's unit-test mocks, with the
  `ComponentResource` subclasses it defines constructed;
- a file on which iacfix reports a failure that Python itself raises (an import that does not
  exist, a keyword or a type the provider rejects) does raise it, and a file without such a
  finding runs: the rule's claim is real, and its fix removes the error;
- for CDK101, `after.py` synthesizes every value that `before.py` set in its plain dicts, and the
  `before.py` of a case the default rule set fixes loses some of them (null, or dropped);
- a project case (`before/` and `after/` folders) runs its entry point (`cdktf.json`'s app,
  `Pulumi.yaml`'s main, `__main__.py`, `tap.py` or `main.py`) in the same ways.

Pulumi programs run in Pulumi's strict mode, where an Output turned into text raises, and with
stand-in values for the configuration keys they require.

Cases are found by folder name, so new golden cases join these tests as they are added. Each
golden file runs in its own module namespace, from a temporary copy of its folder, within one
process: importing the CDKTF provider starts node and costs seconds, paid once. Without the
provider packages the tests are skipped.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import importlib.util
import inspect
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
import tempfile
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Callable

import pytest
from click.testing import CliRunner

from iacfix.cli import main

from conftest import ROOT, case_args, golden_cases, project_cases

pytestmark = [pytest.mark.synth, pytest.mark.filterwarnings("ignore::DeprecationWarning:pulumi_aws")]


def _installed(*modules: str) -> bool:
    return all(importlib.util.find_spec(module) is not None for module in modules)


HAVE_CDKTF = _installed("cdktf", "cdktf_cdktf_provider_aws", "constructs")
HAVE_PULUMI = _installed("pulumi", "pulumi_aws")
NEEDS_DEV = 'install the dev extra: pip install ".[dev]"'

CASES = golden_cases()
PROJECTS = project_cases()  # rules that span files: `before/` and `after/` folders
PROJECT = "test"  # the Pulumi project and stack name, and every construct id
REGION = "us-east-1"
ACCOUNT = "123456789012"

# Failures Python raises when the program runs, per rule: the exception types and a loose pattern
# of the message. A golden file on which iacfix reports one of these codes must fail this way; a
# golden file without such a finding must run.
RAISES: dict[str, tuple[tuple[type[BaseException], ...], str]] = {
    "CDK102": ((ImportError, AttributeError), r"cannot import name|has no attribute"),
    "CDK105": ((AttributeError,), r"has no attribute"),
    "CDK108": ((TypeError,), r"unexpected keyword argument"),
    # typeguard rejects a Python literal; jsii rejects a value nested in a map or struct.
    "CDK109": ((TypeError, RuntimeError), r"type of argument|[Uu]nable to deserialize"),
    "CDK110": ((ImportError, AttributeError), r"cannot import name|has no attribute|No module named"),
    "PUL301": ((TypeError,), r"unexpected keyword argument"),
    "PUL302": ((TypeError,), r"unexpected keyword argument"),
    "PUL303": ((TypeError,), r"unexpected keyword argument"),
    "PUL304": ((ImportError, AttributeError), r"cannot import name|has no attribute|No module named"),
    "PUL305": ((TypeError,), r"unexpected keyword argument"),
    # json.dumps raises on an Output; an Output inside an f-string raises as Pulumi's strict
    # mode (PULUMI_ERROR_OUTPUT_STRING) makes it, instead of becoming a warning's text.
    "PUL307": ((Exception,), r"not JSON serializable|Calling __str__ on an Output"),
    "PRJ401": ((TypeError,), r"unexpected keyword argument"),
}

# Failures that depend on how the value is used: a golden file on which iacfix reports one of
# these codes may fail this way (and no other way), or run.
MAY_RAISE: dict[str, tuple[tuple[type[BaseException], ...], str]] = {
    # A TerraformAsset reads its path at synth; a Lambda `filename` or a Pulumi archive at deploy.
    "PRJ404": ((RuntimeError, OSError), r"ENOENT|[Nn]o such file"),
}

# Golden files that do not run as their rule says, with the error: (case, file or folder) -> why.
# Each is an expected failure, strictly: once the file runs, its entry must go.
KNOWN_FAILURES: dict[tuple[str, str], str] = {}


# -- what a golden file is ------------------------------------------------------------------------


def _code(case: Path) -> str:
    return case.name.split("-", 1)[0]


@functools.cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_bytes(), str(path))


@functools.cache
def _imported_roots(path: Path) -> frozenset[str]:
    """The top-level packages a file imports."""
    roots = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return frozenset(roots)


def _roots(path: Path) -> frozenset[str]:
    """What a golden file imports, or every file of a project folder."""
    if path.is_dir():
        return frozenset().union(*(_imported_roots(p) for p in _sources(path)))
    return _imported_roots(path)


def _sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def _is_cdktf(path: Path) -> bool:
    return bool(_roots(path) & {"cdktf", "cdktf_cdktf_provider_aws"})


def _is_pulumi(path: Path) -> bool:
    return bool(_roots(path) & {"pulumi", "pulumi_aws"})


def _skip_unless_installed(path: Path) -> None:
    if _is_cdktf(path) and not HAVE_CDKTF:
        pytest.skip(f"cdktf and cdktf_cdktf_provider_aws are not installed; {NEEDS_DEV}")
    if _is_cdktf(path) and shutil.which("node") is None:
        pytest.skip("node is not installed: the CDKTF packages run on node")
    if _is_pulumi(path) and not HAVE_PULUMI:
        pytest.skip(f"pulumi and pulumi_aws are not installed; {NEEDS_DEV}")


@functools.cache
def _findings(args: tuple[str, ...], paths: tuple[Path, ...]) -> dict[Path, frozenset[str]]:
    """The rule codes `iacfix check` reports per file, run once for a group of files."""
    result = CliRunner().invoke(main, ["check", "--format", "json", *args, *map(str, paths)])
    assert result.exit_code in (0, 1), result.output
    codes: dict[Path, set[str]] = {path: set() for path in paths}
    for finding in json.loads(result.stdout or "[]"):
        codes.setdefault(Path(finding["path"]).resolve(), set()).add(finding["code"])
    return {path: frozenset(found) for path, found in codes.items()}


def reported(case: Path, name: str, *, default_rules: bool = False) -> frozenset[str]:
    """The codes iacfix reports on a golden file: with the case's options (checked together with
    every case that has the same), or with the default rule set (with the same file of every
    case of the same rule)."""
    if default_rules:
        args: tuple[str, ...] = ()
        group = tuple(
            (other / name).resolve()
            for other in CASES
            if _code(other) == _code(case) and (other / name).is_file()
        )
    else:
        args = tuple(case_args(case))
        group = tuple(
            (other / file).resolve()
            for other in CASES
            if tuple(case_args(other)) == args
            for file in ("before.py", "after.py")
            if (other / file).is_file()
        )
    return _findings(args, group).get((case / name).resolve(), frozenset())


@functools.cache
def _project_findings(folder: Path, args: tuple[str, ...]) -> frozenset[str]:
    with _working_directory(folder):
        result = CliRunner().invoke(main, ["check", "--format", "json", *args, "."])
    assert result.exit_code in (0, 1), result.output
    return frozenset(finding["code"] for finding in json.loads(result.stdout or "[]"))


def reported_on(case: Path, name: str) -> frozenset[str]:
    """What iacfix reports on `before.py` / `after.py`, or on a project's `before/` / `after/`."""
    if (case / name).is_dir():
        return _project_findings((case / name).resolve(), tuple(case_args(case)))
    return reported(case, name)


# -- running a golden file ------------------------------------------------------------------------


@dataclass
class Run:
    """The result of running one golden file: its namespace, its synthesized stacks, any error."""

    path: Path
    namespace: dict = field(default_factory=dict)
    stacks: dict[str, dict] = field(default_factory=dict)
    error: Exception | None = None
    stage: str = ""

    def describe(self) -> str:
        return f"{self.stage}: {type(self.error).__name__}: {self.error}"


# Invokes answered with plausible data (Pulumi's wire names); any other invoke echoes its arguments.
CALLS = {
    "aws:index/getAvailabilityZones:getAvailabilityZones": {
        "id": REGION,
        "names": [f"{REGION}a", f"{REGION}b", f"{REGION}c"],
        "zoneIds": ["use1-az1", "use1-az2", "use1-az3"],
    },
    "aws:index/getCallerIdentity:getCallerIdentity": {
        "id": ACCOUNT,
        "accountId": ACCOUNT,
        "arn": f"arn:aws:iam::{ACCOUNT}:user/test",
        "userId": "AIDATEST",
    },
    "aws:index/getRegion:getRegion": {"id": REGION, "name": REGION, "region": REGION},
    "aws:index/getPartition:getPartition": {
        "id": "aws",
        "partition": "aws",
        "dnsSuffix": "amazonaws.com",
    },
    "aws:ec2/getAmi:getAmi": {
        "id": "ami-12345678",
        "imageId": "ami-12345678",
        "architecture": "x86_64",
    },
    "aws:ec2/getVpc:getVpc": {"id": "vpc-12345678", "cidrBlock": "10.0.0.0/16"},
    "aws:ec2/getSubnets:getSubnets": {"id": REGION, "ids": ["subnet-1", "subnet-2"]},
    "aws:iam/getPolicyDocument:getPolicyDocument": {"id": "policy", "json": "{}"},
}


def _pulumi_mocks():
    """Pulumi's engine replaced: resources echo their inputs (plus an id, arn and name)."""
    import pulumi

    class Mocks(pulumi.runtime.Mocks):
        def new_resource(self, args):
            parts = args.typ.split(":")
            service = parts[1].split("/")[0] if len(parts) == 3 else "test"
            state = {
                "arn": f"arn:aws:{service}:{REGION}:{ACCOUNT}:{args.name}",
                "name": args.name,
                **args.inputs,
            }
            return f"{args.name}-id", state

        def call(self, args):
            return dict(CALLS.get(args.token, args.args)), []

    return Mocks()


_REQUIRE = re.compile(r"^require(?:_secret)?(?:_(int|float|bool|object))?$")


def _config_namespace(node: ast.AST) -> str | None:
    """`pulumi.Config("aws")` -> "aws"; `Config()` -> the project; anything else -> None."""
    if not isinstance(node, ast.Call):
        return None
    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
    if name != "Config":
        return None
    for value in [*node.args[:1], *(k.value for k in node.keywords if k.arg == "name")]:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return value.value
    return PROJECT


def _config_value(key: str, kind: str | None) -> str:
    """A stand-in for a required configuration value, by its type and name."""
    name = key.split(":")[-1].lower()
    if kind in ("int", "float"):
        return "1"
    if kind == "bool":
        return "true"
    if kind == "object":
        plural = name.endswith("s") and not re.search(
            r"(settings|options|props|params|tags|args)$", name
        )
        return json.dumps(["test-1", "test-2"] if plural else {})
    return REGION if "region" in name else "test"


def pulumi_config(path: Path) -> dict[str, str]:
    """Values for the configuration keys a program requires (`config.require("vpcId")`): Pulumi
    reads them from the stack's settings, which a golden file does not have."""
    namespaces = {}
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Assign) and _config_namespace(node.value) is not None:
            for target in node.targets:
                if isinstance(target, ast.Name):
                    namespaces[target.id] = _config_namespace(node.value)
    config = {"aws:region": REGION}
    for node in ast.walk(_tree(path)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
            continue
        match = _REQUIRE.match(node.func.attr)
        key = node.args[0]
        if not (match and isinstance(key, ast.Constant) and isinstance(key.value, str)):
            continue
        receiver = node.func.value
        namespace = _config_namespace(receiver) or namespaces.get(
            getattr(receiver, "id", None), PROJECT
        )
        full_key = key.value if ":" in key.value else f"{namespace}:{key.value}"
        config.setdefault(full_key, _config_value(full_key, match.group(1)))
    return config


def _run_under_pulumi_mocks(body: Callable[[], None], config: dict[str, str]) -> None:
    """Run `body` as a Pulumi program with mocks, waiting for every registration and apply."""
    import pulumi
    from pulumi.runtime import settings

    settings.set_root_resource(None)  # a new stack for every program
    pulumi.runtime.set_mocks(_pulumi_mocks(), project=PROJECT, stack=PROJECT, preview=False)
    pulumi.runtime.set_all_config(config)
    pulumi.runtime.test(body)()


def _pulumi_project_config(folder: Path) -> dict[str, str]:
    config: dict[str, str] = {}
    for source in _sources(folder):
        for key, value in pulumi_config(source).items():
            config.setdefault(key, value)
    return config


def _value_for(param: inspect.Parameter) -> Any:
    """A value for a required constructor parameter, from its annotation and name."""
    annotation = param.annotation
    if annotation is inspect.Parameter.empty:
        text = ""
    elif isinstance(annotation, type):
        text = annotation.__name__
    else:  # text, or a typing construct such as Optional[str] or str | None
        text = str(annotation)
    text = re.sub(r"^(?:typing\.)?optional\[(.*)\]$", r"\1", text.lower())
    text = re.sub(r"\s*\|\s*none\b|\bnone\s*\|\s*", "", text)
    if "bool" in text:
        return True
    if re.search(r"\b(int|float|number)\b", text):
        return 1
    if re.search(r"\b(dict|mapping)\b", text):
        return {}
    if re.search(r"\b(list|sequence|tuple)\b", text):
        return []
    if text in ("", "str", "builtins.str"):
        return REGION if "region" in param.name else "test"
    return None


def _defined_subclasses(namespace: dict, module_name: str, base: type) -> list[type]:
    return [
        value
        for value in namespace.values()
        if isinstance(value, type) and issubclass(value, base) and value.__module__ == module_name
    ]


class _Builder:
    """Instances of a program's classes: `leading(cls)` gives the first arguments (scope and id,
    or a name); every other required parameter gets a value by annotation and name, or an
    instance of another of `classes` where its annotation names one."""

    def __init__(self, classes: list[type], leading: Callable[[type], list]):
        self.classes = classes
        self.leading = leading
        self.made: dict[type, Any] = {}

    def get(self, cls: type) -> Any:
        if cls not in self.made:
            try:
                signature = inspect.signature(cls.__init__, eval_str=True)
            except Exception:  # an annotation that does not evaluate: read it as text
                signature = inspect.signature(cls.__init__)
            first = self.leading(cls)
            args, kwargs = [], {}
            for index, param in enumerate(list(signature.parameters.values())[1:]):  # without self
                if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
                    continue
                if index < len(first):
                    value = first[index]
                elif param.default is not param.empty:
                    continue
                elif param.annotation in self.classes:
                    value = self.get(param.annotation)
                else:
                    value = _value_for(param)
                if param.kind == param.KEYWORD_ONLY:
                    kwargs[param.name] = value
                else:
                    args.append(value)
            self.made[cls] = cls(*args, **kwargs)
        return self.made[cls]


def _synth_stacks(namespace: dict, module_name: str, outdir: str) -> dict[str, dict]:
    """Construct every TerraformStack subclass the module defines, each in its own app (with the
    stacks it takes), and synthesize it."""
    import cdktf

    classes = _defined_subclasses(namespace, module_name, cdktf.TerraformStack)
    synthesized: dict[str, dict] = {}
    for cls in classes:
        app = cdktf.Testing.app(outdir=outdir)
        ids = iter([PROJECT, *(f"{PROJECT}-{n}" for n in range(1, len(classes)))])
        stack = _Builder(classes, lambda _, app=app, ids=ids: [app, next(ids)]).get(cls)
        synthesized[cls.__name__] = json.loads(cdktf.Testing.synth(stack))
    return synthesized


def _construct_components(namespace: dict, module_name: str) -> None:
    """Construct every Pulumi ComponentResource subclass the module defines."""
    import pulumi

    classes = _defined_subclasses(namespace, module_name, pulumi.ComponentResource)
    builder = _Builder(classes, lambda cls: [f"{PROJECT}-{cls.__name__.lower()}"])
    for cls in classes:
        builder.get(cls)


_NODE_HOME: list[Path] = []  # the folder node runs in (set by a fixture)


def _start_node() -> None:
    """Import cdktf, which starts node, from a folder that outlives every program: node keeps
    the working directory it starts in, for the whole run."""
    if "cdktf" not in sys.modules:
        with _working_directory(_NODE_HOME[0] if _NODE_HOME else ROOT):
            import cdktf  # noqa: F401


@contextlib.contextmanager
def _cdktf_paths_from_working_directory(cdktf_program: bool = True):
    """Node resolves relative paths against the folder it started in; `cdktf synth` runs the
    program in its project folder. So `App()` writes `cdktf.out`, and a `TerraformAsset` reads
    its relative path, in the folder the program runs in. Validations (such as every provider
    having its provider construct) stay off, as in `Testing.synth`."""
    if not cdktf_program:
        yield
        return
    import cdktf

    app_init, asset_init = cdktf.App.__init__, cdktf.TerraformAsset.__init__

    def app(self, *args, outdir=None, skip_validation=None, **kwargs):
        outdir = os.path.abspath("cdktf.out") if outdir is None else outdir
        app_init(self, *args, outdir=outdir, skip_validation=True, **kwargs)

    def asset(self, scope, id, *, path, **kwargs):
        asset_init(self, scope, id, path=os.path.abspath(path), **kwargs)

    cdktf.App.__init__, cdktf.TerraformAsset.__init__ = app, asset
    try:
        yield
    finally:
        cdktf.App.__init__, cdktf.TerraformAsset.__init__ = app_init, asset_init


@contextlib.contextmanager
def _working_directory(path: Path):
    previous = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def run_golden(path: Path, *, synth: bool) -> Run:
    """Run a golden file in a fresh module, from a temporary copy of its folder (it may read files
    beside it; what it writes stays out of golden/). A Pulumi program runs under mocks with the
    ComponentResource subclasses it defines constructed; with `synth`, the TerraformStack
    subclasses it defines are constructed and synthesized."""
    run = Run(path)
    module_name = "golden_" + re.sub(r"\W", "_", f"{path.parent.name}_{path.stem}")
    module = types.ModuleType(module_name)
    module.__file__ = str(path)
    run.namespace = module.__dict__
    code = compile(path.read_bytes(), str(path), "exec")

    def program() -> None:
        exec(code, run.namespace)
        if _is_pulumi(path):
            run.stage = "constructing its components"
            _construct_components(run.namespace, module_name)

    if _is_cdktf(path):
        _start_node()
    sys.modules[module_name] = module  # dataclasses and typing look a class's module up here
    try:
        with tempfile.TemporaryDirectory(prefix="iacfix-synth-") as work:
            folder = Path(work) / path.parent.name
            shutil.copytree(path.parent, folder)
            with _working_directory(folder), _cdktf_paths_from_working_directory(_is_cdktf(path)):
                run.stage = "running the module"
                try:
                    if _is_pulumi(path):
                        _run_under_pulumi_mocks(program, pulumi_config(path))
                    else:
                        program()
                    if synth:
                        run.stage = "constructing and synthesizing its stacks"
                        run.stacks = _synth_stacks(
                            run.namespace, module_name, str(Path(work) / "cdktf.out")
                        )
                except Exception as error:  # the outcome under test
                    run.error = error
    finally:
        sys.modules.pop(module_name, None)
    return run


def entry_point(folder: Path) -> Path | None:
    """The file a project runs: `cdktf.json`'s app, `Pulumi.yaml`'s main, else the usual names."""
    named = []
    if (folder / "cdktf.json").is_file():
        match = re.search(
            r"python3?\s+(\S+\.py)", json.loads((folder / "cdktf.json").read_text()).get("app", "")
        )
        named.append(match.group(1) if match else "")
    if (folder / "Pulumi.yaml").is_file():
        match = re.search(r"^main:\s*(\S+)", (folder / "Pulumi.yaml").read_text(), re.MULTILINE)
        if match:
            main_path = folder / match.group(1)
            named.append(str(main_path / "__main__.py") if main_path.is_dir() else match.group(1))
    for name in [*named, "__main__.py", "tap.py", "main.py"]:
        if name and (folder / name).is_file():
            return folder / name
    return None


def run_project(folder: Path) -> Run:
    """Run a project's entry point as `__main__`, from a temporary copy of the folder on
    `sys.path` (its own modules imported afresh and forgotten after), under Pulumi mocks for a
    Pulumi project. A CDKTF entry point synthesizes with `app.synth()`: its stacks are read back
    from `cdktf.out`."""
    entry = entry_point(folder)
    assert entry is not None
    run = Run(entry)
    with tempfile.TemporaryDirectory(prefix="iacfix-synth-") as work:
        copy = Path(work) / folder.parent.name
        shutil.copytree(folder, copy)
        copy = copy.resolve()
        script = copy / entry.relative_to(folder)
        saved_path = list(sys.path)
        sys.path.insert(0, str(script.parent))
        importlib.invalidate_caches()

        def program() -> None:
            run.namespace = runpy.run_path(str(script), run_name="__main__")

        if _is_cdktf(folder):
            _start_node()
        try:
            with _working_directory(copy), _cdktf_paths_from_working_directory(_is_cdktf(folder)):
                run.stage = "running its entry point"
                if _is_pulumi(folder):
                    _run_under_pulumi_mocks(program, _pulumi_project_config(folder))
                else:
                    program()
                for stack in sorted(copy.glob("cdktf.out/stacks/*/cdk.tf.json")):
                    run.stacks[stack.parent.name] = json.loads(stack.read_text())
        except Exception as error:  # the outcome under test
            run.error = error
        finally:
            sys.path[:] = saved_path
            for name, module in list(sys.modules.items()):
                if str(getattr(module, "__file__", None) or "").startswith(str(copy)):
                    del sys.modules[name]
    return run


def check_outcome(case: Path, name: str, run: Run) -> None:
    """A file iacfix reports as raising must raise that; a file with a finding that may raise
    runs or raises that; any other file runs."""
    codes = reported_on(case, name)
    must = sorted(code for code in codes if code in RAISES)
    may = sorted(code for code in codes if code in MAY_RAISE)
    label = f"{case.name}/{name}"
    if run.error is None:
        assert not must, f"iacfix reports {', '.join(must)} on {label}, but it runs without error"
        return
    assert must or may, f"{label} fails ({run.describe()})"
    expected = {code: RAISES.get(code) or MAY_RAISE[code] for code in must + may}
    kinds = tuple({kind for kinds, _ in expected.values() for kind in kinds})
    pattern = "|".join(f"(?:{pattern})" for _, pattern in expected.values())
    assert isinstance(run.error, kinds) and re.search(pattern, str(run.error)), (
        f"iacfix reports {', '.join(expected)} on {label}, which fails otherwise ({run.describe()})"
    )


# -- environment and parameters -------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def node_home(tmp_path_factory):
    _NODE_HOME[:] = [tmp_path_factory.mktemp("node")]
    yield
    _NODE_HOME.clear()


@pytest.fixture(scope="module", autouse=True)
def offline_environment():
    """No AWS credentials, no network, no warning banners: every setting the libraries read."""
    env = {
        "AWS_REGION": REGION,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_EC2_METADATA_DISABLED": "true",
        "CHECKPOINT_DISABLE": "1",
        "PULUMI_SKIP_UPDATE_CHECK": "true",
        # An Output turned into text (`f"{bucket.arn}/*"`) raises instead of becoming a warning.
        "PULUMI_ERROR_OUTPUT_STRING": "true",
        "PULUMI_CONFIG": json.dumps({"aws:region": REGION}),
    }
    node = shutil.which("node")
    if node is not None:
        version = subprocess.run(
            [node, "--version"], capture_output=True, text=True, check=False
        ).stdout
        major = version.strip().lstrip("v").split(".")[0]
        for warning in ("END_OF_LIFE", "DEPRECATED", "UNTESTED"):
            env[f"JSII_SILENCE_WARNING_{warning}_NODE_VERSION"] = major
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        for key in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):
            patch.delenv(key, raising=False)
        yield


def _params(cases: list[Path], predicate: Callable[[Path], bool], name: str, codes=()) -> list:
    """A parameter per case that has `name` (a file, or a project's folder) and matches, marked
    where KNOWN_FAILURES lists it; for each code in `codes` without a case, a skip."""
    params = []
    for case in cases:
        if (case / name).exists() and predicate(case):
            known = KNOWN_FAILURES.get((case.name, name))
            marks = [pytest.mark.xfail(strict=True, reason=known)] if known else []
            params.append(pytest.param(case, id=case.name, marks=marks))
    present = {_code(case) for case in cases}
    params += [
        pytest.param(
            None,
            id=f"{code}-no-golden-case",
            marks=pytest.mark.skip(reason=f"no golden case for {code} yet"),
        )
        for code in codes
        if code not in present
    ]
    return params


# -- CDKTF ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", _params(CASES, lambda c: _is_cdktf(c / "after.py"), "after.py"))
def test_cdktf_after_synthesizes(case):
    path = case / "after.py"
    _skip_unless_installed(path)
    run = run_golden(path, synth=True)
    check_outcome(case, "after.py", run)
    if run.error is None and not run.stacks:
        pytest.skip(f"{case.name}/after.py defines no TerraformStack subclass: not a complete program")


def _dicts_in_lists(node: ast.AST) -> list[ast.Dict]:
    """Dict literals in a list (or list comprehension) argument, and the dicts nested in them."""
    found: list[ast.Dict] = []

    def elements(value: ast.AST) -> list[ast.Dict]:
        if isinstance(value, (ast.List, ast.Tuple)):
            return [e for e in value.elts if isinstance(e, ast.Dict)]
        if isinstance(value, ast.ListComp) and isinstance(value.elt, ast.Dict):
            return [value.elt]
        return []

    def visit(item: ast.Dict) -> None:
        found.append(item)
        for value in item.values:
            for nested in [value] if isinstance(value, ast.Dict) else elements(value):
                visit(nested)

    for item in elements(node):
        visit(item)
    return found


def _resolve(expr: ast.AST, namespace: dict) -> Any:
    if isinstance(expr, ast.Name):
        return namespace.get(expr.id)
    if isinstance(expr, ast.Attribute):
        owner = _resolve(expr.value, namespace)
        return getattr(owner, expr.attr, None) if owner is not None else None
    return None


def provider_dicts(path: Path, namespace: dict) -> list[dict[str, Any]]:
    """The plain dicts a file passes in lists to the provider's classes, as key -> literal value
    (`...` where the value is not a literal); keys set to None are left out."""
    result = []
    for call in ast.walk(_tree(path)):
        if not isinstance(call, ast.Call):
            continue
        target = _resolve(call.func, namespace)
        if not getattr(target, "__module__", "").startswith("cdktf_cdktf_provider_aws"):
            continue
        for keyword in call.keywords:
            for item in _dicts_in_lists(keyword.value):
                values = {}
                for key, value in zip(item.keys, item.values):
                    if isinstance(key, ast.Constant) and isinstance(key.value, str):
                        try:
                            values[key.value] = ast.literal_eval(value)
                        except ValueError:
                            values[key.value] = ...
                values = {k: v for k, v in values.items() if v is not None}
                if values:
                    result.append(values)
    return result


def _objects(tree: Any):
    if isinstance(tree, dict):
        yield tree
        children = list(tree.values())
    elif isinstance(tree, list):
        children = tree
    else:
        return
    for child in children:
        yield from _objects(child)


def _same(expected: Any, actual: Any) -> bool:
    if actual is None:
        return False
    if isinstance(expected, (list, tuple)):
        return (
            isinstance(actual, list)
            and len(actual) == len(expected)
            and all(map(_same, expected, actual))
        )
    if expected is ... or isinstance(expected, dict):
        return True
    return expected == actual


def _realized(values: dict[str, Any], stacks: dict) -> bool:
    """Some synthesized object holds every key the dict set, none null, literals as written."""
    return any(
        all(key in obj and _same(v, obj[key]) for key, v in values.items()) for obj in _objects(stacks)
    )


@pytest.mark.parametrize(
    "case", _params(CASES, lambda c: _code(c) == "CDK101", "before.py", codes=["CDK101"])
)
def test_cdk101_values_survive_synthesis(case):
    before_path = case / "before.py"
    _skip_unless_installed(before_path)
    before = run_golden(before_path, synth=True)
    assert before.error is None, f"{case.name}/before.py fails ({before.describe()})"
    after = run_golden(case / "after.py", synth=True)
    assert after.error is None, f"{case.name}/after.py fails ({after.describe()})"
    dicts = provider_dicts(before_path, before.namespace)
    assert dicts or before_path.read_bytes() == (case / "after.py").read_bytes(), (
        f"{case.name}/before.py passes no plain dict to a provider class"
    )

    lost = [values for values in dicts if not _realized(values, after.stacks)]
    assert not lost, f"{case.name}/after.py does not synthesize values that before.py set: {lost}"

    if "CDK101" in reported(case, "before.py", default_rules=True):
        # The default rule set fires only where the code cannot synthesize as written.
        lost = [values for values in dicts if not _realized(values, before.stacks)]
        assert lost, f"{case.name}/before.py is fixed by default, yet synthesizes every value it set"


# -- failures the rules report --------------------------------------------------------------------


@pytest.mark.parametrize(
    "case",
    _params(
        CASES, lambda c: _code(c) in RAISES, "before.py", codes=[c for c in RAISES if c[:3] != "PRJ"]
    ),
)
def test_reported_failure_is_real(case):
    """before.py raises what iacfix reports on it (or runs, where nothing is reported)."""
    path = case / "before.py"
    _skip_unless_installed(path)
    check_outcome(case, "before.py", run_golden(path, synth=_is_cdktf(path)))


# -- Pulumi ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case", _params(CASES, lambda c: "pulumi_aws" in _roots(c / "after.py"), "after.py")
)
def test_pulumi_after_runs_with_mocks(case):
    path = case / "after.py"
    _skip_unless_installed(path)
    check_outcome(case, "after.py", run_golden(path, synth=False))


# -- projects (rules that span files) -------------------------------------------------------------


def _runnable(folder: Path) -> bool:
    return (
        folder.is_dir()
        and entry_point(folder) is not None
        and (_is_cdktf(folder) or _is_pulumi(folder))
    )


@pytest.mark.parametrize("case", _params(PROJECTS, lambda c: _runnable(c / "after"), "after"))
def test_project_after_runs(case):
    """A project's `after/` runs: a CDKTF entry point synthesizes, a Pulumi one runs with mocks."""
    _skip_unless_installed(case / "after")
    run = run_project(case / "after")
    check_outcome(case, "after", run)
    if (
        run.error is None
        and _is_cdktf(case / "after")
        and not _is_pulumi(case / "after")
        and not run.stacks
    ):
        pytest.skip(f"{case.name}/after: {run.path.name} synthesizes no stack")


@pytest.mark.parametrize(
    "case",
    _params(
        PROJECTS,
        lambda c: _code(c) in RAISES and _runnable(c / "before"),
        "before",
        codes=[c for c in RAISES if c[:3] == "PRJ"],
    ),
)
def test_project_reported_failure_is_real(case):
    """A project's `before/` raises what iacfix reports on it (or runs, where nothing is reported)."""
    _skip_unless_installed(case / "before")
    check_outcome(case, "before", run_project(case / "before"))


# -- the provider index ---------------------------------------------------------------------------

BUILD_INDEX = ROOT / "scripts" / "build_index.py"
INDEX_TEST = "test_provider_index_is_fresh"


@pytest.fixture(scope="module")
def index_check(request):
    """`build_index.py --check`, started with the module's first test when the index test is
    selected: it reads thousands of provider modules, alongside the tests that run programs."""
    selected = any(
        getattr(item, "originalname", item.name) == INDEX_TEST for item in request.session.items
    )
    if not (selected and HAVE_CDKTF and HAVE_PULUMI):
        yield None
        return
    process = subprocess.Popen(
        [sys.executable, str(BUILD_INDEX), "--check"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    yield process
    if process.poll() is None:
        process.kill()
    process.communicate()


@pytest.fixture(autouse=True)
def _start_index_check(index_check):
    """Every test of this module requests the index check, so that the first one starts it."""


def test_provider_index_is_fresh(index_check):
    if index_check is None:
        pytest.skip(f"the provider packages are not installed; {NEEDS_DEV}")
    output, _ = index_check.communicate(timeout=900)
    assert index_check.returncode == 0, output.decode(errors="replace")


# Modules whose classes are compared one by one with the real package: those with structs whose
# `__init__` fits on one line (`def __init__(self, *, name, type) -> None:`), with struct-less
# computed blocks (`def __init__(self) -> None:`), and with long resource signatures.
SIGNATURE_MODULES = ("dynamodb_table", "lb", "acmpca_certificate", "acm_certificate", "security_group")


@pytest.mark.parametrize("module", SIGNATURE_MODULES)
def test_index_arguments_are_the_real_constructors(module):
    """Every class the index records for a module takes exactly the keyword arguments the real
    class's constructor takes (less the CDKTF meta-arguments, which the index leaves implicit)."""
    if not HAVE_CDKTF:
        pytest.skip(f"the provider packages are not installed; {NEEDS_DEV}")
    from iacfix.provider_index import CDKTF_META_ARGUMENTS, load

    _start_node()
    real = importlib.import_module(f"cdktf_cdktf_provider_aws.{module}")
    index = load()
    classes = {name: index.cdktf_class(module, name) for name in index.cdktf_names(module)}
    recorded = {name: spec for name, spec in classes.items() if spec is not None}
    assert recorded
    for name, spec in recorded.items():
        parameters = inspect.signature(getattr(real, name).__init__).parameters.values()
        expected = {
            p.name for p in parameters if p.kind is p.KEYWORD_ONLY and p.name not in CDKTF_META_ARGUMENTS
        }
        assert set(spec.args) == expected, name
