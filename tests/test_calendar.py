"""decrees calendar: the seeds' deliverables as iCalendar to-dos, parsed back with icalendar and checked field by field
against the golden files (written by reading the decrees)."""

import json
from datetime import date

import icalendar
import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from tests.goldens import HERE, SEEDS, golden_items

runner = CliRunner()


@pytest.fixture(scope="module")
def curated(seeds_curated):
    return seeds_curated


def _office(doc_id: str) -> str:
    return json.loads((HERE / "golden" / f"{doc_id}.decree.json").read_text(encoding="utf-8"))["issuer_short"]


def _expected(doc_id: str) -> dict[str, dict]:
    """uid -> the fields its to-do must carry, from the golden items and their periods."""
    office = _office(doc_id)
    expected = {}
    for item in golden_items(doc_id):
        for period_no, (start, end, label) in enumerate(item["periods"], start=1):
            expected[f"{doc_id}-{item['item_no']}-{period_no}@zona-integritas.decrees"] = {
                "summary": f"{office}: {item['action']}",
                "due": date.fromisoformat(end),
                "start": date.fromisoformat(start) if start < end else None,
                "category": item["area_code"],
                "description": [f"Bukti fisik: {item['evidence']}", f"Indikator: {item['indicator']}",
                                *([f"Target: {item['target_text']}"] if item["target_text"] else []),
                                f"Komponen: {item['component']}", f"Periode: {label}",
                                f"Sumber: {doc_id}, butir {item['item_no']}"],
            }
    return expected


def _todos(path) -> dict[str, icalendar.Todo]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert calendar["version"] == "2.0" and "decree-curation" in str(calendar["prodid"])
    todos = calendar.walk("VTODO")
    uids = [str(todo["uid"]) for todo in todos]
    assert len(uids) == len(set(uids))
    return dict(zip(uids, todos))


def _check(todo: icalendar.Todo, want: dict) -> None:
    assert str(todo["summary"]) == want["summary"]
    assert todo.decoded("due") == want["due"] and not hasattr(todo.decoded("due"), "hour")
    assert (todo.decoded("dtstart") if "dtstart" in todo else None) == want["start"]
    assert str(todo["description"]).split("\n") == want["description"]
    assert [str(c) for c in todo["categories"].cats] == [want["category"]]
    assert str(todo["status"]) == "NEEDS-ACTION" and todo.decoded("dtstamp").tzinfo is not None


def test_every_schedule_period_of_both_seeds_is_one_todo_with_every_field(curated, tmp_path):
    out = tmp_path / "deliverables.ics"
    result = runner.invoke(app, ["calendar", str(curated), str(out)])
    assert result.exit_code == 0, result.output
    todos = _todos(out)
    expected = {uid: want for doc_id in SEEDS for uid, want in _expected(doc_id).items()}
    assert set(todos) == set(expected)
    for uid, want in expected.items():
        _check(todos[uid], want)
    dues = [todo.decoded("due") for todo in todos.values()]
    assert dues == sorted(dues)  # in the order they fall due


def test_office_keeps_one_office_and_names_it_in_any_case(curated, tmp_path):
    out = tmp_path / "ternate.ics"
    result = runner.invoke(app, ["calendar", str(curated), str(out), "--office", "kpu kota ternate"])
    assert result.exit_code == 0, result.output
    assert set(_todos(out)) == set(_expected("kpu-kota-ternate-2026-3"))
    assert all(str(t["summary"]).startswith("KPU Kota Ternate: ") for t in _todos(out).values())


def test_an_unknown_office_or_folder_is_one_clear_error(curated, tmp_path):
    result = runner.invoke(app, ["calendar", str(curated), str(tmp_path / "x.ics"), "--office", "KPU Kota Bogor"])
    assert result.exit_code == 1 and "KPU Kota Bogor" in result.output and "KPU Kota Palu" in result.output
    assert not (tmp_path / "x.ics").exists()
    result = runner.invoke(app, ["calendar", str(tmp_path / "nothing"), str(tmp_path / "y.ics")])
    assert result.exit_code == 1 and "decrees curate" in result.output
