"""The data dictionary (docs/data-dictionary.md), generated from pipelines.schema.

`python -m pipelines.dictionary` rewrites the file; `--check` exits 1 when it is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa

from normalize.findings import finding_codes
from pipelines.datapackage import frictionless_type
from pipelines.schema import (
    DATASETS,
    FOREIGN_KEYS,
    PRIMARY_KEYS,
    SCHEMA_VERSION,
    SIDECARS,
    VOCABULARIES,
    arrow_type_name,
    description,
)

DICTIONARY_PATH = Path(__file__).resolve().parent.parent / "docs" / "data-dictionary.md"

_HEADER = f"""\
# Data dictionary (schema version {SCHEMA_VERSION})

<!-- Generated from pipelines/schema.py by `python -m pipelines.dictionary`; do not edit by hand. -->

The curated outputs of `decrees curate` are Parquet files, one per dataset, with
a Frictionless `datapackage.json` beside them.  `docs/SCHEMA.md` explains the
rules behind the values; this page lists every field.  A field marked *required*
is never null.  Allowed values, where listed, are the only values a field may take.
"""


def render_dictionary() -> str:
    """The whole data dictionary as Markdown."""
    parts = [_HEADER, "## Datasets\n"]
    parts += [_dataset_section(name, schema) for name, schema in DATASETS.items()]
    parts.append("## Sidecar datasets\n\nWritten beside the datasets by every curate run; "
                 "not part of the canonical schema.\n")
    parts += [_dataset_section(name, schema) for name, schema in SIDECARS.items()]
    parts.append(_finding_codes_section())
    return "\n".join(parts)


def _finding_codes_section() -> str:
    """The finding codes of normalize/data/findings.toml: code, severity, meaning."""
    lines = ["## Finding codes\n",
             "The `code` of `findings.parquet`, with the severity it is raised at "
             "(kept in `normalize/data/findings.toml`).\n",
             "| code | severity | meaning |", "|---|---|---|"]
    for code in finding_codes().values():
        lines.append(f"| `{code.code}` | {code.severity.value} | {_cell(code.meaning)} |")
    return "\n".join(lines) + "\n"


def _dataset_section(name: str, schema: pa.Schema) -> str:
    lines = [f"### `{name}.parquet`", "", (schema.metadata or {}).get(b"description", b"").decode(), ""]
    if name in PRIMARY_KEYS:
        lines.append(f"Key: {', '.join(f'`{f}`' for f in PRIMARY_KEYS[name])}.  ")
    for fields, target in FOREIGN_KEYS.get(name, ()):
        keys = ", ".join(f"`{f}`" for f in fields)
        lines.append(f"References `{target}` by {keys}.  ")
    lines += ["", "| field | Arrow type | Frictionless type | required | description | allowed values |",
              "|---|---|---|---|---|---|"]
    for field in schema:
        allowed = ", ".join(f"`{v}`" for v in VOCABULARIES.get(field.name, ()))
        lines.append(
            f"| `{field.name}` | `{arrow_type_name(field.type)}` | {frictionless_type(field.type)} | "
            f"{'' if field.nullable else 'yes'} | {_cell(description(field))} | {allowed} |"
        )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def main(argv: list[str]) -> int:
    """Write the dictionary, or with --check report whether the committed one is current."""
    text = render_dictionary()
    if "--check" in argv:
        current = DICTIONARY_PATH.read_text(encoding="utf-8") if DICTIONARY_PATH.is_file() else ""
        if current != text:
            sys.stderr.write(f"{DICTIONARY_PATH} is stale: run python -m pipelines.dictionary\n")
            return 1
        return 0
    DICTIONARY_PATH.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
