"""Does a row name the matrix columns?  The header vocabulary, as every extractor consults it.

Extractors sometimes must know where the matrix is before normalize reads it: the
PDF reader to choose an engine, the Word and Excel readers to tell the matrix
from the tables and sheets that only lay out prose.  They ask here; the words
themselves live in the vocabulary shared by extract and normalize (vocabulary/data/layout.toml).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from vocabulary import load
from vocabulary.headers import role_of


def roles_named(texts: Iterable[str]) -> set[str]:
    """The matrix roles the texts name as column headers."""
    return {role for text in texts if text.strip() and (role := role_of(text)) is not None}


def names_the_columns(texts: Sequence[str]) -> bool:
    """Do these cell texts name enough matrix roles to be the matrix header?"""
    return len(roles_named(texts)) >= load("layout")["header"]["min_known_roles"]


def header_index(rows: Sequence[Sequence[str]]) -> int | None:
    """The index of the first row (given as its cell texts) that is a matrix header, or None."""
    return next((index for index, texts in enumerate(rows) if names_the_columns(texts)), None)
