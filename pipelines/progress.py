"""Showing a batch as it runs: a progress bar and one status line per curated file, on stderr."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn


@dataclass(frozen=True)
class FileStatus:
    """What a reporter is told about one file: its name and how it went (it knows nothing else of the batch)."""

    source_file: str
    failed: bool
    items: int | None = None  # action items of a curated decree
    seconds: float = 0.0
    reason: str | None = None  # why a file failed
    message: str | None = None


class Reporter(Protocol):
    """What the batch tells whoever watches it."""

    def begin(self, total: int, done: int) -> None:
        """`total` files in the batch, `done` of them already settled (cache hits, identical copies)."""

    def file_done(self, status: FileStatus) -> None:
        """One file was curated or failed."""

    def end(self) -> None:
        """The batch is over (also after an interruption)."""


class SilentReporter:
    """Reports nothing (library use, tests, --no-progress)."""

    def begin(self, total: int, done: int) -> None:
        pass

    def file_done(self, status: FileStatus) -> None:
        pass

    def end(self) -> None:
        pass


class RichReporter:
    """A rich progress bar with a status line per file, printed above the bar."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.progress: Progress | None = None
        self.task: TaskID | None = None

    def begin(self, total: int, done: int) -> None:
        self.progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=self.console,
        )
        self.progress.start()
        description = f"curating ({done} cached or identical)" if done else "curating"
        self.task = self.progress.add_task(description, total=total, completed=done)

    def file_done(self, status: FileStatus) -> None:
        if self.progress is None or self.task is None:
            return
        self.progress.console.print(status_line(status), highlight=False)
        self.progress.advance(self.task)

    def end(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def status_line(status: FileStatus) -> str:
    """`curated  path  70 items  1.2s` or `failed  path  reason: message`, as rich markup."""
    name = escape(status.source_file)
    if status.failed:
        return f"[red]failed [/red]  {name}  [red]{status.reason}[/red]: {escape(status.message or '')}"
    return f"[green]curated[/green]  {name}  {status.items} items  {status.seconds:.1f}s"
