"""Page images of scanned PDFs: rendering, colour drop-out, paper flattening, deskew.

A scanned page is rendered at the resolution of the image it carries, turned into
a grey image in which coloured ink (stamps, blue signatures) drops out, divided by
its own paper so the background is white, and rotated straight.  All images are
numpy arrays, uint8, 0 = black.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

MIN_DPI, MAX_DPI = 150, 400  # coarser scans are rendered up to 150 dpi (Tesseract fails on tinier letters)
SKEW_RANGE = 5.0  # degrees searched either way
SIDEWAYS_FACTOR = 2.0  # column profile this much sharper than the row profile: the page lies on its side
_SKEW_WIDTH = 600  # the skew search works on an image this wide


@dataclass(frozen=True)
class PageImage:
    """A page as pixels, with what it takes to turn pixels back into PDF points."""

    grey: np.ndarray  # uint8, 0 = ink
    dpi: float
    page_no: int  # 1-based
    size_pt: tuple[float, float]  # page width, height in points

    def to_points(self, pixels: float) -> float:
        return pixels * 72.0 / self.dpi


def page_dpi(page: pdfium.PdfPage, default: float = 200.0) -> float:
    """The resolution to read the page at: its largest image's (pixels per inch of its drawn width), within limits."""
    best: tuple[float, float] | None = None
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        width_px, height_px = obj.get_px_size()
        drawn = max(right - left, 1e-6)
        area = (right - left) * (top - bottom)
        if best is None or area > best[0]:
            best = (area, width_px / drawn * 72.0)
    dpi = best[1] if best else default
    return float(min(MAX_DPI, max(MIN_DPI, round(dpi))))


def render_page(page: pdfium.PdfPage, page_no: int, dpi: float | None = None) -> PageImage:
    """Render a PDF page at `dpi` (default: its image's own resolution) as a PageImage of colour-dropped grey."""
    dpi = dpi or page_dpi(page)
    bitmap = page.render(scale=dpi / 72.0, rev_byteorder=True)
    return PageImage(drop_colour(bitmap.to_numpy()), dpi, page_no, tuple(page.get_size()))


def drop_colour(rgb: np.ndarray) -> np.ndarray:
    """Grey image in which saturated ink (stamps, blue pens) turns pale: the brightest channel."""
    return np.ascontiguousarray(np.maximum(np.maximum(rgb[..., 0], rgb[..., 1]), rgb[..., 2]))


def flatten_paper(grey: np.ndarray, dpi: float) -> np.ndarray:
    """Divide the image by its paper (a smooth estimate of the background): white paper, even light."""
    factor = 8
    small = cv2.resize(grey, (max(1, grey.shape[1] // factor), max(1, grey.shape[0] // factor)),
                       interpolation=cv2.INTER_AREA)
    size = _odd(dpi * 0.25 / factor)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)  # ink is thinner than the kernel: paper remains
    paper = cv2.medianBlur(paper, 5)
    paper = cv2.resize(paper, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    flat = grey.astype(np.float32) / np.maximum(paper.astype(np.float32), 1.0) * 255.0
    return np.clip(flat, 0, 255).astype(np.uint8)


def ink_mask(grey: np.ndarray) -> np.ndarray:
    """Binary mask of ink (255) on a flattened image: Otsu's threshold, kept below paper level."""
    threshold, _ = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    threshold = min(max(threshold, 100), 200)  # a bilevel page makes Otsu answer 0
    return np.where(grey < threshold, 255, 0).astype(np.uint8)


def despeckle(ink: np.ndarray) -> np.ndarray:
    """The ink mask without isolated specks (noise, JPEG blotches): a 3x3 median."""
    return cv2.medianBlur(ink, 3)


def estimate_skew(grey: np.ndarray, search: float = SKEW_RANGE) -> float:
    """The angle (degrees, counter-clockwise) that straightens the text lines and rulings of a flattened page."""
    scale = min(1.0, _SKEW_WIDTH / grey.shape[1])
    small = ink_mask(cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)).astype(np.float32)
    if small.sum() == 0:
        return 0.0
    best = _best_angle(small, np.arange(-search, search + 1e-9, 0.5))
    best = _best_angle(small, np.arange(best - 0.4, best + 0.4 + 1e-9, 0.1))
    return float(_best_angle(small, np.arange(best - 0.08, best + 0.08 + 1e-9, 0.02)))


def looks_sideways(grey: np.ndarray) -> bool:
    """Do the page's text lines run down it (a landscape page scanned on its side)?

    Text lines make the row profile of the ink far sharper than the column profile;
    on a page lying on its side it is the other way round.
    """
    scale = min(1.0, _SKEW_WIDTH / max(grey.shape))
    small = ink_mask(cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)).astype(np.float32)
    return _profile_sharpness(small.T) > SIDEWAYS_FACTOR * _profile_sharpness(small)


def _best_angle(small: np.ndarray, angles: np.ndarray) -> float:
    """The angle whose rotation gives the sharpest row profile (sum of squared row-sum steps)."""
    scores = [_profile_sharpness(rotate(small, angle)) for angle in angles]
    return float(angles[int(np.argmax(scores))])


def _profile_sharpness(image: np.ndarray) -> float:
    rows = image.sum(axis=1)
    return float(np.square(np.diff(rows)).sum())


def rotate(image: np.ndarray, angle: float, fill: float = 0) -> np.ndarray:
    """Rotate about the centre by `angle` degrees counter-clockwise, keeping the size."""
    if angle == 0:
        return image
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=fill)


def _odd(value: float) -> int:
    number = max(3, int(round(value)))
    return number if number % 2 else number + 1
