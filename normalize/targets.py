"""Placeholder until the target grammar lands."""

from __future__ import annotations

import re
from dataclasses import dataclass

from normalize.findings import Finding
from normalize.records import Schedule, Target


@dataclass(frozen=True)
class TargetReading:
    target: Target | None
    findings: tuple[Finding, ...] = ()


def read_target(text: str) -> TargetReading:
    match = re.match(r"^\s*(\d+)\s*(?:\([^)]*\))?\s*(.*)$", text)
    if not match:
        return TargetReading(None)
    return TargetReading(Target(int(match.group(1)), match.group(2).strip() or None))


def target_period_findings(target: Target | None, schedule: Schedule | None) -> tuple[Finding, ...]:
    return ()
