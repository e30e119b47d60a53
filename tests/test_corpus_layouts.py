"""Layouts beyond the seeds' (issue 12): the generator prints them, keeps their truth, and the
pipeline reads them back.

The generator tests check what the mixed corpus (synth.corpus, mix="mixed") prints: group
headers over sub-headers, area rows in every form, lettered areas with 1.1 numbering, a
combined target/time column, month codes, rules around the header only, shading; and that
the truth says what docs/SCHEMA.md 1.1 asks a reader to give.  The accuracy tests run a
handful of these decrees through the real batch (digital PDFs) and two through OCR (200 dpi
scans); the 200-decree measurement is bench/bench_layouts.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from extract.text import read_text
from pipelines.batch import BatchOptions
from pipelines.curate import curate_folder
from synth.accuracy import compare, compare_folder
from synth.corpus import SyntheticDecree, generate_corpus, write_decree
from synth.fixtures import layout_samples
from synth.matrix import TypedMatrix, TypedRow
from synth.pdf import MatrixTooWideError, RenderStyle, fitting_style, render_pdf
from synth.scan import PRESETS, ScanStyle, scan_pdf
from tests.goldens import SEEDS

MIXED = generate_corpus(60, seed=3, mix="mixed")
NEW_LAYOUTS = [d for d in MIXED if d.truth["layout"]["features"]]
MONTH_CODE = re.compile(r"\bB(0[1-9]|1[0-2])\b")


def features(decree: SyntheticDecree) -> dict:
    return decree.truth["layout"]["features"] or {}


def first(predicate: Callable[[SyntheticDecree], bool]) -> SyntheticDecree:
    return next(d for d in NEW_LAYOUTS if predicate(d))


def grouped(decree: SyntheticDecree) -> bool:
    return any(decree.truth["layout"]["groups"])


def sub_headers(decree: SyntheticDecree) -> list[str]:
    """The printed headers of the columns under a group header ("" for an unlabelled one)."""
    layout = decree.truth["layout"]
    return [header for header, group in zip(layout["headers"], layout["groups"]) if group]


def labelled_group(decree: SyntheticDecree) -> bool:
    return grouped(decree) and all(sub_headers(decree))


# --- what the generator prints and its truth --------------------------------------------------

def test_the_mixed_corpus_mixes_every_new_layout_feature_with_the_seed_layouts():
    assert 0 < len(NEW_LAYOUTS) < len(MIXED)  # seed layouts too
    assert {features(d)["section_form"] for d in NEW_LAYOUTS} == {"spanning", "numeral_cell", "lettered"}
    groups = [d for d in NEW_LAYOUTS if grouped(d)]
    assert any("" in sub_headers(d) for d in groups)  # a group header over unlabelled columns ("Proses")
    assert any(labelled_group(d) for d in groups)  # and over sub-headers ("Keterangan": Target Prioritas | Kurun Waktu)
    assert any("target_schedule" in d.truth["layout"]["columns"] for d in NEW_LAYOUTS)
    assert any(not features(d)["body_rules"] for d in NEW_LAYOUTS)
    assert any(features(d)["shaded_sections"] for d in NEW_LAYOUTS)
    schedules = [item["schedule_text"] for d in NEW_LAYOUTS for item in d.truth["items"]]
    assert any(MONTH_CODE.search(s) for s in schedules) and "Tiap Bulan" in schedules
    headers = {h for d in NEW_LAYOUTS for h in d.truth["layout"]["headers"]}
    assert headers & {"OUTPUT/DATA DUKUNG", "Output/Data Dukung"} and headers & {"Kurun Waktu"}
    assert all(d.truth["layout"]["features"] is None for d in generate_corpus(20, seed=3))  # the default mix


def test_the_truth_gives_a_combined_column_as_target_and_schedule_apart():
    decree = first(lambda d: "target_schedule" in d.truth["layout"]["columns"])
    column = decree.truth["layout"]["columns"].index("target_schedule")
    rows = [row for row in decree.matrix.rows if not row.is_section]
    for item, row in zip(decree.truth["items"], rows):
        printed = row.texts[column]
        assert item["target_text"] in printed and item["schedule_text"] in printed
        assert item["target_text"] != printed and re.match(r"\d+ ", item["target_text"])
        assert item["target_quantity"] == int(item["target_text"].split()[0])


def test_the_truth_of_lettered_areas_keeps_the_letter_and_the_1_1_numbering():
    decree = first(lambda d: features(d)["section_form"] == "lettered")
    items = decree.truth["items"]
    assert items[0]["area_no"] == "A" and items[0]["component_no"] == "1.1"
    assert {item["area_no"] for item in items} <= set("ABCDEF")
    assert all(item["component_no"].startswith(f"{'ABCDEF'.index(item['area_no']) + 1}.") for item in items)
    sections = [row for row in decree.matrix.rows if row.is_section]
    assert sections[0].texts[0].startswith("A. ") and sections[0].merged == ((0, len(sections[0].texts) - 1),)


def test_a_numeral_area_row_has_its_number_apart_and_may_repeat_the_sub_headers():
    decree = first(lambda d: features(d)["section_form"] == "numeral_cell" and features(d)["repeat_subheaders"]
                   and labelled_group(d))
    section = next(row for row in decree.matrix.rows if row.is_section)
    headers, groups = decree.truth["layout"]["headers"], decree.truth["layout"]["groups"]
    assert section.texts[0] == decree.truth["items"][0]["area_no"]
    assert section.texts[1] == decree.truth["items"][0]["area_label"]
    repeated = [i for i, g in enumerate(groups) if g and i > 1]
    assert [section.texts[i] for i in repeated] == [headers[i] for i in repeated]
    (span,) = section.merged
    assert span == (1, min(repeated) - 1)


def _matrix_page(pdf: pdfplumber.PDF) -> pdfplumber.page.Page:
    return next(page for page in pdf.pages if page.width > page.height)


def _word_tops(page, text: str) -> list[dict]:
    return [w for w in page.extract_words() if w["text"] == text]


def test_a_rendered_group_header_stands_over_its_sub_headers_and_area_rows_are_shaded(tmp_path):
    decree = first(lambda d: labelled_group(d) and features(d)["shaded_sections"])
    label = next(g for g in decree.truth["layout"]["groups"] if g)
    subs = sub_headers(decree)
    with pdfplumber.open(write_decree(decree, tmp_path, "pdf")) as pdf:
        page = _matrix_page(pdf)
        (group_word,) = _word_tops(page, label.split()[0])[:1]
        sub_words = [_word_tops(page, sub.split()[0])[0] for sub in subs]
        assert all(group_word["bottom"] < w["top"] for w in sub_words)
        centre = (group_word["x0"] + group_word["x1"]) / 2
        assert min(w["x0"] for w in sub_words) < centre < max(w["x1"] for w in sub_words)
        area_word = _word_tops(page, decree.truth["items"][0]["area_label"].split()[0])[0]
        shaded = [r for r in page.rects if r["fill"] and r["top"] <= area_word["top"] <= r["bottom"]
                  and r["non_stroking_color"] not in ((1,), (1, 1, 1), 1)]
        assert shaded, "the area row is not shaded"


def test_an_unruled_body_has_rules_around_its_header_only(tmp_path):
    decree = first(lambda d: not features(d)["body_rules"])
    with pdfplumber.open(write_decree(decree, tmp_path, "pdf")) as pdf:
        page = _matrix_page(pdf)
        first_area = _word_tops(page, decree.truth["items"][0]["area_label"].split()[0])[0]
        horizontal = [e for e in page.edges if e["orientation"] == "h"]
        assert horizontal and all(e["top"] < first_area["top"] for e in horizontal)


def test_target_and_time_on_two_lines_of_one_cell(tmp_path):
    decree = first(lambda d: "target_schedule" in d.truth["layout"]["columns"] and features(d)["combined_lines"])
    item = decree.truth["items"][0]
    column = decree.truth["layout"]["columns"].index("target_schedule")
    first_line, second_line = decree.matrix.rows[1].texts[column].split("\n")
    assert {first_line, second_line} == {item["target_text"], item["schedule_text"]}
    with pdfplumber.open(write_decree(decree, tmp_path, "pdf")) as pdf:
        words = _matrix_page(pdf).extract_words()
        top_of = {line: next(w for w in words if w["text"] == line.split()[0])["top"]
                  for line in (first_line, second_line)}
        assert top_of[first_line] < top_of[second_line]


# --- issue 15: a layout the paper refuses is set another way ------------------------------------

def test_a_matrix_too_wide_for_its_paper_is_set_smaller_not_refused(tmp_path):
    # the 161st decree of seed 11 stopped the corpus: "does not fit A4 at 8.0 pt: needs 731 pt, has 729 pt"
    decree = generate_corpus(161, seed=11)[160]
    path = write_decree(decree, tmp_path, "pdf")
    with pdfplumber.open(path) as pdf:
        words = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert decree.truth["items"][-1]["indicator"].split()[-1] in words


def test_fitting_style_tries_smaller_type_then_other_paper(tmp_path):
    header = tuple(f"KOLOM{i}" for i in range(8))
    matrix = TypedMatrix(header, None, (TypedRow(tuple("Pertanggungjawabannya" for _ in header)),), False)
    document, style = read_text(SEEDS["kpu-kota-palu-2026-28"]), RenderStyle()
    with pytest.raises(MatrixTooWideError):
        render_pdf(document, tmp_path / "refused.pdf", style, matrix=matrix)
    fitted = render_pdf(document, tmp_path / "fitted.pdf", style, matrix=matrix, fit=True)
    assert fitted.font_size < style.font_size and fitted.paper == style.paper  # smaller type first
    assert fitting_style(matrix, fitted) == fitted
    huge = TypedMatrix(header, None, (TypedRow(tuple("Pertanggungjawabannyalahlahla" for _ in header)),), False)
    assert fitting_style(huge, style).paper == "F4"  # then wider paper


# --- the measure itself ----------------------------------------------------------------------

def test_the_measure_counts_items_exact_and_fields_right_and_survives_an_extra_row():
    truth = NEW_LAYOUTS[0].truth
    items = [dict(item) for item in truth["items"]]
    assert compare(truth, items).item_share == 1.0
    items[2]["evidence"] = "salah"
    area_row = dict(items[0], item_no=0, component="MANAJEMEN PERUBAHAN", action="", indicator="", evidence="")
    result = compare(truth, [area_row, *items])
    assert result.items_exact == len(items) - 1 and result.item_count_right == 0
    assert result.fields - result.fields_right == 1 and result.wrong_fields == {"evidence": 1}


# --- the pipeline reads them (needs the layout reading of issue 12) ----------------------------

SCAN_SAMPLE = ("clean_200", "scanner_200")


def test_new_layouts_as_digital_pdfs_curate_99_percent_item_exact(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    for decree in layout_samples():  # one of each area-row form, with and without group header and combined column
        write_decree(decree, raw, "pdf")
    result = curate_folder(raw, out, BatchOptions(workers=1))
    accuracy = compare_folder(raw, out)  # a file that failed counts with every item wrong
    assert accuracy.item_share >= 0.99, (accuracy.summary(), result.failures[:3], accuracy.examples[:5])
    assert accuracy.columns_right == accuracy.decrees, accuracy.examples[:5]
    assert not result.failures


@pytest.mark.xfail(reason="below the aim: 200-dpi scans of the new layouts (issue 12/13, see README)", strict=False)
@pytest.mark.parametrize("preset", SCAN_SAMPLE)
def test_new_layouts_scanned_at_200_dpi_get_95_percent_of_fields_right(tmp_path, preset):
    raw, out = tmp_path / "raw", tmp_path / "out"
    decree = min(NEW_LAYOUTS, key=lambda d: (len(d.truth["items"]) < 15, len(d.truth["items"])))
    if preset == "scanner_200":  # the other one: a group header and area rows with their number apart
        decree = min((d for d in NEW_LAYOUTS if grouped(d) and features(d)["section_form"] == "numeral_cell"),
                     key=lambda d: len(d.truth["items"]))
    write_decree(decree, raw, "scan", scan=preset)
    result = curate_folder(raw, out, BatchOptions(workers=1))
    accuracy = compare_folder(raw, out)
    assert accuracy.field_share >= 0.95, (accuracy.summary(), result.failures[:3], accuracy.examples[:5])
    assert accuracy.item_count_right == 1, accuracy.examples[:3]


# --- a document scanner's output (issue 13) ----------------------------------------------------

def _portrait_and_landscape_table(path: Path) -> float:
    """A portrait text page, then a landscape page with a thin ruled table; the y (points from the top)
    of the table's middle rule."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, 760, "KEPUTUSAN KOMISI PEMILIHAN UMUM KOTA TERNATE")
    pdf.showPage()
    width, height = landscape(A4)
    pdf.setPageSize((width, height))
    pdf.setLineWidth(0.5)
    for y in (400, 300, 200):
        pdf.line(60, y, width - 60, y)
    for x in (60, width / 2, width - 60):
        pdf.line(x, 200, x, 400)
    pdf.showPage()
    pdf.save()
    return height - 300


def _page_pixels(path: Path, index: int):
    import numpy as np

    document = pdfium.PdfDocument(str(path))
    try:
        page = document[index]
        (image,) = [obj for obj in page.get_objects() if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE]
        filters = image.get_filters()
        pixels = np.asarray(image.get_bitmap().to_pil().convert("L"))
        return page.get_size(), filters, pixels
    finally:
        document.close()


def _rule_gaps(pixels, y_pixels: float, dpi: int) -> int:
    """Columns along the middle rule (away from the vertical rules) where the band around it (wide enough
    for a 2-degree skew, clear of the other rules) has no ink."""
    reach = int(40 * dpi / 72)
    band = pixels[int(y_pixels) - reach:int(y_pixels) + reach]
    margin = int(80 * dpi / 72)
    middle = band.shape[1] // 2
    columns = [x for x in range(margin, band.shape[1] - margin) if abs(x - middle) > 20]
    return sum(1 for x in columns if band[:, x].min() > 150)


def test_a_document_scanner_writes_jpeg_pages_landscape_kept_and_thin_rules_broken_at_the_blocks(tmp_path):
    source = tmp_path / "table.pdf"
    rule_y = _portrait_and_landscape_table(source)
    gaps = {}
    for preset in ("clean_200", "scanner_200", "scanner_300"):
        style = ScanStyle.preset(preset)
        out = tmp_path / f"{preset}.pdf"
        scan_pdf(source, out, style)
        (portrait_size, _, _), ((width, height), filters, pixels) = _page_pixels(out, 0), _page_pixels(out, 1)
        assert portrait_size[0] < portrait_size[1] and width > height  # the matrix page stays landscape
        assert filters == ["DCTDecode"] and pixels.shape[1] == pytest.approx(width * style.dpi / 72, abs=2)
        gaps[preset] = _rule_gaps(pixels, rule_y * style.dpi / 72, style.dpi)
    assert gaps["clean_200"] == 0
    assert gaps["scanner_200"] >= 8 and gaps["scanner_300"] >= 8  # pieces of the rule washed out
    assert ScanStyle.preset("stamped_150").dpi == 150 and all(ScanStyle.preset(p) for p in PRESETS)
