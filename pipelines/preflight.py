"""Cheap checks on a PDF before the expensive extraction: readable, not encrypted, not too long.

Opening a PDF with PDFium only reads its cross-reference table, so a 2,000-page
file is refused in milliseconds instead of being extracted page by page.  Text
files pass through: their extractor is cheap and names its own errors.
"""

from __future__ import annotations

from pathlib import Path

from extract.errors import CorruptSourceError
from pipelines.failures import TooManyPagesError

_PDF_MAGIC = b"%PDF"
_EOF_MARKER = b"%%EOF"
_TAIL_BYTES = 2048  # the spec puts %%EOF in the last 1 KB; allow some trailing junk
TEXT_BYTES_PER_PAGE = 4000  # a text conversion reads like a page per ~4 KB (a seed's printed page, ~60 lines)


def is_pdf(path: Path) -> bool:
    """True when the file's bytes start like a PDF, whatever its name."""
    with path.open("rb") as stream:
        return stream.read(1024).lstrip().startswith(_PDF_MAGIC)


def check_pdf(path: Path, max_pages: int) -> int:
    """The page count of a PDF fit to extract; raises a SourceError naming what is wrong."""
    from extract.pdf.opening import open_pdf  # imported late: only PDFs need PDFium

    _check_complete(path)
    document = open_pdf(path)
    try:
        pages = len(document)
    finally:
        document.close()
    if pages > max_pages:
        raise TooManyPagesError(
            path, f"{pages} pages, above the limit of {max_pages} "
                  "(a decree has a few dozen; raise --max-pages if meant)"
        )
    return pages


def _check_complete(path: Path) -> None:
    size = path.stat().st_size
    with path.open("rb") as stream:
        stream.seek(max(0, size - _TAIL_BYTES))
        tail = stream.read()
    if _EOF_MARKER not in tail:
        raise CorruptSourceError(path, "the PDF is truncated (no %%EOF end marker): an incomplete download or copy?")


def estimate_pages(path: Path) -> int:
    """How many pages of work a file is, cheaply: a PDF's page count (its cross-reference table, no
    page is parsed), a text file's size in printed pages; 1 for anything that cannot tell."""
    try:
        if not is_pdf(path):
            return max(1, round(path.stat().st_size / TEXT_BYTES_PER_PAGE))
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(str(path))
        try:
            return max(1, len(document))
        finally:
            document.close()
    except Exception:  # unreadable, damaged, encrypted: the worker names the trouble; here it is one page
        return 1
