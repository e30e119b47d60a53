"""Findings: the doubts, repairs and inconsistencies that travel with the data."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

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
    """A finding code the pipeline raises, as listed in normalize/data/findings.toml."""

    code: str
    severity: Severity
    meaning: str


def finding_codes() -> list[FindingCode]:
    """Every finding code the pipeline raises, with its severity and meaning, in the list's order."""
    return [FindingCode(code, Severity(entry["severity"]), entry["meaning"]) for code, entry in load("findings").items()]
