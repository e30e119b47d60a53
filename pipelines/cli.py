"""The `decrees` command."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from pipelines.commands import VOCABULARY_OPTION, user_vocabulary_text
from pipelines.batch import DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT, BatchOptions, RunResult
from pipelines.curate import curate_folder
from pipelines.progress import RichReporter, SilentReporter

app = typer.Typer(help="Curate Indonesian Zona Integritas action-plan decrees into Parquet.", no_args_is_help=True)
console = Console(stderr=True)


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
        f"{len(result.failures)} failed, {len(result.duplicates)} duplicates, {result.cache.hits} from cache; "
        f"{result.seconds:.1f}s ({result.plan.mode}) -> {escape(str(out))}",
        highlight=False,
    )


@app.command()
def curate(
    raw: Path = typer.Argument(Path("data/raw"), help="Folder of decrees (.pdf, .txt), searched recursively"),
    out: Path = typer.Argument(Path("data/curated"), help="Folder for the Parquet datasets and manifest.json"),
    workers: int = typer.Option(None, "--workers", min=1, help="Worker processes (default: every core)"),
    scheduler: str = typer.Option(None, "--scheduler", help="Address of an existing Dask scheduler to run on"),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, "--timeout", min=1, help="Seconds one file may take"),
    cache: Path = typer.Option(None, "--cache", help="Folder of cached per-decree results (default: OUT/.cache)"),
    max_pages: int = typer.Option(DEFAULT_MAX_PAGES, "--max-pages", min=1, help="Refuse PDFs longer than this"),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero when any file fails"),
    no_progress: bool = typer.Option(False, "--no-progress", help="No progress bar or per-file lines"),
    vocabulary: Path = VOCABULARY_OPTION,
) -> None:
    """Curate every decree under RAW into OUT; only new or changed files are curated again."""
    if not raw.is_dir():
        raise typer.BadParameter(f"{raw} is not a folder", param_hint="RAW")
    options = BatchOptions(workers=workers, scheduler=scheduler, timeout=timeout, max_pages=max_pages,
                           cache_dir=cache, vocabulary=user_vocabulary_text(vocabulary))
    reporter = SilentReporter() if no_progress else RichReporter(console)
    result = curate_folder(raw, out, options, reporter)
    _summary(result, out)
    if strict and result.failures:
        raise typer.Exit(1)


# Looking at, checking and showing curated data (pipelines/commands.py).
from pipelines.commands import extract, layout, report, validate  # noqa: E402

app.command()(extract)
app.command()(layout)
app.command()(validate)
app.command()(report)
