"""`[tool.iacfix]` in pyproject.toml, through the installed `iacfix` command."""

from __future__ import annotations

import pytest

from conftest import GOLDEN, run_iacfix

SG_BEFORE = (GOLDEN / "CDK101-security-group-rules" / "before.py").read_bytes()
LOCKFILE_BEFORE = (GOLDEN / "CDK103-unknown-version-reported" / "before.py").read_bytes()
LOCKFILE_REMOVED = (GOLDEN / "CDK103-old-terraform-removed" / "after.py").read_bytes()
SUBNET_GROUP = (GOLDEN / "AWS207-not-in-default-set" / "before.py").read_bytes()


def write(path, text) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)


def reported(result) -> list[str]:
    """`path:CODE` for each finding line of a text report."""
    found = []
    for line in result.stdout.decode().splitlines():
        path, _, _, rest = line.split(":", 3)
        found.append(f"{path}:{rest.split()[0]}")
    return found


@pytest.fixture
def project(tmp_path):
    write(tmp_path / "lib" / "stack.py", SG_BEFORE)
    write(tmp_path / "tests" / "test_stack.py", SG_BEFORE)
    return tmp_path


def test_config_is_found_from_a_subfolder(project):
    write(project / "pyproject.toml", '[project]\nname = "app"\n\n[tool.iacfix]\nignore = ["CDK101"]\n')
    assert run_iacfix("check", "lib", cwd=project).returncode == 0
    assert run_iacfix("check", cwd=project / "lib").returncode == 0
    assert run_iacfix("check", "stack.py", cwd=project / "lib").returncode == 0
    isolated = run_iacfix("check", "--isolated", cwd=project / "lib")
    assert (isolated.returncode, reported(isolated)) == (1, ["stack.py:CDK101"] * 2)


def test_nearest_table_wins_and_files_without_one_are_passed_over(project):
    write(project / "pyproject.toml", '[tool.iacfix]\nignore = ["CDK101"]\n')
    write(project / "lib" / "pyproject.toml", '[tool.black]\nline-length = 100\n')
    write(project / "tests" / "pyproject.toml", "[tool.iacfix]\nunsafe-fixes = false\n")
    result = run_iacfix("check", ".", cwd=project)
    # lib/ has a pyproject.toml without the table: the top one applies. tests/ has its own table,
    # which applies alone (nothing is merged), so CDK101 is reported there.
    assert (result.returncode, reported(result)) == (1, ["tests/test_stack.py:CDK101"] * 2)


def test_select_key_and_cli_select_overrides_it(project):
    write(project / "pyproject.toml", '[tool.iacfix]\nselect = ["AWS"]\n')
    assert run_iacfix("check", "lib", cwd=project).returncode == 0
    result = run_iacfix("check", "lib", "--select", "CDK101", cwd=project)
    assert reported(result) == ["lib/stack.py:CDK101"] * 2


def test_extend_select_adds_to_the_default_set_and_cli_select_replaces_it(project):
    write(project / "lib" / "network.py", SUBNET_GROUP)
    assert reported(run_iacfix("check", "lib", "--isolated", cwd=project)) == [
        "lib/stack.py:CDK101"
    ] * 2
    write(project / "pyproject.toml", '[tool.iacfix]\nextend-select = ["AWS207"]\n')
    result = run_iacfix("check", "lib", cwd=project)
    assert reported(result) == ["lib/network.py:AWS207"] + ["lib/stack.py:CDK101"] * 2
    result = run_iacfix("check", "lib", "--select", "CDK", cwd=project)
    assert reported(result) == ["lib/stack.py:CDK101"] * 2


def test_cli_ignore_adds_to_the_ignore_key(project):
    write(project / "pyproject.toml", '[tool.iacfix]\nignore = ["CDK101"]\n')
    write(project / "lib" / "network.py", SUBNET_GROUP)
    result = run_iacfix("check", "lib", "--select", "ALL", cwd=project)
    assert reported(result) == ["lib/network.py:AWS207"]
    result = run_iacfix("check", "lib", "--select", "ALL", "--ignore", "AWS207", cwd=project)
    assert (result.returncode, result.stdout) == (0, b"")


def test_unsafe_fixes_key_and_cli_no_unsafe_fixes(tmp_path):
    # No Terraform pin: removing `use_lockfile` is unsafe, applied only on request.
    write(tmp_path / "stack.py", LOCKFILE_BEFORE)
    write(tmp_path / "pyproject.toml", "[tool.iacfix]\nunsafe-fixes = true\n")
    assert run_iacfix("fix", "stack.py", "--no-unsafe-fixes", cwd=tmp_path).returncode == 1
    assert (tmp_path / "stack.py").read_bytes() == LOCKFILE_BEFORE
    check = run_iacfix("check", "stack.py", cwd=tmp_path)
    assert b"CDK103 [*]" in check.stdout  # fixable under this file's settings
    run_iacfix("fix", "stack.py", cwd=tmp_path)
    assert (tmp_path / "stack.py").read_bytes() == LOCKFILE_REMOVED


def test_target_terraform_key_and_cli_override(tmp_path):
    write(tmp_path / "stack.py", LOCKFILE_BEFORE)
    write(tmp_path / "pyproject.toml", '[tool.iacfix]\ntarget-terraform = "1.10"\n')
    assert run_iacfix("check", "stack.py", cwd=tmp_path).returncode == 0  # valid from 1.10
    result = run_iacfix("check", "stack.py", "--target-terraform", "1.9", cwd=tmp_path)
    assert b"CDK103 [*]" in result.stdout
    write(tmp_path / "pyproject.toml", '[tool.iacfix]\ntarget-terraform = "1.9"\n')
    run_iacfix("fix", "stack.py", cwd=tmp_path)  # a safe fix now that the version is known
    assert (tmp_path / "stack.py").read_bytes() == LOCKFILE_REMOVED


def test_exclude_skips_walked_files_and_folders_but_not_given_files(project):
    write(project / "lib" / "generated" / "stack.py", SG_BEFORE)
    write(project / "lib" / "stack_old.py", SG_BEFORE)
    write(
        project / "pyproject.toml",
        '[tool.iacfix]\nexclude = ["generated", "lib/*_old.py", "tests/"]\n',
    )
    result = run_iacfix("check", ".", cwd=project)
    assert reported(result) == ["lib/stack.py:CDK101"] * 2
    result = run_iacfix("check", "lib/stack_old.py", cwd=project)
    assert reported(result) == ["lib/stack_old.py:CDK101"] * 2
    fixed = run_iacfix("fix", cwd=project)
    assert (fixed.returncode, fixed.stdout) == (1, b"Fixed 2 findings in lib/stack.py (CDK101)\n")
    assert (project / "lib" / "generated" / "stack.py").read_bytes() == SG_BEFORE
    assert (project / "lib" / "stack.py").read_bytes() != SG_BEFORE


def test_per_file_ignores(project):
    write(project / "pyproject.toml", '[tool.iacfix.per-file-ignores]\n"tests/*.py" = ["CDK101"]\n')
    result = run_iacfix("check", ".", cwd=project)
    assert reported(result) == ["lib/stack.py:CDK101"] * 2
    # Standard input named as a test file takes that file's settings.
    stdin = run_iacfix("check", "-", "--stdin-filename", "tests/x.py", cwd=project, input=SG_BEFORE)
    assert (stdin.returncode, stdin.stdout) == (0, b"")


def test_config_option_uses_one_file_for_everything(project):
    write(project / "lib" / "network.py", SUBNET_GROUP)
    write(project / "pyproject.toml", '[tool.iacfix]\nextend-select = ["AWS207"]\n')
    write(project / "ci" / "iacfix.toml", '[tool.iacfix]\nignore = ["CDK101"]\n')
    result = run_iacfix("check", ".", "--config", "ci/iacfix.toml", cwd=project)
    assert (result.returncode, result.stdout) == (0, b"")
    nearest = run_iacfix("check", ".", cwd=project)
    assert reported(nearest)[0] == "lib/network.py:AWS207"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[tool.iacfix]\nselec = ["CDK"]\n', "[tool.iacfix] unknown key 'selec'"),
        ('[tool.iacfix]\nselect = "CDK101"\n', "[tool.iacfix] select: expected a list of strings"),
        ('[tool.iacfix]\nignore = ["CDK999"]\n', "[tool.iacfix] ignore: unknown rule code"),
        ("[tool.iacfix]\nunsafe-fixes = 1\n", "[tool.iacfix] unsafe-fixes: expected true or false"),
        ('[tool.iacfix]\ntarget-terraform = "latest"\n', "[tool.iacfix] target-terraform: not a version"),
        ("[tool.iacfix]\ntarget-terraform = 1.10\n", "[tool.iacfix] target-terraform: expected a"),
        ('[tool.iacfix]\nexclude = [1]\n', "[tool.iacfix] exclude: expected a list of strings"),
        (
            '[tool.iacfix.per-file-ignores]\n"tests/*" = ["XYZ"]\n',
            "[tool.iacfix] per-file-ignores: 'tests/*': unknown rule code",
        ),
        ('[tool.iacfix]\nselect = ["CDK"\n', "invalid TOML"),
        ("[tool]\niacfix = 3\n", "[tool.iacfix] must be a table"),
    ],
)
def test_invalid_configuration_is_one_line_and_fixes_nothing(project, config, message):
    write(project / "lib" / "pyproject.toml", config)
    # tests/ sorts after lib/ but its file is fine: still nothing may be written.
    result = run_iacfix("fix", ".", cwd=project)
    assert result.returncode == 2
    stderr = result.stderr.decode().splitlines()
    assert len(stderr) == 1 and stderr[0].startswith(f"iacfix: error: lib/pyproject.toml: {message}")
    assert result.stdout == b""
    assert (project / "lib" / "stack.py").read_bytes() == SG_BEFORE
    assert (project / "tests" / "test_stack.py").read_bytes() == SG_BEFORE


@pytest.mark.parametrize("command", ["check", "diff"])
def test_invalid_configuration_stops_check_and_diff(project, command):
    write(project / "pyproject.toml", '[tool.iacfix]\nselect = ["CDK101"]\nbogus = true\n')
    result = run_iacfix(command, "lib/stack.py", cwd=project)
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr.decode() == (
        "iacfix: error: pyproject.toml: [tool.iacfix] unknown key 'bogus'\n"
    )


def test_isolated_ignores_even_a_broken_configuration(project):
    write(project / "pyproject.toml", "[tool.iacfix]\nselec = 1\n")
    result = run_iacfix("check", "--isolated", cwd=project)
    assert result.returncode == 1
    assert len(reported(result)) == 4


def test_config_option_errors(project):
    missing = run_iacfix("check", "--config", "nowhere.toml", cwd=project)
    assert missing.returncode == 2
    assert missing.stderr.decode().startswith("iacfix: error: nowhere.toml: cannot read")
    write(project / "other.toml", "[tool.black]\n")
    no_table = run_iacfix("check", "--config", "other.toml", cwd=project)
    assert no_table.returncode == 2
    assert no_table.stderr.decode() == "iacfix: error: other.toml: no [tool.iacfix] table\n"
    both = run_iacfix("check", "--config", "other.toml", "--isolated", cwd=project)
    assert both.returncode == 2


def test_invalid_configuration_of_a_later_file_given_by_name_fixes_nothing(project):
    """Files named on the command line are not walked (no `exclude` lookup reads their
    configuration), and without the cache nothing else reads it before the first write: every
    file's configuration must still be read before anything is written."""
    write(project / "tests" / "pyproject.toml", '[tool.iacfix]\nselec = ["CDK"]\n')
    result = run_iacfix("fix", "--no-cache", "lib/stack.py", "tests/test_stack.py", cwd=project)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "iacfix: error: tests/pyproject.toml: [tool.iacfix] unknown key 'selec' "
        "(did you mean 'select'?)\n"
    )
    assert result.stdout == b""
    assert (project / "lib" / "stack.py").read_bytes() == SG_BEFORE
    assert (project / "tests" / "test_stack.py").read_bytes() == SG_BEFORE
