"""How close curated items come to a generated decree's truth: items exact, fields right.

A generated decree's truth (`<name>.truth.json`, synth.corpus) lists the action items
docs/SCHEMA.md says a reader must give.  `compare` sets the items a pipeline gave
beside them and counts

- items exact: every field of `TRUTH_FIELDS` equal (item_no included);
- fields right: the fields of `TRUTH_FIELDS` but item_no, one by one.

Items are paired in order; where the counts differ (an area row read as an item, an
item lost), the two lists are aligned on their content first (difflib), so one extra
row costs that row, not every row after it.  A truth item left without a partner has
all its fields wrong.  Decree columns (`columns`: the roles in printed order) are
compared too.  Works on plain dicts, whatever produced them (Parquet rows, records).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from synth.corpus import TRUTH_FIELDS

FIELDS = tuple(f for f in TRUTH_FIELDS if f != "item_no")  # the fields counted one by one


@dataclass
class Accuracy:
    """Counts over one or more decrees."""

    decrees: int = 0
    items: int = 0  # truth items
    items_exact: int = 0
    fields: int = 0  # truth items x FIELDS
    fields_right: int = 0
    item_count_right: int = 0  # decrees that gave as many items as printed
    columns_right: int = 0  # decrees whose column roles are right
    wrong_fields: dict[str, int] = field(default_factory=dict)  # field -> items it is wrong in
    examples: list[str] = field(default_factory=list)  # a few descriptions of what differs

    @property
    def item_share(self) -> float:
        return self.items_exact / self.items if self.items else 1.0

    @property
    def field_share(self) -> float:
        return self.fields_right / self.fields if self.fields else 1.0

    def add(self, other: Accuracy) -> Accuracy:
        """This and `other` counted together (in place; returns self)."""
        self.decrees += other.decrees
        self.items += other.items
        self.items_exact += other.items_exact
        self.fields += other.fields
        self.fields_right += other.fields_right
        self.item_count_right += other.item_count_right
        self.columns_right += other.columns_right
        for name, count in other.wrong_fields.items():
            self.wrong_fields[name] = self.wrong_fields.get(name, 0) + count
        self.examples.extend(other.examples[: max(0, 20 - len(self.examples))])
        return self

    def summary(self) -> str:
        worst = ", ".join(f"{name} {count}" for name, count in
                          sorted(self.wrong_fields.items(), key=lambda pair: -pair[1])[:5])
        return (f"{self.decrees} decrees, {self.items} items: {self.item_share:.1%} items exact, "
                f"{self.field_share:.1%} fields right; item count right in {self.item_count_right}, "
                f"columns right in {self.columns_right}" + (f"; wrong most: {worst}" if worst else ""))


def compare(truth: Mapping, items: Sequence[Mapping], columns: Sequence[str] | None = None) -> Accuracy:
    """One decree: its truth (a truth.json document) against the items (dicts of TRUTH_FIELDS) a reader gave."""
    expected = truth["items"]
    name = truth.get("doc_id", "?")
    result = Accuracy(decrees=1, items=len(expected), fields=len(expected) * len(FIELDS),
                      item_count_right=int(len(items) == len(expected)),
                      columns_right=int(columns is not None and list(columns) == truth["layout"]["columns"]))
    if columns is not None and not result.columns_right:
        result.examples.append(f"{name}: columns {list(columns)}, expected {truth['layout']['columns']}")
    if len(items) != len(expected):
        result.examples.append(f"{name}: {len(items)} items, expected {len(expected)}")
    for want, got in _paired(expected, items):
        wrong = [f for f in TRUTH_FIELDS if got is None or _value(got, f) != want[f]]
        result.items_exact += not wrong
        right = [f for f in FIELDS if f not in wrong]
        result.fields_right += len(right)
        for name_of_field in wrong:
            if name_of_field != "item_no":
                result.wrong_fields[name_of_field] = result.wrong_fields.get(name_of_field, 0) + 1
        if wrong and len(result.examples) < 5:
            diff = {f: (None if got is None else _value(got, f), want[f]) for f in wrong}
            result.examples.append(f"{name} item {want['item_no']}: {diff}")
    return result


def compare_many(pairs: Iterable[tuple[Mapping, Sequence[Mapping], Sequence[str] | None]]) -> Accuracy:
    """Several decrees, each (truth, items, columns), counted together."""
    total = Accuracy()
    for truth, items, columns in pairs:
        total.add(compare(truth, items, columns))
    return total


def compare_folder(raw: Path, out: Path) -> Accuracy:
    """Every `<name>.truth.json` of the raw folder against the items curated into `out`, counted together."""
    total = Accuracy()
    for accuracy in compare_each(raw, out).values():
        total.add(accuracy)
    return total


def compare_each(raw: Path, out: Path) -> dict[str, Accuracy]:
    """Per truth file stem: its truth against the items curated into `out` (decrees.parquet,
    action_items.parquet), matched by source file, not by the doc_id read."""
    import pyarrow.parquet as pq

    if not (out / "decrees.parquet").exists():  # nothing curated: every truth item unmatched
        return {path.name.removesuffix(".truth.json"): compare(load_truth(path), [], None)
                for path in sorted(raw.glob("*.truth.json"))}
    decrees = pq.read_table(out / "decrees.parquet", columns=["doc_id", "source_file", "columns"]).to_pylist()
    stem_of = {row["doc_id"]: Path(row["source_file"]).stem for row in decrees}
    columns = {Path(row["source_file"]).stem: row["columns"] for row in decrees}
    items: dict[str, list[dict]] = {}
    for row in pq.read_table(out / "action_items.parquet").to_pylist():
        items.setdefault(stem_of[row["doc_id"]], []).append(row)
    each = {}
    for truth_file in sorted(raw.glob("*.truth.json")):
        stem = truth_file.name.removesuffix(".truth.json")
        got = sorted(items.get(stem, []), key=lambda row: row["item_no"])
        each[stem] = compare(load_truth(truth_file), got, columns.get(stem))
    return each


def load_truth(path: Path) -> dict:
    """A `<name>.truth.json` written by synth.corpus."""
    return json.loads(path.read_text(encoding="utf-8"))


def record_items(records: Iterable[object]) -> list[dict]:
    """Item records (objects with the TRUTH_FIELDS as attributes, e.g. normalize's ActionItem) as dicts."""
    return [{f: getattr(record, f) for f in TRUTH_FIELDS} for record in records]


def _value(item: Mapping, name: str) -> object:
    value = item.get(name)
    return dict(value) if name == "extra" and value is not None else value


def _paired(expected: Sequence[Mapping], items: Sequence[Mapping]) -> list[tuple[Mapping, Mapping | None]]:
    """Each truth item with the given item set against it (None: none), aligned on content."""
    if len(expected) == len(items):
        return list(zip(expected, items))
    keys_expected = [_key(item) for item in expected]
    keys_given = [_key(item) for item in items]
    pairs: list[tuple[Mapping, Mapping | None]] = []
    matcher = difflib.SequenceMatcher(a=keys_expected, b=keys_given, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        given = list(items[b0:b1]) if tag in ("equal", "replace") else []
        for offset, want in enumerate(expected[a0:a1]):
            pairs.append((want, given[offset] if offset < len(given) else None))
    return pairs


def _key(item: Mapping) -> str:
    return json.dumps([str(_value(item, f)) for f in ("component", "action", "indicator", "evidence")])
