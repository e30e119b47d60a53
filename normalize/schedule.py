"""Placeholder until the schedule grammar lands: reads nothing, guesses nothing."""

from __future__ import annotations

from normalize.records import Schedule


def read_schedule(text: str, plan_year: int) -> Schedule | None:
    return None
