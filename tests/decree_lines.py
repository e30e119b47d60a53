"""Test helper: the running-text Lines of a seed (via the text extractor) or of a made-up text.

`seed_lines` uses the real text extractor (extract.text.read_text); `lines_of` turns a
made-up decree written in a test into Lines the same way (tab-separated table rows
dropped, <b>/<i> removed, blank lines kept as Line("")).
"""

from __future__ import annotations

import re
from pathlib import Path

from extract.document import Line
from extract.text import read_text

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
GOLDEN = Path(__file__).parent / "golden"
SEED_IDS = ("kpu-kota-ternate-2026-3", "kpu-kota-palu-2026-28")

_INLINE_MARKUP = re.compile(r"</?[bi]>")


def seed_lines(doc_id: str) -> list[Line]:
    """The non-table lines of a seed decree as the text extractor gives them."""
    return read_text(SEEDS / f"{doc_id}.txt").lines


def lines_of(text: str) -> list[Line]:
    """Lines of a text, dropping tab-separated table rows and <b>/<i> markup."""
    return [Line(_INLINE_MARKUP.sub("", raw)) for raw in text.splitlines() if "\t" not in raw]
