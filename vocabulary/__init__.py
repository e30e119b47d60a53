"""The words layouts are read by, kept as data below both extract/ and normalize/.

`vocabulary/data/layout.toml` (printed headers -> column roles) and `areas.toml`
(printed area labels -> the six area codes) ship with the project.  A user's own
vocabulary file (`decrees curate --vocabulary FILE.toml`) adds to them without
touching code: its `[roles]`, `[areas.<code>]` and `[time_words.*]` sections are
merged into what the readers load.  Lists are extended, tables merged key by key.

Readers that derive something from the vocabulary cache it with `@cached`, which
forgets when another user vocabulary is put in use.
"""

from __future__ import annotations

import hashlib
import sys
import tomllib
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["VocabularyError", "cached", "fingerprint", "load", "merged", "read_user_vocabulary",
           "use_user_vocabulary", "user_section"]

F = TypeVar("F", bound=Callable[..., Any])
_CACHED: list[Any] = []
_USER: dict[str, Any] = {}
_USER_TEXT: str = ""
# Sections a user's vocabulary file may hold, and the packaged file each extends.
SECTIONS = {"roles": "layout", "areas": "areas", "time_words": None}
_READERS = ("normalize.", "extract.")  # packages whose cached readings depend on the words in use


class VocabularyError(ValueError):
    """A user's vocabulary file that cannot be used (not TOML, unknown section, role or area)."""


def cached(func: F) -> F:
    """functools.cache, forgotten whenever another user vocabulary is put in use."""
    wrapped = cache(func)
    _CACHED.append(wrapped)
    return wrapped  # type: ignore[return-value]


@cached
def load(name: str) -> dict[str, Any]:
    """vocabulary/data/<name>.toml with the user's additions merged in (do not modify the result)."""
    packaged = _packaged(name)
    additions = {section: _USER[section] for section, target in SECTIONS.items() if target == name and section in _USER}
    return merged(packaged, additions) if additions else packaged


def user_section(name: str) -> dict[str, Any]:
    """One section of the user's vocabulary file (e.g. "time_words"); empty when none is in use."""
    return _USER.get(name, {})


def read_user_vocabulary(path: Path) -> str:
    """The text of a user's vocabulary file, checked; raises VocabularyError with what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise VocabularyError(f"vocabulary file {path} cannot be read: {error.strerror}") from error
    _parse(text, str(path))
    return text


def use_user_vocabulary(text: str | None) -> None:
    """Put a user's vocabulary (the TOML text, None for none) in use in this process."""
    global _USER, _USER_TEXT
    text = text or ""
    if text == _USER_TEXT:
        return
    _USER, _USER_TEXT = (_parse(text, "the vocabulary") if text else {}), text
    for function in _CACHED:
        function.cache_clear()
    _forget_readings()


def _forget_readings() -> None:
    """Clear the cached readings (schedules, targets, tokens) of the readers, made with the old words."""
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(_READERS):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == name:
                value.cache_clear()


def fingerprint() -> str:
    """A short digest of the user vocabulary in use ("" when none): part of the cache key."""
    return hashlib.sha256(_USER_TEXT.encode()).hexdigest()[:12] if _USER_TEXT else ""


def merged(base: dict[str, Any], additions: dict[str, Any]) -> dict[str, Any]:
    """`base` with `additions` merged in: tables key by key, lists extended (no duplicates)."""
    result = dict(base)
    for key, value in additions.items():
        old = result.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            result[key] = merged(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            result[key] = old + [v for v in value if v not in old]
        else:
            result[key] = value
    return result


@cache
def _packaged(name: str) -> dict[str, Any]:
    text = resources.files("vocabulary").joinpath("data", f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _parse(text: str, where: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise VocabularyError(f"{where} is not valid TOML: {error}") from error
    unknown = sorted(set(data) - set(SECTIONS))
    if unknown:
        raise VocabularyError(f"{where}: unknown section(s) {', '.join(unknown)}; "
                              f"a vocabulary file holds {', '.join(f'[{s}]' for s in SECTIONS)}")
    roles = set(_packaged("layout")["roles"]) | set(_packaged("layout").get("more_roles", {}))
    for role, words in data.get("roles", {}).items():
        if role not in roles:
            raise VocabularyError(f"{where}: [roles] names unknown role {role!r}; roles are {', '.join(sorted(roles))}")
        _check_words(words, f"{where}: [roles] {role}")
    codes = set(_packaged("areas")["areas"])
    for code, fields in data.get("areas", {}).items():
        if code not in codes or not isinstance(fields, dict):
            raise VocabularyError(f"{where}: [areas.{code}] is not one of the six areas ({', '.join(sorted(codes))})")
        for field, words in fields.items():
            if field not in ("labels", "components"):
                raise VocabularyError(f"{where}: [areas.{code}] may hold labels and components, not {field!r}")
            _check_words(words, f"{where}: [areas.{code}] {field}")
    return data


def _check_words(words: Any, where: str) -> None:
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise VocabularyError(f"{where} must be a list of non-empty strings")
