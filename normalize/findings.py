"""Findings: the doubts, repairs and inconsistencies that travel with the data."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


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
