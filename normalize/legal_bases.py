"""Placeholder until the legal-bases reader lands."""

from __future__ import annotations

from collections.abc import Sequence

from extract.document import Line
from normalize.findings import Finding
from normalize.records import LegalBasis


def read_legal_bases(lines: Sequence[Line]) -> tuple[list[LegalBasis], list[Finding]]:
    return [], []
