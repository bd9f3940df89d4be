"""The working of a worked example: for each indicator, from the data to the points, computed by the engine.

For every indicator of a pilot: the quantities its formula reads (with units), the formula in words (the names of
inputs and derived quantities from the YAML, never program identifiers), the same formula with the numbers, the
value, where it sits between the baseline and the leading value, and the points.  The numbers are the engine's:
the scored result (``calculator.score``) and the footprint it is built on (energy and carbon lines, derived
quantities); nothing is recomputed here except the display of a ratio the engine already clamped.

Plain Python (no MkDocs import), shared by the site's example pages, the booklet and the tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from calculator import Framework, validate_assessment
from calculator.carbon import compute_footprint

__all__ = [
    "IndicatorWorking",
    "Symbol",
    "derived_values",
    "figure",
    "pilot_texts",
    "readable_formula",
    "working",
]

_TOKEN = re.compile(r"\s*(?:(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<number>\d+(?:\.\d+)?)|(?P<operator>[-+*/()]))")
PILOT_TEXTS = Path(__file__).resolve().parent / "pilots.yaml"
OPERATORS: Mapping[str, str] = {"*": "×", "/": "÷", "-": "−", "+": "+", "(": "(", ")": ")"}


@cache
def pilot_texts() -> Mapping[str, Any]:
    """Names, sectors, notes and stories of the pilots in three languages (publish/pilots.yaml)."""
    with PILOT_TEXTS.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)  # type: ignore[no-any-return]


def figure(value: float | None) -> str:
    """A number as the working shows it: thousands separated, at most four decimals, no trailing zeros."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return f"{value:,.0f}"
    digits = 4 if abs(value) < 100 else 2
    return f"{value:,.{digits}f}".rstrip("0").rstrip(".")


def readable_formula(formula: str, word: Callable[[str], str]) -> str:
    """A YAML formula with each identifier replaced by ``word(identifier)`` and ×, ÷, − for the operators."""
    parts: list[str] = []
    position = 0
    for match in _TOKEN.finditer(formula):
        if match.start() != position:
            raise ValueError(f"cannot read formula {formula!r} at {position}")
        position = match.end()
        if match["name"]:
            parts.append(word(match["name"]))
        elif match["number"]:
            parts.append(figure(float(match["number"])))
        else:
            parts.append(OPERATORS[match["operator"]])
    if formula[position:].strip():
        raise ValueError(f"cannot read formula {formula!r} at {position}")
    text = " ".join(parts)
    return text.replace("( ", "(").replace(" )", ")")


def derived_values(framework: Framework, raw: object) -> dict[str, float]:
    """The values the engine's formulas read: the validated data and the derived quantities (energy, CO₂e, output)."""
    assessment, _ = validate_assessment(framework, raw)
    if assessment is None:
        return {}
    return {**assessment.data, **compute_footprint(framework, assessment).derived}


@dataclass
class Symbol:
    """One quantity of a formula: its name and unit in the reader's language and its value."""

    id: str
    name: str
    unit: str
    value: float | None
    derived: bool
    formula: str = ""


@dataclass
class IndicatorWorking:
    """The working of one indicator of one pilot (a result entry plus what the page shows around it)."""

    result: Mapping[str, Any]
    name: str
    unit: str
    symbols: list[Symbol] = field(default_factory=list)
    in_words: str = ""
    in_numbers: str = ""
    ratio: str = ""
    clamped: str = ""  # "", "baseline" or "leading": the ratio was limited to 0 or 1
    level_text: str = ""
    selected: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    note: str = ""
    points_available: float = 0.0
    practice: str = ""


def working(
    framework: Framework, pilot: str, raw: Mapping[str, Any], result: Mapping[str, Any], context: Mapping[str, Any]
) -> list[IndicatorWorking]:
    """The working of every indicator of a scored pilot, in the language of ``context`` (publish.pages.page_context)."""
    t: Callable[[Any], str] = context["t"]
    unit: Callable[[str], str] = context["unit"]
    symbol: Callable[[str], dict[str, str]] = context["symbol"]
    values = derived_values(framework, raw)
    texts = pilot_texts().get(pilot, {})
    notes = texts.get("notes", {})
    available = {entry["id"]: entry["points_available"] for entry in result.get("improvement_plan", [])}
    money = _money_label(framework, result, t)
    workings: list[IndicatorWorking] = []
    for entry in result["indicators"]:
        indicator = framework.indicator_by_id[entry["id"]]
        source = framework.entries[entry["id"]]
        item = IndicatorWorking(result=entry, name=t(source["name"]), unit=unit(entry["unit"]))
        item.note = t(notes[entry["id"]]) if entry["id"] in notes else ""
        item.points_available = float(available.get(entry["id"], 0.0))
        item.practice = t(source["practices"][0]) if source.get("practices") else ""
        if indicator.formula is not None:
            for name in indicator.formula.names:
                described = symbol(name)
                spec = framework.inputs.get(name)
                shown_unit = money if spec is not None and spec.unit == "money" else described["unit"]
                item.symbols.append(
                    Symbol(name, described["name"], shown_unit, values.get(name), spec is None, described["formula"])
                )
            formula = source["formula"]
            names = {s.id: s.name for s in item.symbols}
            item.in_words = readable_formula(formula, names.__getitem__)
            if all(s.value is not None for s in item.symbols):
                numbers = {s.id: figure(s.value) for s in item.symbols}
                item.in_numbers = readable_formula(formula, numbers.__getitem__)
            item.missing = [names.get(name, name) for name in entry.get("missing", [])]
        if entry["type"] == "qualitative" and entry["value"] is not None:
            item.level_text = t(source["levels"][int(entry["value"])])
        if entry["type"] == "count":
            chosen = set(raw.get("selections", {}).get(entry["id"]) or [])
            item.selected = [t(option["text"]) for option in source.get("options", []) if option["id"] in chosen]
        benchmark = entry.get("benchmark")
        if benchmark is not None and entry["value"] is not None:
            baseline, leading, value = benchmark["baseline"], benchmark["leading"], float(entry["value"])
            item.ratio = f"({figure(value)} − {figure(baseline)}) ÷ ({figure(leading)} − {figure(baseline)})"
            share = (value - baseline) / (leading - baseline)
            item.clamped = "baseline" if share < 0 else "leading" if share > 1 else ""
        workings.append(item)
    return workings


def _money_label(framework: Framework, result: Mapping[str, Any], t: Callable[[Any], str]) -> str:
    """The money unit of the assessment in the reader's language (the currency's name from the YAML)."""
    assessment = result.get("assessment", {})
    code = assessment.get("money_unit") or assessment.get("currency") or ""
    units = framework.main.get("money_units", {})
    names = {key: value["name"] for key, value in units.items()} or framework.main.get("currencies", {})
    return t(names[code]) if code in names else str(code)
