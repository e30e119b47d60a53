"""Word's automatic list numbering, computed as Word prints it.

A list item "1." or "b." that Word generates is not in the paragraph's text: the
paragraph names a list (`w:numPr`: numId and level, directly or through its style)
and numbering.xml says how that list counts (start, format, the label pattern
"%1.", when a level restarts).  The reader sees the label, so it is text: this
module gives every numbered paragraph its label, counting the paragraphs in
document order.

Counting follows Word: list instances (`w:num`) that share an abstract definition
continue one sequence, unless the instance restarts a level (`w:startOverride`);
a level restarts after any item of a shallower level (or of the levels its
`w:lvlRestart` names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.document import Document as WordDocument
from docx.oxml.ns import qn

_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_BULLET = "•"  # Symbol and Wingdings bullets are private-use characters: printed as a bullet


@dataclass(frozen=True)
class Level:
    """One level of a list definition."""

    start: int = 1
    format: str = "decimal"  # w:numFmt: decimal, lowerLetter, upperRoman, bullet, none, ...
    pattern: str = "%1."  # w:lvlText
    restart_after: int | None = None  # w:lvlRestart (1-based level; 0 = never); None: any shallower level
    legal: bool = False  # w:isLgl: every number decimal
    suffix: str = " "  # w:suff: tab and space print as a space, "nothing" as nothing
    style: str | None = None  # w:pStyle: the paragraph style bound to this level


@dataclass
class _Instance:
    """A w:num: its abstract definition, and the levels it restarts or redefines."""

    abstract: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)


class ListNumbering:
    """The labels of one document's numbered paragraphs, given in document order."""

    def __init__(self, document: WordDocument) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._instances: dict[str, _Instance] = {}
        self._styles = _style_numbering(document)
        numbering = _numbering_element(document)
        if numbering is not None:
            for element in numbering.findall(qn("w:abstractNum")):
                self._abstract[element.get(qn("w:abstractNumId"))] = {
                    int(lvl.get(qn("w:ilvl"), "0")): _level(lvl) for lvl in element.findall(qn("w:lvl"))}
            for element in numbering.findall(qn("w:num")):
                self._instances[element.get(qn("w:numId"))] = _instance(element)
        self._counters: dict[object, list[int | None]] = {}
        self._restarted: set[str] = set()

    def label(self, paragraph) -> str:
        """The label Word prints before this paragraph ("1.", "b.", "•"), "" when it is not numbered.

        Call once per paragraph, in document order: numbering counts as it goes.
        """
        num_id, level = self._list_of(paragraph)
        if num_id is None or num_id == "0" or num_id not in self._instances:
            return ""
        instance = self._instances[num_id]
        levels = self._levels(instance)
        if level not in levels:
            return ""
        counters = self._count(num_id, instance, levels, level)
        definition = levels[level]
        if definition.format == "none":
            return ""
        if definition.format == "bullet":
            return _bullet(definition.pattern) + definition.suffix

        def number(match: re.Match[str]) -> str:
            depth = int(match.group(1)) - 1
            shown = levels.get(depth, Level())
            counted = counters[depth]
            value = counted if counted is not None else shown.start
            return _formatted(value, "decimal" if definition.legal else shown.format)

        return _PLACEHOLDER.sub(number, definition.pattern) + definition.suffix

    def _list_of(self, paragraph) -> tuple[str | None, int]:
        """The numId and level of a paragraph: its own w:numPr, else its style's."""
        properties = paragraph.find(qn("w:pPr"))
        num_pr = properties.find(qn("w:numPr")) if properties is not None else None
        style_id = None
        if properties is not None and properties.find(qn("w:pStyle")) is not None:
            style_id = properties.find(qn("w:pStyle")).get(qn("w:val"))
        num_id, level = _num_pr(num_pr)
        if num_id is None and style_id in self._styles:
            num_id, level = self._styles[style_id]
            if level is None:
                level = self._style_level(num_id, style_id)
        return num_id, level or 0

    def _style_level(self, num_id: str, style_id: str) -> int:
        instance = self._instances.get(num_id)
        levels = self._levels(instance) if instance else {}
        return next((depth for depth, level in levels.items() if level.style == style_id), 0)

    def _levels(self, instance: _Instance) -> dict[int, Level]:
        return {**self._abstract.get(instance.abstract, {}), **instance.levels}

    def _count(self, num_id: str, instance: _Instance, levels: dict[int, Level], level: int) -> list[int | None]:
        key: object = num_id if instance.start_overrides else ("abstract", instance.abstract)
        counters = self._counters.setdefault(key, [None] * 9)
        if instance.start_overrides and num_id not in self._restarted:
            self._restarted.add(num_id)  # the instance's first item: its overridden levels start afresh
            for depth, start in instance.start_overrides.items():
                counters[depth] = start - 1
        current = counters[level]
        counters[level] = levels[level].start if current is None else current + 1
        _reset_deeper(counters, levels, level)
        return counters


def _reset_deeper(counters: list[int | None], levels: dict[int, Level], level: int) -> None:
    """An item at `level` restarts the deeper levels that restart after it."""
    for depth in range(level + 1, len(counters)):
        restart = levels.get(depth, Level()).restart_after
        if restart is None or (restart != 0 and level < restart):
            counters[depth] = None


def _numbering_element(document: WordDocument):
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None


def _style_numbering(document: WordDocument) -> dict[str, tuple[str, int | None]]:
    """Paragraph styles that number their paragraphs: style id -> (numId, level), basedOn followed."""
    try:
        styles = document.part.styles.element
    except (KeyError, NotImplementedError):
        return {}
    own: dict[str, tuple[str | None, int | None]] = {}
    based_on: dict[str, str] = {}
    for style in styles.findall(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        properties = style.find(qn("w:pPr"))
        if properties is not None and properties.find(qn("w:numPr")) is not None:
            num_id, level = _num_pr(properties.find(qn("w:numPr")))
            own[style_id] = (num_id, level)
        parent = style.find(qn("w:basedOn"))
        if parent is not None:
            based_on[style_id] = parent.get(qn("w:val"))
    resolved: dict[str, tuple[str, int | None]] = {}
    for style_id in {*own, *based_on}:
        current: str | None = style_id
        seen: set[str] = set()
        while current is not None and current not in own and current not in seen:
            seen.add(current)
            current = based_on.get(current)
        if current in own and own[current][0] is not None:
            resolved[style_id] = own[current]  # type: ignore[assignment]
    return resolved


def _num_pr(num_pr) -> tuple[str | None, int | None]:
    if num_pr is None:
        return None, None
    num_id = num_pr.find(qn("w:numId"))
    level = num_pr.find(qn("w:ilvl"))
    return (num_id.get(qn("w:val")) if num_id is not None else None,
            int(level.get(qn("w:val"))) if level is not None else None)


def _value(element, tag: str) -> str | None:
    child = element.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None


def _level(element) -> Level:
    start = _value(element, "w:start")
    restart = _value(element, "w:lvlRestart")
    legal = element.find(qn("w:isLgl"))
    suffix = _value(element, "w:suff")
    return Level(
        start=int(start) if start is not None else 1,
        format=_value(element, "w:numFmt") or "decimal",
        pattern=_value(element, "w:lvlText") or "",
        restart_after=int(restart) if restart is not None else None,
        legal=legal is not None and legal.get(qn("w:val"), "1") not in ("0", "false"),
        suffix="" if suffix == "nothing" else " ",
        style=_value(element, "w:pStyle"),
    )


def _instance(element) -> _Instance:
    instance = _Instance(abstract=_value(element, "w:abstractNumId") or "")
    for override in element.findall(qn("w:lvlOverride")):
        depth = int(override.get(qn("w:ilvl"), "0"))
        start = _value(override, "w:startOverride")
        if start is not None:
            instance.start_overrides[depth] = int(start)
        redefined = override.find(qn("w:lvl"))
        if redefined is not None:
            instance.levels[depth] = _level(redefined)
    return instance


def _formatted(value: int, number_format: str) -> str:
    if number_format in ("lowerLetter", "upperLetter"):
        letters = _letters(value)
        return letters.upper() if number_format == "upperLetter" else letters
    if number_format in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if number_format == "upperRoman" else roman
    if number_format == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _letters(value: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa.. (the letter repeated)."""
    if value < 1:
        return str(value)
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def _roman(value: int) -> str:
    if value < 1:
        return str(value)
    out = []
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        out.append(numeral * count)
    return "".join(out)


def _bullet(pattern: str) -> str:
    return "".join(_BULLET if "\ue000" <= ch <= "\uf8ff" else ch for ch in pattern) or _BULLET
