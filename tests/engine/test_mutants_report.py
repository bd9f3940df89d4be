"""The text report and the CSV row, every line and every cell (mutants of calculator/report.py).

The expected reports of ``tests/data/engine/mutants_report.json`` were worked by hand (the arithmetic is in the
file's "about"); the good practices a plan step quotes are read from ``indicators/dimensions/*.yaml`` here.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import Any

import pytest

import calculator
from calculator import Framework, csv_header, csv_row, radar_svg, render_text, report
from tests.engine.engine_support import LANGUAGES, load_cases

CASES = load_cases("mutants_report.json")
REPORTS = CASES["reports"]
PRACTICE = {"en": "Good practice", "zh-hant": "良好實務", "zh-hans": "良好实务"}


def practices(bundle: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
    """The good practices of every indicator, as the YAML lists them."""
    entries = [
        entry for name, content in bundle.items() if name.startswith("dimensions/") for entry in content["indicators"]
    ]
    return {entry["id"]: entry.get("practices", []) for entry in entries}


def expected_lines(case: dict[str, Any], language: str, bundle: dict[str, Any]) -> list[str]:
    known = practices(bundle)
    lines: list[str] = []
    for line in case["report"][language]:
        if line.startswith("@practices "):
            quoted = known[line.split()[1]][:2]
            lines += [f"     {PRACTICE[language]}: {practice[language]}" for practice in quoted]
        else:
            lines.append(line)
    return lines


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", REPORTS, ids=[case["name"] for case in REPORTS])
def test_whole_text_report(framework: Framework, bundle: dict[str, Any], case: dict[str, Any], language: str) -> None:
    result = calculator.score(framework, case["assessment"])
    assert render_text(result, framework, language).split("\n") == expected_lines(case, language, bundle)


def test_csv_header_names_every_column(framework: Framework) -> None:
    assert csv_header(framework) == CASES["csv"]["header"]


@pytest.mark.parametrize("row", CASES["csv"]["rows"], ids=[row["case"] for row in CASES["csv"]["rows"]])
def test_csv_row_every_cell(framework: Framework, row: dict[str, Any]) -> None:
    raw = next(case["assessment"] for case in REPORTS if case["name"] == row["case"])
    result = calculator.score(framework, raw)
    cells = csv_row(row["file"], result, framework, row["language"])
    assert dict(zip(CASES["csv"]["header"], cells, strict=True)) == row["cells"]


# --- The radar chart, drawn by hand -------------------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def corner(chart: dict[str, Any], index: int, share: float) -> tuple[float, float]:
    """Corner ``index`` of five at ``share`` of the radius: the first straight up, then clockwise every 72°."""
    angle = math.radians(-90 + 72 * index)
    radius = chart["radius"] * share
    return chart["centre"] + radius * math.cos(angle), chart["middle"] + radius * math.sin(angle)


def polygon(chart: dict[str, Any], shares: list[float]) -> str:
    return " ".join("{:.1f},{:.1f}".format(*corner(chart, index, share)) for index, share in enumerate(shares))


@pytest.mark.parametrize("chart", CASES["radar"]["charts"], ids=[chart["name"] for chart in CASES["radar"]["charts"]])
def test_whole_radar_chart(framework: Framework, chart: dict[str, Any]) -> None:
    raw = next(case["assessment"] for case in REPORTS if case["name"] == chart["case"])
    result = calculator.score(framework, raw)
    text = radar_svg(result, framework, chart["language"], **chart.get("options", {}))
    svg = ET.fromstring(text)
    assert svg.attrib["viewBox"] == f"0 0 {chart['width']} {chart['height']}"
    assert svg.attrib["lang"] == chart["language"]
    assert svg.attrib["aria-labelledby"] == "gmi-radar-title gmi-radar-desc"
    assert svg.findtext(f"{SVG}title") == chart["title"]
    assert svg.findtext(f"{SVG}desc") == chart["desc"]
    rings, axes, labels, legend = svg.findall(f"{SVG}g")
    for group in (rings, axes, labels, legend):  # nothing but the drawn elements between them
        assert group.text is None and all(element.tail is None for element in group.iter() if element is not group)
    assert [ring.attrib["points"] for ring in rings] == [polygon(chart, [level / 4] * 5) for level in range(1, 5)]
    centre = {"x1": f"{chart['centre']:.1f}", "y1": f"{chart['middle']:.1f}"}
    ends = [corner(chart, index, 1.0) for index in range(5)]
    assert [line.attrib for line in axes] == [{**centre, "x2": f"{x:.1f}", "y2": f"{y:.1f}"} for x, y in ends]
    shapes = {shape.attrib["class"]: shape.attrib["points"] for shape in svg.findall(f"{SVG}polygon")}
    assert shapes == {
        "gmi-radar-reference": polygon(chart, [chart["reference"]] * 5),
        "gmi-radar-factory": polygon(chart, chart["shares"]),
    }
    assert labels.attrib["font-size"] == legend.attrib["font-size"] == chart["font"]
    drawn = [
        {
            **label.attrib,
            "lines": [[span.attrib["x"], span.attrib["dy"], span.text] for span in label.findall(f"{SVG}tspan")],
        }
        for label in labels
    ]
    assert drawn == chart["labels"]
    assert [{**item.attrib, "text": item.text} for item in legend] == chart["legend"]


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("Low-carbon energy", ["Low-carbon", "energy"]),
        ("Land and use", ["Land and use"]),  # 4 + 1 + 3 + 1 + 3 = 12 characters: still one line
        ("a b c d e f g h i j k l m n", ["a b c d e f", "g h i j k l", "m n"]),
        ("Supercalifragilistic word", ["Supercalifragilistic", "word"]),  # a long word is never broken
        ("", [""]),
        ("能源低碳化", ["能源低碳化"]),
    ],
)
def test_radar_names_wrap_at_twelve_characters(name: str, lines: list[str]) -> None:
    assert report._wrap(name) == lines
