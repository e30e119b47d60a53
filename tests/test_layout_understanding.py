"""How a matrix is understood: tolerant headers, multi-row headers, content, one assignment, areas.

Each layout feature has a small text conversion in tests/fixtures/layouts/; `decrees
layout` is run on every layout of the tests.
"""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.text import read_text
from normalize.areas import area_code
from normalize.items import read_matrix
from normalize.layout import find_layout
from normalize.target_schedule import split_target_schedule
from pipelines.cli import app
from vocabulary import VocabularyError, read_user_vocabulary, use_user_vocabulary
from vocabulary.headers import header_matches, role_of

FIXTURES = Path(__file__).parent / "fixtures"
LAYOUTS = FIXTURES / "layouts"


@pytest.fixture(autouse=True)
def no_user_vocabulary():
    use_user_vocabulary(None)
    yield
    use_user_vocabulary(None)


@pytest.mark.parametrize(("header", "role"), [
    ("OUTPUTIDATA DUKUNG", "evidence"), ("OUTPUT/DATA DUKUNG", "evidence"), ("INDIKATUR", "indicator"),
    ("PENANGGUNG JAWA8", "responsible"), ("TARGET DAN WAKTU", "target_schedule"), ("WAKTU/TARGET", "target_schedule"),
    ("Target & Waktu", "target_schedule"), ("Kurun Waktu", "schedule"), ("TARGET WAKTU", "schedule"),
    ("% Target", None), ("PELAKSANAAN", None), ("KETERANGAN", None), ("Proses", None),
])
def test_headers_are_matched_tolerantly_but_never_confuse_two_real_words(header, role):
    assert role_of(header) == role


def test_a_slip_is_reported_as_fuzzy_with_its_score():
    best = header_matches("OUTPUTIDATA DUKUNG")[0]
    assert (best.role, best.how) == ("evidence", "fuzzy") and 88 <= best.score < 100


def test_two_level_header_with_sub_headers_printed_on_the_area_rows():
    document = read_text(LAYOUTS / "two_level_header.txt")
    layout = find_layout(document.rows)
    assert layout.header_rows == 2 and layout.roles == ["no", "component", "action", "indicator", "target", "schedule"]
    assert layout.columns[2].header_match == "group 'PROSES'"  # spanned by "Proses", no label of its own
    assert layout.columns[4].header == "Keterangan / Target Prioritas"
    matrix = read_matrix(document.rows, plan_year=2026)
    assert [(i.area_no, i.area_code) for i in matrix.items] == [
        ("I", "manajemen_perubahan"), ("I", "manajemen_perubahan"), ("II", "penataan_tatalaksana")]
    assert [i.target_text for i in matrix.items] == ["1 Dokumen", "2 Laporan", "1 Dokumen"]
    assert matrix.items[2].schedule is not None and matrix.items[2].schedule.recurrence == "P3M"


def test_lettered_areas_nested_numbers_and_a_target_time_column():
    matrix = read_matrix(read_text(LAYOUTS / "lettered_areas.txt").rows, plan_year=2026)
    first, second, third = matrix.items
    assert (first.area_no, first.area_code, first.action_no) == ("A", "manajemen_perubahan", "1.1")
    assert (first.target_text, first.schedule_text, first.target_quantity) == ("1 Dokumen", "Maret 2026", 1)
    assert first.evidence == "Dokumen rencana aksi"  # header OCR'd as OUTPUTIDATA DUKUNG
    assert (second.target_text, second.schedule_text) == ("2 (dua) Laporan", "Juni - Juli 2026")
    assert (third.area_code, third.action_no) == ("penguatan_akuntabilitas", "2.1")
    # a cell with no time in it: all kept as the target, flagged
    assert (third.target_text, third.schedule_text) == ("Sesuai kebutuhan", "")
    assert any(f.code == "schedule_unparsed" and f.item_no == 3 for f in matrix.findings)


def test_a_column_named_by_nothing_known_is_recognised_by_its_content():
    layout = find_layout(read_text(LAYOUTS / "user_vocabulary.txt").rows)
    schedule = layout.columns[4]
    assert (schedule.role, schedule.decided_by, schedule.header_score) == ("schedule", "content", 0.0)
    assert layout.columns[1].role == "extra"


@pytest.mark.parametrize(("text", "target", "schedule"), [
    ("Januari 2021\n1. Meningkatnya komitmen\npimpinan", "1. Meningkatnya komitmen pimpinan", "Januari 2021"),
    ("1 Dokumen / Maret 2026", "1 Dokumen", "Maret 2026"),
    ("Maret 2026: 1 (satu) Laporan", "1 (satu) Laporan", "Maret 2026"),
    ("Juli 2026", None, "Juli 2026"),
])
def test_target_and_time_in_one_cell_are_split(text, target, schedule):
    split = split_target_schedule(text, 2026)
    assert (split.target_text, split.schedule_text, split.split) == (target, schedule, True)


@pytest.mark.parametrize(("label", "code"), [
    ("MANAJEMEN PERUBAHAM", "manajemen_perubahan"), ("PENATAAN TATA IAKSANA", "penataan_tatalaksana"),
    ("PENGUATAN AKUNTABILITAS KINERJA", "penguatan_akuntabilitas"), ("PROSES BISNIS", None),
])
def test_area_labels_are_read_tolerantly(label, code):
    assert area_code(label) == code


def test_a_users_vocabulary_makes_an_unknown_header_known(tmp_path):
    rows = read_text(LAYOUTS / "user_vocabulary.txt").rows
    assert find_layout(rows).columns[1].role == "extra"
    use_user_vocabulary(read_user_vocabulary(LAYOUTS / "user_vocabulary.toml"))
    layout = find_layout(rows)
    assert layout.roles == ["no", "action", "indicator", "evidence", "schedule"]
    assert layout.columns[1].decided_by == "header"
    bad = tmp_path / "bad.toml"
    bad.write_text('[roles]\nsasaran = ["SASARAN"]\n', encoding="utf-8")
    with pytest.raises(VocabularyError, match="unknown role 'sasaran'"):
        read_user_vocabulary(bad)


def test_a_users_vocabulary_adds_schedule_words_and_area_labels(tmp_path):
    words = tmp_path / "words.toml"
    words.write_text('[time_words.months]\nmarzo = 3\n[areas.pelayanan_publik]\nlabels = ["layanan prima"]\n',
                     encoding="utf-8")
    use_user_vocabulary(read_user_vocabulary(words))
    assert area_code("LAYANAN PRIMA") == "pelayanan_publik"
    matrix = read_matrix(read_text(LAYOUTS / "lettered_areas.txt").rows, plan_year=2026)
    assert split_target_schedule("1 Dokumen / Marzo 2026", 2026).schedule_text == "Marzo 2026"
    assert matrix.items[0].schedule is not None


LAYOUT_FILES = [
    *sorted((FIXTURES / "seeds").glob("*.txt")), *sorted(LAYOUTS.glob("*.txt")), *sorted((FIXTURES / "real").glob("*.pdf")),
]


@pytest.mark.parametrize("path", LAYOUT_FILES, ids=lambda p: p.name)
def test_decrees_layout_shows_how_every_column_was_understood(path):
    result = CliRunner().invoke(app, ["layout", str(path)])
    assert result.exit_code == 0, result.output
    layout = find_layout(read_text(path).rows) if path.suffix == ".txt" else None
    for column in layout.columns if layout else []:
        assert column.role in result.output and (column.header or "(none)")[:10] in result.output
    assert "decided by" in result.output and "header score" in result.output


def test_decrees_layout_with_the_users_vocabulary():
    result = CliRunner().invoke(app, ["layout", str(LAYOUTS / "user_vocabulary.txt"),
                                      "--vocabulary", str(LAYOUTS / "user_vocabulary.toml")])
    assert result.exit_code == 0, result.output
    assert "exact 'SASARAN KEGIATAN'" in result.output
