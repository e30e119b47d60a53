"""Placeholder until the decree-identity reader lands: number, year, issuer only."""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.document import Line
from normalize.findings import Finding
from normalize.records import DecreeIdentity


def read_identity(lines: Sequence[Line]) -> tuple[DecreeIdentity, list[Finding]]:
    text = "\n".join(line.text for line in lines)
    number = re.search(r"NOMOR\s+(\S+)\s+TAHUN\s+(\d{4})", text)
    issuer = re.search(r"KOMISI PEMILIHAN UMUM\s+(KOTA|KABUPATEN|PROVINSI)\s+([A-Z ]+?)\s*\n", text)
    jurisdiction = f"{issuer.group(1).title()} {issuer.group(2).title()}" if issuer else None
    return DecreeIdentity(
        issuer=f"Komisi Pemilihan Umum {jurisdiction}" if jurisdiction else None,
        issuer_short=f"KPU {jurisdiction}" if jurisdiction else None,
        jurisdiction=jurisdiction,
        jurisdiction_level=issuer.group(1).lower() if issuer else None,
        decree_number=number.group(1) if number else None,
        decree_year=int(number.group(2)) if number else None,
        plan_year=int(number.group(2)) if number else None,
    ), []


def doc_id(identity: DecreeIdentity) -> str | None:
    if not (identity.issuer_short and identity.decree_year and identity.decree_number):
        return None
    return f"{slug(identity.issuer_short)}-{identity.decree_year}-{slug(identity.decree_number)}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
