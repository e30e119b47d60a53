"""A Frictionless data package (`datapackage.json`) describing the curated Parquet files.

Written beside the Parquet files by every curate run.  Resources, field names,
types, descriptions, required fields, allowed values and keys all come from
pipelines.schema.

The package is valid under the reference validator, `frictionless validate` with its
Parquet plugin (`frictionless[parquet]`), which reads each file through pandas:
- it takes an empty string for a null by default, but an empty cell is text here (with a
  `missing_cell` finding), and only a Parquet null is null: every schema declares
  `missingValues: []`;
- a null in an integer column reaches it as NaN: nullable integer fields declare
  `missingValues: ["nan"]` (an integer column can hold no text, so nothing is lost);
- list, map and struct columns reach it as NumPy arrays and key/value pairs, which its
  `array` and `object` types reject: those fields are declared `any`, their Arrow type
  named in the description;
- it skips a foreign key only when all its fields are null, so a key with a nullable
  field (findings' (doc_id, item_no): decree-wide findings have no item) is left out of
  the package; `decrees validate` checks it (a null refers to nothing);
- it cannot count a Parquet file's bytes, so the package gives its sha256 `hash` only.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa

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

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
INTEGER_MISSING_VALUES = ("nan",)  # how the Parquet plugin's pandas shows a null integer


def frictionless_type(arrow_type: pa.DataType) -> str:
    """The Frictionless Table Schema type of an Arrow type."""
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return "string"
    if pa.types.is_integer(arrow_type):
        return "integer"
    if pa.types.is_floating(arrow_type):
        return "number"
    if pa.types.is_boolean(arrow_type):
        return "boolean"
    if pa.types.is_date(arrow_type):
        return "date"
    if pa.types.is_timestamp(arrow_type):
        return "datetime"
    return "any"  # lists, maps, structs: see the module's docstring


def field_descriptor(field: pa.Field) -> dict:
    """One Table Schema field: name, type, description and constraints."""
    kind = frictionless_type(field.type)
    descriptor: dict[str, Any] = {"name": field.name, "type": kind, "description": description(field)}
    if kind == "any":
        descriptor["description"] += f" [Parquet {arrow_type_name(field.type)}]"
    if kind == "integer" and field.nullable:
        descriptor["missingValues"] = list(INTEGER_MISSING_VALUES)
    constraints: dict[str, object] = {}
    if not field.nullable:
        constraints["required"] = True
    if field.name in VOCABULARIES:
        constraints["enum"] = list(VOCABULARIES[field.name])
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def resource_descriptor(name: str, schema: pa.Schema, folder: Path | None = None) -> dict:
    """One data resource for <name>.parquet; with folder, also its size and hash."""
    table_schema: dict = {"fields": [field_descriptor(field) for field in schema], "missingValues": []}
    if name in PRIMARY_KEYS:
        table_schema["primaryKey"] = list(PRIMARY_KEYS[name])
    references = [
        {"fields": list(fields), "reference": {"resource": target, "fields": list(fields)}}
        for fields, target in FOREIGN_KEYS.get(name, ())
        if not any(schema.field(f).nullable for f in fields)
    ]
    if references:
        table_schema["foreignKeys"] = references
    resource = {
        "name": name,
        "path": f"{name}.parquet",
        "type": "table",
        "format": "parquet",
        "mediatype": PARQUET_MEDIATYPE,
        "description": (schema.metadata or {}).get(b"description", b"").decode(),
        "schema": table_schema,
    }
    path = folder / resource["path"] if folder else None
    if path and path.is_file():
        resource["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    return resource


def datapackage(folder: Path | None = None) -> dict:
    """The data package descriptor of the curated datasets (sidecars only where present in folder)."""
    sidecars = {name: schema for name, schema in SIDECARS.items()
                if folder is not None and (folder / f"{name}.parquet").is_file()}
    return {
        "$schema": PROFILE,
        "name": "zona-integritas-decrees",
        "title": "Zona Integritas action-plan decrees, curated",
        "description": "Indonesian 'Rencana Aksi Pembangunan Zona Integritas' decrees read into typed tables "
                       "(see docs/SCHEMA.md and docs/data-dictionary.md).",
        "version": SCHEMA_VERSION,
        "resources": [resource_descriptor(name, schema, folder)
                      for name, schema in {**DATASETS, **sidecars}.items()],
    }


def write_datapackage(folder: Path) -> Path:
    """Write folder/datapackage.json for the Parquet files in folder (atomically)."""
    target = folder / "datapackage.json"
    text = json.dumps(datapackage(folder), indent=2, ensure_ascii=False) + "\n"
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".part")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, target)
    return target
