"""Digital PDFs -> Document (see extract.pdf.reader)."""

from extract.pdf.reader import ENGINES, PageResult, ScannedPageReader, read_page_content, read_pdf

__all__ = ["ENGINES", "PageResult", "ScannedPageReader", "read_page_content", "read_pdf"]
