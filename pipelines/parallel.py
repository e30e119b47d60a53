"""Running one function over many files: in this process, or on a Dask cluster, with a time limit per file.

Rule: the cache has been looked up and the pages to read counted before this
module is asked where to run (pipelines/batch.py).  A batch runs in this process
when no scheduler is given and one worker is asked for, or one file is left, or,
when the number of workers is left open, the files left hold fewer than
`PARALLEL_MIN_PAGES` pages: a local cluster's start-up (its processes importing
the PDF stack, a few seconds) costs more than a second core saves on less.
Otherwise it runs on Dask: a `LocalCluster` of processes with one thread each (the
PDF/OCR stack does not release the GIL), all cores unless told, or the existing
cluster at `scheduler`.  Workers start once per batch and stay warm: the
batch's own workers are forked from this process after it has imported the
curation code and built its reader (`pipelines.warm`), so they start with it
in memory; workers of an existing cluster warm themselves when they join
(a WorkerPlugin).  The fixed cost is paid once per worker, never per file.
On a cluster the files must be readable at the same path on every worker (a
shared filesystem) and the workers must have this project installed.

Up to two files per worker thread are in flight (no worker idles while a result
travels back).  A file's clock is how long it has been *executing* on its worker,
as the scheduler knows from heartbeats, so queueing never counts.  A file over
the limit is cancelled and its worker restarted (the only way to stop a running
task; needs a nanny, as LocalCluster and `dask worker` have); it becomes a
`timeout` failure and the batch goes on.  A file that kills its worker twice is a
`worker_lost` failure.  In this process the limit is a SIGALRM timer (main
thread only, Unix).  Scheduler, workers and client must share one environment
(this project installed), as Dask expects.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from pipelines.failures import WORKER_LOST, CurationTimeoutError, describe

PARALLEL_MIN_PAGES = 300  # below this a local cluster's start-up costs more than it saves (bench/bench_batch.py)
_POLL_SECONDS = 1.0
_IN_FLIGHT_PER_THREAD = 2
_CONNECT_SECONDS = 30

Task = TypeVar("Task")
Outcome = TypeVar("Outcome")


@dataclass(frozen=True)
class RunPlan:
    """Where a batch runs: `mode` is `in-process` or `dask`; workers counts threads on the cluster."""

    mode: str
    workers: int
    scheduler: str | None = None


def use_in_process(pages: int, file_count: int, workers: int | None, scheduler: str | None) -> bool:
    """The rule for skipping Dask: no scheduler, and one worker or one file, or too few pages to pay a cluster."""
    if scheduler is not None:
        return False
    return workers == 1 or file_count <= 1 or (workers is None and pages < PARALLEL_MIN_PAGES)


def run_in_process(
    tasks: Sequence[Task], work: Callable[[Task], Outcome], timeout: float,
    fail: Callable[[Task, str, str], Outcome], on_outcome: Callable[[Outcome], None],
) -> RunPlan:
    """Run every task here, one after the other, each under a SIGALRM time limit."""
    for task in tasks:
        try:
            with _alarm(timeout):
                outcome = work(task)
        except CurationTimeoutError as error:  # the alarm rang outside the task's own error handling
            outcome = fail(task, *describe(error))
        on_outcome(outcome)
    return RunPlan("in-process", 1)


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise CurationTimeoutError("file", _timeout_message(seconds))

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_on_dask(
    tasks: Sequence[Task], work: Callable[[Task], Outcome], timeout: float,
    fail: Callable[[Task, str, str], Outcome], on_outcome: Callable[[Outcome], None],
    workers: int | None = None, scheduler: str | None = None,
) -> RunPlan:
    """Run the tasks on a Dask cluster (a new local one, or the one at `scheduler`)."""
    with _client(workers, scheduler, len(tasks)) as client:
        plan = RunPlan("dask", _capacity(client), scheduler)
        _Scheduler(client, work, timeout, fail, on_outcome).run(tasks)
    return plan


@contextmanager
def _client(workers: int | None, scheduler: str | None, task_count: int):
    import dask
    from distributed import Client, LocalCluster

    from pipelines.warm import warm, warm_worker_plugin

    if scheduler:
        with Client(scheduler, timeout=_CONNECT_SECONDS) as client:
            client.register_plugin(warm_worker_plugin(own_cluster=False))
            yield client
        return
    # Workers forked from this process, warmed first, start with the curation code imported and its
    # reader built (copy-on-write), instead of each importing it again; spawned where fork is missing.
    # A file that kills its worker (crash, out of memory) is retried once elsewhere, then failed.
    start = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if start == "fork":
        warm()
    with dask.config.set({"distributed.scheduler.allowed-failures": 1,
                          "distributed.worker.multiprocessing-method": start}):
        with LocalCluster(
            n_workers=min(workers or os.cpu_count() or 1, task_count), threads_per_worker=1, processes=True,
            dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR,  # any free local port: no clash on 8787
        ) as cluster, Client(cluster) as client:
            client.register_plugin(warm_worker_plugin(own_cluster=True))
            yield client


def _capacity(client) -> int:
    threads = sum(client.nthreads().values())
    if threads == 0:
        client.wait_for_workers(1, timeout=_CONNECT_SECONDS)
        threads = sum(client.nthreads().values())
    return max(threads, 1)


class _Scheduler:
    """Keeps the cluster's threads busy, collects results as they come, enforces the time limit.

    Up to two files per thread are in flight, so a worker never idles while its last result
    travels back.  A file's clock is the scheduler's record of how long it has been executing
    on its worker (heartbeat duration plus the time since that heartbeat), so time spent
    waiting in a queue never counts; it is consulted only for files older than the limit.
    """

    def __init__(self, client, work, timeout: float, fail, on_outcome) -> None:
        self.client = client
        self.work = work
        self.timeout = timeout
        self.fail = fail
        self.on_outcome = on_outcome
        self.running: dict = {}  # future -> (task, submitted)
        self.capacity = _capacity(client)
        self.capacity_checked = time.monotonic()

    def run(self, tasks: Sequence[Task]) -> None:
        queue = deque(tasks)
        try:
            while queue or self.running:
                while queue and len(self.running) < _IN_FLIGHT_PER_THREAD * self._capacity():
                    self._submit(queue.popleft())
                self._collect(self._wait())
                self._expire_overdue()
        finally:
            for future in self.running:
                future.cancel()

    def _capacity(self) -> int:
        if time.monotonic() - self.capacity_checked > _POLL_SECONDS:
            self.capacity, self.capacity_checked = _capacity(self.client), time.monotonic()
        return self.capacity

    def _submit(self, task) -> None:
        future = self.client.submit(self.work, task, key=f"curate-{uuid.uuid4().hex}", pure=False)
        self.running[future] = (task, time.monotonic())

    def _wait(self) -> list:
        from distributed import wait

        futures = list(self.running)
        with contextlib.suppress(TimeoutError):
            wait(futures, timeout=_POLL_SECONDS, return_when="FIRST_COMPLETED")
        return [f for f in futures if f.done()]

    def _collect(self, done: list) -> None:
        for future in done:
            task, _ = self.running.pop(future)
            self.on_outcome(self._outcome(future, task))

    def _outcome(self, future, task):
        """The task's own outcome, or a failure when the cluster lost or cancelled it."""
        from distributed import KilledWorker

        try:
            return future.result()
        except KilledWorker:
            return self.fail(task, WORKER_LOST,
                             "the file killed the worker curating it each time it was tried (crash or out of memory)")
        except Exception as error:  # the task itself never raises: this is the cluster failing
            return self.fail(task, *describe(error))

    def _expire_overdue(self) -> None:
        now = time.monotonic()
        suspects = [f for f, (_, submitted) in self.running.items() if now - submitted > self.timeout]
        if not suspects:
            return
        executing = self.client.run_on_scheduler(_executing_tasks)
        for future in suspects:
            worker, seconds = executing.get(future.key, (None, 0.0))
            if worker is None or seconds <= self.timeout or future.done():
                continue  # still queued, or within its time: its clock is the worker's
            task, _ = self.running.pop(future)
            future.cancel()
            self._restart(worker)
            self.on_outcome(self.fail(task, CurationTimeoutError.reason, _timeout_message(self.timeout)))

    def _restart(self, worker: str) -> None:
        """Stop the task still running on `worker` by restarting it (needs a nanny)."""
        try:
            self.client.restart_workers([worker], raise_for_error=False)
        except Exception:  # no nanny: the worker stays busy until the task ends by itself
            logging.getLogger(__name__).warning("could not restart worker %s after a timeout", worker)
        self.capacity_checked = 0.0


def _executing_tasks(dask_scheduler=None) -> dict:
    """On the scheduler: key -> (worker, seconds executing), from the workers' heartbeats."""
    from time import time as now

    return {
        ts.key: (worker.address, duration + now() - worker.last_seen)
        for worker in dask_scheduler.workers.values()
        for ts, duration in worker.executing.items()
    }


def _timeout_message(seconds: float) -> str:
    return f"took longer than {seconds:g} s; skipped (raise --timeout if meant)"
