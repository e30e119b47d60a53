"""Scanned-PDF throughput against bare Tesseract: `python bench/bench_scan.py [--preset clean_200] [--repeat N]`.

The seed decrees are rendered (synth.pdf) and scanned (synth.scan) into a raw
folder; then, in one run and both with OMP_THREAD_LIMIT=1, one page at a time:

- the whole scanned path: extract (render, clean, deskew, grid, OCR) + normalize +
  write Parquet, i.e. the `decrees curate` command on the folder;
- bare `tesseract -l ind` on the very page images the scans embed, at their own
  resolution (the JPEGs, extracted once beforehand), text output.

Both sides run as whole processes started here (start-up included): the `decrees
curate` command with one worker, and one `tesseract` process per page image.
Wall-clock and CPU seconds and the peak memory (RSS) of each process are reported;
with `--repeat N` the two sides alternate N times and the spread of the ratio is
given (the machine is shared: single runs move by a third).  Then,
untimed, the accuracy of the same scans against the golden items, and how well
cell confidences single out misread cells (OCR cells against the digital reading
of the PDF the scan was made from).  The figures go to bench/RESULTS-scan.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["OMP_THREAD_LIMIT"] = "1"

import numpy as np  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402
import pypdfium2.raw as pdfium_c  # noqa: E402

from extract.pdf import read_pdf  # noqa: E402
from extract.raster import render_page  # noqa: E402
from extract.scanned import read_pdf_with_ocr  # noqa: E402
from extract.text import read_text  # noqa: E402
from normalize.curate import curate_document  # noqa: E402
from normalize.text import clean  # noqa: E402
from normalize.vocabulary import load  # noqa: E402
from synth.fixtures import SEEDS  # noqa: E402
from synth.pdf import RenderStyle, render_pdf  # noqa: E402
from synth.scan import ScanStyle, scan_pdf  # noqa: E402
from tests.cer import cer  # noqa: E402
from tests.goldens import golden_items  # noqa: E402
from tests.test_pdf_scanned import DECREE_LINES, TEXT_FIELDS, exact_differences, misread_items, scan_doubts  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS-scan.md"
DECREES = Path(sys.executable).parent / "decrees"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", action="append", choices=["clean_200", "hard_150"],
                        help="scan preset(s) to time (default: both)")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs of each, the two sides alternating")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--timing-only", action="store_true", help="leave out the (untimed) accuracy figures")
    parser.add_argument("--second-opinion", action="store_true",
                        help="also read the doubtful cells with RapidOCR (pip install rapidocr-onnxruntime) and compare")
    args = parser.parse_args()
    presets = args.preset or ["clean_200", "hard_150"]
    timed = []
    with tempfile.TemporaryDirectory(prefix="bench_scan_") as tmp:
        for preset in presets:  # every preset timed first, then the untimed figures
            raw, digital = Path(tmp) / preset / "raw", Path(tmp) / preset / "digital"
            pages = _scans(raw, digital, ScanStyle.preset(preset))
            image_files = _page_images(raw, Path(tmp) / preset / "images")
            whole, bare = [], []
            for run in range(args.repeat):  # a fresh output folder each time: nothing comes from the cache
                out = Path(tmp) / preset / f"out-{run}"
                whole.append(_run([str(DECREES), "curate", str(raw), str(out), "--workers", "1", "--no-progress"]))
                bare.append(_bare_tesseract(image_files, Path(tmp) / preset / "txt"))
                print(f"{preset}: whole path {whole[-1]}, bare tesseract {bare[-1]}", file=sys.stderr, flush=True)
            timed.append((preset, pages, whole, bare, raw, digital))
        sections = []
        for preset, pages, whole, bare, raw, digital in timed:
            accuracy = {"seeds": {}, "cells": []} if args.timing_only else _accuracy(raw, digital)
            if args.second_opinion:
                accuracy["second_opinion"] = second_opinion(raw, digital)
            sections.append((preset, pages, whole, bare, accuracy))
    report = _report(sections)
    args.out.write_text(report, encoding="utf-8")
    sys.stdout.write(report)


def _scans(raw: Path, digital: Path, style: ScanStyle) -> int:
    """Render every seed into `digital` and scan it into `raw`; the number of pages."""
    raw.mkdir(parents=True)
    digital.mkdir(parents=True)
    pages = 0
    for seed in sorted(SEEDS.glob("*.txt")):
        pdf = digital / f"{seed.stem}.pdf"
        render_pdf(read_text(seed), pdf, RenderStyle())
        scan_pdf(pdf, raw / f"{seed.stem}.pdf", style)
        pages += len(pdfium.PdfDocument(str(pdf)))
    return pages


def _accuracy(raw: Path, digital: Path) -> dict:
    """Item-level accuracy against the golden files and cell-level confidence figures, per seed."""
    figures: dict = {"seeds": {}, "cells": []}
    for scan in sorted(raw.glob("*.pdf")):
        doc_id = scan.stem
        document = read_pdf_with_ocr(scan)
        decree = curate_document(document, scan.name, "0" * 64)
        golden = golden_items(doc_id)
        rates = [cer(getattr(item, name) or "", expected[name] or "")
                 for item, expected in zip(decree.items, golden) for name in TEXT_FIELDS]
        misread = misread_items(decree, doc_id)
        doubts = scan_doubts(decree, doc_id)
        text = "\n".join(" ".join(line.text.split()) for line in document.lines)
        figures["seeds"][doc_id] = {
            "items": f"{len(decree.items)}/{len(golden)}",
            "exact": 1 - sum(1 for i, e in zip(decree.items, golden) if exact_differences(i, e)) / len(golden),
            "cer": sum(rates) / len(rates),
            "misread": len(misread),
            "flagged": sum(1 for number in misread if number in doubts),
            "case_only": len(set(misread) - set(misread_items(decree, doc_id, case_counts=False))),
            "false_flags": len(doubts - set(misread)),
            "identity": sum(printed in text for printed in DECREE_LINES[doc_id]),
        }
        figures["cells"] += _cell_pairs(read_pdf(digital / scan.name), document)
    return figures


def _cell_pairs(truth, scanned) -> list[tuple[bool, float | None]]:
    """(read right?, confidence) of every OCR cell whose page has as many rows as the digital reading."""
    pairs = []
    for page in {row.page for row in truth.rows}:
        want = [row for row in truth.rows if row.page == page]
        got = [row for row in scanned.rows if row.page == page]
        if len(want) != len(got):
            continue
        for a, b in zip(want, got):
            for expected, cell in zip(a.cells, b.cells):
                if clean(expected.text) or cell.confidence is not None:
                    pairs.append((clean(expected.text) == clean(cell.text), cell.confidence))
    return pairs


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


def second_opinion(raw: Path, digital: Path) -> dict:
    """RapidOCR (PP-OCRv4 models shipped in rapidocr-onnxruntime, CPU) on the doubtful cells only.

    A doubtful cell is an OCR cell below the `ocr_low_confidence` threshold on a page whose rows
    agree with the digital reading; each is cropped from the page image and read by RapidOCR.
    Both readings are compared with the digital text (character error rate); RapidOCR's seconds
    are what it would add to the path.
    """
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR()
    threshold = load("ocr")["confidence"]["low"]
    figures = {"cells": 0, "tesseract_cer": 0.0, "rapid_cer": 0.0, "rapid_better": 0, "rapid_worse": 0, "seconds": 0.0}
    for scan in sorted(raw.glob("*.pdf")):
        truth, scanned = read_pdf(digital / scan.name), read_pdf_with_ocr(scan)
        pdf = pdfium.PdfDocument(str(scan))
        for page in sorted({row.page for row in truth.rows}):
            want = [row for row in truth.rows if row.page == page]
            got = [row for row in scanned.rows if row.page == page]
            if len(want) != len(got):
                continue
            image = render_page(pdf[page - 1], page)
            scale = image.dpi / 72.0
            for a, b in zip(want, got):
                for expected, cell in zip(a.cells, b.cells):
                    if cell.confidence is None or cell.confidence >= threshold or cell.bbox is None:
                        continue
                    box = cell.bbox
                    crop = image.grey[int(box.top * scale):int(box.bottom * scale), int(box.x0 * scale):int(box.x1 * scale)]
                    started = time.perf_counter()
                    result, _ = engine(np.dstack([crop] * 3))
                    figures["seconds"] += time.perf_counter() - started
                    lines = sorted(result or [], key=lambda r: (round(r[0][0][1] / 10), r[0][0][0]))
                    rapid = " ".join(text for _, text, _ in lines)
                    right = " ".join(clean(expected.text).split())
                    ours, theirs = cer(" ".join(clean(cell.text).split()), right), cer(" ".join(rapid.split()), right)
                    figures["cells"] += 1
                    figures["tesseract_cer"] += ours
                    figures["rapid_cer"] += theirs
                    figures["rapid_better"] += theirs < ours
                    figures["rapid_worse"] += theirs > ours
        pdf.close()
    return figures


@dataclass(frozen=True)
class Run:
    """One timed side: wall and CPU seconds, and the largest peak RSS of its processes (MB)."""

    wall: float
    cpu: float
    peak_mb: float


def _bare_tesseract(images: list[Path], out: Path) -> Run:
    """`tesseract IMAGE OUT -l ind`, one process per page image, one after the other."""
    out.mkdir(parents=True, exist_ok=True)
    runs = [_run(["tesseract", str(image), str(out / image.stem), "-l", "ind"]) for image in images]
    return Run(sum(r.wall for r in runs), sum(r.cpu for r in runs), max(r.peak_mb for r in runs))


def _run(command: list[str]) -> Run:
    """Start the command as its own process with OMP_THREAD_LIMIT=1 and wait: its wall, CPU and peak memory.

    The peak comes from GNU time, which starts the command itself: a child started from this
    (large) process would count this process's memory as its own peak.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as peak:
        timed = ["/usr/bin/time", "-f", "%M", "-o", peak.name, *command] if Path("/usr/bin/time").exists() else command
        started = time.perf_counter()
        process = subprocess.Popen(timed, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise SystemExit(f"{command[0]} failed with exit status {process.returncode}")
        kilobytes = peak.read().strip().splitlines()
    return Run(wall, usage.ru_utime + usage.ru_stime, int(kilobytes[-1]) / 1024 if kilobytes else usage.ru_maxrss / 1024)


def _report(sections) -> str:
    lines = [
        "# Scanned decrees: the whole path against bare Tesseract",
        "",
        f"Run {date.today().isoformat()} with `python bench/bench_scan.py`, {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, {_tesseract_version()}, OMP_THREAD_LIMIT=1,",
        "one page at a time.  Both sides read the same scans of the two seed decrees (synth.pdf A4, then",
        "synth.scan); bare Tesseract reads the embedded JPEGs at their own resolution, text output only,",
        "one `tesseract` process per page.  The whole path is one `decrees curate --workers 1` process: it",
        "renders each page, cleans and deskews it, recovers the table grid, runs Tesseract in-process",
        "(tesserocr, the `ind` model loaded once) once per page plus on enlarged stacks of doubtful lines,",
        "then normalizes and writes the Parquet datasets.",
        "",
        "| preset | pages | runs | whole path wall s | whole path CPU s | peak RSS MB | bare tesseract wall s "
        "| bare tesseract CPU s | bare peak RSS MB | ratio wall (median, spread) | ratio CPU (median, spread) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for preset, pages, whole, bare, _ in sections:
        walls = [w.wall / b.wall for w, b in zip(whole, bare)]
        cpus = [w.cpu / b.cpu for w, b in zip(whole, bare)]
        lines.append(f"| {preset} | {pages} | {len(whole)} | {_median(r.wall for r in whole):.1f} "
                     f"| {_median(r.cpu for r in whole):.1f} | {max(r.peak_mb for r in whole):.0f} "
                     f"| {_median(r.wall for r in bare):.1f} | {_median(r.cpu for r in bare):.1f} "
                     f"| {max(r.peak_mb for r in bare):.0f} | {_spread(walls)} | {_spread(cpus)} |")
    lines += ["", "Seconds are medians over the runs; a ratio below 1.00x means the whole path took less time than",
              "bare Tesseract alone.  The machine is shared with other jobs: CPU seconds are the steadier figure.", ""]
    if not any(figures["seeds"] for *_, figures in sections):
        return "\n".join(lines)  # --timing-only
    lines += [
        "## Accuracy against the golden items",
        "",
        "exact: share of items whose numbering, area code, schedule text and target quantity/unit equal the",
        "golden line; CER: mean character error rate of the text fields; flagged: misread items (any field",
        "off) that carry a warning the text form of the decree does not raise; case only: misread items whose",
        "only slip is a letter's case (another real word, no signal tells it); right but flagged: items read",
        "right that carry such a warning; identity: of number line, date line and signatory, how many are in",
        "the running text.",
        "",
        "| preset | decree | items | exact | CER | misread items | flagged | case only | right but flagged | identity |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for preset, _, _, _, figures in sections:
        for doc_id, seed in figures["seeds"].items():
            share = seed["flagged"] / seed["misread"] if seed["misread"] else 1.0
            lines.append(f"| {preset} | {doc_id} | {seed['items']} | {seed['exact']:.1%} | {seed['cer']:.2%} "
                         f"| {seed['misread']} | {seed['flagged']} ({share:.0%}) | {seed['case_only']} "
                         f"| {seed['false_flags']} | {seed['identity']}/3 |")
    threshold = load("ocr")["confidence"]["low"]
    lines += [
        "",
        "## Cell confidence as a doubt signal",
        "",
        "OCR cells against the digital reading of the PDF each scan was made from (pages whose row count",
        f"agrees). A cell below the threshold raises `ocr_low_confidence`; the configured threshold is {threshold}",
        "(normalize/data/ocr.toml).",
        "",
        "| preset | cells | misread | threshold | misread flagged | right but flagged |",
        "|---|---|---|---|---|---|",
    ]
    for preset, _, _, _, figures in sections:
        cells = figures["cells"]
        wrong = [c for right, c in cells if not right]
        right = [c for ok, c in cells if ok]
        for level in (60, 70, 80, 90):
            low_wrong, low_right = (sum(c is not None and c < level for c in group) for group in (wrong, right))
            lines.append(f"| {preset} | {len(cells)} | {len(wrong)} | {level} | {low_wrong} | {low_right} |")
    opinions = [(preset, figures["second_opinion"]) for preset, _, _, _, figures in sections if "second_opinion" in figures]
    if opinions:
        lines += [
            "",
            "## A second opinion on the doubtful cells: RapidOCR",
            "",
            "RapidOCR (rapidocr-onnxruntime, PP-OCRv4 detection and recognition models inside the package, CPU)",
            "read each doubtful OCR cell (below the threshold) cropped from the page; both readings against the",
            "digital text.  Not kept in the path unless it reads these cells better at a cost worth paying.",
            "",
            "| preset | doubtful cells | Tesseract mean CER | RapidOCR mean CER | RapidOCR better | RapidOCR worse "
            "| RapidOCR s |",
            "|---|---|---|---|---|---|---|",
        ]
        for preset, o in opinions:
            n = max(1, o["cells"])
            lines.append(f"| {preset} | {o['cells']} | {o['tesseract_cer'] / n:.1%} | {o['rapid_cer'] / n:.1%} "
                         f"| {o['rapid_better']} | {o['rapid_worse']} | {o['seconds']:.1f} |")
    lines.append("")
    return "\n".join(lines)


def _median(values) -> float:
    return statistics.median(list(values))


def _spread(ratios: list[float]) -> str:
    return f"{_median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f})"


def _tesseract_version() -> str:
    if shutil.which("tesseract") is None:
        return "tesseract missing"
    first = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.splitlines()
    return first[0] if first else "tesseract"


if __name__ == "__main__":
    main()
