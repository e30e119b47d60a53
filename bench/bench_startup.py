"""Start-up and one decree, as a user meets them: whole processes started from the shell.

`python bench/bench_startup.py [--rounds 5]`, side by side in one run, each command once per
round in turn (so a change in the machine's load touches all of them alike):

- `decrees --help`;
- one ~10-page digital decree (a seed rendered by synth.pdf, the style whose page count is
  nearest 10): `decrees extract FILE --format json` and `decrees curate DIR OUT --workers 1`
  (fresh OUT each round: no cache);
- a camelot 2 lattice script, `engine="vector"`, reading the tables of the same file
  (`import camelot; camelot.read_pdf(...)`: its whole process, tables only);
- a bare `python -c pass` (the interpreter's own start-up, the floor).

For each: median, fastest and slowest wall time over the rounds, and the median CPU time of
the process tree (user + system, from wait4: it moves less than wall time on a loaded machine).
Figures go to bench/RESULTS-startup.md.
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
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "RESULTS-startup.md"
BIN = Path(sys.executable).parent
TARGET_PAGES = 10
CAMELOT = "import sys, camelot; tables = camelot.read_pdf(sys.argv[1], pages='all', flavor='lattice', engine='vector')"


@dataclass
class Measure:
    label: str
    command: list[str]
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peaks_mb: list[float] = field(default_factory=list)


def run_process(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (process tree) and peak RSS (MB, largest process) of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {process.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def ten_page_decree(folder: Path) -> tuple[Path, int]:
    """A seed rendered in the style whose page count is nearest TARGET_PAGES."""
    import pypdfium2 as pdfium

    from extract.text import read_text
    from synth.fixtures import SEEDS, STYLES
    from synth.pdf import render_pdf

    best: tuple[int, Path] | None = None
    for seed in sorted(SEEDS.glob("*.txt")):
        document = read_text(seed)
        for name, style in STYLES.items():
            path = folder / f"{seed.stem}.{name}.pdf"
            render_pdf(document, path, style)
            pages = len(pdfium.PdfDocument(str(path)))
            if best is None or abs(pages - TARGET_PAGES) < abs(best[0] - TARGET_PAGES):
                best = (pages, path)
    assert best is not None
    return best[1], best[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        rendered = scratch / "rendered"
        rendered.mkdir()
        pdf, pages = ten_page_decree(rendered)
        raw = scratch / "raw"
        raw.mkdir()
        shutil.copy(pdf, raw / pdf.name)
        decrees, python = str(BIN / "decrees"), sys.executable
        measures = [
            Measure("python -c pass (interpreter start-up)", [python, "-c", "pass"]),
            Measure("decrees --help", [decrees, "--help"]),
            Measure("decrees extract FILE --format json", [decrees, "extract", str(raw / pdf.name), "--format", "json"]),
            Measure("decrees curate DIR OUT --workers 1 (no cache)", [decrees, "curate", str(raw), "OUT", "--workers",
                                                                      "1", "--no-progress"]),
            Measure("camelot lattice engine=vector script (tables only)", [python, "-c", CAMELOT, str(raw / pdf.name)]),
        ]
        loads = [os.getloadavg()[0]]
        for round_no in range(args.rounds):
            for measure in measures:
                command = [str(scratch / f"out-{round_no}") if part == "OUT" else part for part in measure.command]
                wall, cpu, peak = run_process(command)
                measure.walls.append(wall)
                measure.cpus.append(cpu)
                measure.peaks_mb.append(peak)
            loads.append(os.getloadavg()[0])
    report(pdf.name, pages, measures, loads, args.rounds)


def report(name: str, pages: int, measures: list[Measure], loads: list[float], rounds: int) -> None:
    lines = [
        "# Start-up benchmark (bench/bench_startup.py)",
        "",
        f"- one digital decree: `{name}`, {pages} pages (a seed rendered by synth.pdf)",
        f"- machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}; "
        f"{rounds} rounds, each command once per round in turn; load average (1 min) during the run "
        f"{min(loads):.1f}-{max(loads):.1f}",
        "",
        "| whole process | median wall (s) | fastest-slowest (s) | median CPU (s) | peak RSS (MB) |",
        "|---|---:|---:|---:|---:|",
    ]
    for m in measures:
        lines.append(f"| {m.label} | {statistics.median(m.walls):.2f} | {min(m.walls):.2f}-{max(m.walls):.2f} "
                     f"| {statistics.median(m.cpus):.2f} | {max(m.peaks_mb):.0f} |")
    by_label = {m.label.split(" (")[0]: statistics.median(m.walls) for m in measures}
    camelot = next(statistics.median(m.walls) for m in measures if m.label.startswith("camelot"))
    extract = next(statistics.median(m.walls) for m in measures if m.label.startswith("decrees extract"))
    curate = next(statistics.median(m.walls) for m in measures if m.label.startswith("decrees curate"))
    lines += [
        "",
        f"- camelot's script over `decrees extract`: {camelot / extract:.2f}x; over `decrees curate`: "
        f"{camelot / curate:.2f}x (above 1: ours is faster as a whole process)",
        f"- `decrees --help`: {by_label['decrees --help']:.2f} s (aim: under 0.3 s)",
    ]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
