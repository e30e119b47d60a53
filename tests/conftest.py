"""Shared fixtures: seed decrees rendered as digital PDFs on the fly (once per session)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from extract.text import read_text
from synth.pdf import RenderStyle, render_pdf
from tests.goldens import SEEDS


@pytest.fixture(scope="session")
def digital_pdf(tmp_path_factory) -> Callable[[str, RenderStyle], Path]:
    """`digital_pdf(doc_id, style)`: the path of that seed rendered in that style (cached)."""
    folder = tmp_path_factory.mktemp("digital_pdfs")
    rendered: dict[tuple[str, RenderStyle], Path] = {}

    def render(doc_id: str, style: RenderStyle = RenderStyle()) -> Path:
        key = (doc_id, style)
        if key not in rendered:
            path = folder / f"{doc_id}-{len(rendered)}.pdf"
            render_pdf(read_text(SEEDS[doc_id]), path, style)
            rendered[key] = path
        return rendered[key]

    return render


@pytest.fixture(scope="session")
def seeds_curated(tmp_path_factory) -> Path:
    """Both seeds curated for real into one folder, once per session; tests must not change it."""
    from tests.curated_seeds import curate_seeds

    return curate_seeds(tmp_path_factory.mktemp("seeds_curated"))
