"""The ways a source file can be unusable.  One type per kind, each message actionable.

The batch catches these once per file and records them in the manifest; nothing
below the batch prints or exits.
"""

from __future__ import annotations


class SourceError(Exception):
    """A source file that cannot be curated.  `reason` is a short machine-readable kind."""

    reason = "unreadable"

    def __init__(self, path: object, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail


class EmptySourceError(SourceError):
    reason = "empty"


class UnsupportedFormatError(SourceError):
    reason = "unsupported_format"


class CorruptSourceError(SourceError):
    reason = "corrupt"


class EncryptedSourceError(SourceError):
    reason = "encrypted"


class NotADecreeError(SourceError):
    reason = "not_a_decree"


class ConverterMissingError(SourceError):
    """A legacy office file (.doc, .xls, .odt, .rtf) whose converter (LibreOffice) is not installed."""

    reason = "extractor_unavailable"
