"""One Document -> one CuratedDecree: identity, legal bases, matrix, findings."""

from __future__ import annotations

from extract.document import Document
from normalize.components import assign_components
from normalize.decree import doc_id, read_identity, slug
from normalize.findings import Finding, Severity
from normalize.items import read_matrix
from normalize.legal_bases import read_legal_bases
from normalize.ocr.doubts import low_confidence_notes, second_reading_notes, unknown_word_notes, unread_page_findings
from normalize.ocr.notes import attach
from normalize.ocr.numbering import repair_numbering
from normalize.ocr.words import correct_domain_words
from normalize.records import CuratedDecree


def curate_document(document: Document, source_file: str, source_sha256: str) -> CuratedDecree:
    """Normalise everything an extractor read from one file into schema records."""
    read_by_ocr = document.source_format == "pdf_scanned" or "ocr" in document.extraction_method.split("+")
    identity, findings = read_identity(document.lines, read_by_ocr=read_by_ocr)
    findings += unread_page_findings(document.unread_pages)
    bases, basis_findings = read_legal_bases(document.lines)
    rows, repairs = repair_numbering(document.rows)
    rows, corrections = correct_domain_words(rows)
    matrix = read_matrix(rows, identity.plan_year or identity.decree_year)
    doubts = [*low_confidence_notes(rows), *unknown_word_notes(rows), *second_reading_notes(rows)]
    ocr_findings = attach([*repairs, *corrections, *doubts], matrix.items, rows)
    component_findings = assign_components(matrix.items)
    identifier = doc_id(identity)
    if identifier is None:
        identifier = "unidentified-" + slug(source_file) + "-" + source_sha256[:8]
        findings.append(Finding("doc_id_fallback", Severity.WARNING,
                                f"issuer, number or year unreadable: doc_id made from the file name ({identifier})"))
    return CuratedDecree(
        doc_id=identifier,
        source_file=source_file,
        source_sha256=source_sha256,
        source_format=document.source_format,
        extraction_method=document.extraction_method,
        page_count=document.page_count,
        identity=identity,
        columns=matrix.columns,
        items=matrix.items,
        legal_bases=bases,
        findings=[*findings, *basis_findings, *matrix.findings, *ocr_findings, *component_findings],
    )
