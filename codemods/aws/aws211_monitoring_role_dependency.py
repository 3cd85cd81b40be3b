"""AWS211, and helpers the monitoring-role rules share: spelling a provider class the way the file
spells its resources, reading and adding dependencies (CDKTF `depends_on=`, Pulumi
`opts=ResourceOptions(depends_on=...)`)."""

from __future__ import annotations

from typing import Optional, Sequence, Union

import libcst as cst

from iacfix.calls import keyword_arg
from iacfix.codemods.aws.aws208_duplicate_security_group_rules import (
    Built,
    FileIndex,
    append_arg,
    append_element,
    keyword,
)
from iacfix.metadata import ParentNodeProvider, QualifiedNameProvider
from iacfix.resources import (
    PROVIDER_PACKAGES,
    CDKTF_PACKAGE,
    PULUMI_PACKAGE,
    ProviderClass,
    imported_names,
)
from iacfix.rule import FixSafety, ImportEdit, Platform, Rule, RuleSet
from iacfix.statements import bind, unused_name

# Resources that take `monitoring_interval` / `monitoring_role_arn`.
MONITORED = ("aws_db_instance", "aws_rds_cluster_instance", "aws_rds_cluster")
# What grants a role its permissions as a resource of its own.
ROLE_POLICIES = ("aws_iam_role_policy_attachment", "aws_iam_role_policy")
RESOURCE_OPTIONS = ("pulumi.ResourceOptions", "pulumi.resource.ResourceOptions")


def spell_class(
    func: cst.BaseExpression, resource: ProviderClass, module: str, name: str
) -> tuple[cst.BaseExpression, tuple[ImportEdit, ...]]:
    """`module.name` of the same provider, spelled the way `func` spells `resource`.

    `DbInstance` -> `IamRole` (imported by name); `db_instance.DbInstance` -> `iam_role.IamRole`
    (the module imported); `aws.rds.Instance` -> `aws.iam.Role`.
    """
    package = CDKTF_PACKAGE if resource.platform is Platform.CDKTF else PULUMI_PACKAGE
    if isinstance(func, cst.Attribute):
        if isinstance(func.value, cst.Attribute):  # package.module.Class
            return cst.Attribute(func.value.with_changes(attr=cst.Name(module)), cst.Name(name)), ()
        if module == resource.module:
            return func.with_changes(attr=cst.Name(name)), ()
        return cst.Attribute(cst.Name(module), cst.Name(name)), (ImportEdit(package, module),)
    return cst.Name(name), (ImportEdit(f"{package}.{module}", name),)


def options_spelling(imports: Sequence[Union[cst.Import, cst.ImportFrom]]) -> Optional[str]:
    """How a file with these imports names pulumi's ResourceOptions (`pulumi.ResourceOptions`,
    `ResourceOptions`, an alias), or None when it does not import it."""
    module_import = from_import = None
    for statement in imports:
        if isinstance(statement, cst.Import):
            for alias in statement.names:
                if cst.helpers.get_full_name_for_node(alias.name) == "pulumi":
                    bound = alias.asname.name.value if alias.asname else "pulumi"
                    module_import = module_import or f"{bound}.ResourceOptions"
        elif (
            not statement.relative
            and statement.module is not None
            and cst.helpers.get_full_name_for_node(statement.module) == "pulumi"
            and not isinstance(statement.names, cst.ImportStar)
        ):
            for alias in statement.names:
                if alias.name.value == "ResourceOptions":
                    from_import = from_import or (
                        alias.asname.name.value if alias.asname else "ResourceOptions"
                    )
    return from_import or module_import


class Dependencies:
    """Reads and adds the explicit dependencies of resource calls, on either platform."""

    def __init__(self, rule: Rule, index: FileIndex) -> None:
        self.rule = rule
        self.index = index
        spelling = options_spelling(index.imports)
        self.options_imports = () if spelling else (ImportEdit("pulumi", "ResourceOptions"),)
        self.options = spelling or "ResourceOptions"

    def is_options(self, node: cst.BaseExpression) -> bool:
        return isinstance(node, cst.Call) and any(
            name in RESOURCE_OPTIONS for name in imported_names(self.rule, node.func)
        )

    def options_call(self, *args: cst.Arg) -> cst.Call:
        return cst.Call(func=cst.parse_expression(self.options), args=args)

    def _list(self, built: Built) -> Optional[cst.BaseExpression]:
        """The `depends_on` value of the resource (None: it has none; a non-list: unknown)."""
        if built.resource.platform is Platform.CDKTF:
            arg = keyword_arg(built.call, "depends_on")
            return arg.value if arg is not None else None
        opts = keyword_arg(built.call, "opts")
        if opts is None or _is_none(opts.value):
            return None
        if not self.is_options(opts.value):
            return opts.value  # options built elsewhere: what they hold is unknown here
        arg = keyword_arg(opts.value, "depends_on")
        return arg.value if arg is not None else None

    def known(self, built: Built) -> Optional[list[str]]:
        """The code of each dependency the resource declares; None when that cannot be read."""
        if any(arg.star for arg in built.call.args):
            return None
        if built.resource.platform is Platform.PULUMI and keyword_arg(built.call, "depends_on"):
            return None  # a misplaced argument, for PUL303 to move first
        value = self._list(built)
        if value is None:
            return []
        if not isinstance(value, cst.List):
            return None
        return [self.index.module.code_for_node(e.value) for e in value.elements]

    def add(
        self, built: Built, call: cst.Call, dependency: cst.BaseExpression
    ) -> Optional[tuple[cst.Call, tuple[ImportEdit, ...]]]:
        """`call` (the resource call, perhaps already edited) depending on `dependency` too."""
        if self.known(built) is None:
            return None
        if built.resource.platform is Platform.CDKTF:
            arg = keyword_arg(call, "depends_on")
            if arg is None:
                return append_arg(call, keyword("depends_on", cst.List([cst.Element(dependency)]))), ()
            return _replace(call, arg, append_element(arg.value, dependency)), ()
        opts = keyword_arg(call, "opts")
        new_options = lambda: self.options_call(
            keyword("depends_on", cst.List([cst.Element(dependency)]))
        )
        if opts is None:
            return append_arg(call, keyword("opts", new_options())), self.options_imports
        if _is_none(opts.value):
            return _replace(call, opts, new_options()), self.options_imports
        inner = keyword_arg(opts.value, "depends_on")
        if inner is None:
            return _replace(call, opts, append_arg(opts.value, keyword("depends_on", cst.List([cst.Element(dependency)])))), ()
        return _replace(call, opts, _replace(opts.value, inner, append_element(inner.value, dependency))), ()


def _replace(call: cst.Call, arg: cst.Arg, value: cst.BaseExpression) -> cst.Call:
    return call.with_changes(args=[a.with_changes(value=value) if a is arg else a for a in call.args])


def _is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


def base_name(name: str) -> str:
    """`self.db` -> `db`: the part of a bound name a new local variable is named after."""
    return name.rsplit(".", 1)[-1]


def visible_before(rule: Rule, earlier: Built, later: Built) -> bool:
    """`earlier`'s variable can be read where `later` is built: a `self.` attribute, or a local
    bound earlier in the same function, in a block that encloses `later`."""
    if earlier.name is not None and "." in earlier.name:
        return True
    if earlier.scope is not later.scope or earlier.statement is None or later.statement is None:
        return False
    position = lambda node: rule.position(node).start.line
    if position(earlier.statement) >= position(later.statement):
        return False
    block = rule.get_metadata(ParentNodeProvider, earlier.statement, None)
    current: Optional[cst.CSTNode] = later.statement
    while current is not None:
        if current is block:
            return True
        current = rule.get_metadata(ParentNodeProvider, current, None)
    return False


def role_of(index: FileIndex, built: Built) -> Optional[tuple[Built, cst.Arg]]:
    """The IAM role built in this file that `monitoring_role_arn=role.arn` names."""
    arg = keyword_arg(built.call, "monitoring_role_arn")
    found = index.attribute_of(arg.value) if arg is not None else None
    if found is None or found[1] != "arn" or found[0].terraform_type != "aws_iam_role":
        return None
    return found[0], arg


def policies_of(index: FileIndex, role: Built) -> list[Built]:
    """The policy attachments (and inline role policies) of `role` built in this file."""
    found = []
    for policy in index.of_type(*ROLE_POLICIES):
        arg = keyword_arg(policy.call, "role")
        target = index.attribute_of(arg.value) if arg is not None else None
        if target is not None and target[0] is role and target[1] in ("name", "id"):
            found.append(policy)
    return found


class MonitoringRoleDependency(Rule):
    """
    ## What it does
    Finds a database instance or cluster whose enhanced-monitoring role
    (`monitoring_role_arn=role.arn`) gets its permissions from a policy attachment built in the
    same file that the database does not depend on, and adds the dependency:
    `depends_on=[attachment]` in CDKTF, `opts=ResourceOptions(depends_on=[attachment])` in
    Pulumi (merged into existing options). An attachment that is not bound to a variable is
    bound to one, named after the role.

    The reference to `role.arn` already orders the role before the database, on both platforms
    (a CDKTF token, a Pulumi `Output`), so depending on the role itself adds nothing; nothing
    orders the *attachment*, which is what gives the role its permissions.

    ## Why is this bad?
    Terraform and Pulumi create the attachment and the database in parallel. When RDS checks the
    role before the policy is attached, the database fails with `InvalidParameterValue: IAM role
    ARN value is invalid or does not include the required permissions for:
    ENHANCED_MONITORING`, intermittently, depending on which call wins.

    ## Example
    ```python
    from cdktf_cdktf_provider_aws.iam_role import IamRole
    from cdktf_cdktf_provider_aws.iam_role_policy_attachment import IamRolePolicyAttachment
    from cdktf_cdktf_provider_aws.rds_cluster_instance import RdsClusterInstance

    monitoring_role = IamRole(self, "monitoring", assume_role_policy=trust_policy)
    IamRolePolicyAttachment(
        self,
        "monitoring_policy",
        role=monitoring_role.name,
        policy_arn="arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
    )
    RdsClusterInstance(
        self,
        "instance_1",
        cluster_identifier=cluster.id,
        instance_class="db.r6g.large",
        engine="aurora-postgresql",
        monitoring_interval=60,
        monitoring_role_arn=monitoring_role.arn,
    )
    ```

    ## Use instead
    ```python
    from cdktf_cdktf_provider_aws.iam_role import IamRole
    from cdktf_cdktf_provider_aws.iam_role_policy_attachment import IamRolePolicyAttachment
    from cdktf_cdktf_provider_aws.rds_cluster_instance import RdsClusterInstance

    monitoring_role = IamRole(self, "monitoring", assume_role_policy=trust_policy)
    monitoring_role_policy = IamRolePolicyAttachment(
        self,
        "monitoring_policy",
        role=monitoring_role.name,
        policy_arn="arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
    )
    RdsClusterInstance(
        self,
        "instance_1",
        cluster_identifier=cluster.id,
        instance_class="db.r6g.large",
        engine="aurora-postgresql",
        monitoring_interval=60,
        monitoring_role_arn=monitoring_role.arn,
        depends_on=[monitoring_role_policy],
    )
    ```

    ## Fix safety
    Safe: an added dependency only orders creation, and it is the order the database needs. When
    the dependencies cannot be read as written (options built elsewhere, `**kwargs`), or the
    attachment is built after the database, the finding has no fix.
    """

    CODE = "AWS211"
    NAME = "monitoring-role-dependency"
    SUMMARY = "database using a monitoring role whose policy attachment it does not depend on"
    SET = RuleSet.EXTENDED
    PLATFORM = Platform.BOTH
    FIX = FixSafety.SAFE
    TOKENS = ("monitoring_role_arn",)
    PACKAGES = PROVIDER_PACKAGES

    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider)

    def visit_Module(self, node: cst.Module) -> None:
        index = FileIndex.of(self, node)
        dependencies = Dependencies(self, index)
        for built in index.of_type(*MONITORED):
            found = role_of(index, built)
            if found is None:
                continue
            role, arg = found
            declared = dependencies.known(built)
            policies = policies_of(index, role)
            if declared is None:
                missing = []
            else:
                missing = [p for p in policies if p.name is None or p.name not in declared]
            if not missing:
                continue
            names = " and ".join(
                f"`{p.name}`"
                if p.name
                else f"the attachment on line {self.position(p.call).start.line}"
                for p in missing
            )
            message = (
                f"`{role.name}` gets its permissions from {names}, which this database does not "
                "depend on: RDS may check the role before the policy is attached "
                "(InvalidParameterValue: ... required permissions for: ENHANCED_MONITORING)"
            )
            self._fix(index, dependencies, built, arg, role, missing, message)

    def _fix(self, index, dependencies, built, arg, role, missing, message) -> None:
        replacements: dict = {}
        call = built.call
        imports: tuple = ()
        for policy in missing:
            if not visible_before(self, policy, built) or not policy.stands_alone:
                self.report(arg, message)
                return
            name = policy.name
            if name is None:
                name = unused_name(index.module, f"{base_name(role.name)}_policy")
                replacements[policy.statement] = bind(policy.statement, name)
            added = dependencies.add(built, call, cst.parse_expression(name))
            if added is None:
                self.report(arg, message)
                return
            call, more = added
            imports += more
        replacements[built.call] = call
        self.report(arg, message, replacements=replacements, imports=imports)
