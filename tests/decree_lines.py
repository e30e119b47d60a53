"""Test helper: the running-text Lines of a seed .txt (table rows dropped, <b>/<i> removed).

A stand-in for the text extractor (extract.text.read_text) so that the decree readers
can be tested on their own; blank lines arrive as Line("") as the extractor gives them.
"""

from __future__ import annotations

import re
from pathlib import Path

from extract.document import Line

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
GOLDEN = Path(__file__).parent / "golden"
SEED_IDS = ("kpu-kota-ternate-2026-3", "kpu-kota-palu-2026-28")

_INLINE_MARKUP = re.compile(r"</?[bi]>")


def seed_lines(doc_id: str) -> list[Line]:
    """The non-table lines of a seed decree, markup removed, otherwise as printed."""
    text = (SEEDS / f"{doc_id}.txt").read_text(encoding="utf-8")
    return lines_of(text)


def lines_of(text: str) -> list[Line]:
    """Lines of a text, dropping tab-separated table rows and <b>/<i> markup."""
    return [Line(_INLINE_MARKUP.sub("", raw)) for raw in text.splitlines() if "\t" not in raw]
