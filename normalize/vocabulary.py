"""Loads the vocabulary kept as data under normalize/data/ (and, for the layout words, vocabulary/data/)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

import vocabulary


def load(name: str) -> dict[str, Any]:
    """The parsed TOML file normalize/data/<name>.toml; layout.toml and areas.toml come from vocabulary/."""
    if _in_vocabulary(name):
        return vocabulary.load(name)
    return _normalize_data(name)


@cache
def _in_vocabulary(name: str) -> bool:
    return resources.files("vocabulary").joinpath("data", f"{name}.toml").is_file()


@cache
def _normalize_data(name: str) -> dict[str, Any]:
    text = resources.files("normalize").joinpath("data", f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)
