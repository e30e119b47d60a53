"""Benchmark of the batch as a user runs it: whole `decrees curate` processes started from the shell.

Run from the repository root:  python bench/bench_batch.py [--rounds 3] [--form auto|text|pdf]

On 40 and 200 generated decrees (synth.corpus.write_corpus, digital PDFs when synth.pdf is
present): `decrees curate RAW OUT --workers 1` and `--workers 2`, start-up included, a fresh
OUT (no cache) each round, the configurations in turn within a round; then the re-run over the
200 unchanged decrees (default options, every decree in the cache), next to the time this
process takes to hash the same files.  Reported: the median wall time over the rounds with the
fastest and slowest, the median CPU time of the process tree (wait4), the peak RSS of the
largest process of the tree (the main process or a worker) and the mode the batch chose
(from its manifest).  Figures go to bench/RESULTS-batch.md.
"""

from __future__ import annotations

import argparse
import json
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

from pipelines.batch import sha256  # noqa: E402
from synth.corpus import write_corpus  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS-batch.md"
DECREES = Path(sys.executable).parent / "decrees"
COUNTS = (40, 200)


@dataclass
class Config:
    label: str
    raw: Path
    options: list[str]
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peaks_mb: list[float] = field(default_factory=list)
    modes: set[str] = field(default_factory=set)


def pdf_available() -> bool:
    try:
        import extract.pdf  # noqa: F401
        import synth.pdf  # noqa: F401
    except ImportError:
        return False
    return True


def curate(config: Config, out: Path) -> None:
    """One whole `decrees curate` process: wall, CPU of the tree, largest RSS, and the mode it chose."""
    command = [str(DECREES), "curate", str(config.raw), str(out), "--no-progress", *config.options]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    config.walls.append(time.perf_counter() - started)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()}")
    config.cpus.append(usage.ru_utime + usage.ru_stime)
    config.peaks_mb.append(usage.ru_maxrss / 1024)
    config.modes.add(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["run"]["mode"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--form", choices=["auto", "text", "pdf"], default="auto")
    args = parser.parse_args()
    form = ("pdf" if pdf_available() else "text") if args.form == "auto" else args.form
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        started = time.perf_counter()
        paths = write_corpus(scratch / "all", max(COUNTS), seed=2026, form=form)
        generated = time.perf_counter() - started
        folders = {}
        for count in COUNTS:
            folders[count] = scratch / f"raw{count}"
            folders[count].mkdir()
            for path in paths[:count]:
                shutil.copy(path, folders[count] / path.name)
        configs = [Config(f"{count} decrees, --workers {workers}", folders[count], ["--workers", str(workers)])
                   for count in COUNTS for workers in (1, 2)]
        loads = [os.getloadavg()[0]]
        for round_no in range(args.rounds):
            for n, config in enumerate(configs):
                curate(config, scratch / f"out-{round_no}-{n}")
            loads.append(os.getloadavg()[0])
        rerun = Config(f"re-run over {max(COUNTS)} unchanged decrees (default options)", folders[max(COUNTS)], [])
        warm = scratch / f"out-0-{len(configs) - 1}"  # the last 200-decree run: its cache holds every decree
        hashing = []
        for _ in range(args.rounds):
            curate(rerun, warm)
            started = time.perf_counter()
            for path in sorted(folders[max(COUNTS)].iterdir()):
                sha256(path)
            hashing.append(time.perf_counter() - started)
        loads.append(os.getloadavg()[0])
    report(form, generated, configs, rerun, hashing, loads, args.rounds)


def report(form: str, generated: float, configs: list[Config], rerun: Config, hashing: list[float],
           loads: list[float], rounds: int) -> None:
    lines = [
        "# Batch benchmark (bench/bench_batch.py)",
        "",
        f"- corpus: generated decrees as **{'digital PDFs' if form == 'pdf' else 'text conversions'}** "
        f"(synth.corpus, seed 2026), written in {generated:.0f} s",
        f"- whole `decrees curate` processes started from this script, start-up included, fresh OUT (no cache) "
        f"each; {rounds} rounds, the configurations in turn within each round",
        f"- machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}; "
        f"load average (1 min) during the run {min(loads):.1f}-{max(loads):.1f}",
        "",
        "| run | median wall (s) | fastest-slowest (s) | median CPU, process tree (s) | largest process peak RSS (MB) "
        "| mode |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for config in [*configs, rerun]:
        lines.append(f"| {config.label} | {statistics.median(config.walls):.2f} | {min(config.walls):.2f}-"
                     f"{max(config.walls):.2f} | {statistics.median(config.cpus):.2f} | {max(config.peaks_mb):.0f} "
                     f"| {', '.join(sorted(config.modes))} |")
    medians = {config.label: statistics.median(config.walls) for config in configs}
    for count in COUNTS:
        one, two = medians[f"{count} decrees, --workers 1"], medians[f"{count} decrees, --workers 2"]
        lines.append(f"- {count} decrees: --workers 2 is {one / two:.2f}x as fast as --workers 1 (aim: >= 1.8x)")
    lines.append(f"- re-run: {statistics.median(rerun.walls):.2f} s as a whole process; hashing the same files "
                 f"alone takes {statistics.median(hashing):.2f} s (aim: under 0.5 s plus the hashing)")
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
