"""Digital PDF throughput and memory: `python bench/bench_pdf.py [--repeat N]`.

On one set of generated decree PDFs (the seeds in two print styles, plus a ~50
page decree whose matrix repeats a seed's rows), in one run:

- the whole PDF path: extract + normalize + write Parquet (`pipelines.curate.curate_folder`),
  with the PDF page engine the pipeline uses ("auto": PDFium, pdfplumber for the pages
  PDFium cannot read the matrix of), with PDFium alone, and with pdfplumber for every page;
- camelot 2 lattice with its render-free vector engine (tables only, nothing else), and
  with its default engine once;
- pdfplumber's ruled-table finder, once (tables only);
- plain pypdfium2 text extraction (the floor: reading the text layer and nothing else).

Then the peak memory (max RSS) of the whole path on the ~50 page decree, measured
in a fresh subprocess.  Figures go to bench/RESULTS-pdf.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from functools import partial
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402

from extract.document import Document, Row  # noqa: E402
from extract.text import read_text  # noqa: E402
from synth.fixtures import SEEDS, STYLES  # noqa: E402
from synth.pdf import RenderStyle, render_pdf  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS-pdf.md"
LONG_PAGES = 50
CORPUS_STYLES = ("a4", "f4-times")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per tool (the best is reported)")
    parser.add_argument("--quick", action="store_true", help="leave out the slow peers (camelot's default engine, "
                                                             "pdfplumber's table finder, the pdfplumber engine)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_pdf_") as tmp:
        corpus = Path(tmp) / "raw"
        corpus.mkdir()
        pdfs = _render_corpus(corpus)
        long_pdf = next(p for p in pdfs if p.name.startswith("long-"))
        pages = sum(_page_count(p) for p in pdfs)
        figures = {
            "whole path (extract + normalize + Parquet), engine=auto": _best(
                lambda: _whole_path(corpus, Path(tmp) / "out"), args.repeat),
            "whole path, engine=pdfium": _best(lambda: _whole_path(corpus, Path(tmp) / "out", "pdfium"), args.repeat),
            "whole path, engine=pdfplumber (every page)": None if args.quick else _timed(
                lambda: _whole_path(corpus, Path(tmp) / "out", "pdfplumber")),
            "camelot lattice, engine=vector (tables only)": _best(lambda: _camelot(pdfs, "vector"), args.repeat),
            "camelot lattice, engine=combined (default)": None if args.quick else _timed(
                lambda: _camelot(pdfs, "combined")),
            "pdfplumber find_tables(lines) + extract (tables only)": None if args.quick else _timed(
                lambda: _pdfplumber(pdfs)),
            "pypdfium2 text extraction (floor)": _best(lambda: _pdfium_text(pdfs), args.repeat),
        }
        figures = {label: seconds for label, seconds in figures.items() if seconds is not None}
        memory = _peak_memory(long_pdf, Path(tmp))
        _write_results(pdfs, pages, _page_count(long_pdf), figures, memory)
    print(RESULTS.read_text(encoding="utf-8"))


def _render_corpus(folder: Path) -> list[Path]:
    paths: list[Path] = []
    for seed in sorted(SEEDS.glob("*.txt")):
        document = read_text(seed)
        for name in CORPUS_STYLES:
            path = folder / f"{seed.stem}.{name}.pdf"
            render_pdf(document, path, STYLES[name])
            paths.append(path)
    paths.append(_long_decree(folder))
    return paths


def _long_decree(folder: Path) -> Path:
    """A seed whose matrix rows are repeated until the decree has about LONG_PAGES pages."""
    seed = sorted(SEEDS.glob("*.txt"))[0]
    document = read_text(seed)
    path = folder / f"long-{seed.stem}.pdf"
    style = RenderStyle(paper="A4", font_size=9.0)
    times = 1
    while True:
        render_pdf(_repeated(document, times), path, style)
        pages = _page_count(path)
        if pages >= LONG_PAGES:
            return path
        times = max(times + 1, round(times * LONG_PAGES / pages))


def _repeated(document: Document, times: int) -> Document:
    """The document with its matrix body printed `times` times (segments kept increasing)."""
    rows = document.rows
    header = next(i for i, row in enumerate(rows) if row.cells and row.texts[0].strip().upper() in ("NO", "NO."))
    body = rows[header + 2:]
    step = rows[-1].segment + 1
    copies = [Row(r.cells, r.page, r.segment + step * k, r.bold, r.reaches_page_bottom)
              for k in range(1, times) for r in body]
    return replace(document, rows=rows + copies)


def _page_count(path: Path) -> int:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def _best(run, repeat: int) -> float:
    run()  # warm up: imports, caches
    return min(_timed(run) for _ in range(max(repeat, 1)))


def _timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def _whole_path(corpus: Path, out: Path, engine: str = "auto") -> None:
    from pipelines.curate import curate_folder

    out.mkdir(exist_ok=True)
    with _pdf_engine(engine):  # a fresh output folder, hence a fresh cache: every page is read each time
        result = curate_folder(corpus, Path(tempfile.mkdtemp(dir=out)))
    if result.failures:
        raise RuntimeError(f"the whole path failed on {[f.source_file for f in result.failures]}")


@contextmanager
def _pdf_engine(engine: str) -> Iterator[None]:
    """The pipeline reads PDFs with `extract.pdf.read_pdf(path)` (engine "auto"); set another engine."""
    import extract.pdf

    original = extract.pdf.read_pdf
    extract.pdf.read_pdf = partial(original, engine=engine)
    try:
        yield
    finally:
        extract.pdf.read_pdf = original


def _camelot(pdfs: list[Path], engine: str) -> None:
    import camelot

    for path in pdfs:
        camelot.read_pdf(str(path), pages="all", flavor="lattice", engine=engine)


def _pdfplumber(pdfs: list[Path]) -> None:
    import pdfplumber

    settings = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
    for path in pdfs:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                for table in page.find_tables(settings):
                    table.extract()
                page.close()


def _pdfium_text(pdfs: list[Path]) -> None:
    for path in pdfs:
        pdf = pdfium.PdfDocument(str(path))
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                textpage = page.get_textpage()
                textpage.get_text_range()
                textpage.close()
                page.close()
        finally:
            pdf.close()


# Peak RSS from /proc (VmHWM): unlike getrusage's ru_maxrss it does not inherit the parent's size.
_MEMORY_PROBE = """
import json, re, sys, tracemalloc
from pathlib import Path
sys.path.insert(0, {root!r})
from pipelines.curate import curate_folder

def peak_kb():
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1))

if {trace!r}:
    tracemalloc.start()
before = peak_kb()
if {run!r}:
    result = curate_folder(Path({raw!r}), Path({out!r}))
    assert not result.failures, result.failures
print(json.dumps({{"before_kb": before, "after_kb": peak_kb(), "python_peak": tracemalloc.get_traced_memory()[1]}}))
"""


def _peak_memory(pdf: Path, tmp: Path) -> dict[str, float]:
    """Max RSS (MB) of a fresh interpreter running the whole path on one PDF, and of one that only imports."""
    raw = tmp / "long-only"
    raw.mkdir()
    (raw / pdf.name).write_bytes(pdf.read_bytes())
    def probe(run: bool, trace: bool) -> dict:
        code = _MEMORY_PROBE.format(root=str(ROOT), raw=str(raw), out=str(tmp / "long-out"), run=run, trace=trace)
        output = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                                cwd=ROOT).stdout
        return json.loads(output.strip().splitlines()[-1])

    return {
        "imports only": probe(False, False)["after_kb"] / 1024,
        "whole path": probe(True, False)["after_kb"] / 1024,
        "python allocations": probe(True, True)["python_peak"] / 2**20,
    }


def _write_results(pdfs: list[Path], pages: int, long_pages: int, figures: dict[str, float],
                   memory: dict[str, float]) -> None:
    versions = {name: metadata.version(name) for name in ("pypdfium2", "camelot-py", "pdfplumber", "reportlab")}
    rows = "\n".join(f"| {name} | {seconds:.2f} | {pages / seconds:.1f} |" for name, seconds in figures.items())
    text = f"""# Digital PDF benchmark

Generated by `python bench/bench_pdf.py` on {date.today().isoformat()}: {os.cpu_count()} CPUs,
Python {platform.python_version()}, {platform.platform()}; {", ".join(f"{k} {v}" for k, v in versions.items())}.

Corpus: {len(pdfs)} PDFs rendered by `synth.pdf` ({", ".join(p.name for p in pdfs)}),
{pages} pages in all; every tool reads all pages of every PDF, in one process, best of the timed runs.

| tool | seconds | pages/s |
|---|---|---|
{rows}

The whole path also hashes each file, reads the decree text, writes six Parquet
datasets and the manifest; camelot and pdfplumber only find and fill the tables.
engine=auto reads every page of this corpus with PDFium (its grids are stroked
lines); it opens a PDF with pdfplumber only for pages whose drawings PDFium cannot
turn into the matrix grid (cell shading, borders drawn as boxes).
Absolute figures move by a third between runs on a shared machine; compare the
rows of one run.

Peak memory (max RSS of a fresh interpreter) for the {long_pages}-page decree:

| process | MB |
|---|---|
| imports only (the pipeline's modules) | {memory["imports only"]:.0f} |
| whole path on the {long_pages}-page decree | {memory["whole path"]:.0f} |

Peak of the Python objects allocated during that run (tracemalloc): {memory["python allocations"]:.1f} MB.
"""
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
