"""The data dictionary and datapackage.json say what the schema says."""

import ast
import json
import shutil
from pathlib import Path

import pytest

from normalize.findings import finding_codes
from pipelines.curate import curate_folder
from pipelines.dictionary import DICTIONARY_PATH, main, render_dictionary
from pipelines.schema import DATASETS, FOREIGN_KEYS, PRIMARY_KEYS, SIDECARS, description

ROOT = Path(__file__).resolve().parent.parent
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


def raised_findings() -> dict[str, set[str]]:
    """code -> severities of every `Finding("code", Severity.X, ...)` (or `_finding(...)`) in the pipeline's code."""
    raised: dict[str, set[str]] = {}
    for path in sorted(ROOT.glob("*/**/*.py")):
        if path.parts[len(ROOT.parts)] not in ("extract", "normalize", "pipelines"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None)
            name = getattr(name, "id", None) or getattr(name, "attr", None)
            if not (isinstance(node, ast.Call) and name in ("Finding", "_finding") and node.args):
                continue
            code, severity = node.args[0], node.args[1] if len(node.args) > 1 else None
            if isinstance(code, ast.Constant) and isinstance(code.value, str):
                raised.setdefault(code.value, set()).add(getattr(severity, "attr", "?").lower())
    return raised


def test_every_finding_code_raised_is_listed_once_with_its_severity():
    listed = {c.code: c.severity.value for c in finding_codes()}
    raised = raised_findings()
    assert len(raised) >= 20 and {"numbering_gap", "duplicate_source", "ocr_unknown_word"} <= set(raised)
    assert {code: listed.get(code) for code in raised} == {code: "/".join(sorted(s)) for code, s in raised.items()}
    assert set(listed) == set(raised), "a listed code nothing raises"
    text = render_dictionary()
    for code in finding_codes():
        assert f"| `{code.code}` | {code.severity.value} | {code.meaning} |" in text


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
        assert resource["hash"].startswith("sha256:") and resource["bytes"] > 0


def test_fields_carry_names_types_and_descriptions_from_the_schema(package):
    resources = {r["name"]: r for r in package["resources"]}
    for name, schema in {**DATASETS, **SIDECARS}.items():
        fields = resources[name]["schema"]["fields"]
        assert [f["name"] for f in fields] == schema.names
        for descriptor, field in zip(fields, schema):
            assert descriptor["description"] == description(field)
            assert descriptor["type"] in FRICTIONLESS_TYPES
            assert descriptor.get("constraints", {}).get("required", False) is (not field.nullable)
    items = {f["name"]: f for f in resources["action_items"]["schema"]["fields"]}
    assert items["item_no"]["type"] == "integer" and items["schedule_start"]["type"] == "date"
    assert items["schedule_deadline"]["type"] == "boolean" and items["extra"]["type"] == "object"
    assert len(items["area_code"]["constraints"]["enum"]) == 6
    assert resources["decrees"]["schema"]["fields"][-2]["type"] == "array"  # columns


def test_keys_point_at_resources_of_the_package(package):
    resources = {r["name"]: r for r in package["resources"]}
    for name, fields in PRIMARY_KEYS.items():
        assert resources[name]["schema"]["primaryKey"] == list(fields)
    for name, references in FOREIGN_KEYS.items():
        keys = resources[name]["schema"]["foreignKeys"]
        assert [(tuple(k["fields"]), k["reference"]["resource"]) for k in keys] == list(references)
        for key in keys:
            target_fields = {f["name"] for f in resources[key["reference"]["resource"]]["schema"]["fields"]}
            assert set(key["reference"]["fields"]) <= target_fields
