"""The batch on a mixed folder: good decrees curate, every bad file is one failure with its reason,
nothing is lost, a re-run uses the cache, copies of one decree are kept once, outputs survive a
failed write.  One Dask cluster serves the whole module (tests pass its address as --scheduler)."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shutil
import sys
import time
from pathlib import Path

import cloudpickle
import pyarrow.parquet as pq
import pytest
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas
from rich.console import Console
from typer.testing import CliRunner

import pipelines.batch as batch
from normalize.findings import Finding, Severity
from normalize.records import CuratedDecree, DecreeIdentity
from pipelines.batch import BatchOptions, FileTask, curate_task, run_batch
from pipelines.cli import app
from pipelines.curate import curate_folder
from pipelines.duplicates import keep_one_per_doc_id
from pipelines.progress import RichReporter
from synth.corpus import generate_corpus

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
TERNATE = SEEDS / "kpu-kota-ternate-2026-3.txt"
PALU = SEEDS / "kpu-kota-palu-2026-28.txt"
ODD_NAME = "Keputusan – KPU “Sigi” ✓ (final) ñ 𝔎.txt"
UNDECODABLE_NAME = b"kpu-\xff\xfe-latin1-name.txt"
try:
    import extract.pdf  # noqa: F401
    PDF_EXTRACTOR = True
except ImportError:
    PDF_EXTRACTOR = False

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers need this module's test functions


# --- building the mixed folder ------------------------------------------------------------------

def pdf_with_text(path: Path, lines: list[str], pages: int = 1, encrypt: str | None = None) -> Path:
    encryption = pdfencrypt.StandardEncryption(encrypt) if encrypt else None
    page = canvas.Canvas(str(path), encrypt=encryption)
    for _ in range(pages):
        for n, line in enumerate(lines):
            page.drawString(72, 760 - 14 * n, line)
        page.showPage()
    page.save()
    return path


def blank_pdf(path: Path, pages: int) -> Path:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    document.save(str(path))
    return path


def decree_without_matrix() -> str:
    text = TERNATE.read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if "\t" not in line)


# name -> expected reason (None: curates)
EXPECTED = {
    "kota/kpu-kota-ternate-2026-3.txt": None,
    "kota/palu/kpu-kota-palu-2026-28.txt": None,
    "generated/one.txt": None,
    "generated/two.txt": None,
    ODD_NAME: None,
    "broken/empty.pdf": "empty",
    "broken/truncated.pdf": "corrupt",
    "broken/encrypted.pdf": "encrypted",
    "broken/no-pages.pdf": "empty",
    "broken/text-named.pdf": "unsupported_format",
    "broken/letter.pdf": "not_a_decree" if PDF_EXTRACTOR else "extractor_unavailable",
    "broken/surat-undangan.txt": "not_a_decree",
    "broken/no-matrix.txt": "no_matrix",
    "broken/2000-pages.pdf": "too_many_pages",
    "broken/𝕶𝖊𝖕𝖚𝖙𝖚𝖘𝖆𝖓 ٢٠٢٦ «rusak».pdf": "unsupported_format",
}


def build_mixed(raw: Path) -> None:
    for name in EXPECTED:
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(TERNATE, raw / "kota/kpu-kota-ternate-2026-3.txt")
    shutil.copy(PALU, raw / "kota/palu/kpu-kota-palu-2026-28.txt")
    one, two, three = generate_corpus(3, seed=5)
    (raw / "generated/one.txt").write_text(one.text, encoding="utf-8")
    (raw / "generated/two.txt").write_text(two.text, encoding="utf-8")
    (raw / ODD_NAME).write_text(three.text, encoding="utf-8")
    (raw / "broken/empty.pdf").write_bytes(b"")
    whole = pdf_with_text(raw / "broken/whole.pdf", ["KEPUTUSAN KOMISI PEMILIHAN UMUM", "NOMOR 1 TAHUN 2026"], pages=3)
    data = whole.read_bytes()
    whole.unlink()
    (raw / "broken/truncated.pdf").write_bytes(data[: len(data) // 2])
    pdf_with_text(raw / "broken/encrypted.pdf", ["KEPUTUSAN", "NOMOR 2 TAHUN 2026"], encrypt="rahasia")
    (raw / "broken/text-named.pdf").write_text("NOMOR 3 TAHUN 2026\nini bukan PDF\n", encoding="utf-8")
    pdf_with_text(raw / "broken/letter.pdf", ["Undangan rapat koordinasi", "Hari Senin, pukul 09.00 WITA"])
    (raw / "broken/surat-undangan.txt").write_text("Undangan rapat koordinasi\nHari Senin, pukul 09.00\n", "utf-8")
    (raw / "broken/no-matrix.txt").write_text(decree_without_matrix(), encoding="utf-8")
    blank_pdf(raw / "broken/2000-pages.pdf", 2000)
    blank_pdf(raw / "broken/no-pages.pdf", 0)
    (raw / "broken/𝕶𝖊𝖕𝖚𝖙𝖚𝖘𝖆𝖓 ٢٠٢٦ «rusak».pdf").write_text("bukan pdf", encoding="utf-8")
    (raw / ".DS_Store").write_bytes(b"\x00\x01")  # hidden: not an input
    (raw / "generated/one.truth.json").write_text(json.dumps(one.truth), encoding="utf-8")  # sidecar: not an input


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
                      silence_logs=logging.ERROR) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, cluster):
    """The mixed folder curated once on the cluster: (raw, out, manifest, result)."""
    raw = tmp_path_factory.mktemp("raw")
    build_mixed(raw)
    out = tmp_path_factory.mktemp("out")
    result = curate_folder(raw, out, BatchOptions(scheduler=cluster))
    return raw, out, json.loads((out / "manifest.json").read_text(encoding="utf-8")), result


def inputs_by_file(manifest: dict) -> dict[str, dict]:
    return {record["source_file"]: record for record in manifest["inputs"]}


# --- the mixed folder ---------------------------------------------------------------------------

def test_good_decrees_curate_and_each_bad_file_has_one_failure_with_its_reason(mixed):
    _, _, manifest, _ = mixed
    inputs = inputs_by_file(manifest)
    assert set(inputs) == set(EXPECTED)  # nothing lost, hidden files and sidecars are not inputs
    for name, reason in EXPECTED.items():
        record = inputs[name]
        if reason is None:
            assert record["status"] == "curated", (name, record)
            assert record["items"] > 0 and record["doc_id"]
        else:
            assert (record["status"], record["reason"]) == ("failed", reason), (name, record)
            assert record["message"] and "\n" not in record["message"]
    failures = {f["source_file"]: f["reason"] for f in manifest["failures"]}
    assert failures == {name: reason for name, reason in EXPECTED.items() if reason}
    assert manifest["counts"]["decrees"] == 5 and manifest["counts"]["failures"] == len(failures)
    assert manifest["run"]["mode"] == "dask"


def test_curated_datasets_hold_the_good_decrees_only(mixed):
    _, out, manifest, _ = mixed
    decrees = pq.read_table(out / "decrees.parquet").to_pylist()
    assert sorted(d["source_file"] for d in decrees) == sorted(n for n, r in EXPECTED.items() if r is None)
    items = pq.read_table(out / "action_items.parquet")
    by_doc = {}
    for doc_id in items.column("doc_id").to_pylist():
        by_doc[doc_id] = by_doc.get(doc_id, 0) + 1
    assert by_doc["kpu-kota-ternate-2026-3"] == 70 and by_doc["kpu-kota-palu-2026-28"] == 63
    assert manifest["outputs"]["action_items.parquet"] == items.num_rows == sum(
        r["items"] for r in manifest["inputs"] if r["status"] == "curated")


def test_manifest_accounts_for_every_input(mixed):
    raw, _, manifest, _ = mixed
    for record in manifest["inputs"]:
        assert set(record) >= {"source_file", "sha256", "status", "doc_id", "items", "seconds"}
    ternate = inputs_by_file(manifest)["kota/kpu-kota-ternate-2026-3.txt"]
    assert ternate["sha256"] == hashlib.sha256(TERNATE.read_bytes()).hexdigest()
    assert ternate["doc_id"] == "kpu-kota-ternate-2026-3" and ternate["items"] == 70
    assert manifest["cache"]["hits"] == 0 and manifest["counts"]["cache_hits"] == 0
    assert manifest["schema_version"] == "1.1" and "python" in manifest["versions"]


def test_rerun_takes_decrees_and_lasting_failures_from_the_cache_and_retries_the_others(mixed, tmp_path, cluster):
    raw, out, first, _ = mixed
    rerun_out = tmp_path / "out"
    shutil.copytree(out, rerun_out)  # same cache, fresh output folder
    curate_folder(raw, rerun_out, BatchOptions(scheduler=cluster))
    second = json.loads((rerun_out / "manifest.json").read_text(encoding="utf-8"))
    curated = [r for r in second["inputs"] if r["status"] == "curated"]
    assert len(curated) == 5 and all(r["cached"] for r in curated)
    assert second["counts"]["cache_hits"] == 5
    failed = {r["source_file"]: r for r in second["inputs"] if r["status"] == "failed"}
    assert {name: r["reason"] for name, r in failed.items()} == {n: r for n, r in EXPECTED.items() if r}
    retried = {name for name, r in failed.items() if not r["cached"]}  # a failure the run decides is tried again
    assert retried == {name for name, reason in EXPECTED.items() if reason in ("too_many_pages",
                                                                               "extractor_unavailable")}
    assert second["cache"]["known_failures"] == len(failed) - len(retried)
    assert second["outputs"] == first["outputs"] and second["failures"] == first["failures"]


def test_rerun_redoes_only_new_and_changed_files(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for decree in generate_corpus(3, seed=9):
        (raw / f"{decree.name}.txt").write_text(decree.text, encoding="utf-8")
    out = tmp_path / "out"
    options = BatchOptions(workers=1)
    curate_folder(raw, out, options)
    changed = sorted(raw.iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nTembusan: Arsip\n", encoding="utf-8")
    new = generate_corpus(4, seed=9)[3]
    (raw / "new.txt").write_text(new.text, encoding="utf-8")
    result = curate_folder(raw, out, options)
    cached = {r.source_file: r.cached for r in result.inputs}
    assert cached == {changed.name: False, "new.txt": False,
                      **{p.name: True for p in raw.iterdir() if p.name not in (changed.name, "new.txt")}}
    assert result.cache.hits == 2 and result.cache.misses == 2


def test_odd_file_names_survive_into_manifest_and_parquet(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    decree = generate_corpus(1, seed=2)[0]
    with open(os.path.join(os.fsencode(raw), UNDECODABLE_NAME), "wb") as stream:
        stream.write(decree.text.encode("utf-8"))
    (raw / ODD_NAME).write_bytes(b"")
    out = tmp_path / "out"
    result = curate_folder(raw, out, BatchOptions(workers=1))
    names = {r.source_file: r.status for r in result.inputs}
    assert names == {"kpu-\\xff\\xfe-latin1-name.txt": "curated", ODD_NAME: "failed"}
    stored = pq.read_table(out / "decrees.parquet").column("source_file").to_pylist()
    assert stored == ["kpu-\\xff\\xfe-latin1-name.txt"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["failures"][0]["source_file"] == ODD_NAME


# --- duplicates ---------------------------------------------------------------------------------

def test_identical_bytes_are_curated_once_and_the_copy_is_named(tmp_path):
    raw = tmp_path / "raw"
    (raw / "b").mkdir(parents=True)
    shutil.copy(TERNATE, raw / "a.txt")
    shutil.copy(TERNATE, raw / "b" / "copy.txt")
    result = curate_folder(raw, tmp_path / "out", BatchOptions(workers=1))
    records = {r.source_file: r for r in result.inputs}
    assert records["a.txt"].status == "curated"
    assert (records["b/copy.txt"].status, records["b/copy.txt"].duplicate_of) == ("duplicate", "a.txt")
    (kept,) = result.decrees
    notes = [f for f in kept.findings if f.code == "duplicate_source"]
    assert len(notes) == 1 and notes[0].severity == Severity.INFO and "b/copy.txt" in notes[0].message


def test_same_decree_in_different_bytes_is_kept_once_by_path_order_when_equal(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(TERNATE, raw / "1-original.txt")
    (raw / "2-resaved.txt").write_text(TERNATE.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    out = tmp_path / "out"
    result = curate_folder(raw, out, BatchOptions(workers=1))
    records = {r.source_file: r for r in result.inputs}
    assert records["1-original.txt"].status == "curated"
    assert (records["2-resaved.txt"].status, records["2-resaved.txt"].duplicate_of) == ("duplicate", "1-original.txt")
    assert pq.read_table(out / "decrees.parquet").num_rows == 1
    findings = pq.read_table(out / "findings.parquet").to_pylist()
    assert [f["message"] for f in findings if f["code"] == "duplicate_source"][0].count("2-resaved.txt") == 1


def fake_decree(source_file: str, source_format: str, errors: int = 0) -> CuratedDecree:
    findings = [Finding("schedule_unparsed", Severity.ERROR, "x") for _ in range(errors)]
    return CuratedDecree("kpu-kota-x-2026-1", source_file, "0" * 64, source_format, "m", None, DecreeIdentity(),
                         [], [], [], findings)


def test_copies_are_preferred_digital_then_text_then_scan_then_fewer_errors_then_path():
    scan, text, digital = fake_decree("a.pdf", "pdf_scanned"), fake_decree("b.txt", "text"), fake_decree("c.pdf", "pdf")
    kept, dropped = keep_one_per_doc_id([scan, text, digital])
    assert [d.source_file for d in kept] == ["c.pdf"]
    assert {d.decree.source_file for d in dropped} == {"a.pdf", "b.txt"}
    assert sum(f.code == "duplicate_source" for f in kept[0].findings) == 2
    kept, _ = keep_one_per_doc_id([fake_decree("a.pdf", "pdf", errors=2), fake_decree("b.pdf", "pdf", errors=1)])
    assert kept[0].source_file == "b.pdf"
    kept, _ = keep_one_per_doc_id([fake_decree("b.txt", "text"), fake_decree("a.txt", "text")])
    assert kept[0].source_file == "a.txt"


def test_two_plans_without_decree_number_sharing_a_doc_id_are_both_kept():
    def plan(source_file: str, source_format: str, title: str, sha: str) -> CuratedDecree:
        return CuratedDecree("balai-x-2021-rencana-aksi", source_file, sha * 64, source_format, "m", None,
                             DecreeIdentity(issuer="Balai X", title=title), [], [], [], [])

    targets = plan("a.pdf", "pdf", "TARGET PRIORITAS PEMBANGUNAN ZONA INTEGRITAS", "a")
    follow_up = plan("b.pdf", "pdf", "RENCANA TINDAK LANJUT PERBAIKAN IKM", "b")
    follow_up_scan = plan("c.pdf", "pdf_scanned", "RENCANA TINDAK LANJUT PERBAIKAN 1KM", "c")
    kept, dropped = keep_one_per_doc_id([targets, follow_up, follow_up_scan])
    assert [(d.source_file, d.doc_id) for d in kept] == [
        ("a.pdf", "balai-x-2021-rencana-aksi"), ("b.pdf", "balai-x-2021-rencana-aksi-bbbbbbbb")]
    assert [f.code for f in kept[1].findings] == ["doc_id_collision", "duplicate_source"]
    assert [(d.decree.source_file, d.kept.source_file) for d in dropped] == [("c.pdf", "b.pdf")]


# --- errors inside one file, strict mode, interrupted writes ------------------------------------

def test_an_unexpected_exception_in_one_file_is_an_internal_error_and_the_batch_goes_on(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(TERNATE, raw / "ternate.txt")
    shutil.copy(PALU, raw / "palu.txt")
    real = batch.curate_document

    def explode_on_palu(document, source_file, sha256):
        if source_file == "palu.txt":
            raise KeyError("column 'TARGET' vanished")
        return real(document, source_file, sha256)

    monkeypatch.setattr(batch, "curate_document", explode_on_palu)
    result = curate_folder(raw, tmp_path / "out", BatchOptions(workers=1))
    assert [d.source_file for d in result.decrees] == ["ternate.txt"]
    (failure,) = result.failures
    assert failure.reason == "internal_error" and "KeyError" in failure.message and "vanished" in failure.message


def test_strict_exits_non_zero_only_when_a_file_failed(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(TERNATE, raw / "ternate.txt")
    runner = CliRunner()
    ok = runner.invoke(app, ["curate", str(raw), str(tmp_path / "out"), "--strict", "--no-progress"])
    assert ok.exit_code == 0, ok.output
    (raw / "empty.pdf").write_bytes(b"")
    lenient = runner.invoke(app, ["curate", str(raw), str(tmp_path / "out"), "--no-progress"])
    assert lenient.exit_code == 0
    strict = runner.invoke(app, ["curate", str(raw), str(tmp_path / "out"), "--strict", "--no-progress",
                                 "--workers", "1", "--timeout", "60", "--max-pages", "50",
                                 "--cache", str(tmp_path / "cache")])
    assert strict.exit_code == 1
    assert (tmp_path / "cache").is_dir()


def test_an_interrupted_write_leaves_the_previous_outputs(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(TERNATE, raw / "ternate.txt")
    out = tmp_path / "out"
    curate_folder(raw, out, BatchOptions(workers=1))
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    shutil.copy(PALU, raw / "palu.txt")
    import pipelines.store as store

    real_write, calls = store.pq.write_table, []

    def fail_on_third(table, where, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_write(table, where, **kwargs)

    monkeypatch.setattr(store.pq, "write_table", fail_on_third)
    with pytest.raises(OSError, match="disk full"):
        curate_folder(raw, out, BatchOptions(workers=1))
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before  # same files, same bytes, no temporary leftovers


def test_progress_prints_one_status_line_per_file(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(TERNATE, raw / "ternate.txt")
    (raw / "empty.txt").write_bytes(b"")
    stream = io.StringIO()
    curate_folder(raw, tmp_path / "out", BatchOptions(workers=1), RichReporter(Console(file=stream, width=200)))
    lines = stream.getvalue().splitlines()
    assert any("curated" in line and "ternate.txt" in line and "70 items" in line for line in lines)
    assert any("failed" in line and "empty.txt" in line and "empty" in line for line in lines)


def test_a_file_that_failed_by_its_bytes_is_reported_again_from_the_cache_until_it_changes(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "later.txt").write_text("belum lengkap\n", encoding="utf-8")
    out = tmp_path / "out"
    first = curate_folder(raw, out, BatchOptions(workers=1))
    assert first.failures[0].reason == "not_a_decree" and first.cache.known_failures == 0

    def must_not_run(task):
        raise AssertionError(f"{task.source_file} was curated again")

    monkeypatch.setattr(batch, "curate_task", must_not_run)
    second = run_batch(raw, BatchOptions(workers=1, cache_dir=out / ".cache"), work=must_not_run)
    assert second.failures == first.failures and second.cache.known_failures == 1 and second.cache.hits == 0
    assert second.inputs[0].cached and second.inputs[0].status == "failed"
    shutil.copy(TERNATE, raw / "later.txt")  # the office sent the whole decree under the same name
    monkeypatch.undo()
    third = curate_folder(raw, out, BatchOptions(workers=1))
    assert not third.failures and [d.source_file for d in third.decrees] == ["later.txt"]


def test_a_failure_the_run_decides_is_tried_again(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    blank_pdf(raw / "long.pdf", 30)
    out = tmp_path / "out"
    first = curate_folder(raw, out, BatchOptions(workers=1, max_pages=10))
    assert first.failures[0].reason == "too_many_pages"
    second = curate_folder(raw, out, BatchOptions(workers=1, max_pages=100))
    assert second.failures[0].reason != "too_many_pages" and second.cache.known_failures == 0


def test_a_file_that_cannot_be_opened_is_unreachable_and_the_batch_goes_on(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(TERNATE, raw / "ternate.txt")
    shutil.copy(PALU, raw / "locked.txt")
    real = batch.read_document

    def locked_out(path):
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(batch, "read_document", locked_out)
    result = curate_folder(raw, tmp_path / "out", BatchOptions(workers=1))
    assert [(f.source_file, f.reason) for f in result.failures] == [("locked.txt", "unreachable")]
    assert [d.source_file for d in result.decrees] == ["ternate.txt"]


# --- time limits (last: the cluster restarts a worker) ------------------------------------------

def slow_on_request(task: FileTask):
    """Curate normally, but sleep far beyond any test timeout for files named 'slow'."""
    if "slow" in task.source_file:
        time.sleep(120)
    return curate_task(task)


def test_a_file_over_the_time_limit_fails_in_process(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(TERNATE, raw / "ternate.txt")
    shutil.copy(PALU, raw / "slow.txt")
    result = run_batch(raw, BatchOptions(workers=1, timeout=1), work=slow_on_request)
    assert [d.source_file for d in result.decrees] == ["ternate.txt"]
    assert [(f.source_file, f.reason) for f in result.failures] == [("slow.txt", "timeout")]


def test_a_file_over_the_time_limit_fails_on_the_cluster_and_the_batch_goes_on(tmp_path, cluster):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(TERNATE, raw / "ternate.txt")
    shutil.copy(PALU, raw / "palu.txt")
    (raw / "slow.txt").write_text(generate_corpus(1, seed=4)[0].text, encoding="utf-8")
    result = run_batch(raw, BatchOptions(scheduler=cluster, timeout=3), work=slow_on_request)
    assert sorted(d.source_file for d in result.decrees) == ["palu.txt", "ternate.txt"]
    assert [(f.source_file, f.reason) for f in result.failures] == [("slow.txt", "timeout")]

