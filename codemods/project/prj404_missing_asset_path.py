from __future__ import annotations

import os
import re
from typing import Iterator, Optional

import libcst as cst

from iacfix.calls import keyword_arg, string_value
from iacfix.metadata import QualifiedNameProvider, QualifiedNameSource
from iacfix.project import Project, ProjectRule, node_position
from iacfix.resources import provider_class
from iacfix.rule import FixSafety, Platform

# Terraform type -> the argument that names a local file the deployment uploads.
ASSET_ARGUMENTS = {
    "aws_lambda_function": "filename",
    "aws_lambda_layer_version": "filename",
    "aws_s3_object": "source",
    "aws_s3_bucket_object": "source",
}
# Constructors whose first argument (or `path=`) is a local file or folder.
ASSET_CLASSES = ("cdktf.TerraformAsset", "pulumi.FileArchive", "pulumi.FileAsset")


class MissingAssetPath(ProjectRule):
    """
    ## What it does
    Finds local asset paths that do not exist in the project: a Lambda function's `filename`, an
    S3 object's `source`, a CDKTF `TerraformAsset(path=...)`, a Pulumi `FileArchive` or
    `FileAsset`. Relative paths are looked up from the project folder (where `cdktf synth` and
    `pulumi up` run) and from the folder of the file that names them.

    ## Why is this bad?
    Terraform fails at plan time with `Error: Unable to load "lambda.zip": open lambda.zip: no such
    file or directory` (Pulumi: `failed to compute archive hash`), after everything else has been
    checked. The archive is usually meant to be built by a step the program does not have, or the
    path is relative to the wrong folder.

    ## Example
    ```python
    # lib/tap_stack.py, in a project without lambda/handler.zip
    LambdaFunction(self, "fn", function_name="api", filename="lambda/handler.zip", ...)
    ```

    ## Use instead
    ```python
    # build the archive from the sources in the project
    asset = TerraformAsset(self, "code", path=os.path.join(os.path.dirname(__file__), "lambda"),
                           type=AssetType.ARCHIVE)
    LambdaFunction(self, "fn", function_name="api", filename=asset.path, ...)
    ```

    ## Fix safety
    There is no fix: whether to build the archive, ship it, or correct the path is the author's
    choice.
    """

    CODE = "PRJ404"
    NAME = "missing-asset-path"
    SUMMARY = "asset path (Lambda `filename=`, S3 object `source=`) that does not exist"
    PLATFORM = Platform.BOTH
    FIX = FixSafety.NONE

    def check(self, project: Project) -> None:
        for path in sorted(project.sources):
            text = project.sources[path]
            if not _may_name_a_literal_path(text):
                continue
            wrapper = project.parsed(path)
            if wrapper is None:
                continue
            for node, asset in _asset_paths(wrapper):
                if not _exists(asset, project.root, os.path.dirname(path)):
                    self.report(
                        path,
                        node_position(wrapper, node),
                        f"asset `{asset}` does not exist (looked in the project folder and "
                        "next to this file); deployment fails reading it",
                    )


# A string literal given as `filename=`, `source=` or `path=`, or as the first argument of a call
# in a file that mentions an asset class: the only places `_asset_paths` looks at.
_LITERAL_ARGUMENT = re.compile(r"""\b(?:filename|source|path)\s*=\s*\(?\s*[rRuU]?["']""")
_LITERAL_FIRST_ARGUMENT = re.compile(r"""\w\s*\(\s*\(?\s*[rRuU]?["']""")


def _may_name_a_literal_path(text: str) -> bool:
    """A cheap test that spares parsing files that cannot hold an asset path literal. The classes
    it looks for are imported from cdktf, pulumi or their AWS providers, whose names hold these."""
    if "cdktf" not in text and "pulumi" not in text:
        return False
    if _LITERAL_ARGUMENT.search(text):
        return True
    return ("Asset" in text or "Archive" in text) and bool(_LITERAL_FIRST_ARGUMENT.search(text))


def _asset_paths(wrapper) -> Iterator[tuple[cst.CSTNode, str]]:
    found: list[tuple[cst.CSTNode, str]] = []

    class Finder(cst.CSTVisitor):
        METADATA_DEPENDENCIES = (QualifiedNameProvider,)

        def visit_Call(self, node: cst.Call) -> None:
            qualified = {
                q.name
                for q in self.get_metadata(QualifiedNameProvider, node.func, set())
                if q.source is QualifiedNameSource.IMPORT
            }
            if any(name in ASSET_CLASSES for name in qualified):
                arg = keyword_arg(node, "path") or (
                    node.args[0] if node.args and node.args[0].keyword is None else None
                )
                if "cdktf.TerraformAsset" in qualified:
                    arg = keyword_arg(node, "path")
                value = _literal_path(arg.value) if arg else None
                if value:
                    found.append((arg.value, value))
                return
            for name in qualified:
                resource = provider_class(name)
                argument = ASSET_ARGUMENTS.get(resource.terraform_type or "") if resource else None
                arg = keyword_arg(node, argument) if argument else None
                value = _literal_path(arg.value) if arg else None
                if value:
                    found.append((arg.value, value))

    wrapper.visit(Finder())
    yield from found


def _literal_path(node: cst.BaseExpression) -> Optional[str]:
    """A plain local path literal; None for tokens (`${...}`), URLs and computed values."""
    value = string_value(node)
    if not value or "${" in value or "://" in value or value.startswith("s3:"):
        return None
    return value


def _exists(asset: str, root: str, folder: str) -> bool:
    if os.path.isabs(asset):
        return os.path.exists(asset)
    return any(os.path.exists(os.path.join(base, asset)) for base in (root, folder))
