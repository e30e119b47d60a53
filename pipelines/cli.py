"""The `decrees` command.

Start-up is kept to what a command uses: this module imports only typer and rich
(and `pipelines.options` for the defaults shown in --help).  Each command imports
the modules it needs inside its own body (`from pipelines.curate import curate_folder`),
so `decrees --help`, `validate` or `report` never import spaCy, the PDF/OCR stack,
Dask or pandas.  A new command follows the same pattern: light signature, imports in
the body.  `pipelines/__init__.py` imports nothing heavy either (module `__getattr__`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape

from pipelines.commands import VOCABULARY_OPTION, user_vocabulary_text
from pipelines.options import DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT, BatchOptions

if TYPE_CHECKING:
    from pipelines.batch import BatchInterrupted, RunResult

# Plain help text: typer's rich help imports a markdown parser and costs more than the rest of --help.
app = typer.Typer(help="Curate Indonesian Zona Integritas action-plan decrees into Parquet.", no_args_is_help=True,
                  rich_markup_mode=None)
console = Console(stderr=True)
INTERRUPTED_EXIT = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C


@app.callback()
def main() -> None:
    """Curate Indonesian Zona Integritas action-plan decrees into Parquet."""


def _summary(result: RunResult, out: Path) -> None:
    for failure in result.failures:
        console.print(f"[red]failed[/red] {escape(failure.source_file)}: {failure.reason}: {escape(failure.message)}",
                      highlight=False)
    for record in result.duplicates:
        console.print(f"[yellow]duplicate[/yellow] {escape(record.source_file)} of {escape(record.duplicate_of or '')}",
                      highlight=False)
    items = sum(len(d.items) for d in result.decrees)
    severities = ", ".join(f"{count} {severity}" for severity, count in result.findings_by_severity().items())
    console.print(
        f"{len(result.decrees)} decrees, {items} action items, findings: {severities or 'none'}; "
        f"{len(result.failures)} failed ({result.cache.known_failures} known from the cache), "
        f"{len(result.duplicates)} duplicates, {result.cache.hits} from cache; "
        f"{result.seconds:.1f}s ({result.plan.mode}) -> {escape(str(out))}",
        highlight=False,
    )


def _interrupted(stop: BatchInterrupted, out: Path) -> None:
    kept = (f"the {stop.finished} file(s) finished this run are kept in the cache ({escape(stop.cache_folder)})"
            if stop.cache_folder else f"{stop.finished} file(s) were finished (no cache: they will be curated again)")
    console.print(f"[yellow]interrupted[/yellow]: {kept}; {stop.remaining} file(s) not curated; "
                  f"{escape(str(out))} left as it was. Run the same command again to go on.", highlight=False)


@app.command()
def curate(
    raw: Path = typer.Argument(Path("data/raw"), help="Folder of decrees (.pdf, .txt), searched recursively"),
    out: Path = typer.Argument(Path("data/curated"), help="Folder for the Parquet datasets and manifest.json"),
    workers: int = typer.Option(None, "--workers", min=1,
                                help="Worker processes (default: one, or every core when there are enough pages)"),
    scheduler: str = typer.Option(None, "--scheduler", help="Address of an existing Dask scheduler to run on"),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, "--timeout", min=1, help="Seconds one file may take"),
    cache: Path = typer.Option(None, "--cache", help="Folder of cached per-decree results (default: OUT/.cache)"),
    max_pages: int = typer.Option(DEFAULT_MAX_PAGES, "--max-pages", min=1, help="Refuse PDFs longer than this"),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero when any file fails"),
    no_progress: bool = typer.Option(False, "--no-progress", help="No progress bar or per-file lines"),
    vocabulary: Path = VOCABULARY_OPTION,
) -> None:
    """Curate every decree under RAW into OUT; only new or changed files are curated again."""
    from pipelines.batch import BatchInterrupted
    from pipelines.curate import curate_folder
    from pipelines.progress import RichReporter, SilentReporter

    if not raw.is_dir():
        raise typer.BadParameter(f"{raw} is not a folder", param_hint="RAW")
    options = BatchOptions(workers=workers, scheduler=scheduler, timeout=timeout, max_pages=max_pages,
                           cache_dir=cache, vocabulary=user_vocabulary_text(vocabulary))
    reporter = SilentReporter() if no_progress else RichReporter(console)
    try:
        result = curate_folder(raw, out, options, reporter)
    except BatchInterrupted as stop:
        _interrupted(stop, out)
        raise typer.Exit(INTERRUPTED_EXIT) from None
    except KeyboardInterrupt:  # while hashing the files or writing the outputs
        console.print(f"[yellow]interrupted[/yellow]: {escape(str(out))} left as it was; decrees finished are in "
                      "the cache. Run the same command again to go on.", highlight=False)
        raise typer.Exit(INTERRUPTED_EXIT) from None
    _summary(result, out)
    if strict and result.failures:
        raise typer.Exit(1)


# Looking at, checking and showing curated data (pipelines/commands.py).
from pipelines.commands import calendar, export, extract, layout, report, validate  # noqa: E402

app.command()(extract)
app.command()(layout)
app.command()(validate)
app.command()(report)
app.command()(calendar)
app.command()(export)
