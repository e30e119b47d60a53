"""Field accuracy of curated items against a golden file written by reading the document."""

from __future__ import annotations

from dataclasses import dataclass, field

from normalize.records import CuratedDecree
from pipelines.tables import item_rows, schedule_rows


@dataclass
class FieldAccuracy:
    right: int = 0
    total: int = 0
    wrong: list[tuple[int, str, object, object]] = field(default_factory=list)  # (item_no, field, gold, got)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


def field_accuracy(decree: CuratedDecree, gold: list[dict]) -> FieldAccuracy:
    """Every field of every golden item compared with the curated item of the same number (missing = wrong)."""
    periods: dict[int, list[list[str]]] = {}
    for period in schedule_rows(decree):
        periods.setdefault(period["item_no"], []).append(
            [str(period["period_start"]), str(period["period_end"]), period["label"]])
    got = {row["item_no"]: _comparable(row, periods.get(row["item_no"], [])) for row in item_rows(decree)}
    result = FieldAccuracy()
    for expected in gold:
        item = got.get(expected["item_no"], {})
        for name, value in expected.items():
            if name == "item_no":
                continue
            result.total += 1
            if item.get(name) == value:
                result.right += 1
            else:
                result.wrong.append((expected["item_no"], name, value, item.get(name)))
    return result


def _comparable(row: dict, periods: list[list[str]]) -> dict:
    row = dict(row)
    row["extra"] = dict(row["extra"])
    row["periods"] = periods
    for name in ("schedule_start", "schedule_end"):
        if row.get(name) is not None:
            row[name] = str(row[name])
    return row
