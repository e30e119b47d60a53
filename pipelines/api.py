"""Open the curated datasets as typed pandas DataFrames: `load_curated("data/curated")`.

Every dtype comes from the Arrow schemas in pipelines.schema: strings become
pandas' string dtype, integers nullable Int16/Int32, booleans `boolean`, dates
`datetime64[ns]`, maps dicts, and fields with a closed vocabulary (area_code,
severity, source_format, ...) plus the finding `code` become Categoricals.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.schema import DATASETS, VOCABULARIES

# Open vocabularies kept as categories of the values present (new codes may appear).
OBSERVED_CATEGORIES = ("code",)
# Vocabularies whose order means something (info < warning < error).
ORDERED_CATEGORIES = ("severity",)


class CuratedNotFoundError(FileNotFoundError):
    """The folder does not hold the curated datasets."""


@dataclass
class Curated:
    """The curated datasets of one folder, one typed DataFrame each."""

    decrees: pd.DataFrame
    action_items: pd.DataFrame
    schedule: pd.DataFrame
    legal_bases: pd.DataFrame
    findings: pd.DataFrame
    coverage: pd.DataFrame


def load_curated(path: str | Path = "data/curated", *, with_schedule: bool = False) -> Curated:
    """Read the six datasets under path; with_schedule=True gives one action_items row per item-period."""
    folder = Path(path)
    missing = [f"{name}.parquet" for name in DATASETS if not (folder / f"{name}.parquet").is_file()]
    if missing:
        raise CuratedNotFoundError(f"{folder}: missing {', '.join(missing)} (run `decrees curate` first)")
    frames = {name: read_dataset(folder / f"{name}.parquet", schema) for name, schema in DATASETS.items()}
    if with_schedule:
        frames["action_items"] = items_with_periods(frames["action_items"], frames["schedule"])
    return Curated(**frames)


def read_dataset(path: Path, schema: pa.Schema) -> pd.DataFrame:
    """One Parquet file as a DataFrame typed by its Arrow schema."""
    table = pq.read_table(path, schema=schema)
    frame = table.to_pandas(types_mapper=pandas_dtype, date_as_object=False)
    for field in schema:
        frame[field.name] = _finish_column(frame[field.name], field)
    return frame


def pandas_dtype(arrow_type: pa.DataType):
    """The pandas extension dtype for an Arrow type; None keeps pyarrow's default."""
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return pd.StringDtype()
    if pa.types.is_integer(arrow_type):
        return pd.api.types.pandas_dtype(f"{'U' if pa.types.is_unsigned_integer(arrow_type) else ''}"
                                         f"Int{arrow_type.bit_width}")
    if pa.types.is_boolean(arrow_type):
        return pd.BooleanDtype()
    if pa.types.is_floating(arrow_type):
        return pd.api.types.pandas_dtype(f"Float{arrow_type.bit_width}")
    return None


def categories(field_name: str, values: pd.Series) -> list[str]:
    """A field's declared vocabulary, then any other values present (never silently dropped)."""
    declared = list(VOCABULARIES.get(field_name, ()))
    present = sorted(set(values.dropna().astype(str)) - set(declared))
    return declared + present


def items_with_periods(items: pd.DataFrame, schedule: pd.DataFrame) -> pd.DataFrame:
    """Items left-joined with their periods: one row per item-period; an item without periods keeps one row."""
    periods = schedule.rename(columns={"label": "period_label"})
    joined = items.merge(periods, on=["doc_id", "item_no"], how="left", validate="one_to_many")
    return joined.sort_values(["doc_id", "item_no", "period_no"], na_position="last", kind="stable") \
                 .reset_index(drop=True)


def _finish_column(column: pd.Series, field: pa.Field) -> pd.Series:
    if pa.types.is_date(field.type) or pa.types.is_timestamp(field.type):
        return column.astype("datetime64[ns]")
    if pa.types.is_map(field.type):
        return column.map(lambda pairs: dict(pairs) if pairs is not None else None)
    if field.name in VOCABULARIES or field.name in OBSERVED_CATEGORIES:
        dtype = pd.CategoricalDtype(categories(field.name, column), ordered=field.name in ORDERED_CATEGORIES)
        return column.astype(dtype)
    return column
