"""The spaCy pipeline that marks legal references, built in milliseconds instead of seconds.

`spacy.blank("id")` spends nearly all of its start-up adding the Indonesian tokenizer's
~16,000 special cases (15,600 of them hyphenated reduplications such as "anak-anak"),
one by one, to a tokenizer that will read a handful of Mengingat points.  Here the
tokenizer starts with none of them, and before it reads a text it adds the special
cases that could apply to that text: those whose characters (whitespace aside) occur in
it.  A special case can only change the tokens of a text that contains it, so the
tokens, and every entity the patterns find, are exactly those of `spacy.blank("id")`;
only the work is done when, and as far as, a text needs it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc

_KEY_PREFIX = 3  # special cases are found by their first characters (whitespace removed)
_WHITESPACE = re.compile(r"\s+")


def legal_pipeline(patterns: Iterable[dict[str, Any]]) -> Language:
    """A blank Indonesian pipeline, its special cases added on demand, with an EntityRuler of `patterns`."""
    from spacy.lang.id import Indonesian

    exceptions = Indonesian.Defaults.tokenizer_exceptions

    class _Defaults(Indonesian.Defaults):  # type: ignore[misc,valid-type]
        tokenizer_exceptions: dict = {}

    class _Indonesian(Indonesian):
        Defaults = _Defaults

    nlp = _Indonesian()
    nlp.tokenizer = OnDemandSpecialCases(nlp.tokenizer, exceptions)
    ruler = nlp.add_pipe("entity_ruler", config={"validate": True})
    ruler.add_patterns(list(patterns))  # type: ignore[attr-defined]
    return nlp


class OnDemandSpecialCases:
    """A spaCy tokenizer that adds each of its language's special cases the first time a text may need it."""

    def __init__(self, tokenizer: Tokenizer, special_cases: dict[str, list[dict]]) -> None:
        self.tokenizer = tokenizer
        self.special_cases = special_cases
        self.by_prefix: dict[str, list[tuple[str, str]]] = defaultdict(list)  # first characters -> (bare, key)
        short = []
        for key in special_cases:
            bare = _WHITESPACE.sub("", key)
            if len(bare) < _KEY_PREFIX:
                short.append(key)
            else:
                self.by_prefix[bare[:_KEY_PREFIX]].append((bare, key))
        self.added: set[str] = set()
        self._add(short)  # a few hundred short ones ("(:", "a.", "\n"): cheaper added than searched

    def __call__(self, text: str) -> Doc:
        self._add(self.candidates(text))
        return self.tokenizer(text)

    def candidates(self, text: str) -> list[str]:
        """Every special case whose characters, whitespace removed, occur in the text."""
        bare_text = _WHITESPACE.sub("", text)
        found = []
        for start in range(len(bare_text) - _KEY_PREFIX + 1):
            for bare, key in self.by_prefix.get(bare_text[start : start + _KEY_PREFIX], ()):
                if key not in self.added and bare_text.startswith(bare, start):
                    found.append(key)
        return found

    def _add(self, keys: list[str]) -> None:
        for key in sorted(keys):  # spaCy adds its special cases in sorted order
            if key not in self.added:
                self.tokenizer.add_special_case(key, self.special_cases[key])
                self.added.add(key)

    def __getattr__(self, name: str) -> Callable[..., Any]:  # pipe, explain, to_bytes, ...: the tokenizer's own
        return getattr(self.tokenizer, name)
