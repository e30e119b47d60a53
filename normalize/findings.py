"""Findings: the doubts, repairs and inconsistencies that travel with the data."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cache

from normalize.vocabulary import load


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Finding:
    """One quality finding.  `message` quotes the decree's wording, explains in English."""

    code: str
    severity: Severity
    message: str
    item_no: int | None = None
    page: int | None = None


@dataclass(frozen=True)
class FindingCode:
    """One code of normalize/data/findings.toml: the severity it is raised at and what it means."""

    code: str
    severity: Severity
    meaning: str


@cache
def finding_codes() -> dict[str, FindingCode]:
    """Every finding code the pipeline raises (normalize/data/findings.toml), by code."""
    return {
        code: FindingCode(code, Severity(entry["severity"]), entry["meaning"])
        for code, entry in load("findings")["codes"].items()
    }
