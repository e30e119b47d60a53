"""Word and Excel decrees: the seeds rendered by synth/office.py curate to their golden files.

The .docx is what an office drafts: enumerations as Word's automatic lists (the
numbers are generated from numbering.xml, not typed), section rows merged across
the table, numbering/area/component/action cells merged down, the header marked
"repeat as header row", a page header and footer.  The .xlsx holds the body on a
first sheet and the ruled, merged matrix on a second.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from extract.docx import read_docx
from extract.errors import CorruptSourceError, EncryptedSourceError, UnsupportedFormatError
from extract.source import read_document
from extract.text import read_text
from extract.word_lists import _formatted
from extract.xlsx import read_xlsx
from normalize.curate import curate_document
from pipelines.batch import BatchOptions
from pipelines.curate import curate_folder
from synth.office import OfficeStyle, render, write_office_corpus
from tests.decree_lines import GOLDEN
from tests.goldens import SEEDS, golden_items, golden_schedule_fields, golden_text_fields, schedule_fields, text_fields
from tests.test_corpus_roundtrip import mismatches
from tests.test_decree_identity import as_json as identity_as_json
from tests.test_legal_bases import rows as legal_basis_rows

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def office_file(tmp_path_factory):
    """`office_file(doc_id, form, style)`: that seed rendered as .docx or .xlsx (cached)."""
    folder = tmp_path_factory.mktemp("office")
    made: dict[tuple, Path] = {}

    def make(doc_id: str, form: str, style: OfficeStyle | None = None) -> Path:
        style = style or OfficeStyle()
        key = (doc_id, form, style)
        if key not in made:
            made[key] = folder / f"{doc_id}-{len(made)}.{form}"
            render(read_text(SEEDS[doc_id]), made[key], form, style)
        return made[key]

    return make


def curated(path: Path):
    return curate_document(read_document(path), path.name, "0" * 64)


@pytest.mark.parametrize("form", ["docx", "xlsx"])
@pytest.mark.parametrize("doc_id", list(SEEDS))
def test_seed_curates_to_the_golden_files(office_file, doc_id, form):
    decree = curated(office_file(doc_id, form))
    assert (decree.doc_id, decree.source_format, decree.extraction_method, decree.page_count) == (
        doc_id, form, form, None)
    golden = golden_items(doc_id)
    assert [text_fields(item) for item in decree.items] == [golden_text_fields(expected) for expected in golden]
    assert [(item.item_no, schedule_fields(item)) for item in decree.items] == [
        golden_schedule_fields(expected) for expected in golden]
    assert identity_as_json(decree.identity) == json.loads((GOLDEN / f"{doc_id}.decree.json").read_text("utf-8"))
    assert legal_basis_rows(decree.legal_bases) == json.loads(
        (GOLDEN / f"{doc_id}.legal_bases.json").read_text("utf-8"))
    assert not any(f.code == "continuation_merged" for f in decree.findings)  # Word rows are never cut


def test_numbers_typed_by_hand_give_the_same_decree(office_file):
    doc_id = "kpu-kota-palu-2026-28"
    typed = curated(office_file(doc_id, "docx", OfficeStyle(word_lists=False, page_furniture=False)))
    listed = curated(office_file(doc_id, "docx"))
    assert [text_fields(i) for i in typed.items] == [text_fields(i) for i in listed.items]
    assert legal_basis_rows(typed.legal_bases) == legal_basis_rows(listed.legal_bases)


@pytest.mark.parametrize("doc_id", list(SEEDS))
def test_labels_laid_out_in_a_borderless_table_read_as_lines(office_file, doc_id):
    path = office_file(doc_id, "docx", OfficeStyle(label_tables=True))
    assert len(docx.Document(str(path)).tables) > 3  # Menimbang, Mengingat, Menetapkan, KESATU ... and the matrix
    decree = curated(path)
    assert identity_as_json(decree.identity) == json.loads((GOLDEN / f"{doc_id}.decree.json").read_text("utf-8"))
    assert legal_basis_rows(decree.legal_bases) == json.loads(
        (GOLDEN / f"{doc_id}.legal_bases.json").read_text("utf-8"))
    assert [text_fields(i) for i in decree.items] == [golden_text_fields(e) for e in golden_items(doc_id)]


def test_word_generates_the_numbers_the_reader_sees(office_file):
    path = office_file("kpu-kota-ternate-2026-3", "docx")
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert any(t.startswith("Undang-Undang Nomor 28 Tahun 1999") for t in texts)  # no number in the text ...
    assert not any(t.startswith("1. Undang-Undang") for t in texts)
    lines = [line.text for line in read_docx(path).lines]
    first = next(t for t in lines if "Nomor 28 Tahun 1999" in t)
    assert first.startswith("1. Undang-Undang")  # ... the reader gets it from numbering.xml
    numbered = [int(t.split(".")[0]) for t in lines if t[:1].isdigit() and ". " in t[:4] and "Nomor" in t]
    assert numbered[:14] == list(range(1, 15))  # the Mengingat list goes on past an unnumbered paragraph
    assert "Halaman" not in " ".join(lines)  # the footer is not the decree's text
    assert next(t for t in lines if t.startswith("b. bahwa"))  # lettered lists: "b." from lowerLetter


def test_merged_cells_reach_normalize_as_from_a_pdf(office_file):
    path = office_file("kpu-kota-ternate-2026-3", "docx")
    with zipfile.ZipFile(path) as package:
        xml = package.read("word/document.xml").decode()
    assert 'w:vMerge w:val="restart"' in xml and "<w:vMerge/>" in xml and "w:gridSpan" in xml
    assert "<w:tblHeader/>" in xml
    rows = read_docx(path).rows
    sections = [row for row in rows if row.texts[0].startswith(("I. ", "II. ", "III. "))]
    assert sections and all(row.bold and not any(row.texts[1:]) for row in sections)
    merged_down = [row for row in rows if not row.texts[0] and not row.texts[1] and row.texts[2]]
    assert merged_down  # NO and KOMPONEN merged over several rows: text in the first, empty below
    assert all(row.page is None and row.reaches_page_bottom is False for row in rows)


def test_workbook_body_sheet_and_matrix_sheet(office_file):
    document = read_xlsx(office_file("kpu-kota-palu-2026-28", "xlsx"))
    texts = [line.text for line in document.lines]
    assert "NOMOR 28 TAHUN 2026" in texts and "IDRUS" in texts  # body sheet, signature under the table
    assert document.rows[0].texts[0] == "NO" and document.rows[0].bold
    assert not any(t.startswith("KETUA") for row in document.rows for t in row.texts)


def test_list_number_formats():
    assert [_formatted(n, "lowerLetter") for n in (1, 2, 26, 27)] == ["a", "b", "z", "aa"]
    assert [_formatted(n, "upperRoman") for n in (4, 9, 14)] == ["IV", "IX", "XIV"]
    assert _formatted(3, "decimalZero") == "03" and _formatted(3, "decimal") == "3"


# --- bad files ----------------------------------------------------------------------------------

def encrypt(source: Path, target: Path, password: str = "rahasia") -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    with source.open("rb") as plain, target.open("wb") as locked:
        OOXMLFile(plain).encrypt(password, locked)


def test_password_protected_docx_is_encrypted(office_file, tmp_path):
    locked = tmp_path / "locked.docx"
    encrypt(office_file("kpu-kota-palu-2026-28", "docx"), locked)
    with pytest.raises(EncryptedSourceError, match="password-protected"):
        read_document(locked)


def test_a_docx_that_is_a_zip_of_something_else(tmp_path):
    path = tmp_path / "rencana.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("foto/kegiatan.jpg", b"\xff\xd8\xff")
    with pytest.raises(UnsupportedFormatError, match="neither a Word nor an Excel file"):
        read_document(path)


def test_a_truncated_docx_is_corrupt(office_file, tmp_path):
    path = tmp_path / "cut.docx"
    path.write_bytes(office_file("kpu-kota-palu-2026-28", "docx").read_bytes()[:3000])
    with pytest.raises(CorruptSourceError):
        read_document(path)


# --- generated corpus ---------------------------------------------------------------------------

@pytest.mark.parametrize(("form", "count"), [("docx", 10), ("xlsx", 4)])
def test_generated_corpus_curates_item_exact(tmp_path, form, count):
    raw = tmp_path / "raw"
    write_office_corpus(raw, count, seed=11, form=form)
    out = tmp_path / "out"
    result = curate_folder(raw, out, BatchOptions(workers=1))
    assert not result.failures, result.failures
    expected, wrong = mismatches(raw, out)
    assert expected > 15 * count
    assert wrong == []


# --- legacy files through LibreOffice, and a mixed folder -----------------------------------------

SOFFICE = shutil.which("soffice")


@pytest.fixture(scope="module")
def legacy_doc(office_file, tmp_path_factory) -> Path:
    """The Ternate seed saved by LibreOffice as a legacy Word 97 .doc (an OLE compound file).

    Its numbers are typed: LibreOffice's .doc export restarts a Word list that
    continues after a `w:startOverride` (b., c., d. are saved as b., a., b.).
    """
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: make system-deps installs it")
    folder = tmp_path_factory.mktemp("legacy")
    source = folder / "kpu-kota-ternate-2026-3.docx"
    shutil.copy(office_file("kpu-kota-ternate-2026-3", "docx", OfficeStyle(word_lists=False)), source)
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to",
                    "doc", "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=300)
    return folder / "kpu-kota-ternate-2026-3.doc"


def test_a_legacy_doc_is_converted_by_libreoffice_and_curates_to_the_golden_files(legacy_doc):
    assert legacy_doc.read_bytes()[:8] == bytes.fromhex("D0CF11E0A1B11AE1")
    decree = curated(legacy_doc)
    doc_id = "kpu-kota-ternate-2026-3"
    assert (decree.source_format, decree.extraction_method) == ("docx", "libreoffice-doc+docx")
    assert [text_fields(item) for item in decree.items] == [golden_text_fields(e) for e in golden_items(doc_id)]
    assert identity_as_json(decree.identity) == json.loads((GOLDEN / f"{doc_id}.decree.json").read_text("utf-8"))


def test_a_mixed_folder_curates_the_good_files_and_names_each_bad_one(
        office_file, digital_pdf, legacy_doc, tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    for folder in ("pdf", "word", "excel", "broken", "old"):
        (raw / folder).mkdir(parents=True)
    palu, ternate = "kpu-kota-palu-2026-28", "kpu-kota-ternate-2026-3"
    shutil.copy(digital_pdf(palu), raw / "pdf" / f"{palu}.pdf")
    shutil.copy(office_file(palu, "docx"), raw / "word" / f"{palu}.docx")  # the same decree: the Word file is kept
    shutil.copy(office_file(ternate, "xlsx"), raw / "excel" / f"{ternate}.xlsx")
    encrypt(office_file(ternate, "docx"), raw / "broken" / "locked.docx")
    with zipfile.ZipFile(raw / "broken" / "photos.docx", "w") as package:
        package.writestr("foto/kegiatan.jpg", b"\xff\xd8\xff")
    shutil.copy(legacy_doc, raw / "old" / f"{ternate}.doc")
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    monkeypatch.setenv("PATH", str(empty_bin))  # a machine without LibreOffice
    out = tmp_path / "out"
    result = curate_folder(raw, out, BatchOptions(workers=1))
    status = {r.source_file: (r.status, r.reason) for r in result.inputs}
    assert status == {
        f"pdf/{palu}.pdf": ("duplicate", None),
        f"word/{palu}.docx": ("curated", None),
        f"excel/{ternate}.xlsx": ("curated", None),
        "broken/locked.docx": ("failed", "encrypted"),
        "broken/photos.docx": ("failed", "unsupported_format"),
        f"old/{ternate}.doc": ("failed", "extractor_unavailable"),
    }
    messages = {f.source_file: f.message for f in result.failures}
    assert all("\n" not in m for m in messages.values())
    assert "soffice" in messages[f"old/{ternate}.doc"] and "LibreOffice" in messages[f"old/{ternate}.doc"]
    assert "password" in messages["broken/locked.docx"]
    by_id = {d.doc_id: d for d in result.decrees}
    assert {d: by_id[d].source_format for d in by_id} == {palu: "docx", ternate: "xlsx"}
    assert [f for f in by_id[palu].findings if f.code == "duplicate_source"][0].message.count(f"pdf/{palu}.pdf") == 1
    for doc_id, decree in by_id.items():
        assert [text_fields(i) for i in decree.items] == [golden_text_fields(e) for e in golden_items(doc_id)]
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["counts"]["failures"] == 3 and manifest["counts"]["decrees"] == 2


# --- Word list numbering and what the reader does not see ------------------------------------------

def _numbered_docx(path: Path) -> None:
    """Two-level lists as Word writes them: numbering.xml definitions, paragraphs naming numId and level."""
    from docx.oxml import parse_xml

    word = docx.Document()
    numbering = word.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum xmlns:w="{W[1:-1]}" w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1.%3"/>'
        '<w:suff w:val="nothing"/></w:lvl></w:abstractNum>'))
    for num_id, override in (("91", ""), ("92", ""),
                             ("93", '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride>')):
        numbering.append(parse_xml(f'<w:num xmlns:w="{W[1:-1]}" w:numId="{num_id}">'
                                   f'<w:abstractNumId w:val="90"/>{override}</w:num>'))
    for num_id, level, text in (("91", 0, "satu"), ("91", 1, "anak"), ("91", 1, "anak"), ("91", 2, "cucu"),
                                ("91", 0, "dua"), ("91", 1, "anak"), ("92", 0, "tiga"), ("93", 0, "tujuh")):
        paragraph = word.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W[1:-1]}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    hidden = word.add_paragraph("terlihat")
    hidden.add_run(" tersembunyi").font.hidden = True
    word.save(str(path))


def test_list_numbers_levels_restarts_and_shared_definitions(tmp_path):
    path = tmp_path / "lists.docx"
    _numbered_docx(path)
    assert [line.text for line in read_docx(path).lines] == [
        "1. satu", "a) anak", "b) anak", "1.Icucu", "2. dua", "a) anak",
        "3. tiga",  # another list instance of the same definition goes on ...
        "7. tujuh",  # ... unless it restarts its level
        "terlihat",  # hidden text is not printed
    ]
