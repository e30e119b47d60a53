"""Accuracy on layouts beyond the seeds' (issue 12): a mixed generated corpus through the batch.

Run from the repository root:  python bench/bench_layouts.py [--count 200] [--scans 6] [--preset clean_200]
The corpus (synth.corpus, mix "mixed") holds the seeds' layouts and the new ones (group
headers, area rows in every form, lettered areas with 1.1 numbering, a combined target/time
column, month codes, rules around the header only, shading).  Every decree is rendered as a
digital PDF and curated; the first `--scans` new-layout decrees are also scanned (synth.scan
preset) and curated.  Items exact and fields right against each decree's truth (synth.accuracy),
overall and per layout feature.  Figures go to bench/RESULTS-layouts.md.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipelines.batch import BatchOptions  # noqa: E402
from pipelines.curate import curate_folder  # noqa: E402
from synth.accuracy import Accuracy, compare_each, load_truth  # noqa: E402
from synth.corpus import generate_corpus, write_decree  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS-layouts.md"
TARGET_DIGITAL_ITEMS = 0.99  # issue 12: items exact as digital PDFs
TARGET_SCAN_FIELDS = 0.95  # issue 12: fields right on their 200-dpi scans


def feature_groups() -> dict[str, Callable[[dict], bool]]:
    """Layout features by name: whether a truth's layout has it."""
    def has(name: str, value: object = True) -> Callable[[dict], bool]:
        return lambda layout: bool(layout["features"]) and layout["features"][name] == value

    return {
        "seed layouts": lambda layout: not layout["features"],
        "new layouts": lambda layout: bool(layout["features"]),
        "area row spanning the table": has("section_form", "spanning"),
        "area number apart (I | label)": has("section_form", "numeral_cell"),
        "lettered areas, 1.1 numbering": has("section_form", "lettered"),
        "group header": lambda layout: any(layout["groups"]),
        "group over unlabelled columns": lambda layout: any(g and not h for h, g in
                                                           zip(layout["headers"], layout["groups"])),
        "combined target/time column": lambda layout: "target_schedule" in layout["columns"],
        "month codes": has("month_codes"),
        "rules around the header only": has("body_rules", False),
        "shaded area rows": has("shaded_sections"),
    }


def curate_and_compare(raw: Path, out: Path, workers: int) -> tuple[float, dict[str, Accuracy], int]:
    started = time.perf_counter()
    result = curate_folder(raw, out, BatchOptions(workers=workers))
    seconds = time.perf_counter() - started
    each = compare_each(raw, out)
    return seconds, each, len(result.failures)


def table(raw: Path, each: dict[str, Accuracy]) -> list[str]:
    layouts = {stem: load_truth(raw / f"{stem}.truth.json")["layout"] for stem in each}
    lines = ["| decrees | n | items | items exact | fields right | item count right | columns right |",
             "|---|---|---|---|---|---|---|"]
    groups = {"all": lambda layout: True, **feature_groups()}
    for name, test in groups.items():
        total = Accuracy()
        for stem, accuracy in each.items():
            if test(layouts[stem]):
                total.add(accuracy)
        if total.decrees:
            lines.append(f"| {name} | {total.decrees} | {total.items} | {total.item_share:.1%} | "
                         f"{total.field_share:.1%} | {total.item_count_right} | {total.columns_right} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--scans", type=int, default=6, help="new-layout decrees also scanned")
    parser.add_argument("--preset", default="clean_200", help="synth.scan preset of the scans")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    corpus = generate_corpus(args.count, seed=args.seed, mix="mixed")
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        digital, scans = scratch / "digital", scratch / "scans"
        started = time.perf_counter()
        for decree in corpus:
            write_decree(decree, digital, "pdf")
        new_layouts = [d for d in corpus if d.truth["layout"]["features"]][: args.scans]
        for decree in new_layouts:
            write_decree(decree, scans, "scan", scan=args.preset)
        generated = time.perf_counter() - started
        digital_seconds, digital_each, digital_failures = curate_and_compare(digital, scratch / "out-d", args.workers)
        scan_seconds, scan_each, scan_failures = (curate_and_compare(scans, scratch / "out-s", args.workers)
                                                  if new_layouts else (0.0, {}, 0))
        digital_rows = table(digital, digital_each)
        scan_rows = table(scans, scan_each) if scan_each else []
    digital_total = Accuracy()
    for accuracy in digital_each.values():
        digital_total.add(accuracy)
    scan_total = Accuracy()
    for accuracy in scan_each.values():
        scan_total.add(accuracy)
    report = [
        "# Layouts beyond the seeds: accuracy of the mixed generated corpus",
        "",
        f"`python bench/bench_layouts.py --count {args.count} --seed {args.seed} --scans {args.scans} "
        f"--preset {args.preset} --workers {args.workers}` on {platform.node()} ({platform.machine()}, "
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}); a shared machine: timings are noisy.",
        "",
        f"Generated in {generated:.0f} s.  Targets (issue 12): items exact >= {TARGET_DIGITAL_ITEMS:.0%} as digital "
        f"PDFs, fields right >= {TARGET_SCAN_FIELDS:.0%} on 200-dpi scans.",
        "",
        f"## Digital PDFs: {digital_total.summary()}; {digital_failures} failed files; curated in {digital_seconds:.0f} s",
        "",
        *digital_rows,
        "",
        f"## Scans ({args.preset}): {scan_total.summary()}; {scan_failures} failed files; curated in {scan_seconds:.0f} s",
        "",
        *scan_rows,
        "",
        "## What differs most (first examples)",
        "",
        *(f"- `{example[:300]}`" for example in (digital_total.examples[:8] + scan_total.examples[:4])),
        "",
    ]
    RESULTS.write_text("\n".join(report), encoding="utf-8")
    print("\n".join(report))


if __name__ == "__main__":
    main()
