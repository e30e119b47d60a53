"""The data dictionary and datapackage.json say what the schema says."""

import json
import shutil
from pathlib import Path

import pytest

from pipelines.curate import curate_folder
from pipelines.dictionary import DICTIONARY_PATH, main, render_dictionary
from pipelines.schema import DATASETS, FOREIGN_KEYS, PRIMARY_KEYS, SIDECARS, description

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
FRICTIONLESS_TYPES = {"string", "integer", "number", "boolean", "date", "datetime", "array", "object", "any"}


def test_the_committed_dictionary_is_current():
    assert DICTIONARY_PATH.read_text(encoding="utf-8") == render_dictionary(), \
        "docs/data-dictionary.md is stale: run python -m pipelines.dictionary"
    assert main(["--check"]) == 0


def test_the_dictionary_lists_every_field_with_its_description():
    text = render_dictionary()
    for name, schema in {**DATASETS, **SIDECARS}.items():
        assert f"### `{name}.parquet`" in text
        for field in schema:
            assert f"| `{field.name}` |" in text and description(field).replace("|", "\\|") in text
    assert "| `area_code` | `string` | string |  |" in text
    assert "`list<struct<label: string, text: string>>`" in text and "`map<string, string>`" in text


def test_check_fails_on_a_stale_dictionary(monkeypatch, tmp_path):
    stale = tmp_path / "data-dictionary.md"
    stale.write_text("old\n")
    monkeypatch.setattr("pipelines.dictionary.DICTIONARY_PATH", stale)
    assert main(["--check"]) == 1
    assert main([]) == 0 and main(["--check"]) == 0


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> dict:
    raw = tmp_path_factory.mktemp("raw")
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, raw / seed.name)
    out = tmp_path_factory.mktemp("curated")
    result = curate_folder(raw, out)
    assert out / "datapackage.json" in result.outputs
    return json.loads((out / "datapackage.json").read_text())


def test_every_curate_run_writes_a_datapackage_of_its_datasets(package):
    names = [r["name"] for r in package["resources"]]
    assert names == [*DATASETS, *SIDECARS]
    for resource in package["resources"]:
        assert resource["path"] == f"{resource['name']}.parquet" and resource["format"] == "parquet"
        assert resource["hash"].startswith("sha256:")
        assert "bytes" not in resource  # the Parquet plugin of `frictionless validate` cannot count them


def test_fields_carry_names_types_and_descriptions_from_the_schema(package):
    resources = {r["name"]: r for r in package["resources"]}
    for name, schema in {**DATASETS, **SIDECARS}.items():
        fields = resources[name]["schema"]["fields"]
        assert [f["name"] for f in fields] == schema.names
        for descriptor, field in zip(fields, schema):
            assert descriptor["description"].startswith(description(field))
            assert descriptor["type"] in FRICTIONLESS_TYPES
            assert descriptor.get("constraints", {}).get("required", False) is (not field.nullable)
            nullable_integer = descriptor["type"] == "integer" and field.nullable
            assert descriptor.get("missingValues") == (["nan"] if nullable_integer else None)
        assert resources[name]["schema"]["missingValues"] == []  # "" is text; only a Parquet null is null
    items = {f["name"]: f for f in resources["action_items"]["schema"]["fields"]}
    assert items["item_no"]["type"] == "integer" and items["schedule_start"]["type"] == "date"
    assert items["schedule_deadline"]["type"] == "boolean"
    assert items["extra"]["type"] == "any" and items["extra"]["description"].endswith("[Parquet map<string, string>]")
    assert len(items["area_code"]["constraints"]["enum"]) == 6
    assert len(items["component_code"]["constraints"]["enum"]) == 25
    columns = resources["decrees"]["schema"]["fields"][-2]
    assert columns["type"] == "any" and columns["description"].endswith("[Parquet list<string>]")


def test_keys_point_at_resources_of_the_package(package):
    resources = {r["name"]: r for r in package["resources"]}
    for name, fields in PRIMARY_KEYS.items():
        assert resources[name]["schema"]["primaryKey"] == list(fields)
    for name, references in FOREIGN_KEYS.items():
        keys = resources[name]["schema"]["foreignKeys"]
        nullable = {f.name for f in {**DATASETS, **SIDECARS}[name] if f.nullable}
        assert [(tuple(k["fields"]), k["reference"]["resource"]) for k in keys] == [
            (fields, target) for fields, target in references if not nullable & set(fields)]
        for key in keys:
            target_fields = {f["name"] for f in resources[key["reference"]["resource"]]["schema"]["fields"]}
            assert set(key["reference"]["fields"]) <= target_fields


def test_the_findings_key_on_a_nullable_item_is_left_to_decrees_validate(package):
    resources = {r["name"]: r for r in package["resources"]}
    assert resources["findings"]["schema"]["foreignKeys"] == [
        {"fields": ["doc_id"], "reference": {"resource": "decrees", "fields": ["doc_id"]}}]
    assert (("doc_id", "item_no"), "action_items") in FOREIGN_KEYS["findings"]  # still checked by the validator
