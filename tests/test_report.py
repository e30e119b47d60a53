"""The HTML report, read as files: pages, rows, escaping, findings, timeline and crops."""

import re
import shutil
from html.parser import HTMLParser

import pytest
from PIL import Image

from pipelines.crops import DPI, MARGIN
from pipelines.report import build_report
from report_fixtures import CONTOH_ID, ROW_BOXES, SCRIPT_TEXT, build_curated_folder


class Elements(HTMLParser):
    """Collects (tag, attributes, text inside) of every element, naively nested."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict, list[str]]] = []
        self._open: list[tuple[str, dict, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        element = (tag, dict(attrs), [])
        self.found.append(element)
        if tag not in ("img", "link", "meta", "br"):
            self._open.append(element)

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for _, _, texts in self._open:
            texts.append(data)

    def select(self, tag: str, css_class: str | None = None) -> list[tuple[str, dict, list[str]]]:
        return [e for e in self.found if e[0] == tag
                and (css_class is None or css_class in (e[1].get("class") or "").split())]


def parse(path) -> Elements:
    elements = Elements()
    elements.feed(path.read_text(encoding="utf-8"))
    return elements


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    raw, curated = build_curated_folder(root)
    out = root / "report"
    return raw, curated, out, build_report(curated, out, raw)


@pytest.fixture(scope="module")
def contoh(built):
    return parse(built[2] / f"{CONTOH_ID}.html")


def test_an_index_and_a_page_per_decree(built):
    _, _, out, result = built
    names = sorted(p.name for p in result.pages)
    assert names == sorted(["index.html", "coverage.html", f"{CONTOH_ID}.html", "kpu-kota-palu-2026-28.html",
                            "kpu-kota-ternate-2026-3.html"])
    assert (out / "style.css").is_file() and result.notes == []
    index = parse(out / "index.html")
    links = [a[1]["href"] for a in index.select("a", "decree-link")]
    assert sorted(links) == sorted(n for n in names if n not in ("index.html", "coverage.html"))
    assert all((out / link).is_file() for link in links)


def test_the_index_judges_trust_per_decree(built):
    index = parse(built[2] / "index.html")
    rows = {r[1]["data-doc-id"]: r[1]["class"] for r in index.select("tr", "decree")}
    assert rows[CONTOH_ID] == "decree trust-row-warning"


def test_item_rows_match_the_items_of_each_decree(built):
    out = built[2]
    counts = {"kpu-kota-palu-2026-28": 63, "kpu-kota-ternate-2026-3": 70, CONTOH_ID: 3}
    for doc_id, count in counts.items():
        assert len(parse(out / f"{doc_id}.html").select("tr", "item")) == count, doc_id


def test_identity_and_legal_bases_are_shown(contoh):
    title = "".join(contoh.select("title")[0][2])
    assert title == f"{CONTOH_ID} · Keputusan Komisi Pemilihan Umum Kabupaten Contoh Nomor 7 Tahun 2026"
    identity = " ".join(" ".join(e[2]) for e in contoh.select("dl", "identity"))
    for value in ("Siti Contoh", "Ketua KPU Kabupaten Contoh", "2026-01-15", "Contoh"):
        assert value in identity
    bases = [" ".join(" ".join(e[2]).split()) for e in contoh.select("tr", "legal-basis")]
    assert bases == ["1.1 primary undang_undang 7 2017 Pemilihan Umum",
                     "2.1 primary peraturan_menteri 90 2021 Pembangunan dan Evaluasi Zona Integritas"]


def test_items_are_grouped_by_area(contoh):
    areas = [" ".join("".join(h[2]).split()) for h in contoh.select("h3", "area")]
    assert [a.split(" manajemen")[0].split(" penguatan")[0] for a in areas] == [
        "I. MANAJEMEN PERUBAHAN", "II. PENGUATAN PENGAWASAN"]
    assert "manajemen_perubahan 2 items" in areas[0] and "penguatan_pengawasan 1 items, 1 flagged" in areas[1]


def test_text_is_escaped(built):
    html = (built[2] / f"{CONTOH_ID}.html").read_text()
    assert "<script>" not in html
    assert "Rekap &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bukti&lt;/b&gt;" in html
    evidence = [e for e in parse(built[2] / f"{CONTOH_ID}.html").select("td") if "".join(e[2]) == SCRIPT_TEXT]
    assert len(evidence) == 1


def test_findings_are_highlighted_at_their_rows_and_the_decree_ones_on_top(contoh):
    rows = {r[1]["data-item-no"]: r[1]["class"] for r in contoh.select("tr", "item")}
    assert rows == {"1": "item", "2": "item sev-info", "3": "item sev-warning"}
    on_top = contoh.select("section")[0]
    assert on_top[1]["id"] == "decree-findings"
    assert "numbering_gap" in "".join(on_top[2]) and "schedule_unparsed" not in "".join(on_top[2])


def _month_cells(contoh, item_no: int) -> list[tuple[str, str]]:
    """(class, title) of the 14 timeline cells of an item row: before, Jan..Dec, after."""
    row = next(r for r in contoh.select("tr", "item") if r[1]["data-item-no"] == str(item_no))
    start = contoh.found.index(row)
    cells = []
    for element in contoh.found[start + 1:]:
        if element[0] == "tr":
            break
        if element[0] == "td" and "month" in element[1].get("class", "").split():
            cells.append((element[1]["class"], element[1].get("title", "")))
    return cells


def test_the_timeline_shades_the_months_and_notes_what_falls_outside(contoh):
    item1 = _month_cells(contoh, 1)
    assert len(item1) == 14
    assert [c for c, _ in item1[1:13]] == ["month "] * 2 + ["month full"] + ["month "] * 9
    assert item1[3][1] == "2026-03" and item1[13] == ("month out", "")
    item2 = _month_cells(contoh, 2)
    assert item2[4] == ("month part", "2026-04-01/2026-04-07")
    assert item2[13] == ("month out beyond", "2027-01-01/2027-01-07")
    assert all(c == "month " for c, _ in _month_cells(contoh, 3)[1:13])


def test_pdf_rows_get_a_crop_of_their_page_region_per_page(built, contoh):
    out = built[2]
    images = [i[1] for i in contoh.select("img", "crop")]
    assert [i["src"] for i in images] == [f"crops/{CONTOH_ID}/item-1-p1.png", f"crops/{CONTOH_ID}/item-2-p1.png",
                                          f"crops/{CONTOH_ID}/item-2-p2.png", f"crops/{CONTOH_ID}/item-3-p2.png"]
    scale = DPI / 72
    for item_no, parts in ROW_BOXES.items():
        for page, box in parts:
            with Image.open(out / "crops" / CONTOH_ID / f"item-{item_no}-p{page}.png") as image:
                width, height = image.size
                assert abs(width - (box.x1 - box.x0 + 2 * MARGIN) * scale) <= 2
                assert abs(height - (box.bottom - box.top + 2 * MARGIN) * scale) <= 2
                grey = image.convert("L")
                assert grey.getpixel((width // 2, height - int(MARGIN * scale) - 3)) < 100  # the drawn row
                assert grey.getpixel((1, 1)) > 200  # the margin around it is paper


def test_text_sources_get_no_crops(built):
    html = (built[2] / "kpu-kota-palu-2026-28.html").read_text()
    assert 'class="crop"' not in html


def test_without_the_source_pdf_the_report_still_builds_and_says_why(built, tmp_path):
    raw, curated, _, _ = built
    out = tmp_path / "report"
    result = build_report(curated, out, tmp_path / "empty-raw")
    assert result.crops == 0 and len(result.pages) == 5 and len(result.decree_pages) == 3
    assert result.notes == [f"{CONTOH_ID}: source {tmp_path / 'empty-raw'}/contoh/{CONTOH_ID}.pdf not found: "
                            "no source crops"]
    assert "not found: no source crops" in (out / f"{CONTOH_ID}.html").read_text()


def test_a_changed_source_pdf_is_not_cropped(built, tmp_path):
    raw, curated, _, _ = built
    changed = tmp_path / "raw"
    shutil.copytree(raw, changed)
    pdf = changed / "contoh" / f"{CONTOH_ID}.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n% edited\n")
    result = build_report(curated, tmp_path / "report", changed)
    assert result.crops == 0 and re.search(r"changed since curation", result.notes[0])


def test_the_command_writes_the_report(built, tmp_path):
    from typer.testing import CliRunner

    from pipelines.cli import app

    raw, curated, _, _ = built
    result = CliRunner().invoke(app, ["report", str(curated), str(tmp_path / "out"), "--raw", str(raw)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "index.html").is_file()
    assert len(list((tmp_path / "out" / "crops" / CONTOH_ID).glob("*.png"))) == 4
    missing = CliRunner().invoke(app, ["report", str(tmp_path / "nothing"), str(tmp_path / "out2")])
    assert missing.exit_code == 1


def test_the_coverage_page_draws_every_office_against_every_official_component(built):
    out = built[2]
    page = parse(out / "coverage.html")
    offices = {a[1]["data-doc-id"]: "".join(a[2]).strip() for a in page.select("a", "office")}
    assert offices["kpu-kota-palu-2026-28"].startswith("KPU Kota Palu")
    assert offices["kpu-kota-ternate-2026-3"].startswith("KPU Kota Ternate") and len(offices) == 3
    cells = page.select("rect", "cell")
    assert len(cells) == 3 * 25
    titles = ["".join(c[2]) for c in cells]
    assert "KPU Kota Palu · VI. Pengelolaan Pengaduan: 0 items (left out)" in titles
    assert "KPU Kota Palu · IV. Pengelolaan Akuntabilitas Kinerja: 8 items" in titles
    assert "KPU Kota Ternate · III. Pengembangan Pegawai Berbasis Kompetensi: 6 items" in titles
    index = parse(out / "index.html")
    assert [a[1]["href"] for a in index.select("a") if a[1].get("id") == "coverage-link"] == ["coverage.html"]


def test_each_decree_page_lists_the_components_its_plan_leaves_out(built):
    palu = parse(built[2] / "kpu-kota-palu-2026-28.html")
    left_out = [e[1]["data-component"] for e in palu.select("li", "component-left-out")]
    assert left_out == ["pelayanan_publik.pengelolaan_pengaduan", "pelayanan_publik.teknologi_informasi"]
