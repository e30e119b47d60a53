"""OCR doubts and numbering repairs in normalize, on hand-made rows with confidences."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from extract.document import BBox, Cell, Document, Line, Row
from normalize.curate import curate_document
from normalize.ocr.doubts import low_confidence_notes, unknown_word_notes
from normalize.ocr.numbering import repair_numbering

HEADER = ("NO", "KOMPONEN", "LANGKAH AKSI", "INDIKATOR", "BUKTI FISIK", "TARGET WAKTU")


def ocr_row(texts: tuple[str, ...], page: int = 1, top: float = 0.0, confidence: float = 95.0) -> Row:
    """A row as the OCR extractor gives it: every cell with a box and a confidence."""
    cells = tuple(Cell(text, BBox(100.0 * i, top, 100.0 * (i + 1), top + 20), confidence if text else None)
                  for i, text in enumerate(texts))
    return Row(cells, page=page, segment=0, reaches_page_bottom=False)


def texts(rows: list[Row]) -> list[tuple[str, ...]]:
    return [row.texts for row in rows]


def test_numbering_slips_in_no_and_numbered_cells_are_repaired_with_info_notes():
    rows = [
        ocr_row(HEADER),
        ocr_row(("1", "Tim Kerja", "l. Menyusun SK", "SK terbit", "SK", "Juli 2026"), top=20),
        ocr_row(("l", "Rencana Aksi", "2: Menyusun dokumen", "Dokumen", "Dokumen", "Juli 2026"), top=40),
        ocr_row(("3", "Monitoring", "1. Rapat", "Notulen", "Notulen", "Juli 2026"), top=60),
    ]
    repaired, notes = repair_numbering(rows)
    assert texts(repaired)[2] == ("1", "Rencana Aksi", "2. Menyusun dokumen", "Dokumen", "Dokumen", "Juli 2026")
    assert texts(repaired)[1][2] == "1. Menyusun SK"
    repairs = [n for n in notes if n.finding.code == "ocr_repaired"]
    assert len(repairs) == 3 and all(n.finding.severity.value == "info" and n.page == 1 for n in repairs)
    # "l" repaired to "1" still breaks the sequence 1, 1, 3: a warning, not a second guess
    (doubt,) = [n for n in notes if n.finding.code != "ocr_repaired"]
    assert doubt.finding.severity.value == "warning" and "between 1 and 3" in doubt.finding.message


def test_a_number_between_two_readable_ones_replaces_letters_in_the_no_column():
    rows = [
        ocr_row(HEADER),
        ocr_row(("1.", "A", "x", "y", "z", "Juli 2026"), top=20),
        ocr_row(("EN", "B", "x", "y", "z", "Juli 2026"), top=40),
        ocr_row(("3.", "C", "x", "y", "z", "Juli 2026"), top=60),
    ]
    repaired, notes = repair_numbering(rows)
    assert [row.texts[0] for row in repaired] == ["NO", "1.", "2.", "3."]
    assert len(notes) == 1


def test_the_row_of_column_numbers_and_roman_section_numbers_are_restored():
    rows = [
        ocr_row(HEADER),
        ocr_row(("(1)", "2)", "(3", "(8)", "(5)", "(6)"), top=20),
        ocr_row(("I. MANAJEMEN PERUBAHAN", "", "", "", "", ""), top=40),
        ocr_row(("1", "A", "x", "y", "z", "Juli 2026"), top=60),
        ocr_row(("Il. PENATAAN TATA LAKSANA", "", "", "", "", ""), top=80),
        ocr_row(("1", "B", "x", "y", "z", "Juli 2026"), top=100),
        ocr_row(("III. PENATAAN SISTEM MANAJEMEN SDM", "", "", "", "", ""), top=120),
    ]
    repaired, _ = repair_numbering(rows)
    assert repaired[1].texts == ("(1)", "(2)", "(3)", "(4)", "(5)", "(6)")
    assert repaired[4].texts[0] == "II. PENATAAN TATA LAKSANA"


def test_roman_numbers_in_a_roman_no_column_are_not_digits():
    rows = [
        ocr_row(HEADER),
        ocr_row(("I", "A", "x", "y", "z", "Juli 2026"), top=20),
        ocr_row(("II", "B", "x", "y", "z", "Juli 2026"), top=40),
    ]
    repaired, notes = repair_numbering(rows)
    assert texts(repaired) == texts(rows) and notes == []


def test_cells_without_a_confidence_are_never_touched():
    rows = [Row(tuple(Cell(t) for t in HEADER), None, 0),
            Row(tuple(Cell(t) for t in ("l.", "A", "l. x", "y", "z", "Juli 2026")), None, 0)]
    repaired, notes = repair_numbering(rows)
    assert texts(repaired) == texts(rows) and notes == []
    assert low_confidence_notes(rows) == []


def test_low_confidence_cells_become_warnings_on_their_item_and_page():
    rows = [
        ocr_row(HEADER, page=2),
        ocr_row(("1", "(2)", "(3)", "4)", "(5)", "(6)"), page=2, top=12),  # overlaps the next row's box
        ocr_row(("1", "Tim Kerja", "Menyusun SK", "SK terbit", "SK", "Juli 2026"), page=2, top=20),
        ocr_row(("2", "Rencana", "Menyusun", "Dokumen", "Dokumen", "Juli 2026"), page=3, top=20),
    ]
    low = Cell("Dokurnen", rows[3].cells[4].bbox, 41.0)
    rows[3] = Row(rows[3].cells[:4] + (low,) + rows[3].cells[5:], page=3, segment=1, reaches_page_bottom=False)
    blank = Cell("", rows[2].cells[3].bbox, 0.0)  # print in the cell, no word read
    rows[2] = Row(rows[2].cells[:3] + (blank,) + rows[2].cells[4:], page=2, segment=0, reaches_page_bottom=False)
    document = Document(Path("scan.pdf"), "pdf_scanned", "ocr", 3,
                        [Line("KOMISI PEMILIHAN UMUM KOTA TERNATE", 1), Line("NOMOR 3 TAHUN 2026", 1)], rows)
    decree = curate_document(document, "scan.pdf", "0" * 64)
    low_findings = sorted((f.item_no, f.page) for f in decree.findings if f.code == "ocr_low_confidence")
    assert low_findings == [(1, 2), (2, 3)]
    message = next(f.message for f in decree.findings if f.code == "ocr_low_confidence" and f.item_no == 2)
    assert "Dokurnen" in message and "41" in message
    assert [(f.item_no, f.page) for f in decree.findings if f.code == "ocr_repaired"] == [(None, 2), (None, 2)]
    assert len(decree.items) == 2


def test_confident_words_no_word_list_knows_become_unknown_word_warnings():
    rows = [
        ocr_row(HEADER),
        ocr_row(("1", "Tim Kerja", "Menyusun SK", "SK terbit", "Dokurnen", "Juli 2026"), top=20),
        ocr_row(("2", "Rencana", "Menyusun", "Dokumen", "Dokumen", "Juli 2026"), top=40),
        ocr_row(("3", "Rencana", "Mensosialisasikan SOP", "Terlaksananya rapat", "Ja1an", "Juli 2026"), top=60),
        ocr_row(("4", "Rencana", "Menyusun", "Laporan", "Laporan (PKPT) 2026", "Juli 2026"), top=80),
    ]
    document = Document(Path("scan.pdf"), "pdf_scanned", "ocr", 1,
                        [Line("KOMISI PEMILIHAN UMUM KOTA TERNATE", 1), Line("NOMOR 3 TAHUN 2026", 1)], rows)
    decree = curate_document(document, "scan.pdf", "0" * 64)
    unknown = [f for f in decree.findings if f.code == "ocr_unknown_word"]
    assert sorted(f.item_no for f in unknown) == [1, 3]  # derived words, all-caps and numbers are not doubted
    assert "Dokurnen" in unknown[0].message and all(f.severity.value == "warning" for f in unknown)


def test_text_cells_are_never_checked_against_the_word_list():
    rows = [ocr_row(("1", "Tim Kerja", "Dokurnen", "Dokurnen", "Dokurnen", "Juli 2026"), confidence=None)]
    assert unknown_word_notes(rows) == []


def _curated(rows: list[Row]):
    document = Document(Path("scan.pdf"), "pdf_scanned", "ocr", 2,
                        [Line("KOMISI PEMILIHAN UMUM KOTA TERNATE", 1), Line("NOMOR 3 TAHUN 2026", 1)], rows)
    return curate_document(document, "scan.pdf", "0" * 64)


def _doubted(decree, code: str = "ocr_unknown_word") -> list[int | None]:
    return sorted(f.item_no for f in decree.findings if f.code == code)


def test_a_cell_with_print_read_as_no_word_is_a_warning_whatever_its_confidence():
    rows = [
        ocr_row(HEADER),
        ocr_row(("1", "Tim Kerja", "Menyusun SK", "SK terbit", "SK", "Juli 2026"), top=20),
        ocr_row(("2", "Rencana", "Menyusun", "Dokumen", "Dokumen", "Juli 2026"), top=40),
    ]
    skipped = Cell("Menyusun", rows[2].cells[2].bbox, 95.0, unread_print=True)  # a line of it was skipped
    rows[2] = Row(rows[2].cells[:2] + (skipped,) + rows[2].cells[3:], page=1, segment=0, reaches_page_bottom=False)
    decree = _curated(rows)
    assert _doubted(decree, "ocr_unread_print") == [2]
    assert _doubted(decree, "ocr_low_confidence") == []


def test_a_doubt_about_a_merged_cell_is_on_every_item_that_carries_it():
    rows = [
        ocr_row(HEADER),
        ocr_row(("1", "Penanganan Benturan", "Menyusun SK", "SK terbit", "SK", "Juli 2026"), top=20),
        ocr_row(("", "", "Menyusun peta", "Peta", "Peta", "Juli 2026"), page=2, top=20),
        ocr_row(("", "", "Evaluasi", "Laporan", "Laporan", "Juli 2026"), page=2, top=40),
        ocr_row(("2", "Rencana", "Menyusun", "Dokumen", "Dokumen", "Juli 2026"), page=2, top=60),
    ]
    unsure = Cell("Penanganan Benturan", rows[1].cells[1].bbox, 36.0)
    rows[1] = Row(rows[1].cells[:1] + (unsure,) + rows[1].cells[2:], page=1, segment=0, reaches_page_bottom=True)
    rows[2:] = [Row(row.cells, row.page, 1, reaches_page_bottom=False) for row in rows[2:]]
    decree = _curated(rows)
    assert [item.component for item in decree.items] == ["Penanganan Benturan"] * 3 + ["Rencana"]
    low = [f for f in decree.findings if f.code == "ocr_low_confidence"]
    assert sorted(f.item_no for f in low) == [1, 2, 3] and {f.page for f in low} == {1}


@pytest.mark.parametrize(("cell", "doubted"), [
    ("Rapat evaluasi pembangunan Z!", True),  # no exclamation marks in a decree's matrix
    ("'SOP di ruang pelayanan", True),  # a quote mark the cell never closes
    ("Aplikasi 'SIPOL' terpasang", False),
    ("penghargaan, dil)", True),  # "dll" with "l" read as "i"
    ("Semester Il Tahun 2026", True),  # roman numeral with "I" read as "l"
    ("Lembar monev Zi, bukti", True),  # the decree's acronym ZI in another case
    ("Lembar monev ZI, bukti", False),
    ("Rapat evaluasi pembangunan Zl", True),  # the acronym with "I" read as "l"
    ("Memberikan tanggapan'/tindak lanjut", True),  # a quote mark inside a word, not between letters
])
def test_confident_slips_that_give_known_words_are_doubted(cell, doubted):
    rows = [
        ocr_row(HEADER),
        ocr_row(("1", "Tim Kerja", "Rapat tim ZI", "SK terbit", "Laporan ZI", "Juli 2026"), top=20),
        ocr_row(("2", "Rencana", "Menyusun", "Dokumen", cell, "Juli 2026"), top=40),
    ]
    assert (_doubted(_curated(rows)) == [2]) is doubted


def test_a_row_number_out_of_its_sequence_is_doubted_not_changed():
    rows = [
        ocr_row(HEADER),
        ocr_row(("I. MANAJEMEN PERUBAHAN", "", "", "", "", ""), top=20),
        ocr_row(("4", "Tim Kerja", "Menyusun SK", "SK terbit", "SK", "Juli 2026"), top=40),  # a "1" misread
        ocr_row(("2", "Rencana", "Menyusun", "Dokumen", "Dokumen", "Juli 2026"), top=60),
        ocr_row(("3", "Monitoring", "Rapat", "Notulen", "Notulen", "Juli 2026"), top=80),
    ]
    decree = _curated(rows)
    assert [item.component_no for item in decree.items] == ["4", "2", "3"]
    assert 1 in _doubted(decree, "numbering_gap")


def _headed(numerals: tuple[str, ...]) -> list[Row]:
    labels = ("MANAJEMEN PERUBAHAN", "PENATAAN TATA LAKSANA", "PENATAAN SISTEM MANAJEMEN SDM",
              "PENGUATAN AKUNTABILITAS", "PENGUATAN PENGAWASAN", "PENINGKATAN KUALITAS PELAYANAN PUBLIK")
    rows = [ocr_row(HEADER)]
    for numeral, label in zip(numerals, labels):
        rows.append(ocr_row((f"{numeral}. {label}", "", "", "", "", ""), top=20.0 * len(rows)))
        rows.append(ocr_row(("1", "Tim Kerja", "Menyusun SK", "SK terbit", "SK", "Juli 2026"), top=20.0 * len(rows)))
    return rows


def test_roman_numerals_misread_as_strokes_are_repaired_when_the_whole_sequence_is_certain():
    repaired, notes = repair_numbering(_headed(("|", "IL", "III", "IV", "V", "VI")))
    assert [row.texts[0].split(".")[0] for row in repaired[1::2]] == ["I", "II", "III", "IV", "V", "VI"]
    assert [n.finding.severity.value for n in notes] == ["info", "info"]
    assert "'|'" in notes[0].finding.message and "sequence" in notes[0].finding.message


def test_strokes_for_roman_numerals_are_left_as_read_when_the_sequence_says_otherwise():
    rows = _headed(("|", "IL", "IV", "V", "VI"))  # the third heading reads IV: a heading is missing, no certainty
    repaired, _ = repair_numbering(rows)
    assert repaired[1].texts[0].startswith("|.")


def test_an_unsure_section_number_out_of_sequence_is_repaired_and_doubted_on_its_items():
    rows = [
        ocr_row(HEADER),
        ocr_row(("I. MANAJEMEN PERUBAHAN", "", "", "", "", ""), top=20),
        ocr_row(("1", "Tim Kerja", "Menyusun SK", "SK terbit", "SK", "Juli 2026"), top=40),
        ocr_row(("II. PENATAAN TATA LAKSANA", "", "", "", "", ""), top=60),
        ocr_row(("1", "SOP", "Menyusun SOP", "SOP", "SOP", "Juli 2026"), top=80),
        ocr_row(("II. PENATAAN SISTEM MANAJEMEN SDM", "", "", "", "", ""), top=100, confidence=51.0),
        ocr_row(("1", "Mutasi", "Menyusun pola", "Pola", "Pola", "Juli 2026"), top=120),
        ocr_row(("2", "Kinerja", "Menyusun SKP", "SKP", "SKP", "Juli 2026"), top=140),
        ocr_row(("IV. PENGUATAN AKUNTABILITAS", "", "", "", "", ""), top=160),
        ocr_row(("1", "LAKIP", "Menyusun LAKIP", "LAKIP", "LAKIP", "Juli 2026"), top=180),
    ]
    decree = _curated(rows)
    assert [item.area_no for item in decree.items] == ["I", "II", "III", "III", "IV"]
    assert _doubted(decree, "ocr_repaired") == [3, 4]  # the heading's repair is on the items under it
    # repaired, the numeral follows II and the label is an area's name: the heading is no longer doubted
    assert _doubted(decree, "ocr_low_confidence") == []
    rows[5] = ocr_row(("III. PENATAAN SUMBER DAYA", "", "", "", "", ""), top=100, confidence=51.0)
    assert _doubted(_curated(rows), "ocr_low_confidence") == [3, 4]  # not an area's own name: doubted


def test_an_unsure_row_number_that_its_neighbours_confirm_is_not_doubted():
    rows = [
        ocr_row(HEADER),
        ocr_row(("1", "Tim Kerja", "Menyusun SK", "SK terbit", "SK", "Juli 2026"), top=20),
        ocr_row(("2", "Rencana", "Menyusun", "Dokumen", "Dokumen", "Juli 2026"), top=40),
        ocr_row(("3", "Monitoring", "Rapat", "Notulen", "Notulen", "Juli 2026"), top=60),
        ocr_row(("7", "Evaluasi", "Rapat", "Laporan", "Laporan", "Juli 2026"), top=80),
    ]
    unsure = [replace(cell, confidence=40.0) if i == 0 else cell for i, cell in enumerate(rows[2].cells)]
    rows[2] = replace(rows[2], cells=tuple(unsure))
    unsure_last = [replace(cell, confidence=40.0) if i == 0 else cell for i, cell in enumerate(rows[4].cells)]
    rows[4] = replace(rows[4], cells=tuple(unsure_last))
    assert _doubted(_curated(rows), "ocr_low_confidence") == [4]  # "7" after "3" is not confirmed


@pytest.mark.parametrize(("final", "first", "doubted"), [
    ("Rapat dengan arahan Ketua nada rapat", "Rapat dengan arahan Ketua pada rapat", True),  # two real words disagree
    ("Rapat dengan arahan Ketua pada rapat", "Rapat dengan arahan Ketua p@da rapat —", False),  # garble mended
    ("Rapat dengan arahan Ketua pada rapat", "Rapat rapat", True),  # a line only the second reading found
    ("Rapat dengan arahan Ketua pada rapat", None, False),  # read once, surely
])
def test_a_cell_whose_two_readings_disagree_is_doubted(final, first, doubted):
    rows = [
        ocr_row(HEADER),
        ocr_row(("1", "Tim Kerja", "Menyusun SK", "SK terbit", "SK", "Juli 2026"), top=20),
        ocr_row(("2", "Rencana", "Menyusun", "Dokumen", "Dokumen", "Juli 2026"), top=40),
    ]
    cells = list(rows[2].cells)
    cells[2] = replace(cells[2], text=final, first_reading=first)
    rows[2] = replace(rows[2], cells=tuple(cells))
    assert (_doubted(_curated(rows), "ocr_readings_differ") == [2]) is doubted


def _target_row(target: str, confidences: tuple[float, ...], top: float) -> Row:
    row = ocr_row(("1", "Tim Kerja", "Menyusun SK", "SK terbit", "SK", "Juli 2026", target), top=top)
    words = tuple(zip(target.split(), confidences))
    cells = (*row.cells[:-1], replace(row.cells[-1], words=words, confidence=min(confidences)))
    return replace(row, cells=cells)


def test_a_doubted_domain_word_is_corrected_to_the_one_nearest_with_an_info_note():
    from normalize.ocr.words import correct_domain_words

    rows = [
        ocr_row((*HEADER, "TARGET")),
        _target_row("1 (satu) Keniatan", (95, 95, 40), 20),  # doubted: corrected
        _target_row("2 (dua) Keniatan", (95, 95, 96), 40),  # read surely: left as read
        _target_row("3 (tiga) Xqzvbw", (95, 95, 30), 60),  # doubted, near no domain word: left as read
        _target_row("4 (empat) Dcsember.", (95, 95, 50), 80),
    ]
    corrected, notes = correct_domain_words(rows)
    assert [row.texts[-1] for row in corrected[1:]] == [
        "1 (satu) Kegiatan", "2 (dua) Keniatan", "3 (tiga) Xqzvbw", "4 (empat) Desember."]
    assert [(n.finding.code, n.finding.severity.value) for n in notes] == [("ocr_word_corrected", "info")] * 2
    assert "'Keniatan'" in notes[0].finding.message and "'Kegiatan'" in notes[0].finding.message
