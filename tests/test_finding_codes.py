"""Every finding code the code raises is listed once, with its severity, in normalize/data/findings.toml."""

from __future__ import annotations

import re
from pathlib import Path

from normalize.findings import Severity, finding_codes

ROOT = Path(__file__).resolve().parent.parent
# Finding("code", Severity.X ...) and the items' _finding("code", Severity.X ...), across line breaks.
RAISED = re.compile(r"\b_?[Ff]inding\(\s*\"(?P<code>[a-z][a-z_]+)\"\s*,\s*Severity\.(?P<severity>[A-Z]+)")


def raised_codes() -> dict[str, set[Severity]]:
    raised: dict[str, set[Severity]] = {}
    for folder in ("extract", "normalize", "pipelines"):
        for path in (ROOT / folder).rglob("*.py"):
            for match in RAISED.finditer(path.read_text(encoding="utf-8")):
                raised.setdefault(match.group("code"), set()).add(Severity[match.group("severity")])
    return raised


def test_the_source_raises_codes_the_scan_can_see():
    assert {"metadata_missing", "schedule_unparsed", "identity_unmatched", "duplicate_source"} <= set(raised_codes())


def test_every_raised_code_is_listed_with_its_severity():
    listed = finding_codes()
    for code, severities in raised_codes().items():
        assert code in listed, f"{code} is raised but not listed in normalize/data/findings.toml"
        assert severities == {listed[code].severity}, code


def test_every_listed_code_has_a_meaning():
    for code in finding_codes().values():
        assert len(code.meaning) > 20, code.code
