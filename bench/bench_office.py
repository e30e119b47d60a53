"""Benchmark of Word decrees: decrees per second for .docx next to digital PDFs of the same decrees.

Run from the repository root:  python bench/bench_office.py [--count 200] [--seed 7]
The generated corpus (synth.corpus) is written twice, as .docx (synth.office) and as
digital PDFs (synth.pdf); each folder is curated by `decrees curate --workers 1` in a
process of its own, started from here, start-up included.  Every curated item is
compared with the generator's truth.  Figures go to bench/RESULTS-office.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from synth.corpus import write_corpus  # noqa: E402
from synth.office import write_office_corpus  # noqa: E402
from tests.test_corpus_roundtrip import mismatches  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS-office.md"
DECREES = Path(sys.executable).parent / "decrees"


def curate(raw: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one `decrees curate` process over the folder (one worker, in-process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([str(DECREES), "curate", str(raw), str(out), "--workers", "1", "--no-progress",
                    "--cache", str(out / ".cache")], check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-office-") as scratch:
        folder = Path(scratch)
        for form in ("docx", "pdf"):
            raw = folder / form
            started = time.perf_counter()
            if form == "docx":
                write_office_corpus(raw, args.count, args.seed, "docx")
            else:
                write_corpus(raw, args.count, args.seed, form="pdf")
            written = time.perf_counter() - started
            size = sum(p.stat().st_size for p in raw.glob(f"*.{form}"))
            out = folder / f"{form}-out"
            seconds, cpu = curate(raw, out)
            expected, wrong = mismatches(raw, out)
            rows.append((form, written, size, seconds, cpu, expected, wrong))
            print(f"{form}: {args.count} decrees in {seconds:.1f} s, {len(wrong)}/{expected} items differ", flush=True)
    load = os.getloadavg()[0]
    lines = [
        "# Word decrees benchmark (bench/bench_office.py)",
        "",
        f"- corpus: {args.count} generated decrees (seed {args.seed}), the same decrees as .docx and as digital PDF",
        "- each folder curated by one `decrees curate --workers 1` process (in-process, no cluster), "
        "start-up and Parquet writing included",
        f"- machine: 2 cores, Python {platform.python_version()}, {platform.platform()}; "
        f"load average at the end {load:.1f} (the machine is shared: figures are noisy)",
        "",
        "| source | files (MB) | written in (s) | curate wall (s) | decrees/s (wall) | curate CPU (s) "
        "| decrees per CPU s | items | items differing from truth |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for form, written, size, seconds, cpu, expected, wrong in rows:
        lines.append(f"| {form} | {size / 1e6:.1f} | {written:.1f} | {seconds:.1f} | {args.count / seconds:.2f} "
                     f"| {cpu:.1f} | {args.count / cpu:.2f} | {expected} | {len(wrong)} |")
    (docx_wall, docx_cpu), (pdf_wall, pdf_cpu) = ((row[3], row[4]) for row in rows)
    lines += ["", f"- .docx against the digital PDFs of the same decrees: {pdf_wall / docx_wall:.2f}x the rate by wall "
                  f"time, {pdf_cpu / docx_cpu:.2f}x by CPU time (CPU time is the steadier figure on a loaded machine)",
              ""]
    for form, *_, wrong in rows:
        lines += [f"- {form}: {w}" for w in wrong[:10]]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
