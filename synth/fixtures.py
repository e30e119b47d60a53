"""Render the seed decrees as digital PDFs: `python -m synth.fixtures OUTDIR`.

Every seed under tests/fixtures/seeds/ is rendered in each style of `STYLES`:
`<seed>.<style>.pdf`.  The styles differ in paper and font size so that the matrix
rows split across pages in different places.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from extract.text import read_text
from synth.pdf import RenderStyle, render_pdf

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seeds"
STYLES: dict[str, RenderStyle] = {
    "a4": RenderStyle(),
    "f4-times": RenderStyle(paper="F4", font_size=9.5, font="Times", margins_mm=25.0),
    "a4-unruled": RenderStyle(ruled=False),
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


def main(argv: list[str] | None = None) -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="folder for the generated PDFs")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    render_seeds(args.out_dir)


if __name__ == "__main__":
    main()
