from __future__ import annotations

from typing import Optional

import libcst as cst
import libcst.matchers as m

from iacfix.aws_values import StringConstants, engine_name
from iacfix.calls import keyword_arg, replace_arg_value, string_literal, string_value
from iacfix.metadata import ScopeProvider
from iacfix.resources import PROVIDER_PACKAGES, resolve_call
from iacfix.rule import FixSafety, Platform, Rule

# Terraform type -> the argument naming the database created with it.
DATABASE_NAME_ARGUMENTS = {
    "aws_rds_cluster": "database_name",
    "aws_rds_global_cluster": "database_name",
    "aws_db_instance": "db_name",
}
# Engines whose database names follow other rules (Oracle's 8-character SID, SQL Server's and
# RDS Custom's), left alone.
OTHER_RULES = ("oracle", "sqlserver", "db2", "custom-")
PREFIX = "db"

# `x.replace("-", ...)`: an interpolation that can no longer hold a `-`.
_NO_HYPHEN = m.Call(
    func=m.Attribute(attr=m.Name("replace")),
    args=[m.Arg(value=m.SimpleString('"-"') | m.SimpleString("'-'")), m.ZeroOrMore()],
)
_ATOMS = (cst.Name, cst.Attribute, cst.Call, cst.Subscript)


def _sanitized(text: str, leading: bool) -> str:
    """`-` -> `_`, and `db` before a name (`leading` text) that starts with a digit or `_`."""
    text = text.replace("-", "_")
    if leading and text[:1] and not text[0].isalpha():
        text = PREFIX + text
    return text


def _problems(text: str, leading: bool) -> list[str]:
    problems = []
    if "-" in text:
        problems.append("`-`")
    if leading and text[:1].isdigit():
        problems.append("a leading digit")
    return problems


class DatabaseNameCharacters(Rule):
    """
    ## What it does
    Finds database names (`database_name` on RDS and global clusters, `db_name` on DB
    instances) that contain `-` or start with a digit, and makes them valid: `-` becomes `_`, and
    a name starting with a digit gets a `db` prefix. In an f-string the literal text is fixed, and
    each interpolated value that could hold a `-` gets `.replace("-", "_")`; an f-string whose
    literal text is valid is left alone, since nothing about it is provably wrong.

    ## Why is this bad?
    MySQL, MariaDB and PostgreSQL database names (and so Aurora's) must start with a letter and
    hold only letters, digits and `_`. AWS refuses the cluster or instance with
    `InvalidParameterValue: DatabaseName must begin with a letter and contain only alphanumeric
    characters` (`DBName` for instances), so nothing is created.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

    RdsCluster(
        self,
        "db",
        engine="aurora-postgresql",
        database_name=f"tapdb-{environment_suffix}",
        master_username="dbadmin",
        manage_master_user_password=True,
    )
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

    RdsCluster(
        self,
        "db",
        engine="aurora-postgresql",
        database_name=f"tapdb_{environment_suffix.replace('-', '_')}",
        master_username="dbadmin",
        manage_master_user_password=True,
    )
    ```

    ## Fix safety
    Safe: AWS refuses the name, so no database carries it. A name held in a module constant is
    reported for you to change where it is defined. Engines whose database names follow other
    rules (Oracle, SQL Server, Db2, RDS Custom) are left alone.
    """

    CODE = "AWS206"
    NAME = "database-name-characters"
    SUMMARY = "database name with `-` or a leading digit"
    PLATFORM = Platform.BOTH
    FIX = FixSafety.SAFE
    TOKENS = ("database_name", "db_name")
    PACKAGES = PROVIDER_PACKAGES

    METADATA_DEPENDENCIES = (*Rule.METADATA_DEPENDENCIES, ScopeProvider)

    def visit_Module(self, node: cst.Module) -> None:
        self.constants = StringConstants(node)

    def visit_Call(self, node: cst.Call) -> None:
        resource = resolve_call(self, node)
        argument = DATABASE_NAME_ARGUMENTS.get(resource.terraform_type) if resource else None
        if argument is None:
            return
        arg = keyword_arg(node, argument)
        if arg is None:
            return
        engine_arg = keyword_arg(node, "engine")
        engine = engine_name(self, engine_arg.value, self.constants) if engine_arg else None
        if engine is not None and engine.startswith(OTHER_RULES):
            return
        found = self._fixed(arg.value)
        if found is None:
            return
        new_value, problems = found
        self.report(
            arg.value,
            f"`{argument}` may hold only letters, digits and `_`, starting with a letter; "
            f"it has {' and '.join(problems)}",
            replacements={node: replace_arg_value(node, arg, new_value)} if new_value else None,
        )

    def _fixed(
        self, value: cst.BaseExpression
    ) -> Optional[tuple[Optional[cst.BaseExpression], list[str]]]:
        """The problems of a name that provably has some, with the fixed name (None where the
        name is a constant, or an f-string formatting a value with `!r` or a format spec)."""
        literal = string_value(value)
        if literal is not None:
            problems = _problems(literal, leading=True)
            if not problems:
                return None
            like = value if isinstance(value, cst.SimpleString) else None
            return string_literal(_sanitized(literal, leading=True), like), problems
        constant = self.constants.value(self, value)
        if constant is not None:
            problems = _problems(constant, leading=True)
            return (None, problems) if problems else None
        if not isinstance(value, cst.FormattedString):
            return None
        problems: list[str] = []
        for index, part in enumerate(value.parts):
            if isinstance(part, cst.FormattedStringText):
                if "\\" in part.value or "{{" in part.value:
                    return None  # escapes: the text is not what it looks like
                for problem in _problems(part.value, leading=index == 0):
                    if problem not in problems:
                        problems.append(problem)
        if not problems:
            return None
        inner_quote = "'" if value.start.endswith('"') else '"'
        parts = []
        for index, part in enumerate(value.parts):
            if isinstance(part, cst.FormattedStringText):
                part = part.with_changes(value=_sanitized(part.value, leading=index == 0))
            elif isinstance(part, cst.FormattedStringExpression):
                if part.conversion is not None or part.format_spec is not None:
                    return None, problems
                if not self._hyphen_free(part.expression):
                    replaced = _replace_hyphens(part.expression, inner_quote)
                    part = part.with_changes(expression=replaced)
            parts.append(part)
        return value.with_changes(parts=parts), problems

    def _hyphen_free(self, node: cst.BaseExpression) -> bool:
        if m.matches(node, _NO_HYPHEN) or isinstance(node, (cst.Integer, cst.Float)):
            return True
        text = self.constants.value(self, node)
        return text is not None and "-" not in text


def _replace_hyphens(node: cst.BaseExpression, quote: str) -> cst.Call:
    """`node.replace("-", "_")`, with parentheses where `node` needs them."""
    if not isinstance(node, _ATOMS) and not node.lpar:
        node = node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return cst.Call(
        func=cst.Attribute(value=node, attr=cst.Name("replace")),
        args=[
            cst.Arg(
                cst.SimpleString(f"{quote}-{quote}"),
                comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
            ),
            cst.Arg(cst.SimpleString(f"{quote}_{quote}")),
        ],
    )
