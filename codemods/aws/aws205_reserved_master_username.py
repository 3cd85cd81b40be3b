from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import libcst as cst

from iacfix.aws_values import DATABASES, POSTGRESQL_ENGINES, StringConstants, dict_key, engine_name
from iacfix.calls import keyword_arg, string_literal, string_value
from iacfix.metadata import ScopeProvider
from iacfix.resources import PROVIDER_PACKAGES, imported_names, resolve_call
from iacfix.rule import FixSafety, Platform, Rule

REPLACEMENT = "dbadmin"

# Master user names AWS refuses ("MasterUsername admin cannot be used as it is a reserved word used
# by the engine"), by engine. `rdsadmin` is the account RDS itself manages the database with, on
# every RDS engine. `admin` is the usual master user name on MySQL and MariaDB and is not listed.
RESERVED_BY_ENGINE = {engine: frozenset({"admin", "rdsadmin"}) for engine in POSTGRESQL_ENGINES}
RESERVED_BY_ENGINE["docdb"] = frozenset({"admin"})
RESERVED_ON_RDS = frozenset({"rdsadmin"})
# Accepted by AWS, but the name of the engine's own superuser (`postgres`) or of a MySQL account
# every attacker tries first (`root`): reported with the rule's code named in `--select`.
DISCOURAGED = frozenset({"postgres", "root"})

# Keys under which credentials dicts and JSON secrets carry the user name.
USERNAME_KEYS = frozenset({"username", "user", "master_username"})
JSON_DUMPS = frozenset({"json.dumps", "pulumi.Output.json_dumps"})


@dataclass
class _Database:
    value: cst.BaseExpression  # the user name argument's value
    name: str
    reason: Optional[str]  # why the name is refused; None when it is accepted


class ReservedMasterUsername(Rule):
    """
    ## What it does
    Finds database master user names that the database's engine reserves: `admin` and
    `rdsadmin` on PostgreSQL engines (`postgres`, `aurora-postgresql`), `rdsadmin` on every RDS
    engine, `admin` on DocumentDB. It reads `master_username` on clusters and `username` on DB
    instances, with the engine known from a literal, a module constant or Pulumi's
    `rds.EngineType`. The name becomes `dbadmin`, and so does the same user name in a credentials
    dict of the same file (`{"username": "admin", "password": ...}`, `json.dumps({...})`, as a
    Secrets Manager secret holds it).

    With the rule's code named in `--select`, `postgres` and `root` are reported too: AWS accepts
    them, but they are the names every password-guessing attempt starts with.

    ## Why is this bad?
    AWS refuses the cluster or instance: `InvalidParameterValue: MasterUsername admin cannot be
    used as it is a reserved word used by the engine`. The reserved names depend on the engine:
    `admin` is the default master user of MySQL and works there, but is reserved on PostgreSQL;
    `rdsadmin` is the account RDS manages every database with.

    ## Example
    ```python
    import json

    from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

    RdsCluster(
        self,
        "db",
        engine="aurora-postgresql",
        master_username="admin",
        manage_master_user_password=True,
    )
    credentials = json.dumps({"username": "admin", "port": 5432})
    ```

    ## Use instead
    ```python
    import json

    from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

    RdsCluster(
        self,
        "db",
        engine="aurora-postgresql",
        master_username="dbadmin",
        manage_master_user_password=True,
    )
    credentials = json.dumps({"username": "dbadmin", "port": 5432})
    ```

    ## Fix safety
    Safe: AWS refuses the reserved name, so no database was created with it. Credentials dicts
    are changed only where the same name is not also used, unchanged, by another database of the
    file (a MySQL `admin`), and the name is changed only where it is written as a literal; a name
    held in a constant is reported for you to change.
    """

    CODE = "AWS205"
    NAME = "reserved-master-username"
    SUMMARY = "master user name the database engine reserves (`admin` on PostgreSQL, `rdsadmin`)"
    PLATFORM = Platform.BOTH
    FIX = FixSafety.SAFE
    TOKENS = ("username",)
    PACKAGES = PROVIDER_PACKAGES

    METADATA_DEPENDENCIES = (*Rule.METADATA_DEPENDENCIES, ScopeProvider)

    def __init__(self, context) -> None:
        super().__init__(context)
        self._databases: list[_Database] = []
        self._credentials: list[tuple[cst.SimpleString, str]] = []  # user name literals in dicts
        self._dumped: set[int] = set()  # dicts passed to json.dumps

    def visit_Module(self, node: cst.Module) -> None:
        self.constants = StringConstants(node)

    def visit_Call(self, node: cst.Call) -> None:
        if imported_names(self, node.func) & JSON_DUMPS and node.args:
            self._dumped.add(id(node.args[0].value))
            return
        resource = resolve_call(self, node)
        database = DATABASES.get(resource.terraform_type) if resource is not None else None
        if database is None:
            return
        username = keyword_arg(node, database.username)
        name = self.constants.value(self, username.value) if username is not None else None
        if name is None:
            return
        engine_arg = keyword_arg(node, "engine")
        if engine_arg is not None:
            engine = engine_name(self, engine_arg.value, self.constants)
        else:
            engine = database.default_engine
        reason = self._reason(resource.terraform_type, engine, name)
        self._databases.append(_Database(username.value, name, reason))

    def _reason(self, terraform_type: str, engine: Optional[str], name: str) -> Optional[str]:
        if engine is not None and name in RESERVED_BY_ENGINE.get(engine, ()):
            return f"reserved by the {engine} engine"
        if terraform_type != "aws_docdb_cluster" and name in RESERVED_ON_RDS:
            return "reserved by RDS on every engine"
        if self.context.extended and name in DISCOURAGED:
            return "the name every password-guessing attempt tries first"
        return None

    def visit_Dict(self, node: cst.Dict) -> None:
        keys = {dict_key(element) for element in node.elements}
        looks_like_credentials = id(node) in self._dumped or any(
            key is not None and "password" in key.lower() for key in keys
        )
        if not looks_like_credentials:
            return
        for element in node.elements:
            if dict_key(element) in USERNAME_KEYS and isinstance(element.value, cst.SimpleString):
                value = string_value(element.value)
                if value is not None:
                    self._credentials.append((element.value, value))

    def leave_Module(self, original_node: cst.Module) -> None:
        # A name also used, unchanged, by another database of the file leaves its dicts alone.
        accepted = {db.name for db in self._databases if db.reason is None}
        handled: set[str] = set()
        for db in self._databases:
            if db.reason is None:
                continue
            message = f"master user name `{db.name}` is {db.reason}"
            if db.name not in DISCOURAGED:
                message += ": AWS refuses the database"
            if not isinstance(db.value, cst.SimpleString):
                self.report(db.value, message + f"; use another name, such as `{REPLACEMENT}`")
                continue
            replacements: dict = {db.value: string_literal(REPLACEMENT, db.value)}
            if db.name not in accepted and db.name not in handled:
                handled.add(db.name)
                for literal, value in self._credentials:
                    if value == db.name:
                        replacements[literal] = string_literal(REPLACEMENT, literal)
            self.report(db.value, message, replacements=replacements)
