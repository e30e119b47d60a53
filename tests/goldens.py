"""Golden action items of the seed decrees and the helpers that compare items with them."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent
SEEDS = {
    "kpu-kota-ternate-2026-3": HERE / "fixtures" / "seeds" / "kpu-kota-ternate-2026-3.txt",
    "kpu-kota-palu-2026-28": HERE / "fixtures" / "seeds" / "kpu-kota-palu-2026-28.txt",
}
TEXT_FIELDS = (
    "area_code", "area_no", "area_label", "component_no", "component", "component_code", "action_no", "action",
    "indicator_no", "indicator", "evidence", "schedule_text", "target_text", "target_quantity",
    "target_unit", "responsible", "extra",
)
SCHEDULE_FIELDS = (
    "schedule_start", "schedule_end", "schedule_recurrence", "schedule_deadline", "schedule_period_count", "periods",
)


def golden_items(doc_id: str) -> list[dict]:
    lines = (HERE / "golden" / f"{doc_id}.items.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def schedule_fields(item) -> dict:
    schedule = item.schedule
    return {
        "schedule_start": schedule.start.isoformat() if schedule else None,
        "schedule_end": schedule.end.isoformat() if schedule else None,
        "schedule_recurrence": schedule.recurrence if schedule else None,
        "schedule_deadline": bool(schedule and schedule.deadline),
        "schedule_period_count": len(schedule.periods) if schedule else None,
        "periods": [[p.start.isoformat(), p.end.isoformat(), p.label] for p in schedule.periods] if schedule else [],
    }


def text_fields(item) -> tuple[int, dict]:
    """An item's number and text fields, as compared with a golden line."""
    return item.item_no, {name: getattr(item, name) for name in TEXT_FIELDS}


def golden_text_fields(expected: dict) -> tuple[int, dict]:
    return expected["item_no"], {name: expected[name] for name in TEXT_FIELDS}


def golden_schedule_fields(expected: dict) -> tuple[int, dict]:
    return expected["item_no"], {name: expected[name] for name in SCHEDULE_FIELDS}


def golden_coverage(doc_id: str) -> list[dict]:
    """The hand-written coverage rows of a seed: component_code, item_count, printed_as."""
    return json.loads((HERE / "golden" / f"{doc_id}.coverage.json").read_text(encoding="utf-8"))["rows"]
