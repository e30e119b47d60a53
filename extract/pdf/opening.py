"""Open a PDF with PDFium, or say in one stable, true word why it cannot be read.

PDFium's error code cannot be trusted to say why a load failed: it is one global,
set only by some failures, so a file PDFium refuses without setting it (a PDF
whose page tree is empty) reports whatever failed last in the process (an
encrypted file curated just before: "encrypted" on one run, "corrupt" on the
next).  When PDFium refuses a file, pdfminer (under pdfplumber) is asked what is
wrong with it instead: a password, no pages, or a damaged file.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from extract.errors import CorruptSourceError, EmptySourceError, EncryptedSourceError, SourceError


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """The PDF opened with PDFium, with at least one page; a SourceError naming what is wrong otherwise."""
    if path.stat().st_size == 0:
        raise EmptySourceError(path, "the file is empty")
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        raise _why_unreadable(path) from None
    if len(pdf) == 0:
        pdf.close()
        raise _no_pages(path)
    return pdf


def _why_unreadable(path: Path) -> SourceError:
    import pdfplumber  # imported late: only files PDFium refuses need a second opinion
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
    except PdfminerException as error:
        if error.args and isinstance(error.args[0], (PDFPasswordIncorrect, PDFEncryptionError)):
            return EncryptedSourceError(path, "the PDF is password-protected; ask the office for an unprotected copy "
                                              "or remove the password (qpdf --decrypt) and curate again")
        return _damaged(path)
    except Exception:  # pdfminer fails on damaged files in many ways of its own
        return _damaged(path)
    return _no_pages(path) if pages == 0 else _damaged(path)


def _no_pages(path: Path) -> SourceError:
    return EmptySourceError(path, "the PDF has no pages; download it again")


def _damaged(path: Path) -> SourceError:
    return CorruptSourceError(path, "the PDF cannot be parsed (truncated or damaged); download it again or "
                                    "repair it (qpdf, Ghostscript) and curate again")
