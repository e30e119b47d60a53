"""Choosing the extractor for a file by what its bytes are, not by its name.

- `%PDF`: a PDF (digital, scanned or both: extract.scanned);
- a zip package: Word (`.docx`: extract.docx) or Excel (`.xlsx`: extract.xlsx) by its
  content types; an OpenDocument file (`.odt`, `.ods`) is converted by LibreOffice;
  any other zip is refused;
- an OLE compound file: a password-protected Office file (its `EncryptedPackage`)
  is refused as `encrypted`; a legacy Word or Excel file (`.doc`, `.xls`) is
  converted by LibreOffice (extract.convert);
- `{\\rtf`: Rich Text, converted by LibreOffice;
- otherwise a text conversion when the name says so (`.txt`, `.md`).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from extract.document import Document
from extract.errors import CorruptSourceError, EmptySourceError, EncryptedSourceError, UnsupportedFormatError
from extract.text import read_text

TEXT_SUFFIXES = {".txt", ".md", ".text"}
PDF_SUFFIXES = {".pdf"}
OFFICE_SUFFIXES = {".docx", ".docm", ".xlsx", ".xlsm", ".doc", ".xls", ".odt", ".ods", ".rtf"}
_ZIP = b"PK\x03\x04"
_OLE = bytes.fromhex("D0CF11E0A1B11AE1")
_RTF = b"{\\rtf"
# main-part content types of a Word and an Excel package (documents, templates, macro-enabled)
_WORD_TYPES = ("wordprocessingml.document.main", "wordprocessingml.template.main", "ms-word.document.macroEnabled",
               "ms-word.template.macroEnabled")
_EXCEL_TYPES = ("spreadsheetml.sheet.main", "spreadsheetml.template.main", "ms-excel.sheet.macroEnabled",
                "ms-excel.template.macroEnabled")
_OPEN_DOCUMENT = {"application/vnd.oasis.opendocument.text": ("odt", "docx"),
                  "application/vnd.oasis.opendocument.spreadsheet": ("ods", "xlsx")}


def read_document(path: Path) -> Document:
    """Extract one source file into a Document; raises a SourceError for a bad file."""
    with path.open("rb") as stream:
        head = stream.read(1024)
    if not head.strip():
        raise EmptySourceError(path, "the file is empty")
    if head.lstrip().startswith(b"%PDF"):
        from extract.scanned import read_pdf_with_ocr  # imported late: the PDF and OCR stack is heavy

        return read_pdf_with_ocr(path)
    if head.startswith(_ZIP):
        return _read_package(path)
    if head.startswith(_OLE):
        return _read_compound_file(path)
    if head.startswith(_RTF):
        return _convert(path, "rtf", "docx")
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        raise UnsupportedFormatError(path, "named .pdf but is not a PDF (no %PDF header); check the file")
    if suffix in OFFICE_SUFFIXES:
        raise UnsupportedFormatError(path, f"named {suffix} but is not an Office file (neither a zip package nor "
                                           "an OLE compound file); check the file")
    if suffix in TEXT_SUFFIXES:
        return read_text(path)
    raise UnsupportedFormatError(path, f"unsupported file type '{path.suffix}' "
                                       "(expected .pdf, .docx, .xlsx, .doc, .xls, .odt, .rtf or .txt)")


def _read_package(path: Path) -> Document:
    """A zip package: Word or Excel by its content types, OpenDocument by its mimetype."""
    try:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            content_types = _member(package, "[Content_Types].xml")
            mimetype = _member(package, "mimetype").strip()
    except (zipfile.BadZipFile, OSError) as error:
        raise CorruptSourceError(path, f"the zip package is damaged or truncated ({error}); "
                                       "download or save the file again") from error
    if any(kind in content_types for kind in _WORD_TYPES):
        from extract.docx import read_docx

        return read_docx(path)
    if any(kind in content_types for kind in _EXCEL_TYPES):
        from extract.xlsx import read_xlsx

        return read_xlsx(path)
    if mimetype in _OPEN_DOCUMENT:
        return _convert(path, *_OPEN_DOCUMENT[mimetype])
    shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
    raise UnsupportedFormatError(path, f"a zip archive that is neither a Word nor an Excel file "
                                       f"(no word/document.xml or xl/workbook.xml; it holds {shown or 'nothing'})")


def _member(package: zipfile.ZipFile, name: str) -> str:
    try:
        return package.read(name)[:65536].decode("utf-8", "replace")
    except KeyError:
        return ""


def _read_compound_file(path: Path) -> Document:
    """An OLE compound file: a password-protected Office file, or a legacy .doc / .xls."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as compound:
            streams = {"/".join(entry).lower() for entry in compound.listdir()}
    except Exception as error:  # olefile raises OSError, struct.error, IndexError ... on a damaged file
        raise CorruptSourceError(path, f"the Office file is damaged ({error}); download or save it again") from error
    if "encryptedpackage" in streams:
        raise EncryptedSourceError(path, "the Office file is password-protected; ask the office for an open copy "
                                         "or save it without a password, and curate again")
    if "worddocument" in streams:
        return _convert(path, "doc", "docx")
    if "workbook" in streams or "book" in streams:
        return _convert(path, "xls", "xlsx")
    raise UnsupportedFormatError(path, "an OLE compound file that is neither a Word (.doc) nor an Excel (.xls) "
                                       "document; check the file")


def _convert(path: Path, kind: str, target: str) -> Document:
    from extract.convert import read_converted

    if target == "docx":
        from extract.docx import read_docx as reader
    else:
        from extract.xlsx import read_xlsx as reader
    return read_converted(path, kind, target, reader)
