"""Ctrl-C during `decrees curate`: a real `decrees` process, a real SIGINT sent to its process group
(as a terminal does), in this process and on a local Dask cluster.  The batch stops before its end,
keeps what it finished in the cache, leaves the previous outputs as they were, says so, exits 130,
and the next run takes the finished decrees from the cache."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from synth.corpus import generate_corpus

DECREES = Path(sys.executable).parent / "decrees"
PREVIOUS = 2  # decrees curated by an earlier run, whose outputs must survive
MORE = 60  # decrees added since: the interrupted run cannot finish them before the signal


def cached_decrees(cache: Path) -> set[str]:
    return {path.name for path in cache.rglob("*.pickle")}


def curate(raw: Path, out: Path, *options: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([str(DECREES), "curate", str(raw), str(out), "--no-progress", *options],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_stops_the_batch_keeps_finished_decrees_and_the_previous_outputs(tmp_path, workers):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    decrees = generate_corpus(PREVIOUS + MORE, seed=17)
    for decree in decrees[:PREVIOUS]:
        (raw / f"{decree.name}.txt").write_text(decree.text, encoding="utf-8")
    first = curate(raw, out, "--workers", "1")
    assert first.wait(timeout=300) == 0, first.stderr.read()
    before = {path.name: path.read_bytes() for path in out.iterdir() if path.is_file()}
    for decree in decrees[PREVIOUS:]:
        (raw / f"{decree.name}.txt").write_text(decree.text, encoding="utf-8")

    run = curate(raw, out, "--workers", workers, start_new_session=True)
    cache = out / ".cache"
    deadline = time.monotonic() + 300
    while len(cached_decrees(cache)) < PREVIOUS + 3 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert run.poll() is None, "the batch ended before it could be interrupted"
    os.killpg(run.pid, signal.SIGINT)  # Ctrl-C: the whole foreground process group
    try:
        _, stderr = run.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)
        pytest.fail("the batch did not stop after Ctrl-C")

    assert run.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    finished = cached_decrees(cache)
    assert PREVIOUS + 3 <= len(finished) < PREVIOUS + MORE  # kept what it finished, stopped before its end
    after = {path.name: path.read_bytes() for path in out.iterdir() if path.is_file()}
    assert after == before  # the previous outputs, byte for byte, and no half-written file

    rerun = curate(raw, out, "--workers", "1")
    _, stderr = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, stderr
    assert f"{len(finished)} from cache" in stderr
