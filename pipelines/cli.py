"""The `decrees` command."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import typer
from rich.console import Console

from pipelines.curate import curate_folder

app = typer.Typer(help="Curate Indonesian Zona Integritas action-plan decrees into Parquet.", no_args_is_help=True)
console = Console(stderr=True)


@app.callback()
def main() -> None:
    """Curate Indonesian Zona Integritas action-plan decrees into Parquet."""


@app.command()
def curate(
    raw: Path = typer.Argument(Path("data/raw"), help="Folder of decrees (.pdf, .txt), searched recursively"),
    out: Path = typer.Argument(Path("data/curated"), help="Folder for the Parquet datasets and manifest.json"),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero when any file fails"),
) -> None:
    """Curate every decree under RAW into OUT."""
    if not raw.is_dir():
        raise typer.BadParameter(f"{raw} is not a folder", param_hint="RAW")
    result = curate_folder(raw, out)
    for failure in result.failures:
        console.print(f"[red]failed[/red] {failure.source_file}: {failure.reason}: {failure.message}")
    severities = Counter(f.severity.value for d in result.decrees for f in d.findings)
    items = sum(len(d.items) for d in result.decrees)
    console.print(
        f"{len(result.decrees)} decrees, {items} action items, findings "
        f"{dict(severities) or 0}, {len(result.failures)} failed, {result.seconds:.1f}s -> {out}"
    )
    if strict and result.failures:
        raise typer.Exit(1)
