"""Turn a comparison into what people read: a text report and CSV rows, in the reader's language.

The comparison itself (``compare.py``) is ids and numbers; every word here comes from messages.yaml labels and the
framework's names, so the CLI and the browser can say the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .messages import render, text
from .model import Framework
from .report import band_name, format_number

__all__ = [
    "comparison_csv_header",
    "comparison_csv_rows",
    "comparison_parts",
    "render_comparison_text",
    "signed",
]

CHANGE_KINDS = ("improved", "worsened", "newly_answered", "no_longer_answered")


def signed(value: float | None, digits: int = 2) -> str:
    """A change with its sign (``+1.25``, ``-0.40``); a blank stays a dash."""
    if value is None:
        return "–"
    return f"{value:+,.{digits}f}"


def _labels(framework: Framework, language: str) -> dict[str, str]:
    return {key: text(value, language) for key, value in framework.labels.items()}


def _name(framework: Framework, group: str, item_id: str, language: str) -> str:
    for entry in framework.main[group]:
        if entry["id"] == item_id:
            return text(entry["name"], language)
    return item_id


def _qualified(name: str, qualifier: str, language: str) -> str:
    """``name, qualifier`` in English, ``name（qualifier）`` in Chinese."""
    return f"{name}, {qualifier}" if language == "en" else f"{name}（{qualifier}）"


def _unit(framework: Framework, unit: str, language: str) -> str:
    return text(framework.main["units"][unit], language)


def _value(item: Mapping[str, Any], state: Mapping[str, Any], framework: Framework, language: str) -> str:
    if state["status"] == "unanswered":
        return text(framework.labels["unanswered"], language)
    if item["type"] == "qualitative":
        return f"{text(framework.labels['level'], language)} {state['value']}"
    if item["type"] == "count":
        return f"{state['value']:g}"
    return format_number(state["value"], 4)


def _change_text(pair: Mapping[str, Any], digits: int, label: Mapping[str, str]) -> str:
    if pair["change"] is None:
        return label["not_comparable"].lower() if pair["old"] is not None and pair["new"] is not None else "–"
    percent = "" if pair["percent"] is None else f", {pair['percent']:+.1f} %"
    return f"{signed(pair['change'], digits)}{percent}"


def _pair_line(name: str, pair: Mapping[str, Any], digits: int, unit: str, label: Mapping[str, str]) -> str:
    return (
        f"{name}: {format_number(pair['old'], digits)} → {format_number(pair['new'], digits)} {unit}"
        f" ({_change_text(pair, digits, label)})"
    )


def comparison_parts(comparison: Mapping[str, Any], framework: Framework, language: str) -> dict[str, Any]:
    """Every line of the text report as data (the browser shows the same words): ``{title, messages: [{code,
    severity, text}], files: {old, new: [texts]}`` (the problems of a file that cannot be scored), and when the
    comparison is valid ``sides: {old, new}, total, rating, dimension_heading, dimensions: [{id, text}], changes:
    [{kind, heading, items: [{id, text}]}], lists: [{kind, text}], carbon: [{key, text, level}], completeness``."""
    label = _labels(framework, language)
    parts: dict[str, Any] = {
        "title": f"{text(framework.main['title'], language)} — {label['comparison']}",
        "messages": [
            {"code": message["code"], "severity": message["severity"], "text": render(message, framework, language)}
            for message in comparison.get("messages", [])
        ],
        "files": {
            side: [render(message, framework, language) for message in comparison[side]["messages"]]
            for side in ("old", "new")
            if not comparison[side]["valid"]
        },
    }
    if not comparison.get("valid"):
        return parts
    parts["sides"] = {
        side: f"{label['compare_' + side]}: {about['reporting_year']} | {about['organisation'] or '–'}"
        f" | {_name(framework, 'benchmark_sets', about['benchmark_set'], language)}"
        for side, about in ((side, comparison[side]) for side in ("old", "new"))
    }
    total, rating = comparison["total"], comparison["rating"]
    bands = " → ".join(_band(framework, rating[side], label, language) for side in ("old", "new"))
    change = signed(total["change"]) if total["comparable"] else label["not_comparable"].lower()
    parts["total"] = (
        f"{label['total']}: {format_number(total['old'])} → {format_number(total['new'])} / {total['max']:g} ({change})"
    )
    parts["rating"] = f"{label['rating']}: {bands}"
    parts["dimension_heading"] = label["dimension"]
    parts["dimensions"] = []
    for dimension in comparison["dimensions"]:
        name = _name(framework, "dimensions", dimension["id"], language)
        change = signed(dimension["change"]) if dimension["comparable"] else label["not_comparable"].lower()
        parts["dimensions"].append(
            {
                "id": dimension["id"],
                "name": name,
                "text": f"{name}: {format_number(dimension['old'])} → {format_number(dimension['new'])}"
                f" / {dimension['max']:g} ({change})",
            }
        )
    by_id = {item["id"]: item for item in comparison["indicators"]}
    parts["changes"] = [
        {
            "kind": kind,
            "heading": label[kind],
            "items": [
                {"id": i, "text": _indicator_line(framework, by_id[i], label, language)}
                for i in comparison["changes"][kind]
            ],
        }
        for kind in CHANGE_KINDS
        if comparison["changes"][kind]
    ]
    separator = "、" if language != "en" else ", "
    parts["lists"] = [
        {
            "kind": kind,
            "text": f"{label[kind]}: "
            + separator.join(text(framework.entries[i]["name"], language) for i in comparison["changes"][kind]),
        }
        for kind in ("unchanged", "not_comparable")
        if comparison["changes"][kind]
    ]
    parts["carbon_heading"] = label["carbon_footprint"]
    parts["carbon"] = _carbon_lines(framework, comparison, label, language)
    completeness = comparison["completeness"]
    answered, percent, count = completeness["answered"], completeness["percent"], completeness["total"]
    parts["completeness"] = (
        f"{label['completeness']}: {answered['old']}/{count} ({percent['old']:.1f} %)"
        f" → {answered['new']}/{count} ({percent['new']:.1f} %)"
    )
    return parts


def render_comparison_text(comparison: Mapping[str, Any], framework: Framework, language: str) -> str:
    """A plain-text report of one comparison (what ``gmi compare`` prints by default)."""
    label = _labels(framework, language)
    parts = comparison_parts(comparison, framework, language)
    lines = [parts["title"]]
    for message in parts["messages"]:
        lines.append(f"{'!' if message['severity'] == 'error' else '·'} {message['text']}")
    for side, problems in parts["files"].items():
        lines.append(f"{label['compare_' + side]}:")
        lines += [f"  ! {problem}" for problem in problems]
    if not comparison.get("valid"):
        return "\n".join(lines) + "\n"
    lines += [parts["sides"]["old"], parts["sides"]["new"]]
    lines += ["", f"{parts['total']}    {parts['rating']}", "", parts["dimension_heading"]]
    lines += [f"  {dimension['text']}" for dimension in parts["dimensions"]]
    for group in parts["changes"]:
        lines += ["", group["heading"], *("  " + item["text"] for item in group["items"])]
    for entry in parts["lists"]:
        lines += ["", entry["text"]]
    lines += ["", parts["carbon_heading"], *("  " * line["level"] + line["text"] for line in parts["carbon"])]
    lines += ["", parts["completeness"]]
    return "\n".join(lines) + "\n"


def _band(framework: Framework, rating: Mapping[str, Any], label: Mapping[str, str], language: str) -> str:
    band = band_name(framework, rating["band"], language)
    return band if rating["rated"] else f"{band} ({label['not_rated']})"


def _indicator_line(framework: Framework, item: Mapping[str, Any], label: Mapping[str, str], language: str) -> str:
    name = text(framework.entries[item["id"]]["name"], language)
    unit = "" if item["type"] == "qualitative" else " " + _unit(framework, item["unit"], language)
    values = f"{_value(item, item['old'], framework, language)} → {_value(item, item['new'], framework, language)}"
    if item["old"]["status"] == item["new"]["status"] == "scored" and item["type"] != "qualitative":
        values += unit
    points = f"{format_number(item['old']['points'])} → {format_number(item['new']['points'])} / {item['max']:g}"
    change = signed(item["points_change"]) if item["comparable"] else label["not_comparable"].lower()
    return f"{item['number']:>2}. {name}: {values}; {label['points']} {points} ({change})"


def _carbon_lines(
    framework: Framework, comparison: Mapping[str, Any], label: Mapping[str, str], language: str
) -> list[dict[str, Any]]:
    """The carbon, energy and water lines: ``{key, text, level}`` (level 2: a part of the line above it)."""
    carbon, energy, water = comparison["carbon"], comparison["energy"], comparison["water"]
    tco2e, per_output = _unit(framework, "tco2e", language), label["per_output"]
    intensity = _unit(framework, "tco2e_per_10k_rmb", language)
    tce, m3 = _unit(framework, "tce", language), _unit(framework, "m3", language)
    tce_intensity, m3_intensity = (_unit(framework, unit, language) for unit in ("tce_per_10k_rmb", "m3_per_10k_rmb"))

    def line(key: str, text_: str, level: int = 1) -> dict[str, Any]:
        return {"key": key, "text": text_, "level": level}

    def split(suffix: str, digits: int, unit: str) -> list[dict[str, Any]]:
        if carbon["grid_factor" + suffix] is None:
            return []
        return [
            line(
                "grid_factor" + suffix,
                f"{label['due_to_grid_factor']}: {signed(carbon['grid_factor' + suffix], digits)} {unit}",
                2,
            ),
            line("own" + suffix, f"{label['own_change']}: {signed(carbon['own' + suffix], digits)} {unit}", 2),
        ]

    carbon_intensity = _qualified(label["scope_total"], per_output, language)
    return [
        line("carbon.total_t", _pair_line(label["scope_total"], carbon["total_t"], 3, tco2e, label)),
        *split("_t", 3, tco2e),
        line("carbon.scope1_t", _pair_line(label["scope1"], carbon["scope1_t"], 3, tco2e, label)),
        line("carbon.scope2_t", _pair_line(label["scope2"], carbon["scope2_t"], 3, tco2e, label)),
        line("carbon.per_10k_rmb", _pair_line(carbon_intensity, carbon["per_10k_rmb"], 4, intensity, label)),
        *split("_per_10k_rmb", 4, intensity),
        line("energy.tce", _pair_line(label["energy_tce"], energy["tce"], 3, tce, label)),
        line(
            "energy.per_10k_rmb",
            _pair_line(
                _qualified(label["energy_tce"], per_output, language), energy["per_10k_rmb"], 4, tce_intensity, label
            ),
        ),
        line("water.m3", _pair_line(label["water_withdrawal"], water["m3"], 1, m3, label)),
        line(
            "water.per_10k_rmb",
            _pair_line(
                _qualified(label["water_withdrawal"], per_output, language),
                water["per_10k_rmb"],
                4,
                m3_intensity,
                label,
            ),
        ),
    ]


def comparison_csv_header() -> list[str]:
    """Columns of ``gmi compare --format csv``: one row per compared item, stable ids in the first two."""
    return ["section", "id", "name", "old", "new", "change", "unit", "note"]


def comparison_csv_rows(comparison: Mapping[str, Any], framework: Framework, language: str) -> list[list[str]]:
    """Every compared figure as a row; messages last (a file that cannot be scored gives only its messages)."""
    label = _labels(framework, language)
    rows: list[list[str]] = []

    def number(value: float | None, digits: int) -> str:
        return "" if value is None else f"{value:.{digits}f}"

    def pair(section: str, item_id: str, name: str, values: Mapping[str, Any], digits: int, unit: str) -> None:
        rows.append(
            [
                section,
                item_id,
                name,
                number(values["old"], digits),
                number(values["new"], digits),
                number(values["change"], digits),
                unit,
                "",
            ]
        )

    if comparison.get("valid"):
        for side in ("old", "new"):
            about = comparison[side]
            rows.append(["file", side, label["compare_" + side], str(about["reporting_year"]), "", "", "", ""])
        total = comparison["total"]
        pair("total", "total", label["total"], total, 2, "")
        rating = comparison["rating"]
        rows.append(["rating", "rating", label["rating"], rating["old"]["band"], rating["new"]["band"], "", "", ""])
        for dimension in comparison["dimensions"]:
            name = _name(framework, "dimensions", dimension["id"], language)
            pair("dimension", dimension["id"], name, dimension, 2, "")
        for item in comparison["indicators"]:
            name = text(framework.entries[item["id"]]["name"], language)
            old, new = item["old"], item["new"]
            value_row = {"old": old["value"], "new": new["value"], "change": item["value_change"]}
            pair("indicator_value", item["id"], name, value_row, 4, item["unit"])
            points_row = {"old": old["points"], "new": new["points"], "change": item["points_change"]}
            pair("indicator_points", item["id"], name, points_row, 2, "")
            rows[-1][-1] = item["change"]
        carbon = comparison["carbon"]
        for key, name, digits in (
            ("total_t", label["scope_total"], 3),
            ("scope1_t", label["scope1"], 3),
            ("scope2_t", label["scope2"], 3),
            ("per_10k_rmb", _qualified(label["scope_total"], label["per_output"], language), 4),
        ):
            pair("carbon", key, name, carbon[key], digits, "tco2e_per_10k_rmb" if key == "per_10k_rmb" else "tco2e")
        for key, name, digits, unit in (
            ("grid_factor_t", "due_to_grid_factor", 3, "tco2e"),
            ("own_t", "own_change", 3, "tco2e"),
            ("grid_factor_per_10k_rmb", "due_to_grid_factor", 4, "tco2e_per_10k_rmb"),
            ("own_per_10k_rmb", "own_change", 4, "tco2e_per_10k_rmb"),
        ):
            rows.append(["carbon", key, label[name], "", "", number(carbon[key], digits), unit, ""])
        pair("energy", "tce", label["energy_tce"], comparison["energy"]["tce"], 3, "tce")
        name = _qualified(label["energy_tce"], label["per_output"], language)
        pair("energy", "per_10k_rmb", name, comparison["energy"]["per_10k_rmb"], 4, "tce_per_10k_rmb")
        pair("water", "m3", label["water_withdrawal"], comparison["water"]["m3"], 1, "m3")
        name = _qualified(label["water_withdrawal"], label["per_output"], language)
        pair("water", "per_10k_rmb", name, comparison["water"]["per_10k_rmb"], 4, "m3_per_10k_rmb")
        completeness = comparison["completeness"]
        pair("completeness", "answered", label["completeness"], completeness["answered"], 0, "")
    messages = list(comparison.get("messages", []))
    for side in ("old", "new"):
        if not comparison[side]["valid"]:
            messages += comparison[side]["messages"]
    for message in messages:
        rows.append(
            ["message", message["code"], render(message, framework, language), "", "", "", "", message["severity"]]
        )
    return rows
