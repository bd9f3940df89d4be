"""Turn a result into what people read: a text report, a CSV row, and the radar chart (SVG).

The result itself is language-neutral (ids and numbers); texts come from the framework in the reader's language.
The same SVG serves the CLI, the page and the booklet.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from html import escape
from typing import Any

from .messages import field_label, render, text
from .model import Framework
from .numbers import Toward, format_amount, format_value
from .templates import RADAR_AXIS, RADAR_LABEL, RADAR_LEGEND, RADAR_LINE, RADAR_RING, RADAR_SVG

__all__ = ["band_name", "csv_header", "csv_row", "format_number", "missing_text", "radar_svg", "render_text"]


def format_number(value: float | None, digits: int = 2) -> str:
    """Numbers as reports show them: fixed decimals, no exponent, thousands separated."""
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def band_name(framework: Framework, band: str, language: str) -> str:
    for entry in framework.main["rating_bands"]:
        if entry["id"] == band:
            return text(entry["name"], language)
    return band


def _dimension_name(framework: Framework, dimension: str, language: str) -> str:
    for entry in framework.main["dimensions"]:
        if entry["id"] == dimension:
            return text(entry["name"], language)
    return dimension


def _set_name(framework: Framework, set_id: str, language: str) -> str:
    if set_id == "custom":
        return text(framework.labels["custom"], language)
    for entry in framework.main["benchmark_sets"]:
        if entry["id"] == set_id:
            return text(entry["name"], language)
    return set_id


def render_text(result: Mapping[str, Any], framework: Framework, language: str) -> str:
    """A plain-text report of one result (what ``gmi score`` prints by default)."""
    label = {key: text(value, language) for key, value in framework.labels.items()}
    lines = [f"{text(framework.main['title'], language)} — {label['framework_edition']} {framework.edition}"]
    for message in result.get("messages", []):
        prefix = "!" if message["severity"] == "error" else "·"
        lines.append(f"{prefix} {render(message, framework, language)}")
    if not result.get("valid"):
        return "\n".join(lines) + "\n"
    about = result["assessment"]
    lines.append(
        " | ".join(
            [
                f"{label['organisation']}: {about['organisation'] or '–'}",
                f"{label['region']}: {text(framework.main['regions'][about['region']], language)}",
                f"{label['reporting_year']}: {about['reporting_year']}",
                f"{label['benchmark_set']}: {_set_name(framework, about['benchmark_set'], language)}",
            ]
        )
    )
    rating = result["rating"]
    band = band_name(framework, rating["band"], language)
    rating_text = (
        band if rating["rated"] else f"{label['not_rated']} ({band}; {label['gate']}: {label[rating['reason']]})"
    )
    lines += [
        "",
        f"{label['total']}: {format_number(result['total'])} / {result['max']:g}    {label['rating']}: {rating_text}",
    ]
    gate = result["gate"]
    lines.append(f"{label['gate']}: {label['gate_' + gate['status']]}")
    for item in gate["items"]:
        answer = {True: label["yes"], False: label["no"], None: label["unanswered"]}[item["answer"]]
        lines.append(f"  [{answer}] {field_label(framework, 'gate.' + item['id'], language)}")
    lines += ["", label["dimension"]]
    for dimension in result["dimensions"]:
        name = _dimension_name(framework, dimension["id"], language)
        lines.append(
            f"  {name}: {format_number(dimension['points'])} / {dimension['max']:g} ({dimension['percent']:.1f} %)"
        )
    lines += ["", label["indicator"]]
    for item in result["indicators"]:
        lines.append("  " + _indicator_line(framework, item, label, language))
    lines += ["", label["improvement_plan"]]
    for rank, entry in enumerate(result["improvement_plan"], start=1):
        name = text(framework.entries[entry["id"]]["name"], language)
        lines.append(f"  {rank}. {name}: {format_number(entry['points_available'])} {label['points_available']}")
        lines += [f"     {line}" for line in plan_lines(framework, entry, label, language)]
    lines += ["", *_carbon_lines(framework, result["carbon"], label, language)]
    completeness = result["completeness"]
    share = f"{completeness['answered']}/{completeness['total']} ({completeness['percent']:.1f} %)"
    lines += ["", f"{label['completeness']}: {share}"]
    return "\n".join(lines) + "\n"


def plan_lines(framework: Framework, entry: Mapping[str, Any], label: Mapping[str, str], language: str) -> list[str]:
    """A plan step's targets (next quarter of the points, full points; or next and top level) and good practices."""
    lines = []
    entries = framework.entries[entry["id"]]
    targets = entry.get("targets")
    if targets is not None:
        indicator = framework.indicator_by_id[entry["id"]]
        toward: Toward = "down" if indicator.direction == "lower" else "up"  # the figure shown earns the points
        steps = [("plan_next", targets["next"])] if targets["next"]["share"] < 1 else []
        for key, target in [*steps, ("plan_full", targets["full"])]:
            value = format_value(target["value"], indicator.unit, language, framework, toward)
            lines.append(label[key].format(value=value, points=format_number(target["points"])))
    if "next_level" in entry:
        levels = entries.get("levels", [])
        description = text(levels[entry["next_level"]], language) if entry["next_level"] < len(levels) else ""
        points = format_number(entry["next_points"])
        lines.append(label["plan_next_level"].format(level=entry["next_level"], points=points, text=description))
        if entry["full_level"] > entry["next_level"]:
            points = format_number(entry["full_points"])
            lines.append(label["plan_full_level"].format(level=entry["full_level"], points=points))
    elif "full_level" in entry:  # an unanswered ladder: only the top level is sure to be a step up
        points = format_number(entry["full_points"])
        lines.append(label["plan_full_level"].format(level=entry["full_level"], points=points))
    practices = entries.get("practices", [])
    for index in entry.get("practices", []):
        lines.append(f"{label['good_practice']}: {text(practices[index], language)}")
    return lines


def missing_text(framework: Framework, item: Mapping[str, Any], language: str) -> str:
    """The inputs an unanswered indicator still needs, by their names in the reader's language."""
    separator = "、" if language != "en" else ", "
    return separator.join(field_label(framework, name, language) for name in item.get("missing", []))


def _wanting(framework: Framework, item: Mapping[str, Any], label: Mapping[str, str], language: str) -> list[str]:
    """What an unanswered indicator waits for: its missing inputs, then the fields refused in partial scoring that
    are not already named as missing (an indicator whose inputs are all given but whose own benchmark was refused
    has only these); each part with its label, none when there is nothing to name."""
    separator = "、" if language != "en" else ", "
    parts = []
    missing = list(item.get("missing", []))
    if missing:
        parts.append(f"{label['missing']}: {missing_text(framework, item, language)}")
    refused = [path for path in dict.fromkeys(item.get("rejected", [])) if path not in missing]
    if refused:
        names = separator.join(dict.fromkeys(_refused_label(framework, path, label, language) for path in refused))
        parts.append(f"{label['refused']}: {names}")
    return parts


def _refused_label(framework: Framework, path: str, label: Mapping[str, str], language: str) -> str:
    """A refused field's name; an input's unit says whose unit it is ("Electricity … – Units")."""
    head, _, key = path.partition(".")
    if head == "units" and key in framework.inputs:
        return f"{field_label(framework, 'data.' + key, language)} – {label['units']}"
    return field_label(framework, path, language)


def _indicator_line(framework: Framework, item: Mapping[str, Any], label: Mapping[str, str], language: str) -> str:
    name = text(framework.entries[item["id"]]["name"], language)
    points = f"{format_number(item['points'])} / {item['max']:g}"
    if item["status"] == "unanswered":
        details = "; ".join([f"0 / {item['max']:g}", *_wanting(framework, item, label, language)])
        return f"{item['number']:>2}. {name}: {label['status_unanswered']} ({details})"
    if item["type"] == "qualitative":
        shown = f"{label['level']} {item['value']}"
    else:
        shown = format_value(item["value"], item["unit"], language, framework)
    flags = []
    benchmark = item.get("benchmark")
    if benchmark and benchmark["illustrative"]:
        flags.append(label["illustrative"])
    if benchmark and benchmark["fallback"]:
        flags.append(label["benchmark_fallback"])
    suffix = f" [{'; '.join(flags)}]" if flags else ""
    return f"{item['number']:>2}. {name}: {shown} → {points}{suffix}"


def _carbon_lines(
    framework: Framework, carbon: Mapping[str, Any], label: Mapping[str, str], language: str
) -> list[str]:
    period = carbon["period"]
    lines = [
        label["carbon_footprint"],
        f"  {label['period']}: {_period_text(period)}    {label['factor_year']}: {period['factor_year']}",
        f"  {label['factor_set']}: {text(framework.main['regions'][period['region']], language)}",
    ]
    rate = period["exchange_rate"]
    if rate is not None:
        lines.append(f"  {label['exchange_rate']}: {rate['value']:.4f} ({_source_title(framework, rate, label)})")
    lines += [
        f"  {label['scope1']}: {format_value(carbon['scope1_t'], 'tco2e', language, framework)}",
        f"  {label['scope2']}: {format_value(carbon['scope2_t'], 'tco2e', language, framework)}",
        f"  {label['scope_total']}: {format_value(carbon['total_t'], 'tco2e', language, framework)}",
        f"  {label['energy_tce']}: {format_value(carbon['energy_tce'], 'tce', language, framework)}",
    ]
    for kind in ("non_kyoto", "biogenic"):
        if any(line.get("memo") == kind for line in carbon["lines"]):
            lines.append(
                f"  {label['memo_' + kind]}: {format_value(carbon['memo_t'][kind], 'tco2e', language, framework)}"
            )
    lines.append(f"  {label['factors_used']}:")
    factor_units = framework.bundle["factors.yaml"]["factor_units"]
    for line in carbon["lines"]:
        factor = framework.emission_factors.get(line["factor"])
        name = text(factor["name"], language) if factor else _own_factor_name(framework, line, label, language)
        unit = text(
            factor_units[line["factor_unit"]]
            if line["factor_unit"] in factor_units
            else framework.main["units"][line["factor_unit"]],
            language,
        )
        note = line["year"]
        if line["substituted"]:
            key = "factor_substituted" if line["year"] < line["used_for_year"] else "factor_earliest"
            note = label[key].format(published=line["year"], wanted=line["used_for_year"])
        quantity = format_value(line["quantity"], line["unit"], language, framework)
        emitted = format_value(line["tco2e"], "tco2e", language, framework)
        source = _source_title(framework, line, label)
        lines.append(f"    {name}: {quantity} × {line['factor_value']:g} {unit} = {emitted} ({note}; {source})")
    if carbon["cross_checks"]:
        lines.append(f"  {label['cross_check']}:")
        for check in carbon["cross_checks"]:
            difference = "–" if check["difference_percent"] is None else f"{check['difference_percent']:+.1f} %"
            flag = " !" if check["flagged"] else ""
            lines.append(
                f"    {field_label(framework, 'data.' + check['input'], language)}: {label['reported']}"
                f" {format_number(check['reported'], 1)}, {label['computed']} {format_number(check['computed'], 1)}"
                f" ({label['difference']} {difference}){flag}"
            )
    return lines


def _own_factor_name(framework: Framework, line: Mapping[str, Any], label: Mapping[str, str], language: str) -> str:
    """A factor the user supplies is named by what it measures: "Other fuel", or the input's name (electricity with
    a supplier-specific factor); never the label of the own benchmark set."""
    spec = framework.inputs.get(line["input"])
    if spec is not None and spec.group == "other_fuel":
        return label["other_fuel"]
    return field_label(framework, "data." + line["input"], language)


def _period_text(period: Mapping[str, Any]) -> str:
    years = period["years"]
    if len(years) == 1:
        return str(years[0]["year"])
    start = period["start_month"]
    end = (start - 2) % 12 + 1
    return f"{years[0]['year']}-{start:02d} – {years[1]['year']}-{end:02d}"


def _source_title(framework: Framework, item: Mapping[str, Any], label: Mapping[str, str]) -> str:
    """Where a value comes from: an official source's title, or, for the user's own value (status ``user``), the
    note the user typed, verbatim (never looked up: a note that happens to spell a source id is still the user's
    note), or the own-value label when the user gave none (``custom`` names the own benchmark set, not this)."""
    if item["status"] == "user":
        return label["own_value"] if item["source_note"] is None else str(item["source_note"])
    sources = framework.bundle["sources.yaml"]["sources"]
    source = str(item["source"])
    return str(sources[source]["title"]) if source in sources else source


def csv_header(framework: Framework) -> list[str]:
    """Columns of ``gmi score --format csv``: stable ids, one row per file."""
    return [
        "file",
        "valid",
        "organisation",
        "region",
        "sector",
        "reporting_year",
        "benchmark_set",
        "total",
        "rating",
        "rating_name",
        "rated",
        "gate",
        "completeness_percent",
        "scope1_tco2e",
        "scope2_tco2e",
        "total_tco2e",
        "energy_tce",
        *(f"dimension:{dimension}" for dimension, _ in framework.dimensions),
        *(f"indicator:{indicator.id}" for indicator in framework.indicators),
        "missing",
        "warnings",
        "messages",
    ]


def _csv_wanting(framework: Framework, item: Mapping[str, Any], label: Mapping[str, str], language: str) -> str:
    """The CSV's "missing" entry of one unanswered indicator: the missing inputs by name (as before), then the
    refused fields with their label; never empty when the result names anything."""
    parts = _wanting(framework, item, label, language)
    if item.get("missing"):
        parts[0] = missing_text(framework, item, language)
    return "; ".join(parts)


def csv_row(file: str, result: Mapping[str, Any], framework: Framework, language: str) -> list[str]:
    """One row; an invalid file keeps its row, with the messages in the last column."""
    messages = " | ".join(render(message, framework, language) for message in result.get("messages", []))
    if not result.get("valid"):
        blanks = [""] * (len(csv_header(framework)) - 3)
        return [file, "false", *blanks, messages]
    warnings = " | ".join(
        render(message, framework, language) for message in result["messages"] if message["severity"] == "warning"
    )
    label = {key: text(value, language) for key, value in framework.labels.items()}
    missing = " | ".join(
        f"{text(framework.entries[item['id']]['name'], language)}: {_csv_wanting(framework, item, label, language)}"
        for item in result["indicators"]
        if item["status"] == "unanswered"
    )
    about, carbon = result["assessment"], result["carbon"]
    return [
        file,
        "true",
        about["organisation"] or "",
        about["region"],
        about["sector"] or "",
        str(about["reporting_year"]),
        about["benchmark_set"],
        f"{result['total']:.2f}",
        result["rating"]["band"],
        band_name(framework, result["rating"]["band"], language),
        str(result["rating"]["rated"]).lower(),
        result["gate"]["status"],
        f"{result['completeness']['percent']:.1f}",
        f"{carbon['scope1_t']:.3f}",
        f"{carbon['scope2_t']:.3f}",
        f"{carbon['total_t']:.3f}",
        "" if carbon["energy_tce"] is None else f"{carbon['energy_tce']:.3f}",
        *(f"{dimension['points']:.2f}" for dimension in result["dimensions"]),
        *("" if item["status"] == "unanswered" else f"{item['points']:.2f}" for item in result["indicators"]),
        missing,
        warnings,
        messages,
    ]


#: The radar's box (viewBox units) and text size: drawn 320 px wide, a label is 12 * 320 / 340 = 11.3 px.
RADAR_WIDTH = 340
RADAR_FONT = 12
#: Latin names wrap onto lines of at most this many characters (Chinese names are short enough for one line).
RADAR_WRAP = 12


def radar_svg(result: Mapping[str, Any], framework: Framework, language: str, *, size: int = RADAR_WIDTH) -> str:
    """The five dimensions as a radar chart (percent of each dimension's points), with a dashed reference shape at
    the leading rating band's threshold in every dimension and a legend; accessible, no script.

    ``size`` is the width of the viewBox; everything scales with it, so labels stay 12/340 of the drawn width.
    """
    scale = size / RADAR_WIDTH
    font, line_height = RADAR_FONT * scale, RADAR_FONT * 1.2 * scale
    radius = 85 * scale
    dimensions = result["dimensions"]
    count = len(dimensions)
    names = [_dimension_name(framework, dimension["id"], language) for dimension in dimensions]
    above = len(_wrap(names[0])) + 1 if names else 0  # the top label's lines (name and percent) sit above the chart
    centre, middle = size / 2, above * line_height + 8 * scale + radius

    def point(index: int, share: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        return centre + radius * share * math.cos(angle), middle + radius * share * math.sin(angle)

    def points(shares: list[float]) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, s) for i, s in enumerate(shares)))

    rings = "".join(RADAR_RING.substitute(points=points([level / 4] * count)) for level in range(1, 5))
    axes = "".join(
        RADAR_AXIS.substitute(cx=f"{centre:.1f}", cy=f"{middle:.1f}", x=f"{x:.1f}", y=f"{y:.1f}")
        for x, y in (point(i, 1.0) for i in range(count))
    )
    labels = []
    described = []
    lowest = 0.0
    for index, (dimension, name) in enumerate(zip(dimensions, names, strict=True)):
        percent = f"{format_amount(dimension['percent'], {'decimals': 0})}%"  # half up, as everywhere
        lines = [*_wrap(name), percent]
        x, y = point(index, 1.1)
        anchor = "middle" if abs(x - centre) < 1 else ("start" if x > centre else "end")
        block = (len(lines) - 1) * line_height
        if y < middle - radius * 0.9:  # the top label sits above its corner
            first = y - block
        elif y < middle:  # the side labels are centred on theirs
            first = y - block / 2 + font / 3
        else:  # the lower ones hang below
            first = y + font
        lowest = max(lowest, first + block)
        spans = "".join(
            RADAR_LINE.substitute(x=f"{x:.1f}", dy="0" if number == 0 else f"{line_height:.1f}", text=escape(line))
            for number, line in enumerate(lines)
        )
        labels.append(RADAR_LABEL.substitute(x=f"{x:.1f}", y=f"{first:.1f}", anchor=anchor, lines=spans))
        described.append(f"{escape(name)} {percent}")
    shares = [max(0.0, min(1.0, dimension["percent"] / 100)) for dimension in dimensions]
    band, threshold = framework.rating_bands[0]
    threshold = 100 * threshold / float(result["max"])  # a band's minimum is in points; the axes are in percent
    reference = text(framework.labels["radar_reference"], language).format(
        band=band_name(framework, band, language), percent=f"{threshold:g}"
    )
    factory = text(framework.labels["radar_factory"], language)
    legend = []
    top = lowest + 2 * line_height
    for row, (label, stroke, dash) in enumerate(
        ((factory, "#2e7d32", ""), (reference, "#1565c0", ' stroke-dasharray="5 3"'))
    ):
        y = top + row * line_height * 1.4
        legend.append(
            RADAR_LEGEND.substitute(
                x1=f"{8 * scale:.1f}",
                x2=f"{32 * scale:.1f}",
                y=f"{y:.1f}",
                stroke=stroke,
                dash=dash,
                tx=f"{38 * scale:.1f}",
                ty=f"{y + font / 3:.1f}",
                text=escape(label),
            )
        )
    height = top + line_height * 1.4 + line_height
    return RADAR_SVG.substitute(
        width=f"{size:g}",
        height=f"{height:.0f}",
        id="gmi-radar",
        lang=escape(language),
        title=escape(text(framework.labels["dimension"], language)),
        desc=escape("; ".join([*described, reference])),
        rings=rings,
        axes=axes,
        reference=points([threshold / 100] * count),
        shape=points(shares),
        font=f"{font:g}",
        labels="".join(labels),
        legend="".join(legend),
    )


def _wrap(name: str) -> list[str]:
    """A dimension name on lines of at most :data:`RADAR_WRAP` characters, broken between words."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= RADAR_WRAP:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [name]
