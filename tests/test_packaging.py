"""The rules under codemods/ install as iacfix.codemods, in normal and editable installs."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT


def test_every_codemods_package_is_listed_in_pyproject():
    pyproject = (ROOT / "pyproject.toml").read_text()
    listed = set(re.findall(r'"(iacfix[\w.]*)"', re.search(r"^packages = \[.*?\]", pyproject, re.M | re.S).group(0)))
    on_disk = {
        "iacfix.codemods" + root[len(str(ROOT / "codemods")) :].replace(os.sep, ".")
        for root, _, files in os.walk(ROOT / "codemods")
        if "__init__.py" in files
    }
    assert on_disk <= listed


@pytest.mark.slow
def test_editable_install_finds_the_rules(tmp_path):
    """An editable install maps iacfix.codemods onto the top-level codemods/ folder."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--editable", str(ROOT)],
        check=True,
        capture_output=True,
    )
    result = subprocess.run(
        [str(python), "-c", "import iacfix.codemods, iacfix.registry as r; "
         "print(iacfix.codemods.__path__[0]); print(len(r.all_rules()))"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    )
    folder, count = result.stdout.split()
    assert os.path.samefile(folder, ROOT / "codemods")
    assert int(count) >= 5
