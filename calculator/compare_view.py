"""What the calculator page shows for a comparison of two years and for the reader's place among the pilots.

The browser's worker calls these two entries with JSON texts and gets JSON text back, so the page never builds a
sentence: the comparison is exactly ``gmi compare --format json`` (``compare_json``), its words are the lines of
the CLI's text report (``comparison_parts``), and the chart of both years per dimension is an SVG drawn here, like
the radar (no script, labels 12 px at 320 px wide, a description that reads the figures out).

``compare_reply(framework, old_text, new_text, language)`` → ``{"comparison": {...}, "text": {...}, "chart": svg|null}``
``peers_reply(framework, assessment_text, pilots_text, language)`` → ``{"peers": {...}, "text": {...}}``
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from html import escape
from string import Template
from typing import Any

from . import compare_json
from .browser import score_text
from .compare_report import comparison_parts
from .messages import text
from .model import Framework
from .peers import peer_positions
from .report import format_number
from .score import score_assessment

__all__ = ["CHART_WIDTH", "compare_reply", "comparison_chart", "peers_reply", "shown_value"]

CHART_WIDTH = 320
#: Geometry of the chart in user units (= px when the chart is 320 px wide): a legend, then per dimension its name
#: and two bars (earlier, later) as a percent of the dimension's points, the percent written after each bar.
FONT = 12
LEGEND_LINE = 18
BAR_WIDTH = 250
BAR_HEIGHT = 12
BLOCK = 16 + 2 * BAR_HEIGHT + 3 + 14
FILLS = {"old": ("#bdbdbd", "#616161"), "new": ("#2e7d32", "#1b5e20")}

CHART_SVG = Template(
    """<svg xmlns="http://www.w3.org/2000/svg" class="gmi-compare-chart" viewBox="0 0 $width $height" """
    """role="img" aria-labelledby="gmi-compare-chart-title gmi-compare-chart-desc" lang="$lang">
<title id="gmi-compare-chart-title">$title</title>
<desc id="gmi-compare-chart-desc">$desc</desc>
<g font-size="$font" fill="currentColor">$legend</g>
$blocks
</svg>"""
)
CHART_LEGEND = Template(
    """<rect x="0" y="$y" width="12" height="12" fill="$fill" stroke="$stroke"/>"""
    """<text x="18" y="$text_y">$name</text>"""
)
CHART_BLOCK = Template(
    """<g class="gmi-compare-dimension" data-dimension="$id" font-size="$font">"""
    """<text x="0" y="$name_y" fill="currentColor">$name</text>$bars</g>"""
)
CHART_BAR = Template(
    """<rect class="gmi-bar-$side" x="0" y="$y" width="$bar" height="$height" fill="$fill" stroke="$stroke">"""
    """<title>$tip</title></rect>"""
    """<text x="$text_x" y="$text_y" text-anchor="end" fill="currentColor">$percent</text>"""
)


def compare_reply(framework: Framework, old_text: str, new_text: str, language: str) -> str:
    """Two assessment JSON texts (earlier, later) → the comparison, its words and its chart, as JSON text."""
    comparison = json.loads(compare_json(framework, old_text, new_text))
    parts = comparison_parts(comparison, framework, language)
    chart = comparison_chart(comparison, parts, framework, language) if comparison["valid"] else None
    return json.dumps({"comparison": comparison, "text": parts, "chart": chart}, ensure_ascii=False)


def _label(framework: Framework, key: str, language: str) -> str:
    return text(framework.labels[key], language)


def comparison_chart(
    comparison: Mapping[str, Any], parts: Mapping[str, Any], framework: Framework, language: str
) -> str:
    """Both years per dimension as pairs of horizontal bars (percent of the dimension's points)."""
    years = {side: comparison[side]["reporting_year"] for side in ("old", "new")}
    legend = "".join(
        CHART_LEGEND.substitute(
            y=index * LEGEND_LINE,
            text_y=index * LEGEND_LINE + 11,
            fill=FILLS[side][0],
            stroke=FILLS[side][1],
            name=escape(_legend_name(framework, side, years[side], language)),
        )
        for index, side in enumerate(("old", "new"))
    )
    top = 2 * LEGEND_LINE + 8
    blocks = []
    not_comparable = _label(framework, "not_comparable", language).lower()
    for index, (dimension, words) in enumerate(zip(comparison["dimensions"], parts["dimensions"], strict=True)):
        y = top + index * BLOCK
        name = words["name"] if dimension["comparable"] else _qualified(words["name"], not_comparable, language)
        bars = "".join(
            _bar(framework, side, dimension, years[side], y + 16 + offset * (BAR_HEIGHT + 3), language)
            for offset, side in enumerate(("old", "new"))
        )
        blocks.append(
            CHART_BLOCK.substitute(id=escape(dimension["id"]), font=FONT, name_y=y + 12, name=escape(name), bars=bars)
        )
    return CHART_SVG.substitute(
        width=CHART_WIDTH,
        height=top + len(blocks) * BLOCK,
        lang=escape(language),
        title=escape(f"{_label(framework, 'comparison', language)} — {_label(framework, 'dimension', language)}"),
        desc=escape("; ".join(words["text"] for words in parts["dimensions"])),
        font=FONT,
        legend=legend,
        blocks="\n".join(blocks),
    )


def _legend_name(framework: Framework, side: str, year: int, language: str) -> str:
    return _qualified(_label(framework, f"compare_{side}", language), str(year), language)


def _qualified(name: str, qualifier: str, language: str) -> str:
    """``name (qualifier)`` in English, ``name（qualifier）`` in Chinese."""
    return f"{name} ({qualifier})" if language == "en" else f"{name}（{qualifier}）"


def _bar(framework: Framework, side: str, dimension: Mapping[str, Any], year: int, y: int, language: str) -> str:
    share = dimension[side] / dimension["max"] if dimension["max"] else 0.0
    percent = max(0.0, min(100.0, 100 * share))
    points = f"{format_number(dimension[side])} / {dimension['max']:g}"
    return CHART_BAR.substitute(
        side=side,
        y=y,
        bar=f"{BAR_WIDTH * percent / 100:.1f}",
        height=BAR_HEIGHT,
        fill=FILLS[side][0],
        stroke=FILLS[side][1],
        tip=escape(f"{_legend_name(framework, side, year, language)}: {points} ({percent:.0f} %)"),
        text_x=CHART_WIDTH - 2,
        text_y=y + 10,
        percent=f"{percent:.0f} %",
    )


# --- The pilots ---------------------------------------------------------------------------------------------------

_pilot_results: dict[str, dict[str, dict[str, Any]]] = {}


def _scored_pilots(framework: Framework, pilots_text: str) -> dict[str, dict[str, Any]]:
    """The pilots' results, scored once per set of pilot files (as ``gmi score`` scores them)."""
    key = hashlib.sha256(f"{framework.edition}\n{pilots_text}".encode()).hexdigest()
    if key not in _pilot_results:
        pilots = json.loads(pilots_text)
        _pilot_results.clear()
        _pilot_results[key] = {name: score_assessment(framework, raw) for name, raw in pilots.items()}
    return _pilot_results[key]


def shown_value(framework: Framework, item_type: str, unit: str, value: float, language: str) -> str:
    """A value as the comparison report shows it: a level, a count, or four decimals, with the unit's name."""
    if item_type == "qualitative":
        return f"{_label(framework, 'level', language)} {value:g}"
    unit_name = text(framework.main["units"][unit], language)
    number = f"{value:g}" if item_type == "count" else format_number(value, 4)
    return f"{number} {unit_name}"


def peers_reply(framework: Framework, assessment_text: str, pilots_text: str, language: str) -> str:
    """The reader's assessment (JSON text) against the pilots (JSON text ``{name: assessment}``), as JSON text."""
    peers = peer_positions(framework, score_text(framework, assessment_text), _scored_pilots(framework, pilots_text))
    regions, sets = (
        framework.main["regions"],
        {entry["id"]: entry["name"] for entry in framework.main["benchmark_sets"]},
    )
    words: dict[str, Any] = {
        "pilots": {
            pilot["name"]: _qualified(
                text(sets[pilot["benchmark_set"]], language) if pilot["benchmark_set"] in sets else pilot["name"],
                text(regions[pilot["region"]], language),
                language,
            )
            for pilot in peers["pilots"]
        },
        "indicators": {},
    }
    for row in peers["indicators"]:
        words["indicators"][row["id"]] = {
            "name": text(framework.entries[row["id"]]["name"], language),
            "value": shown_value(framework, row["type"], row["unit"], row["value"], language),
            "pilots": {
                entry["name"]: shown_value(framework, row["type"], row["unit"], entry["value"], language)
                for entry in row["pilots"]
            },
        }
    return json.dumps({"peers": peers, "text": words}, ensure_ascii=False)
