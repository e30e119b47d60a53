"""One decree, several files: keep one copy by a stated preference, say which were dropped.

Two files are the same decree when their bytes are identical or when they curate
to the same doc_id (a digital PDF and its scan, a text conversion of either) and
carry the same title (tolerant of OCR slips).  Two different documents that the
doc_id rule names alike (two plans of one unit for one year, each
`<unit>-<year>-rencana-aksi`) are both kept: the second, in path order, gets the
suffix `-2` (then `-3`, ...) and a `doc_id_collision` warning.
The kept copy is, in this order: the digital PDF (`pdf`) over the text conversion
(`text`) over the scan (`pdf_scanned`); then the copy with fewer error findings;
then the first path in sorted order.  The kept decree gets a `duplicate_source`
finding (info) naming each dropped file.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from normalize.findings import Finding, Severity
from normalize.records import CuratedDecree

FORMAT_PREFERENCE = ("pdf", "text", "pdf_scanned")
# Two titles at least this similar (rapidfuzz ratio, 0-100) are one document's, read twice.
SAME_TITLE_SIMILARITY = 85


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
    decrees = tell_apart_colliding_documents(decrees)
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


def with_duplicate_finding(decree: CuratedDecree, dropped_file: str, why: str) -> CuratedDecree:
    """A copy of the decree with a `duplicate_source` finding naming the dropped file."""
    finding = Finding(
        "duplicate_source", Severity.INFO,
        f"the same decree is also in '{dropped_file}' ({why}); that copy was left out: "
        "preferred pdf over text over pdf_scanned, then fewer errors, then path order",
    )
    return replace(decree, findings=[*decree.findings, finding])


def tell_apart_colliding_documents(decrees: list[CuratedDecree]) -> list[CuratedDecree]:
    """The decrees, those sharing a doc_id but not a title given doc_ids of their own (`-2`, `-3`, ...)."""
    by_doc_id: dict[str, list[CuratedDecree]] = defaultdict(list)
    for decree in sorted(decrees, key=lambda d: d.source_file):
        by_doc_id[decree.doc_id].append(decree)
    renamed: dict[int, CuratedDecree] = {}
    taken = {decree.doc_id for decree in decrees}
    for doc_id, copies in by_doc_id.items():
        documents: list[list[CuratedDecree]] = []
        for decree in copies:
            same = next((group for group in documents if _same_title(group[0], decree)), None)
            if same is None:
                documents.append([decree])
            else:
                same.append(decree)
        for number, group in enumerate(documents[1:], start=2):
            while f"{doc_id}-{number}" in taken:
                number += 1
            new_id = f"{doc_id}-{number}"
            taken.add(new_id)
            for decree in group:
                renamed[id(decree)] = _renamed(decree, new_id, documents[0][0])
    return [renamed.get(id(decree), decree) for decree in decrees]


def _same_title(one: CuratedDecree, other: CuratedDecree) -> bool:
    """Titles equal but for OCR slips (or one of them unread)."""
    first, second = one.identity.title, other.identity.title
    if not first or not second:
        return True
    return fuzz.ratio(first.casefold(), second.casefold()) >= SAME_TITLE_SIMILARITY


def _renamed(decree: CuratedDecree, new_id: str, first: CuratedDecree) -> CuratedDecree:
    finding = Finding(
        "doc_id_collision", Severity.WARNING,
        f"'{first.source_file}' (title {first.identity.title!r}) has the same doc_id {decree.doc_id!r} but is another "
        f"document (title {decree.identity.title!r}); this one is {new_id!r}",
    )
    return replace(decree, doc_id=new_id, findings=[*decree.findings, finding])
