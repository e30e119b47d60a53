"""Digital PDFs -> Document (see extract.pdf.reader)."""

from extract.pdf.reader import PageResult, ScannedPageReader, read_page_content, read_pdf

__all__ = ["PageResult", "ScannedPageReader", "read_page_content", "read_pdf"]
