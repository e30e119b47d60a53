"""Loads the vocabulary kept as data under normalize/data/."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed TOML file normalize/data/<name>.toml (read once per process)."""
    text = resources.files("normalize").joinpath("data", f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)
