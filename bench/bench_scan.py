"""Scanned-PDF throughput against bare Tesseract: `python bench/bench_scan.py [--preset clean_200] [--repeat N]`.

The seed decrees are rendered (synth.pdf) and scanned (synth.scan) into a raw
folder; then, in one run and both with OMP_THREAD_LIMIT=1, one page at a time:

- the whole scanned path: extract (render, clean, deskew, grid, OCR) + normalize +
  write Parquet, i.e. `pipelines.curate.curate_folder` on the folder;
- bare `tesseract -l ind` on the very page images the scans embed, at their own
  resolution (the JPEGs, extracted once beforehand), text output.

Wall-clock and CPU seconds (this process and its children) are reported; the
figures go to bench/RESULTS-scan.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["OMP_THREAD_LIMIT"] = "1"

import pypdfium2 as pdfium  # noqa: E402
import pypdfium2.raw as pdfium_c  # noqa: E402

from extract.text import read_text  # noqa: E402
from pipelines.curate import curate_folder  # noqa: E402
from synth.fixtures import SEEDS  # noqa: E402
from synth.pdf import RenderStyle, render_pdf  # noqa: E402
from synth.scan import ScanStyle, scan_pdf  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS-scan.md"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", action="append", choices=["clean_200", "hard_150"],
                        help="scan preset(s) to time (default: both)")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs of each (the best is reported)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    presets = args.preset or ["clean_200", "hard_150"]
    sections = []
    with tempfile.TemporaryDirectory(prefix="bench_scan_") as tmp:
        for preset in presets:
            raw = Path(tmp) / preset / "raw"
            images = Path(tmp) / preset / "images"
            pages = _scans(raw, ScanStyle.preset(preset))
            image_files = _page_images(raw, images)
            whole, bare = [], []
            for _ in range(args.repeat):
                whole.append(_measure(lambda: curate_folder(raw, Path(tmp) / preset / "out")))
                bare.append(_measure(lambda: _bare_tesseract(image_files, Path(tmp) / preset / "txt")))
            sections.append((preset, pages, min(whole), min(bare)))
    report = _report(sections)
    args.out.write_text(report, encoding="utf-8")
    sys.stdout.write(report)


def _scans(raw: Path, style: ScanStyle) -> int:
    """Render and scan every seed into `raw`; the number of pages."""
    raw.mkdir(parents=True)
    pages = 0
    with tempfile.TemporaryDirectory() as digital:
        for seed in sorted(SEEDS.glob("*.txt")):
            pdf = Path(digital) / f"{seed.stem}.pdf"
            render_pdf(read_text(seed), pdf, RenderStyle())
            scan_pdf(pdf, raw / f"{seed.stem}.pdf", style)
            pages += len(pdfium.PdfDocument(str(pdf)))
    return pages


def _page_images(raw: Path, folder: Path) -> list[Path]:
    """The JPEG of every scanned page, as embedded (no re-encoding), one file per page."""
    folder.mkdir(parents=True)
    files = []
    for scan in sorted(raw.glob("*.pdf")):
        pdf = pdfium.PdfDocument(str(scan))
        for index in range(len(pdf)):
            for number, image in enumerate(pdf[index].get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))):
                target = folder / f"{scan.stem}-{index + 1:03d}-{number}.jpg"
                target.write_bytes(bytes(image.get_data(decode_simple=True)))
                files.append(target)
        pdf.close()
    return files


def _bare_tesseract(images: list[Path], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for image in images:
        subprocess.run(["tesseract", str(image), str(out / image.stem), "-l", "ind"],
                       check=True, capture_output=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})


def _measure(run) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and its children) of one run."""
    before = _cpu()
    started = time.perf_counter()
    run()
    return time.perf_counter() - started, _cpu() - before


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _report(sections) -> str:
    lines = [
        "# Scanned decrees: the whole path against bare Tesseract",
        "",
        f"Run {date.today().isoformat()} with `python bench/bench_scan.py`, {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, {_tesseract_version()}, OMP_THREAD_LIMIT=1,",
        "one page at a time.  Both sides read the same scans of the two seed decrees (synth.pdf A4, then",
        "synth.scan); bare Tesseract reads the embedded JPEGs at their own resolution, text output only.",
        "The whole path renders each page, cleans and deskews it, recovers the table grid, runs Tesseract",
        "once per page (plus one call on an enlarged stack of doubtful cells), then normalizes and writes",
        "the Parquet datasets.",
        "",
        "| preset | pages | whole path wall s | whole path CPU s | bare tesseract wall s | bare tesseract CPU s | ratio wall | ratio CPU |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for preset, pages, (whole_wall, whole_cpu), (bare_wall, bare_cpu) in sections:
        lines.append(f"| {preset} | {pages} | {whole_wall:.1f} | {whole_cpu:.1f} | {bare_wall:.1f} | {bare_cpu:.1f} "
                     f"| {whole_wall / bare_wall:.2f}x | {whole_cpu / bare_cpu:.2f}x |")
    lines += ["", "CPU seconds include the Tesseract subprocesses; on a shared machine they are the steadier figure.", ""]
    return "\n".join(lines)


def _tesseract_version() -> str:
    if shutil.which("tesseract") is None:
        return "tesseract missing"
    first = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.splitlines()
    return first[0] if first else "tesseract"


if __name__ == "__main__":
    main()
