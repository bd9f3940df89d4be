"""Every pilot against its figures worked out by hand (``tests/engine/pilots_hand.py``), in the result and the reports.

The hand module writes the published coefficients, factors and benchmarks out and does the arithmetic itself; these
tests compare the engine's result object, its text report in three languages and its radar chart with those figures.
No expected number here was copied from engine output.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from typing import Any

import pytest
import yaml

from calculator import Framework, radar_svg, render_text
from calculator.messages import field_label, text
from tests.engine.engine_support import INDICATORS, LANGUAGES, assessment, indicator, score_valid
from tests.engine.pilots_hand import BENCHMARKS, DIMENSIONS, HAND_JSON, KGCE, POINTS, all_figures, render_json

HAND = json.loads(HAND_JSON.read_text(encoding="utf-8"))
NAMES = sorted(HAND)


def test_hand_json_agrees_with_the_hand_module() -> None:
    """The recorded figures are the hand module's (regenerate with ``python -m tests.engine.pilots_hand``)."""
    assert HAND_JSON.read_text(encoding="utf-8") == render_json()
    assert set(HAND) == {
        "gd-electronics-dongguan",
        "gd-electronics-dongguan-2024",
        "gd-plastics-shenzhen",
        "gd-printing-guangzhou",
        "gd-textiles-foshan",
        "hk-food-bakery",
        "hk-food-bakery-2024",
    }


def test_the_hand_module_on_paper() -> None:
    """Spot checks of the hand module against sums a person can redo with a calculator."""
    figures = all_figures()
    printing = figures["gd-printing-guangzhou"]
    # 4 800 000 kWh x 0.1229 + 60 000 kg LPG x 1.7143 + 200 000 m3 x 1.3284 = 589.92 + 102.858 + 265.68 kgce/1000
    assert printing["carbon"]["energy_tce"] == pytest.approx(958.458, abs=5e-4)
    # 4 800 000 x 0.4419 / 1000 = 2 121.12 t; LPG 186.078 + gas 432.44 + R-32 15 x 677 / 1000 = 10.155
    assert printing["carbon"]["scope2_t"] == pytest.approx(2121.12, abs=5e-4)
    assert printing["carbon"]["scope1_t"] == pytest.approx(628.673, abs=5e-4)
    # material 14 000 t / 9 500 (RMB 10k) = 1.4737 against the printing set 0.9 -> 0.55: worse than baseline -> 0
    assert printing["indicators"]["material-intensity"]["benchmark"]["set"] == "printing"
    assert printing["indicators"]["material-intensity"]["points"] == 0.0
    assert printing["gate"]["answered"] == 3  # management systems left blank
    bakery = figures["hk-food-bakery"]
    # HK$180m x 0.92 = RMB 16 560 (10k); energy (3 260 000 x 0.1229 + 400 000 x 1.6378 + 20 000 x 1.224) / 1000
    assert bakery["output_10k_rmb"] == pytest.approx(16_560)
    assert bakery["carbon"]["energy_tce"] == pytest.approx(1080.254, abs=5e-4)
    assert bakery["carbon"]["total_t"] == pytest.approx(2656.869, abs=5e-4)
    assert KGCE["electricity"] == 0.1229
    assert BENCHMARKS["material-intensity"]["printing"] == (0.9, 0.55, True)


def test_every_published_benchmark_is_in_the_hand_table() -> None:
    """The benchmark values of every set (sector sets without a pilot too), their status and the points, as written
    out by hand in pilots_hand.py: a changed value in dimensions/*.yaml must be a deliberate change of both."""
    found: dict[str, dict[str, tuple[float, float, bool]]] = {}
    points: dict[str, float] = {}
    for path in sorted((INDICATORS / "dimensions").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["indicators"]:
            points[entry["id"]] = entry["points"]
            for set_id, ends in entry.get("benchmarks", {}).items():
                baseline, leading = ends["baseline"], ends["leading"]
                illustrative = "illustrative" in (baseline["status"], leading["status"])
                found.setdefault(entry["id"], {})[set_id] = (baseline["value"], leading["value"], illustrative)
    assert found == BENCHMARKS
    assert points == POINTS
    main = yaml.safe_load((INDICATORS / "framework.yaml").read_text(encoding="utf-8"))
    assert {d["id"]: d["weight"] for d in main["dimensions"]} == {d: w for d, (w, _) in DIMENSIONS.items()}


@pytest.mark.parametrize("name", NAMES)
def test_pilot_result_equals_the_hand_figures(
    framework: Framework, pilots: dict[str, dict[str, Any]], name: str
) -> None:
    hand = HAND[name]
    result = score_valid(framework, pilots[name])
    assert result["total"] == hand["total"]
    assert result["rating"] == hand["rating"]
    assert result["gate"]["status"] == hand["gate"]["status"]
    assert result["gate"]["failed"] == hand["gate"]["failed"]
    assert result["gate"]["unanswered"] == hand["gate"]["unanswered"]
    assert result["completeness"] == {
        "answered": hand["completeness"]["answered"],
        "total": hand["completeness"]["total"],
        "percent": hand["completeness"]["percent"],
        "gate_answered": hand["gate"]["answered"],
        "gate_total": hand["gate"]["total"],
    }
    dimensions = {item["id"]: {k: item[k] for k in ("points", "max", "percent")} for item in result["dimensions"]}
    assert dimensions == hand["dimensions"]
    for indicator_id, expected in hand["indicators"].items():
        entry = indicator(result, indicator_id)
        assert {key: entry.get(key) for key in expected} == expected, indicator_id
        assert ("missing" in entry) == (expected["status"] == "unanswered"), indicator_id
    carbon = result["carbon"]
    for key, value in hand["carbon"].items():
        shown = carbon["memo_t"]["non_kyoto"] if key == "non_kyoto_t" else carbon[key]
        assert shown == value, key


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_text_report_lines_show_the_hand_figures(
    framework: Framework, pilots: dict[str, dict[str, Any]], name: str, language: str
) -> None:
    hand = HAND[name]
    report = render_text(score_valid(framework, pilots[name]), framework, language)
    lines = report.splitlines()
    label = {key: text(value, language) for key, value in framework.labels.items()}
    # The total, as published: two decimals.
    total = [line for line in lines if line.startswith(f"{label['total']}: ")]
    assert len(total) == 1
    assert total[0].startswith(f"{label['total']}: {hand['total']:.2f} / 100 ")
    band = next(text(b["name"], language) for b in framework.main["rating_bands"] if b["id"] == hand["rating"]["band"])
    rating = total[0].split(f"{label['rating']}: ", 1)[1]
    if hand["rating"]["rated"]:
        assert rating == band
    else:
        assert rating == f"{label['not_rated']} ({band}; {label['gate']}: {label[hand['rating']['reason']]})"
    # Dimensions: points (two decimals), maximum, percent (one decimal), in the order of the framework.
    shown_dimensions = [match.groups() for line in lines if (match := DIMENSION_LINE.match(line))]
    names = {entry["id"]: text(entry["name"], language) for entry in framework.main["dimensions"]}
    assert shown_dimensions == [
        (names[dimension_id], f"{d['points']:.2f}", f"{d['max']:g}", f"{d['percent']:.1f}")
        for dimension_id, d in hand["dimensions"].items()
    ]
    # Indicators (their section only): value, points, flags (illustrative benchmark, general set used), missing inputs.
    section = lines[lines.index(label["indicator"]) : lines.index(label["improvement_plan"])]
    for number, (indicator_id, expected) in enumerate(hand["indicators"].items(), start=1):
        name_text = text(framework.entries[indicator_id]["name"], language)
        prefix = f"{number:>2}. {name_text}: "
        found = [line.strip() for line in section if line.startswith("  " + prefix)]
        assert len(found) == 1, (indicator_id, found)
        line = found[0]
        if expected["status"] == "unanswered":
            assert label["status_unanswered"] in line
            for field in expected["missing"]:
                assert field_label(framework, field, language) in line, field
            continue
        match = SCORED_LINE.match(line[len(prefix.strip()) + 1 :])
        assert match, line
        shown, points, maximum, flags = match.groups()
        assert (points, maximum) == (f"{expected['points']:.2f}", f"{expected['max']:g}"), line
        assert_shown(first_number(shown), expected["value"], line)
        flags_shown = [] if flags is None else flags.split("; ")
        benchmark = expected.get("benchmark", {"illustrative": False, "fallback": False})
        assert (label["illustrative"] in flags_shown) == benchmark["illustrative"], line
        assert (label["benchmark_fallback"] in flags_shown) == benchmark["fallback"], line
    # Carbon: each scope on its own line, with its own figure.
    for key, figure in (
        ("scope1", "scope1_t"),
        ("scope2", "scope2_t"),
        ("scope_total", "total_t"),
        ("energy_tce", "energy_tce"),
    ):
        found = [line for line in lines if line.startswith(f"  {label[key]}: ")]
        assert len(found) == 1, key
        assert_shown(first_number(found[0][len(label[key]) + 4 :]), hand["carbon"][figure], found[0])
    completeness = hand["completeness"]
    assert lines[-1] == (
        f"{label['completeness']}: {completeness['answered']}/{completeness['total']} ({completeness['percent']:.1f} %)"
    )


DIMENSION_LINE = re.compile(r"^  (\S[^:]*): ([\d,]+\.\d+) / (\d+) \(([\d.]+) ?%\)$")
SCORED_LINE = re.compile(r"^(.+?) → ([\d,]+\.\d\d) / (\d+)(?: \[(.+)\])?$")
NUMBER = re.compile(r"-?[\d,]*\d(?:\.\d+)?")


def first_number(shown: str) -> str:
    match = NUMBER.search(shown)
    assert match, shown
    return match.group()


def assert_shown(shown: str, hand: float, context: str) -> None:
    """A printed figure equals the hand figure to the precision printed (at least three significant figures)."""
    value = float(shown.replace(",", ""))
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    tolerance = max(0.5 * 10**-decimals, 0.005 * abs(hand)) if decimals == 0 else 0.5 * 10**-decimals
    assert abs(value - hand) <= tolerance + 1e-9, (shown, hand, context)
    significant = len(shown.replace(",", "").replace(".", "").replace("-", "").lstrip("0"))
    assert significant >= 3 or hand == 0 or abs(hand) < 10 ** -(decimals - 2), (shown, context)


@pytest.mark.parametrize("name", NAMES)
def test_radar_polygon_is_the_hand_percentages(
    framework: Framework, pilots: dict[str, dict[str, Any]], name: str
) -> None:
    """The factory's polygon has each vertex at the dimension's share of its axis (rings at quarters of the axis)."""
    svg = radar_svg(score_valid(framework, pilots[name]), framework, "en")
    lines = [tuple(float(v) for v in match) for match in AXIS.findall(svg)]
    starts = Counter((x1, y1) for x1, y1, _, _ in lines)
    (cx, cy), count = starts.most_common(1)[0]  # the five axes start at the centre (a legend may add other lines)
    assert count == 5
    axes = [line for line in lines if (line[0], line[1]) == (cx, cy)]
    ends = [(x2, y2) for _, _, x2, y2 in axes]
    length = math.dist((cx, cy), ends[0])
    assert length > 50  # a chart, not a dot
    assert all(math.dist((cx, cy), end) == pytest.approx(length, abs=0.15) for end in ends)
    shares = [d["percent"] / 100 for d in HAND[name]["dimensions"].values()]
    expected = [(cx + (x - cx) * s, cy + (y - cy) * s) for (x, y), s in zip(ends, shares, strict=True)]
    polygons = [parse_points(points) for points in POLYGON.findall(svg)]
    assert any(matches(polygon, expected) for polygon in polygons), (expected, polygons)
    for quarter in (0.25, 0.5, 0.75, 1.0):
        ring = [(cx + (x - cx) * quarter, cy + (y - cy) * quarter) for x, y in ends]
        assert any(matches(polygon, ring) for polygon in polygons), quarter


AXIS = re.compile(r'<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"')
POLYGON = re.compile(r'<polygon\b[^>]*\spoints="([^"]+)"')


def parse_points(points: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in (pair.split(",") for pair in points.split())]


def matches(polygon: list[tuple[float, float]], expected: list[tuple[float, float]]) -> bool:
    return len(polygon) == len(expected) and all(
        math.dist(point, wanted) <= 0.15 for point, wanted in zip(polygon, expected, strict=True)
    )


def test_gate_count_with_one_answer(framework: Framework) -> None:
    """One basic requirement answered, three left blank: 1 of 4, incomplete, not rated."""
    result = score_valid(framework, assessment(gate={"no_violations": True}))
    assert (result["completeness"]["gate_answered"], result["completeness"]["gate_total"]) == (1, 4)
    assert result["gate"]["status"] == "incomplete"
    assert result["rating"]["rated"] is False


def test_carbon_intensity_is_blank_when_no_energy_was_entered(framework: Framework) -> None:
    """Output value alone: no footprint, so no carbon intensity ("–" in reports), and the indicator is unanswered."""
    result = score_valid(framework, assessment(data={"output_value": 1_000_000}))
    assert result["carbon"]["intensity_t_per_10k_rmb"] is None
    assert indicator(result, "carbon-intensity")["status"] == "unanswered"
    assert indicator(result, "carbon-intensity")["value"] is None
