"""Turn a digital PDF into a synthetic scan: page images only, no text layer.

Every page is rasterised at the style's resolution and degraded the way office
copies of signed decrees are: grey paper, a small random skew, sensor noise, a
coloured ink stamp over the signature, JPEG compression.  The result is a PDF of
JPEG images whose page size keeps the resolution (pixels / 72 * dpi points), so a
landscape matrix page stays a landscape image between portrait body pages, as a
document scanner writes them.  A scanner's thin table rules come out broken: its
JPEG blocks (8 x 8 pixels) wash out some rule pieces (`rule_gaps`).
Everything is seeded: the same input and style give the same bytes.

Presets: `clean_200` (a decent office scan), `hard_150` (a poor copy), `scanner_200` and
`scanner_300` (a document scanner's own JPEG pages: near-white paper, little skew,
blocky compression, thin rules with gaps), `stamped_150` (150 dpi, a strong stamp).

    python -m synth.scan IN.pdf OUT.pdf --preset clean_200
    python -m synth.scan --folder tests/fixtures/generated    (every *.a4.pdf, every preset)
"""

from __future__ import annotations

import argparse
import io
import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

# Line openings of a decree's signature blocks; the stamp is laid over the block they start.
SIGNATURE_CUES = ("Ditetapkan di", "KETUA", "Salinan sesuai")
STAMP_WORDS = ("KOMISI PEMILIHAN UMUM", "SEKRETARIAT")
PRESETS = ("clean_200", "hard_150", "scanner_200", "scanner_300", "stamped_150")
JPEG_BLOCK = 8  # pixels: the side of a JPEG block


@dataclass(frozen=True)
class ScanStyle:
    """How a page is degraded.  Lengths are in pixels at `dpi`, grey levels 0..255."""

    dpi: int = 200
    max_rotation: float = 2.0  # degrees, drawn per page from [-max, +max]
    paper_grey: int = 236  # background level of the paper
    shading: float = 0.0  # depth of uneven illumination (0..1 of the paper level)
    noise_sigma: float = 5.0  # Gaussian sensor noise
    blur_radius: float = 0.0  # optical softness before noise
    ink_fade: float = 0.0  # how much lighter black print comes out (0..1)
    jpeg_quality: int = 80
    stamp_opacity: float = 0.55
    stamp_colour: tuple[int, int, int] = (58, 72, 190)  # ink of the office stamp
    signature_colour: tuple[int, int, int] = (20, 40, 120)  # pen ink of the signature
    seed: int = 2026
    # Text laid over the images: "none"; "stray": a scanner app's visible line on each page;
    # "hidden": the page's words as invisible text (another program's OCR layer).
    text_layer: str = "none"
    # Share of the JPEG blocks a thin table rule crosses where the rule is washed out (a gap).
    rule_gaps: float = 0.0

    @classmethod
    def clean_200(cls) -> ScanStyle:
        """A decent office scan: 200 dpi, light noise, quality-80 JPEG."""
        return cls()

    @classmethod
    def hard_150(cls) -> ScanStyle:
        """A poor copy: 150 dpi, darker uneven paper, soft faded print, heavy JPEG, strong stamp."""
        return cls(dpi=150, paper_grey=218, shading=0.12, noise_sigma=11.0, blur_radius=0.5,
                   ink_fade=0.18, jpeg_quality=40, stamp_opacity=0.7)

    @classmethod
    def scanner_200(cls) -> ScanStyle:
        """A document scanner's 200 ppi JPEG pages: near-white paper, straight feed, blocky compression,
        thin rules broken at the JPEG blocks."""
        return cls(dpi=200, max_rotation=0.4, paper_grey=246, noise_sigma=2.5, jpeg_quality=55, rule_gaps=0.12)

    @classmethod
    def scanner_300(cls) -> ScanStyle:
        """The same scanner at 300 ppi."""
        return replace(cls.scanner_200(), dpi=300, jpeg_quality=60, rule_gaps=0.08)

    @classmethod
    def stamped_150(cls) -> ScanStyle:
        """A 150 dpi scan of a stamped decree: clean enough paper, a strong office stamp over the signature."""
        return cls(dpi=150, max_rotation=1.0, paper_grey=240, noise_sigma=6.0, jpeg_quality=60, stamp_opacity=0.85)

    @classmethod
    def preset(cls, name: str) -> ScanStyle:
        """The preset of that name (one of PRESETS)."""
        presets = {"clean_200": cls.clean_200, "hard_150": cls.hard_150, "scanner_200": cls.scanner_200,
                   "scanner_300": cls.scanner_300, "stamped_150": cls.stamped_150}
        if name not in presets:
            raise ValueError(f"unknown scan preset '{name}' (expected one of {', '.join(presets)})")
        return presets[name]()


def scan_pdf(pdf: Path, out: Path, style: ScanStyle, pages: Sequence[int] | None = None) -> None:
    """Write `out`: the pages of `pdf` (or those of the 0-based `pages`) as degraded JPEG images.

    A page is degraded the same whichever others are scanned with it.
    """
    document = pdfium.PdfDocument(str(pdf))
    try:
        chosen = range(len(document)) if pages is None else pages
        images = [_scan_page(document[index], index, style) for index in chosen]
        texts = [_page_text(document[index]) for index in chosen]
    finally:
        document.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    _write_image_pdf(images, out, style.dpi, [_text_layer(text, style.text_layer) for text in texts])


def _page_text(page: pdfium.PdfPage) -> str:
    textpage = page.get_textpage()
    try:
        return textpage.get_text_range()
    finally:
        textpage.close()


def _text_layer(page_text: str, kind: str) -> tuple[list[str], int]:
    """The lines to lay over a scanned page and their render mode (0 visible, 3 invisible)."""
    if kind == "stray":
        return ["Dipindai dengan CamScanner"], 0
    if kind == "hidden":
        return [line for line in page_text.splitlines() if line.strip()], 3
    if kind != "none":
        raise ValueError(f"unknown text layer '{kind}' (expected none, stray or hidden)")
    return [], 0


def _scan_page(page: pdfium.PdfPage, index: int, style: ScanStyle) -> bytes:
    rng = random.Random(style.seed * 1000 + index)
    scale = style.dpi / 72
    image = page.render(scale=scale).to_pil().convert("RGB")
    image = _fade(image, style.ink_fade)
    for box in _signature_boxes(page):
        image = _sign_and_stamp(image, [v * scale for v in box], style, rng)
    angle = rng.uniform(-style.max_rotation, style.max_rotation)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(255, 255, 255))
    if style.blur_radius:
        image = image.filter(ImageFilter.GaussianBlur(style.blur_radius))
    pixels = _on_paper(np.asarray(image, dtype=np.float32), style, rng)
    if style.rule_gaps:
        pixels = _break_rules(pixels, style, rng)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "JPEG", quality=style.jpeg_quality, dpi=(style.dpi, style.dpi))
    return buffer.getvalue()


def _fade(image: Image.Image, fade: float) -> Image.Image:
    """Lighten the print: ink level v becomes v + fade * (255 - v)."""
    if not fade:
        return image
    pixels = np.asarray(image, dtype=np.float32)
    return Image.fromarray((pixels + fade * (255 - pixels)).clip(0, 255).astype(np.uint8))


def _on_paper(pixels: np.ndarray, style: ScanStyle, rng: random.Random) -> np.ndarray:
    """Multiply the page onto grey, unevenly lit paper and add sensor noise."""
    height, width = pixels.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    cx, cy = rng.uniform(0, width), rng.uniform(0, height)
    distance = np.hypot(xs - cx, ys - cy) / math.hypot(width, height)
    paper = style.paper_grey * (1 - style.shading * distance)
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, style.noise_sigma, (height, width, 1))
    return (pixels / 255 * paper[..., None] + noise).clip(0, 255).astype(np.uint8)


def _break_rules(pixels: np.ndarray, style: ScanStyle, rng: random.Random) -> np.ndarray:
    """Wash out the thin table rules in a share of the JPEG blocks they cross, as a scanner's
    compression does to faint hairlines: the rule breaks at block edges, the text stays."""
    grey = pixels.mean(axis=2)
    dark = (grey < style.paper_grey * 0.75).astype(np.uint8)
    reach = max(15, style.dpi // 5)  # a rule runs on for at least a fifth of an inch
    rules = np.maximum(cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((1, reach), np.uint8)),
                       cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((reach, 1), np.uint8)))
    height, width = grey.shape
    rows, columns = -(-height // JPEG_BLOCK), -(-width // JPEG_BLOCK)
    gaps = np.random.default_rng(rng.randrange(1 << 30)).random((rows, columns)) < style.rule_gaps
    washed = np.kron(gaps, np.ones((JPEG_BLOCK, JPEG_BLOCK), bool))[:height, :width] & rules.astype(bool)
    out = pixels.copy()
    out[washed] = style.paper_grey
    return out


def _signature_boxes(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    """Boxes (left, top, right, bottom in points from the top-left) of signature blocks on the page."""
    text = page.get_textpage()
    try:
        chars = text.count_chars()
        content = text.get_text_range(0, chars) if chars else ""
        boxes = []
        width, height = page.get_size()
        for cue in SIGNATURE_CUES:
            for match in re.finditer(rf"(?:^|\n)\s*({re.escape(cue)})", content):
                left, _, _, top = text.get_charbox(match.start(1))
                if left > width * 0.35:  # a block on the right half, where decrees sign
                    boxes.append((left, height - top, min(width, left + 220), height - top + 140))
        return _distinct(boxes)
    finally:
        text.close()


def _distinct(boxes: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float, float]]:
    """One box per signature block: drop boxes starting inside an earlier one."""
    kept: list[tuple[float, float, float, float]] = []
    for box in sorted(boxes, key=lambda b: b[1]):
        if not any(k[0] - 5 <= box[0] <= k[2] and k[1] <= box[1] <= k[3] for k in kept):
            kept.append(box)
    return kept


def _sign_and_stamp(image: Image.Image, box: list[float], style: ScanStyle, rng: random.Random) -> Image.Image:
    """Draw a pen signature and a round office stamp over the block's left part, ink multiplied."""
    left, top, right, bottom = box
    ink = Image.new("RGB", image.size, (255, 255, 255))
    draw = ImageDraw.Draw(ink)
    _signature(draw, (left + (right - left) * 0.35, top + (bottom - top) * 0.55), (right - left) * 0.35,
               style.signature_colour, rng)
    radius = (bottom - top) * 0.42
    centre = (left - radius * 0.15, top + (bottom - top) * 0.5)
    _stamp(draw, centre, radius, style.stamp_colour, rng)
    faded = _fade(ink, 1 - style.stamp_opacity)
    return Image.fromarray((np.asarray(image, dtype=np.uint16) * np.asarray(faded) // 255).astype(np.uint8))


def _signature(draw: ImageDraw.ImageDraw, centre: tuple[float, float], width: float,
               colour: tuple[int, int, int], rng: random.Random) -> None:
    cx, cy = centre
    points = []
    for step in range(60):
        t = step / 59
        x = cx - width / 2 + width * t
        y = cy + math.sin(t * rng.uniform(9, 14)) * width * 0.12 * (1 - t * 0.5)
        points.append((x, y))
    draw.line(points, fill=colour, width=max(2, int(width / 60)), joint="curve")


def _stamp(draw: ImageDraw.ImageDraw, centre: tuple[float, float], radius: float,
           colour: tuple[int, int, int], rng: random.Random) -> None:
    cx, cy = centre
    stroke = max(2, int(radius / 18))
    for r in (radius, radius * 0.68):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=colour, width=stroke)
    font = _font(max(8, int(radius / 5.5)))
    text = rng.choice(STAMP_WORDS)
    for index, letter in enumerate(text):
        angle = -math.pi / 2 + (index / max(1, len(text) - 1) - 0.5) * math.radians(300)
        x, y = cx + radius * 0.84 * math.cos(angle), cy + radius * 0.84 * math.sin(angle)
        draw.text((x, y), letter, fill=colour, font=font, anchor="mm")
    draw.regular_polygon((cx, cy, radius * 0.3), 5, rotation=rng.uniform(0, 72), fill=colour)


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        return ImageFont.load_default(size)


def _write_image_pdf(pages: list[bytes], out: Path, dpi: int, layers: list[tuple[list[str], int]]) -> None:
    """A PDF of the JPEG pages, embedded as they are, sized so each image lands at `dpi`, with their text layers."""
    saved, rl_config.useA85 = rl_config.useA85, 0  # JPEG data as is, not ASCII85-inflated
    try:
        canvas = Canvas(str(out), pageCompression=0)
        canvas.setCreator("synth.scan")
        for jpeg, (lines, mode) in zip(pages, layers):
            reader = ImageReader(io.BytesIO(jpeg))
            width, height = reader.getSize()
            size = (width * 72 / dpi, height * 72 / dpi)
            canvas.setPageSize(size)
            canvas.drawImage(reader, 0, 0, width=size[0], height=size[1])
            if lines:
                text = canvas.beginText(36, size[1] - 20)
                text.setTextRenderMode(mode)
                text.setFont("Helvetica", 7)
                for line in lines:
                    text.textLine(line)
                canvas.drawText(text)
            canvas.showPage()
        canvas.save()
    finally:
        rl_config.useA85 = saved


def scan_folder(folder: Path, match: str = "*.a4.pdf", presets: tuple[str, ...] = PRESETS) -> list[Path]:
    """Scan every digital PDF in `folder` matching `match` in each preset: `<stem>.<preset>.pdf`."""
    written = []
    for pdf in sorted(folder.glob(match)):
        if any(pdf.stem.endswith("." + preset) for preset in PRESETS):
            continue
        for preset in presets:
            out = pdf.with_name(f"{pdf.stem}.{preset}.pdf")
            scan_pdf(pdf, out, ScanStyle.preset(preset))
            written.append(out)
    return written


def main(argv: list[str] | None = None) -> None:
    """python -m synth.scan IN.pdf OUT.pdf [--preset P] [--seed N] | python -m synth.scan --folder DIR [--match GLOB]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path, nargs="?")
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--preset", default="clean_200", choices=PRESETS)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--folder", type=Path, help="scan every matching PDF of this folder in every preset")
    parser.add_argument("--match", default="*.a4.pdf", help="which PDFs of --folder to scan")
    parser.add_argument("--presets", nargs="+", choices=PRESETS, default=list(PRESETS),
                        help="the presets --folder scans in (every one by default)")
    args = parser.parse_args(argv)
    if args.folder is not None:
        scan_folder(args.folder, args.match, tuple(args.presets))
        return
    if args.pdf is None or args.out is None:
        parser.error("give IN.pdf and OUT.pdf, or --folder DIR")
    style = ScanStyle.preset(args.preset)
    if args.seed is not None:
        style = replace(style, seed=args.seed)
    scan_pdf(args.pdf, args.out, style)


if __name__ == "__main__":
    main()
