"""The report in a real headless Chromium: pages render, links lead there and back, crops load."""

import os
import shutil
from pathlib import Path

import pytest

from pipelines.report import build_report
from report_fixtures import CONTOH_ID, build_curated_folder

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000")


def _browser_missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        return "chromium and chromium-driver are not installed (make system-deps)"
    return None


@pytest.fixture(scope="module")
def browser():
    missing = _browser_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {missing}")
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager reach for a download
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    raw, curated = build_curated_folder(root)
    out = root / "report with space"  # file URLs must be quoted properly
    build_report(curated, out, raw)
    return out


def _rows(driver, css: str) -> int:
    return len(driver.find_elements("css selector", css))


def test_index_renders_and_links_to_each_decree_and_back(browser, report):
    browser.get((report / "index.html").as_uri())
    assert browser.title == "Curated decrees"
    assert _rows(browser, "table#decrees tbody tr.decree") == 3
    browser.find_element("link text", CONTOH_ID).click()
    assert browser.current_url.endswith(f"/{CONTOH_ID}.html")
    assert browser.title.startswith(f"{CONTOH_ID} · Keputusan Komisi Pemilihan Umum Kabupaten Contoh")
    assert browser.find_element("css selector", "h1").text == \
        "Keputusan Komisi Pemilihan Umum Kabupaten Contoh Nomor 7 Tahun 2026"
    assert _rows(browser, "table.items tbody tr.item") == 3
    browser.find_element("id", "back").click()
    assert browser.current_url.endswith("/index.html") and browser.title == "Curated decrees"


@pytest.mark.parametrize(("doc_id", "items"), [("kpu-kota-palu-2026-28", 63), ("kpu-kota-ternate-2026-3", 70)])
def test_seed_pages_render_every_item_row(browser, report, doc_id, items):
    browser.get((report / "index.html").as_uri())
    browser.find_element("link text", doc_id).click()
    assert browser.title.startswith(doc_id)
    assert _rows(browser, "tr.item") == items
    assert browser.find_element("css selector", "h1").text.startswith("Keputusan")


def test_stylesheet_applies_and_crops_load(browser, report):
    browser.get((report / f"{CONTOH_ID}.html").as_uri())
    flagged = browser.find_element("css selector", "tr.item.sev-warning td")
    assert flagged.value_of_css_property("background-color") == "rgba(255, 244, 224, 1)"  # --warning-bg
    images = browser.find_elements("css selector", "img.crop")
    assert len(images) == 4
    for image in images:
        browser.execute_script("arguments[0].scrollIntoView()", image)
    browser.execute_script("return Promise.all([...document.images].map(i => i.decode()))")
    assert all(browser.execute_script("return arguments[0].naturalWidth", i) > 500 for i in images)


def test_escaped_text_shows_literally_and_runs_nothing(browser, report):
    browser.get((report / f"{CONTOH_ID}.html").as_uri())
    assert "Rekap <script>alert('x')</script> & <b>bukti</b>" in browser.find_element("id", "item-2").text
    assert browser.execute_script("return document.scripts.length") == 0


def test_a_report_moved_elsewhere_still_links(browser, report, tmp_path):
    moved = tmp_path / "moved"
    shutil.copytree(report, moved)
    browser.get((moved / "index.html").as_uri())
    browser.find_element("link text", CONTOH_ID).click()
    assert browser.current_url.startswith(moved.as_uri())


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def test_the_coverage_heat_map_renders_with_both_offices(browser, report):
    from io import BytesIO

    from PIL import Image

    from pipelines.heatmap import MISSING, SHADES

    browser.get((report / "index.html").as_uri())
    browser.find_element("id", "coverage-link").click()
    assert browser.current_url.endswith("/coverage.html")
    heatmap = browser.find_element("id", "coverage-heatmap")
    offices = [e.text for e in browser.find_elements("css selector", "#coverage-heatmap a.office text")]
    assert "KPU Kota Palu" in offices and "KPU Kota Ternate" in offices
    assert len(browser.find_elements("css selector", "#coverage-heatmap rect.cell")) == 3 * 25
    size = heatmap.size
    assert size["width"] > 800 and size["height"] > 250
    shot = Image.open(BytesIO(heatmap.screenshot_as_png)).convert("RGB")
    colours = {colour for _, colour in shot.getcolors(maxcolors=1 << 24)}
    drawn = {hex_colour for hex_colour in (MISSING, *(fill for _, fill in SHADES)) if _rgb(hex_colour) in colours}
    assert MISSING in drawn  # Palu and Ternate leave area VI components out
    assert len(drawn) >= 4  # the greens of 1, 2-3, 4-6 and 7+ items
    palu = browser.find_element("css selector", '#coverage-heatmap a.office[data-doc-id="kpu-kota-palu-2026-28"]')
    palu.click()
    assert browser.current_url.endswith("/kpu-kota-palu-2026-28.html")
    left_out = browser.find_elements("css selector", "li.component-left-out")
    assert [e.get_attribute("data-component") for e in left_out] == [
        "pelayanan_publik.pengelolaan_pengaduan", "pelayanan_publik.teknologi_informasi"]
