"""Check a curated folder against the Arrow schemas: one clear line per problem.

Checks: files present (datasets, manifest.json, datapackage.json), readable
Parquet, `schema_version` metadata, missing/extra columns, column types, nulls in
required fields, duplicate keys, dangling references between datasets, and values
outside a field's vocabulary (area_code outside the six areas, ...), and coverage
rows that disagree with the items (a missing component, another item count).  Sidecar
datasets (regions) are checked when present.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipelines.schema import DATASETS, FOREIGN_KEYS, PRIMARY_KEYS, SCHEMA_VERSION, SIDECARS, VOCABULARIES

JSON_FILES = ("manifest.json", "datapackage.json")
_SHOWN = 3  # offending values quoted per message


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a curated folder."""

    file: str  # file name inside the folder; "" for the folder itself
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}" if self.file else self.message

    def line(self, folder: Path) -> str:
        """The problem as one line naming the file's path under folder."""
        return f"{Path(folder) / self.file if self.file else folder}: {self.message}"


def validate_curated(folder: Path) -> list[Problem]:
    """Every problem found in the curated folder; an empty list means it is valid."""
    folder = Path(folder)
    if not folder.is_dir():
        return [Problem("", "not a folder")]
    problems = [Problem(name, "missing") for name in JSON_FILES if not (folder / name).is_file()]
    problems += [problem for name in JSON_FILES if (folder / name).is_file()
                 for problem in _check_json(folder / name)]
    tables: dict[str, pa.Table] = {}
    for name, schema in {**DATASETS, **SIDECARS}.items():
        path = folder / f"{name}.parquet"
        if not path.is_file():
            if name in DATASETS:
                problems.append(Problem(path.name, "missing"))
            continue
        table, file_problems = _read(path, schema)
        problems += file_problems
        if table is not None:
            tables[name] = table
    problems += _check_keys(tables)
    problems += _check_coverage(tables)
    return problems


def _check_json(path: Path) -> list[Problem]:
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return [Problem(path.name, f"not valid JSON ({error})")]
    return []


def _read(path: Path, schema: pa.Schema) -> tuple[pa.Table | None, list[Problem]]:
    """The table if its columns can be checked, with the problems of its schema and values."""
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException) as error:
        return None, [Problem(path.name, f"not a readable Parquet file ({error})")]
    problems = _check_schema(path.name, table.schema, schema)
    problems += _check_values(path.name, table, schema)
    return table, problems


def _check_schema(file: str, actual: pa.Schema, expected: pa.Schema) -> list[Problem]:
    problems = []
    version = (actual.metadata or {}).get(b"schema_version")
    if version is None:
        problems.append(Problem(file, f"no schema_version metadata (expected {SCHEMA_VERSION!r})"))
    elif version.decode() != SCHEMA_VERSION:
        problems.append(Problem(file, f"schema_version is {version.decode()!r}, expected {SCHEMA_VERSION!r}"))
    names = set(actual.names)
    problems += [Problem(file, f"missing column {f.name} ({f.type})") for f in expected if f.name not in names]
    problems += [Problem(file, f"unexpected column {name}") for name in actual.names
                 if expected.get_field_index(name) < 0]
    for field in expected:
        if field.name in names and not actual.field(field.name).type.equals(field.type):
            problems.append(Problem(file, f"column {field.name} has type {actual.field(field.name).type}, "
                                          f"expected {field.type}"))
    return problems


def _check_values(file: str, table: pa.Table, schema: pa.Schema) -> list[Problem]:
    problems = []
    for field in schema:
        if field.name not in table.column_names:
            continue
        column = table.column(field.name)
        if not field.nullable and column.null_count:
            problems.append(Problem(file, f"column {field.name} is required but has {column.null_count} null(s)"))
        if field.name in VOCABULARIES and pa.types.is_string(column.type):
            allowed = pa.array(VOCABULARIES[field.name], pa.string())
            present = pc.drop_null(column)
            outside = pc.filter(present, pc.invert(pc.is_in(present, value_set=allowed)))
            if len(outside):
                shown = ", ".join(repr(v) for v in pc.unique(outside).to_pylist()[:_SHOWN])
                problems.append(Problem(file, f"column {field.name} has {len(outside)} value(s) outside "
                                              f"{'/'.join(VOCABULARIES[field.name])}: {shown}"))
    return problems


def _check_keys(tables: dict[str, pa.Table]) -> list[Problem]:
    problems = []
    keys = {name: _key_set(table, PRIMARY_KEYS[name]) for name, table in tables.items() if name in PRIMARY_KEYS}
    for name, fields in PRIMARY_KEYS.items():
        if name in tables and _has_columns(tables[name], fields):
            duplicates = tables[name].num_rows - len(keys[name])
            if duplicates:
                problems.append(Problem(f"{name}.parquet", f"{duplicates} duplicate key(s) on {', '.join(fields)}"))
    for name, references in FOREIGN_KEYS.items():
        for fields, target in references:
            if name not in tables or target not in tables or not all(
                    _has_columns(tables[n], fields) for n in (name, target)):
                continue
            target_keys = keys[target] if fields == PRIMARY_KEYS[target] else _key_set(tables[target], fields)
            dangling = sorted({k for k in _key_rows(tables[name], fields) if None not in k} - target_keys,
                              key=str)
            if dangling:
                shown = ", ".join(_key_text(k) for k in dangling[:_SHOWN])
                problems.append(Problem(f"{name}.parquet", f"{len(dangling)} {', '.join(fields)} value(s) with no "
                                                           f"row in {target}.parquet: {shown}"))
    return problems


def _check_coverage(tables: dict[str, pa.Table]) -> list[Problem]:
    """Every decree has one coverage row per official component, counting its items mapped there."""
    needed = {"decrees": ("doc_id",), "action_items": ("doc_id", "item_no", "component_code"),
              "coverage": ("doc_id", "component_code", "item_count")}
    if not all(name in tables and _has_columns(tables[name], fields) for name, fields in needed.items()):
        return []
    items = {(doc_id, item_no): code for doc_id, item_no, code in _key_rows(tables["action_items"],
                                                                            needed["action_items"])}
    expected = Counter((doc_id, code) for (doc_id, _), code in items.items() if code is not None)
    counted = {(doc_id, code): count for doc_id, code, count in _key_rows(tables["coverage"], needed["coverage"])}
    components = VOCABULARIES["component_code"]
    problems = []
    incomplete = sorted({doc_id for (doc_id,) in _key_rows(tables["decrees"], ("doc_id",))
                         if any((doc_id, code) not in counted for code in components)})
    if incomplete:
        problems.append(Problem("coverage.parquet", f"{len(incomplete)} decree(s) without a row for each of the "
                                                    f"{len(components)} official components: "
                                                    f"{', '.join(incomplete[:_SHOWN])}"))
    wrong = sorted(key for key in counted if counted[key] != expected.get(key, 0))
    if wrong:
        shown = ", ".join(f"{_key_text(k)} ({counted[k]}, items say {expected.get(k, 0)})" for k in wrong[:_SHOWN])
        problems.append(Problem("coverage.parquet", f"{len(wrong)} item_count value(s) that disagree with "
                                                    f"action_items.parquet: {shown}"))
    return problems


def _has_columns(table: pa.Table, fields: tuple[str, ...]) -> bool:
    return all(f in table.column_names for f in fields)


def _key_rows(table: pa.Table, fields: tuple[str, ...]) -> list[tuple]:
    if not _has_columns(table, fields):
        return []
    return list(zip(*(table.column(f).to_pylist() for f in fields)))


def _key_set(table: pa.Table, fields: tuple[str, ...]) -> set[tuple]:
    return set(_key_rows(table, fields))


def _key_text(key: tuple) -> str:
    return "/".join(str(part) for part in key)
