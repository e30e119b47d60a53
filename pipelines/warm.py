"""Warming a worker: import the curation code and build its readers once, when the worker starts.

A Dask worker that curates its first file would otherwise pay, inside that file's
time, the imports of the PDF and normalisation stack and the build of the
legal-basis reader.  `WarmWorker` does it when the worker joins the batch (on a
new local cluster and on an existing one alike), so every file finds it warm and
the fixed cost is paid once per worker process.
"""

from __future__ import annotations

import importlib
from contextlib import suppress

_MODULES = ("extract.source", "extract.text", "extract.pdf", "pipelines.preflight", "normalize.curate")


def warm() -> None:
    """Import what curating a file needs and build the legal-basis reader (idempotent, fast the second time)."""
    for module in _MODULES:
        with suppress(ImportError):  # an optional extractor that is not installed: the file will say so
            importlib.import_module(module)
    from normalize.legal_bases import _nlp

    _nlp()


def warm_worker_plugin(own_cluster: bool):
    """A Dask WorkerPlugin that warms each worker as it joins (existing workers at once).

    On the batch's own local cluster the workers also ignore Ctrl-C: the terminal sends it to
    every process of the group, and the batch (the main process) is the one that stops them.
    """
    from distributed.diagnostics.plugin import WorkerPlugin

    class WarmWorker(WorkerPlugin):
        name = "decrees-warm"  # registering it again on the same cluster replaces it

        def setup(self, worker) -> None:
            if own_cluster:
                _ignore_interrupts()
            warm()

    return WarmWorker()


def _ignore_interrupts() -> None:
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
