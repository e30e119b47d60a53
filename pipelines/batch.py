"""Curate a folder of decrees: walk it, reuse cached results, curate the rest in parallel, combine.

Steps, each its own function below:
1. `find_sources` walks the folder recursively (hidden files and folders, `*.json`
   sidecars and the output folder are not inputs; every other file is).
2. `plan_batch` hashes every file: identical bytes are curated once (the first
   path); a hash already in the cache is a hit, a decree or a known failure
   (reported again as it was); the rest become tasks, each with its pages counted
   cheaply (`preflight.estimate_pages`).  Only then is it decided where the tasks
   run: in this process or on Dask, by the pages to read (pipelines/parallel.py).
3. `curate_task` curates one file and never raises: every error, expected or
   not, comes back as a failure with a reason (see pipelines/failures.py).
4. Results go into the cache as they arrive, decrees and the failures the bytes
   decide (the others are retried next run).  Ctrl-C stops the batch: what was
   cached stays cached, `BatchInterrupted` says how far it got, nothing is written.
5. `assemble` keeps one copy per decree (pipelines/duplicates.py) and lists
   every input with its status: `curated` (with `cached`), `failed`, `duplicate`.

Policy: a decree whose matrix is missing or empty is a `no_matrix` failure and is
NOT in decrees.parquet; a document with neither a decree heading nor a matrix is
`not_a_decree`.
"""

from __future__ import annotations

import hashlib
import os
import resource
import socket
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extract.errors import NotADecreeError
from extract.source import read_document
from normalize.curate import curate_document
from normalize.records import CuratedDecree
from pipelines.cache import CacheKey, DecreeCache, code_version
from pipelines.duplicates import keep_one_per_doc_id, with_duplicate_finding
from pipelines.failures import Failure, NoMatrixError, UnreachableSourceError, describe
from pipelines.options import DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT, BatchOptions  # noqa: F401  (re-exported)
from pipelines.parallel import RunPlan, run_in_process, run_on_dask, use_in_process
from pipelines.preflight import check_pdf, estimate_pages, is_pdf
from pipelines.progress import FileStatus, Reporter, SilentReporter
from pipelines.schema import SCHEMA_VERSION
from vocabulary import fingerprint, use_user_vocabulary

PIPELINE_VERSION = "0.1.0"
SIDECAR_SUFFIXES = {".json"}  # ground truth of synthetic decrees, manifests: never decrees


@dataclass(frozen=True)
class FileTask:
    """One file to curate, as sent to a worker."""

    path: str  # absolute, as the worker opens it
    source_file: str  # relative to the raw folder, as written in the datasets
    sha256: str
    max_pages: int
    pages: int = 1  # estimated before curating (how much work it is)
    vocabulary: str | None = None  # a user's vocabulary file (its TOML text), put in use before curating


@dataclass
class Outcome:
    """What curating one file gave: a decree or a failure, and what it cost."""

    task: FileTask
    decree: CuratedDecree | None = None
    failure: Failure | None = None
    seconds: float = 0.0
    worker: str = ""
    peak_memory_mb: float | None = None
    cpu_seconds: float = 0.0  # CPU time the worker spent on it (below `seconds` when the worker shares a core)


@dataclass
class InputRecord:
    """One input file in the manifest."""

    source_file: str
    sha256: str | None
    status: str  # curated | failed | duplicate
    cached: bool = False  # a decree, or a failure its bytes decide, taken from the cache
    doc_id: str | None = None
    items: int | None = None
    seconds: float = 0.0
    reason: str | None = None
    message: str | None = None
    duplicate_of: str | None = None


@dataclass
class CacheStats:
    folder: str | None = None
    hits: int = 0
    misses: int = 0
    known_failures: int = 0  # failures taken from the cache (reported again, not retried)


class BatchInterrupted(Exception):
    """The batch was stopped (Ctrl-C) before its end; what it finished is in the cache, nothing was written."""

    def __init__(self, finished: int, remaining: int, cache_folder: str | None) -> None:
        super().__init__(f"interrupted with {remaining} file(s) left")
        self.finished = finished  # files curated or failed this run before the interruption
        self.remaining = remaining
        self.cache_folder = cache_folder


@dataclass
class RunResult:
    """A finished batch: the decrees to write, and the account of every input."""

    decrees: list[CuratedDecree] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    inputs: list[InputRecord] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    plan: RunPlan = field(default_factory=lambda: RunPlan("none", 0))
    options: BatchOptions = field(default_factory=BatchOptions)
    cache: CacheStats = field(default_factory=CacheStats)
    peak_memory_mb: dict[str, float] = field(default_factory=dict)  # worker -> peak RSS
    cpu_seconds: float = 0.0  # CPU time spent curating, summed over files

    @property
    def duplicates(self) -> list[InputRecord]:
        return [record for record in self.inputs if record.status == "duplicate"]

    def findings_by_severity(self) -> dict[str, int]:
        counts = Counter(f.severity.value for d in self.decrees for f in d.findings)
        return {severity: counts[severity] for severity in ("info", "warning", "error") if counts[severity]}


# 1. walking ------------------------------------------------------------------------------------

def find_sources(raw_dir: Path, exclude: Iterable[Path] = ()) -> list[Path]:
    """Every input file below raw_dir in a stable order (hidden, sidecar and excluded paths skipped)."""
    raw_dir = raw_dir.resolve()
    excluded = [p.resolve() for p in exclude]
    found = []
    for dirpath, dirnames, filenames in os.walk(raw_dir):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and (here / d).resolve() not in excluded]
        for name in filenames:
            path = here / name
            if name.startswith(".") or path.suffix.lower() in SIDECAR_SUFFIXES or not path.is_file():
                continue
            found.append(path)
    return sorted(found, key=lambda p: _relative(p, raw_dir))


def _relative(path: Path, raw_dir: Path) -> str:
    """The path relative to the raw folder, printable: undecodable name bytes become \\xNN escapes."""
    relative = path.relative_to(raw_dir).as_posix()
    return os.fsencode(relative).decode("utf-8", "backslashreplace")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# 2. planning -----------------------------------------------------------------------------------

@dataclass
class _Plan:
    tasks: list[FileTask] = field(default_factory=list)
    cached: list[CuratedDecree] = field(default_factory=list)
    known_failures: list[Failure] = field(default_factory=list)  # lasting failures found in the cache
    copies: list[tuple[str, str, str]] = field(default_factory=list)  # (source_file, sha256, first path)
    unreadable: list[Outcome] = field(default_factory=list)


def plan_batch(sources: list[Path], raw_dir: Path, cache: DecreeCache | None, max_pages: int,
               vocabulary: str | None = None) -> _Plan:
    """Hash every file and sort it into cache hits, identical copies and files to curate."""
    plan = _Plan()
    first_path: dict[str, str] = {}
    raw_dir = raw_dir.resolve()
    for path in sources:
        source_file = _relative(path, raw_dir)
        try:
            digest = sha256(path)
        except OSError as error:
            task = FileTask(str(path), source_file, "", max_pages)
            plan.unreadable.append(_failed(task, UnreachableSourceError.reason, f"cannot read the file: {error}"))
            continue
        if digest in first_path:
            plan.copies.append((source_file, digest, first_path[digest]))
            continue
        first_path[digest] = source_file
        hit = cache.get(digest, source_file) if cache else None
        known = cache.get_failure(digest, source_file) if cache and hit is None else None
        if hit is not None:
            plan.cached.append(hit)
        elif known is not None:
            plan.known_failures.append(known)
        else:
            plan.tasks.append(FileTask(str(path), source_file, digest, max_pages, estimate_pages(path), vocabulary))
    return plan


# 3. curating one file (runs on a worker) --------------------------------------------------------

def curate_task(task: FileTask) -> Outcome:
    """Curate one file; never raises: any error becomes the outcome's failure."""
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        use_user_vocabulary(task.vocabulary)
        decree = curate_source(Path(task.path), task.source_file, task.sha256, task.max_pages)
        outcome = Outcome(task, decree=decree)
    except Exception as error:  # one file's trouble, whatever it is, must not stop the batch
        outcome = _failed(task, *describe(error))
    outcome.seconds = time.perf_counter() - started
    outcome.cpu_seconds = time.process_time() - cpu_started
    outcome.worker = f"{socket.gethostname()}:{os.getpid()}"
    outcome.peak_memory_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return outcome


def curate_source(path: Path, source_file: str, digest: str, max_pages: int) -> CuratedDecree:
    """Preflight, extract and normalise one file; raises a SourceError for a file that gives no decree."""
    if not path.exists():
        raise UnreachableSourceError(path, f"not found on {socket.gethostname()} (is RAW on a shared filesystem?)")
    if is_pdf(path):
        check_pdf(path, max_pages)
    decree = curate_document(read_document(path), source_file, digest)
    require_matrix(decree)
    return decree


def require_matrix(decree: CuratedDecree) -> None:
    """Refuse a curated document without action items: not a decree at all, or a decree without matrix."""
    if decree.items:
        return
    identity = decree.identity
    if identity.decree_number is None and identity.issuer is None:
        raise NotADecreeError(decree.source_file, "neither a decree heading (KEPUTUSAN ... NOMOR ...) "
                                                  "nor an action-plan matrix was found")
    no_header = any(f.code == "no_matrix_found" for f in decree.findings)
    detail = ("no row naming the matrix columns (INDIKATOR, TARGET WAKTU, ...)" if no_header
              else "the matrix header has no action item under it")
    raise NoMatrixError(decree.source_file, f"decree NOMOR {identity.decree_number or '?'} has no action-plan matrix: "
                                            f"{detail}")


def _failed(task: FileTask, reason: str, message: str) -> Outcome:
    return Outcome(task, failure=Failure(task.source_file, reason, message, task.sha256 or None))


# 4.-5. the whole batch -------------------------------------------------------------------------

def run_batch(
    raw_dir: Path, options: BatchOptions | None = None, reporter: Reporter | None = None,
    exclude: Iterable[Path] = (), work: Callable[[FileTask], Outcome] = curate_task,
) -> RunResult:
    """Curate every decree under raw_dir; nothing is written but the cache.  `work` is replaceable for tests."""
    options = options or BatchOptions()
    reporter = reporter or SilentReporter()
    use_user_vocabulary(options.vocabulary)  # in this process too: the cache key names the vocabulary
    cache = _open_cache(options.cache_dir)
    sources = find_sources(raw_dir, exclude)
    plan = plan_batch(sources, raw_dir, cache, options.max_pages, options.vocabulary)
    outcomes: list[Outcome] = list(plan.unreadable)

    def settle(outcome: Outcome) -> None:
        if cache is not None and outcome.decree is not None:
            cache.put(outcome.decree)
        elif cache is not None and outcome.failure is not None:
            cache.put_failure(outcome.failure)
        outcomes.append(outcome)
        reporter.file_done(_status(outcome))

    reporter.begin(len(sources), len(sources) - len(plan.tasks))  # cache hits, copies, unreadable: settled
    try:
        run_plan = _run(plan.tasks, options, work, settle)
    except KeyboardInterrupt:
        finished = len(outcomes) - len(plan.unreadable)
        raise BatchInterrupted(finished, len(plan.tasks) - finished, str(cache.folder) if cache else None) from None
    finally:
        reporter.end()
    result = assemble(plan, outcomes)
    result.plan, result.options = run_plan, options
    result.cache = CacheStats(str(cache.folder) if cache else None, len(plan.cached), len(plan.tasks) if cache else 0,
                              len(plan.known_failures))
    return result


def _open_cache(folder: Path | None) -> DecreeCache | None:
    if folder is None:
        return None
    return DecreeCache(folder, CacheKey(SCHEMA_VERSION, PIPELINE_VERSION, code_version() + fingerprint()))


def _run(tasks: list[FileTask], options: BatchOptions, work, settle) -> RunPlan:
    if not tasks:
        return RunPlan("none", 0)
    if use_in_process(sum(task.pages for task in tasks), len(tasks), options.workers, options.scheduler):
        return run_in_process(tasks, work, options.timeout, _failed, settle)
    return run_on_dask(tasks, work, options.timeout, _failed, settle, options.workers, options.scheduler)


def assemble(plan: _Plan, outcomes: list[Outcome]) -> RunResult:
    """Decrees and the account of every input, one copy per decree, in path order."""
    result = RunResult()
    by_file: dict[str, InputRecord] = {}
    decrees = list(plan.cached)
    for decree in plan.cached:
        by_file[decree.source_file] = InputRecord(decree.source_file, decree.source_sha256, "curated", cached=True,
                                                  doc_id=decree.doc_id, items=len(decree.items))
    for failure in plan.known_failures:
        by_file[failure.source_file] = InputRecord(failure.source_file, failure.sha256, "failed", cached=True,
                                                   reason=failure.reason, message=failure.message)
        result.failures.append(failure)
    for outcome in outcomes:
        by_file[outcome.task.source_file] = _record(outcome)
        if outcome.decree is not None:
            decrees.append(outcome.decree)
        if outcome.failure is not None:
            result.failures.append(outcome.failure)
        result.cpu_seconds += outcome.cpu_seconds
        if outcome.peak_memory_mb is not None:
            result.peak_memory_mb[outcome.worker] = max(outcome.peak_memory_mb,
                                                        result.peak_memory_mb.get(outcome.worker, 0.0))
    decrees = _drop_identical_copies(decrees, plan.copies, by_file)
    kept, dropped = keep_one_per_doc_id(sorted(decrees, key=lambda d: d.source_file))
    for copy in dropped:
        record = by_file[copy.decree.source_file]
        record.status, record.duplicate_of = "duplicate", copy.kept.source_file
    result.decrees = kept
    result.inputs = sorted(by_file.values(), key=lambda r: r.source_file)
    result.failures.sort(key=lambda f: f.source_file)
    return result


def _drop_identical_copies(
    decrees: list[CuratedDecree], copies, by_file: dict[str, InputRecord],
) -> list[CuratedDecree]:
    by_source = {d.source_file: d for d in decrees}
    for source_file, digest, first in copies:
        original = by_file.get(first)
        by_file[source_file] = InputRecord(source_file, digest, "duplicate", duplicate_of=first,
                                           doc_id=original.doc_id if original else None,
                                           items=original.items if original else None)
        if first in by_source:
            by_source[first] = with_duplicate_finding(by_source[first], source_file, "identical bytes")
    return list(by_source.values())


def _status(outcome: Outcome) -> FileStatus:
    decree, failure = outcome.decree, outcome.failure
    if failure is not None:
        return FileStatus(outcome.task.source_file, True, seconds=outcome.seconds, reason=failure.reason,
                          message=failure.message)
    return FileStatus(outcome.task.source_file, False, items=len(decree.items) if decree else None,
                      seconds=outcome.seconds)


def _record(outcome: Outcome) -> InputRecord:
    task, decree, failure = outcome.task, outcome.decree, outcome.failure
    if failure is not None:
        return InputRecord(task.source_file, task.sha256 or None, "failed", seconds=round(outcome.seconds, 3),
                           reason=failure.reason, message=failure.message)
    assert decree is not None, "an outcome holds a decree or a failure"
    return InputRecord(task.source_file, task.sha256, "curated", doc_id=decree.doc_id, items=len(decree.items),
                       seconds=round(outcome.seconds, 3))
