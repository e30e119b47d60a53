"""Choosing the extractor for a file by what its bytes are, not by its name."""

from __future__ import annotations

from pathlib import Path

from extract.document import Document
from extract.errors import EmptySourceError, UnsupportedFormatError
from extract.text import read_text

TEXT_SUFFIXES = {".txt", ".md", ".text"}
PDF_SUFFIXES = {".pdf"}


def read_document(path: Path) -> Document:
    """Extract one source file into a Document; raises a SourceError for a bad file."""
    with path.open("rb") as stream:
        head = stream.read(1024)
    if not head.strip():
        raise EmptySourceError(path, "the file is empty")
    if head.lstrip().startswith(b"%PDF"):
        from extract.scanned import read_pdf_with_ocr  # imported late: the PDF and OCR stack is heavy

        return read_pdf_with_ocr(path)
    if path.suffix.lower() in PDF_SUFFIXES:
        raise UnsupportedFormatError(path, "named .pdf but is not a PDF (no %PDF header); check the file")
    if path.suffix.lower() in TEXT_SUFFIXES:
        return read_text(path)
    raise UnsupportedFormatError(path, f"unsupported file type '{path.suffix}' (expected .pdf or .txt)")
