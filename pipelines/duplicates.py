"""One decree, several files: keep one copy by a stated preference, say which were dropped.

Two files are the same decree when their bytes are identical or when they curate
to the same doc_id (the Word file a PDF was printed from, a digital PDF and its
scan, a text conversion of either).  The kept copy is, in this order, the most
exact source: the Word file (`docx`: its cells and merges are what the office
typed) over the Excel workbook (`xlsx`) over the digital PDF (`pdf`, read back
from print) over the text conversion (`text`) over the scan (`pdf_scanned`); then
the copy with fewer error findings; then the first path in sorted order.  The kept decree gets a `duplicate_source`
finding (info) naming each dropped file.

A doc_id names one decree only when the decree has a number.  Plans signed without a
decree number share `<issuer>-<plan year>-rencana-aksi` with every other plan of the
same unit and year: such files are copies only when their titles agree too; a
different plan keeps its own rows under `<doc_id>-<sha256[:8]>`, with a
`doc_id_collision` warning.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from normalize.findings import Finding, Severity
from normalize.records import CuratedDecree

FORMAT_PREFERENCE = ("docx", "xlsx", "pdf", "text", "pdf_scanned")


@dataclass(frozen=True)
class Dropped:
    """A copy left out of the datasets, and the copy kept in its place."""

    decree: CuratedDecree
    kept: CuratedDecree


def preference(decree: CuratedDecree) -> tuple[int, int, str]:
    """Sort key of the copies of one decree: the smallest is kept."""
    rank = FORMAT_PREFERENCE.index(decree.source_format) if decree.source_format in FORMAT_PREFERENCE else len(
        FORMAT_PREFERENCE)
    errors = sum(1 for f in decree.findings if f.severity == Severity.ERROR)
    return rank, errors, decree.source_file


def keep_one_per_doc_id(decrees: list[CuratedDecree]) -> tuple[list[CuratedDecree], list[Dropped]]:
    """The decrees with one copy per doc_id (in their original order), and the copies dropped."""
    decrees = tell_apart_unnumbered_plans(decrees)
    groups: dict[str, list[CuratedDecree]] = defaultdict(list)
    for decree in decrees:
        groups[decree.doc_id].append(decree)
    kept: list[CuratedDecree] = []
    dropped: list[Dropped] = []
    for decree in decrees:
        copies = groups[decree.doc_id]
        best = min(copies, key=preference)
        if decree is not best:
            continue
        others = [c for c in copies if c is not best]
        for other in others:
            best = with_duplicate_finding(best, other.source_file, f"same doc_id, {other.source_format}")
        kept.append(best)
        dropped.extend(Dropped(other, best) for other in others)
    return kept, dropped


def tell_apart_unnumbered_plans(decrees: list[CuratedDecree]) -> list[CuratedDecree]:
    """Give a plan without decree number its own doc_id when another plan took the same one."""
    plans: dict[str, list[CuratedDecree]] = defaultdict(list)  # doc_id -> one copy of each plan under it
    told_apart: list[CuratedDecree] = []
    for decree in decrees:
        seen = plans[decree.doc_id]
        if decree.identity.decree_number is None and seen:
            match = next((plan for plan in seen if _same_plan(decree, plan)), None)
            decree = replace(decree, doc_id=match.doc_id) if match else _own_doc_id(decree, seen[0])
            if match is None:
                seen.append(decree)
        elif not seen:
            seen.append(decree)
        told_apart.append(decree)
    return told_apart


def _own_doc_id(decree: CuratedDecree, first: CuratedDecree) -> CuratedDecree:
    own_id = f"{decree.doc_id}-{decree.source_sha256[:8]}"
    finding = Finding(
        "doc_id_collision", Severity.WARNING,
        f"'{first.source_file}' already has doc_id {decree.doc_id} (same issuer and plan year, no decree "
        f"number) but another title; this plan is kept as {own_id}",
    )
    return replace(decree, doc_id=own_id, findings=[*decree.findings, finding])


def _same_plan(a: CuratedDecree, b: CuratedDecree) -> bool:
    titles = [" ".join((d.identity.title or "").lower().split()) for d in (a, b)]
    return SequenceMatcher(None, titles[0], titles[1]).ratio() >= 0.9


def with_duplicate_finding(decree: CuratedDecree, dropped_file: str, why: str) -> CuratedDecree:
    """A copy of the decree with a `duplicate_source` finding naming the dropped file."""
    finding = Finding(
        "duplicate_source", Severity.INFO,
        f"the same decree is also in '{dropped_file}' ({why}); that copy was left out: "
        f"preferred {' over '.join(FORMAT_PREFERENCE)}, then fewer errors, then path order",
    )
    return replace(decree, findings=[*decree.findings, finding])
