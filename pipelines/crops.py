"""Crops of the PDF page regions an item was read from, rendered with pypdfium2."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from extract.document import BBox

DPI = 100
MARGIN = 4.0  # points of page kept around the region


class CropError(Exception):
    """The source PDF could not be opened or rendered."""


@dataclass(frozen=True)
class Crop:
    """One saved PNG: the union of an item's regions on one page."""

    page: int
    path: Path
    width: int
    height: int


def union_by_page(regions: Iterable[tuple[int, BBox]]) -> dict[int, BBox]:
    """The smallest box covering every region, per page, in page order."""
    boxes: dict[int, BBox] = {}
    for page, box in sorted(regions, key=lambda region: region[0]):
        seen = boxes.get(page)
        boxes[page] = box if seen is None else BBox(
            min(seen.x0, box.x0), min(seen.top, box.top), max(seen.x1, box.x1), max(seen.bottom, box.bottom))
    return boxes


class PageRenderer:
    """Renders pages of one PDF at `dpi` and crops regions from them (the last page rendered is kept)."""

    def __init__(self, pdf_path: Path, dpi: int = DPI) -> None:
        import pypdfium2 as pdfium  # imported late: only PDF sources need it

        try:
            self._pdf = pdfium.PdfDocument(str(pdf_path))
        except (pdfium.PdfiumError, OSError) as error:
            raise CropError(f"{pdf_path}: cannot open as PDF ({error})") from error
        self._scale = dpi / 72
        self._current: tuple[int, object] | None = None

    def close(self) -> None:
        """Release the rendered pages and the document."""
        self._current = None
        self._pdf.close()

    def __enter__(self) -> PageRenderer:
        return self

    def __exit__(self, *_) -> None:
        self.close()

    def crop(self, page: int, box: BBox, target: Path) -> Crop:
        """Save the region of a 1-based page (box in points, top-left origin) as a PNG at target."""
        image = self._page_image(page)
        scale = self._scale
        left = max(0, int((box.x0 - MARGIN) * scale))
        upper = max(0, int((box.top - MARGIN) * scale))
        right = min(image.width, int((box.x1 + MARGIN) * scale + 0.999))
        lower = min(image.height, int((box.bottom + MARGIN) * scale + 0.999))
        if right <= left or lower <= upper:
            raise CropError(f"page {page}: region {box} lies outside the page")
        piece = image.crop((left, upper, right, lower))
        target.parent.mkdir(parents=True, exist_ok=True)
        piece.save(target, format="PNG", optimize=True)
        return Crop(page, target, piece.width, piece.height)

    def _page_image(self, page: int):
        if self._current is None or self._current[0] != page:
            if not 1 <= page <= len(self._pdf):
                raise CropError(f"page {page} is not in the PDF ({len(self._pdf)} pages)")
            self._current = (page, self._pdf[page - 1].render(scale=self._scale).to_pil().convert("RGB"))
        return self._current[1]
