"""Aurora engine versions that a region does not offer, and what to use there instead.

A small hand-written table, not generated: every row is a version that `CreateDBCluster` refused
in a region (`InvalidParameterCombination: Cannot find version X for <engine>`), with a version
of the same engine that the region accepted. Engine versions come and go (AWS retires minor
versions), so the table records what was observed and when; a version missing from it is never
reported.

Sources, as of 2025-11:
- eu-north-1: a CDKTF deployment refused aurora-postgresql 15.3 and deployed with 16.4 (2025).
- us-east-1: `aws rds describe-db-engine-versions --engine aurora-postgresql --region us-east-1`
  (2025-11-18) lists no 15.x below 15.6; 15.10, the long-term-support minor version of
  Aurora PostgreSQL 15, was still listed in 2026-07 (its 15.x list: 15.10, 15.12, 15.13, 15.14,
  15.15, 15.17).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

TABLE_DATE = "2025-11"


@dataclass(frozen=True)
class Unavailable:
    region: str
    engine: str
    version: str
    replacement: str
    source: str


_ROWS = (
    Unavailable("eu-north-1", "aurora-postgresql", "15.3", "16.4", "refused at deploy time, 2025"),
    *(
        Unavailable("us-east-1", "aurora-postgresql", version, "15.10", "describe-db-engine-versions, 2025-11")
        for version in ("15.2", "15.3", "15.4", "15.5")
    ),
)

UNAVAILABLE: dict[tuple[str, str, str], Unavailable] = {
    (row.region, row.engine, row.version): row for row in _ROWS
}


def unavailable(region: str, engine: str, version: str) -> Optional[Unavailable]:
    """The table's row for an engine version the region does not offer, else None."""
    return UNAVAILABLE.get((region.strip().lower(), engine.strip().lower(), version.strip()))


def major_version(engine: str, version: str) -> Optional[str]:
    """`15` for aurora-postgresql 15.3, `8.0` for aurora-mysql 8.0.mysql_aurora.3.05.2."""
    if engine == "aurora-postgresql":
        match = re.match(r"(\d+)(?:\.|$)", version)
        return match.group(1) if match else None
    if engine == "aurora-mysql":
        match = re.match(r"(\d+\.\d+)", version)
        return match.group(1) if match else None
    return None


def parameter_group_family(engine: str, version: str) -> Optional[str]:
    """The parameter group family of an engine version: `aurora-postgresql16` for 16.4."""
    major = major_version(engine, version)
    return f"{engine}{major}" if major is not None else None
