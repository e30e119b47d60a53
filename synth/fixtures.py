"""Render the seed decrees as digital PDFs, and decrees of other layouts: `python -m synth.fixtures OUTDIR`.

Every seed under tests/fixtures/seeds/ is rendered in each style of `STYLES`:
`<seed>.<style>.pdf`.  The styles differ in paper and font size so that the matrix
rows split across pages in different places, and in how the grid is drawn (lines,
thin filled rectangles, cell shading, none) and how landscape pages are stored.

OUTDIR/layouts/ gets generated decrees of layouts beyond the seeds' (synth.corpus, mix
"mixed"): one of each area-row form, with and without a group header and a combined
target/time column, each `<doc_id>.pdf` with its `<doc_id>.truth.json`.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from extract.text import read_text
from synth.corpus import SyntheticDecree, generate_corpus, write_decree
from synth.pdf import RenderStyle, render_pdf

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seeds"
STYLES: dict[str, RenderStyle] = {
    "a4": RenderStyle(),
    "f4-times": RenderStyle(paper="F4", font_size=9.5, font="Times", margins_mm=25.0),
    "a4-unruled": RenderStyle(ruled=False),
    "a4-rects": RenderStyle(rule_style="rects"),
    "a4-shaded": RenderStyle(rule_style="shaded"),
    "a4-rotated": RenderStyle(rotation=90),
}

log = logging.getLogger(__name__)


def render_seeds(out_dir: Path, styles: dict[str, RenderStyle] = STYLES, seeds: Path = SEEDS) -> list[Path]:
    """Render every seed in every style into `out_dir`; the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for seed in sorted(seeds.glob("*.txt")):
        document = read_text(seed)
        for name, style in styles.items():
            path = out_dir / f"{seed.stem}.{name}.pdf"
            render_pdf(document, path, style)
            written.append(path)
            log.info("wrote %s", path)
    return written


def layout_samples(seed: int = 3, pool: int = 60) -> list[SyntheticDecree]:
    """One new-layout decree per (area-row form, group header, combined column) the corpus draws."""
    chosen: dict[tuple, SyntheticDecree] = {}
    for decree in generate_corpus(pool, seed=seed, mix="mixed"):
        layout = decree.truth["layout"]
        if layout["features"]:
            key = (layout["features"]["section_form"], any(layout["groups"]), "target_schedule" in layout["columns"])
            chosen.setdefault(key, decree)
    return [chosen[key] for key in sorted(chosen)]


def render_layouts(out_dir: Path) -> list[Path]:
    """The new-layout samples as digital PDFs with their truth into `out_dir`."""
    written = []
    for decree in layout_samples():
        written.append(write_decree(decree, out_dir, "pdf"))
        log.info("wrote %s", written[-1])
    return written


def main(argv: list[str] | None = None) -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="folder for the generated PDFs")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    render_seeds(args.out_dir)
    render_layouts(args.out_dir / "layouts")


if __name__ == "__main__":
    main()
