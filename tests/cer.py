"""Character error rate: edit distance between a reading and the truth, per character of the truth."""

from __future__ import annotations


def edit_distance(got: str, want: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions each cost 1)."""
    if got == want:
        return 0
    if len(got) < len(want):
        got, want = want, got
    previous = list(range(len(want) + 1))
    for i, a in enumerate(got, start=1):
        current = [i]
        for j, b in enumerate(want, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]


def cer(got: str, want: str) -> float:
    """Edit distance over the length of the truth (an empty truth counts as one character)."""
    return edit_distance(got, want) / max(1, len(want))
