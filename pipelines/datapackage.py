"""A Frictionless data package (`datapackage.json`) describing the curated Parquet files.

Written beside the Parquet files by every curate run.  Resources, field names,
types, descriptions, required fields, allowed values and keys all come from
pipelines.schema.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import pyarrow as pa

from pipelines.schema import DATASETS, FOREIGN_KEYS, PRIMARY_KEYS, SCHEMA_VERSION, SIDECARS, VOCABULARIES, description

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"


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
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return "array"
    if pa.types.is_map(arrow_type) or pa.types.is_struct(arrow_type):
        return "object"
    return "any"


def field_descriptor(field: pa.Field) -> dict:
    """One Table Schema field: name, type, description and constraints."""
    descriptor: dict[str, object] = {"name": field.name, "type": frictionless_type(field.type),
                                     "description": description(field)}
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
    table_schema: dict = {"fields": [field_descriptor(field) for field in schema]}
    if name in PRIMARY_KEYS:
        table_schema["primaryKey"] = list(PRIMARY_KEYS[name])
    references = [
        {"fields": list(fields), "reference": {"resource": target, "fields": list(fields)}}
        for fields, target in FOREIGN_KEYS.get(name, ())
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
        resource["bytes"] = path.stat().st_size
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
