"""PDFs with scanned pages: digital pages read directly, image pages by OCR.

`read_pdf_with_ocr` runs the digital PDF reader (extract.pdf) with an OCR page
reader for the pages that have no text layer.  A PDF all of whose pages were
OCR'd is a scan: source_format "pdf_scanned", extraction_method "ocr".  With
`workers` > 1 the pages needing OCR are rendered first and read in parallel
(Tesseract runs in-process, one thread and one loaded model per worker thread).
A page Tesseract cannot read is left empty and recorded in
`Document.unread_pages`; the rest of the decree is read as usual.
"""

from __future__ import annotations

import logging
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2 as pdfium

from extract.document import Document, Row, UnreadPage
from extract.pdf import PageResult, read_pdf
from extract.pdf.page import read_page
from extract.pdf.reader import TableEnd

if TYPE_CHECKING:  # the OCR stack (OpenCV, tesserocr) is imported on the first scanned page, never for digital ones
    from extract.ocr import PageReading, PlacedLine
    from extract.raster import PageImage
    from extract.tesseract import OcrFailedError

FURNITURE_BAND = 0.1  # page numbers stand in the top or bottom tenth of a page
_PAGE_NUMBER = re.compile(r"^[\s\-–—.]*(?:(?:halaman|hal\.?|page)\s*)?\d{1,4}(?:\s*(?:dari|of)\s*\d{1,4})?[\s\-–—.]*$",
                          re.IGNORECASE)
log = logging.getLogger(__name__)


def read_pdf_with_ocr(path: Path, workers: int = 1) -> Document:
    """Read a PDF whose pages may be scans into a Document; a PDF of scans only is "pdf_scanned"."""
    reader = OcrPageReader()
    if workers > 1:
        reader.read_ahead(path, workers)
    document = read_pdf(path, scanned_page_reader=reader)
    document.unread_pages = [UnreadPage(number, reason) for number, reason in sorted(reader.unread.items())]
    if document.page_count and reader.pages_read == set(range(1, document.page_count + 1)):
        document.source_format = "pdf_scanned"
        document.extraction_method = "ocr"
    return document


def needs_ocr(page: pdfium.PdfPage) -> bool:
    """True for a scanned page: an image covers most of it and its visible text is at most a stray line."""
    return read_page(page, 0).is_scan


class OcrPageReader:
    """A `ScannedPageReader` for extract.pdf.read_pdf: OCR of one page, or of pages read ahead."""

    def __init__(self) -> None:
        self._ahead: dict[int, PageReading | OcrFailedError] = {}
        self.pages_read: set[int] = set()
        self.unread: dict[int, str] = {}  # page -> why OCR could not read it

    def read_ahead(self, path: Path, workers: int) -> None:
        """OCR every scanned page of `path` now, `workers` pages at a time (pages render one by one)."""
        from extract.raster import render_page

        pdf = pdfium.PdfDocument(str(path))
        try:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                futures = {}
                for index in range(len(pdf)):
                    page = pdf[index]
                    try:
                        if needs_ocr(page):
                            futures[index + 1] = pool.submit(_read, render_page(page, index + 1))
                    finally:
                        page.close()
                self._ahead = {number: future.result() for number, future in futures.items()}
        finally:
            pdf.close()

    def __call__(self, page: pdfium.PdfPage, number: int) -> PageResult:
        from extract.raster import render_page
        from extract.tesseract import OcrFailedError

        reading = self._ahead.pop(number, None) or _read(render_page(page, number))
        self.pages_read.add(number)
        if isinstance(reading, OcrFailedError):
            log.warning("%s", reading)
            self.unread[number] = reading.detail
            return PageResult()
        return page_result(reading, page.get_size())


def _read(image: PageImage) -> PageReading | OcrFailedError:
    """The page read by OCR, or the error that stopped Tesseract on it."""
    from extract.ocr import read_page_image
    from extract.tesseract import OcrFailedError

    try:
        return read_page_image(image)
    except OcrFailedError as error:
        return error


def page_result(reading: PageReading, size: tuple[float, float]) -> PageResult:
    """An OCR'd page in the digital reader's terms: running text, rows, where its last table ends."""
    width, height = size
    lines = [placed for placed in reading.lines if not _furniture(placed, height)]
    rows: list[Row] = []
    table_end = None
    for number, table in enumerate(reading.tables):
        filled = [cells for cells in table.rows if any(cell.text for cell in cells)]
        last_table = number == len(reading.tables) - 1
        ends_page = last_table and (table.open_bottom or not any(p.top >= table.bottom - 0.5 for p in lines))
        for index, cells in enumerate(filled):
            at_bottom = ends_page and index == len(filled) - 1
            rows.append(Row(cells=cells, page=reading.page_no, segment=0, reaches_page_bottom=at_bottom))
        if ends_page and filled:
            table_end = TableEnd(table.bottom, table.line_height, (round(width), round(height)))
    return PageResult(lines=[placed.line for placed in lines], rows=rows, method="ocr", table_end=table_end)


def _furniture(placed: PlacedLine, page_height: float) -> bool:
    """A page number printed in the top or bottom margin."""
    band = page_height * FURNITURE_BAND
    in_margin = placed.bottom < band or placed.top > page_height - band
    return in_margin and bool(_PAGE_NUMBER.match(placed.line.text))
