"""What the calculator page shows for a comparison and for the reader among the pilots (calculator/compare_view.py,
calculator/peers.py): the comparison is exactly ``compare_json``, its words are the CLI report's lines, the chart
draws one pair of bars per dimension, and the positions among the pilots are those worked out by hand in
tests/data/engine/peers_cases.json."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest

import calculator
from calculator import Framework
from calculator.compare_view import BAR_WIDTH, CHART_WIDTH, compare_reply, peers_reply
from calculator.language_bundle import load_for_language
from calculator.peers import peer_positions
from calculator.source import read_bundle
from tests.engine.engine_support import LANGUAGES, PILOTS, REPO, load_cases

SVG = "{http://www.w3.org/2000/svg}"
COMPARE_CASES: dict[str, dict[str, Any]] = {case["id"]: case for case in load_cases("compare_cases.json")["cases"]}
PEERS_CASES: list[dict[str, Any]] = load_cases("peers_cases.json")["cases"]
PAIRS = {
    "hk": ("hk-food-bakery-2024.json", "hk-food-bakery.json"),
    "gd": ("gd-electronics-dongguan-2024.json", "gd-electronics-dongguan.json"),
    "across-regions": ("hk-food-bakery-2024.json", "gd-electronics-dongguan.json"),
}
LATEST = sorted(path for path in PILOTS.glob("*.json") if not path.stem.endswith("-2024"))


def pilot_text(name: str) -> str:
    return (PILOTS / name).read_text(encoding="utf-8")


def case_texts(case_id: str) -> tuple[str, str]:
    """A compare case's two files with its overrides (e.g. reporting years whose grid factors differ)."""
    case = COMPARE_CASES[case_id]
    texts = []
    for side in ("old", "new"):
        raw = json.loads((REPO / case[side]).read_text(encoding="utf-8"))
        raw.update(copy.deepcopy(case["set"][side]))
        texts.append(json.dumps(raw, ensure_ascii=False))
    return texts[0], texts[1]


def reply(framework: Framework, old: str, new: str, language: str = "en") -> dict[str, Any]:
    return dict(json.loads(compare_reply(framework, old, new, language)))


# --- The comparison: exactly gmi compare --format json -------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_the_comparison_is_compare_json(framework: Framework, pair: str, language: str) -> None:
    old, new = (pilot_text(name) for name in PAIRS[pair])
    shown = reply(framework, old, new, language)
    assert shown["comparison"] == json.loads(calculator.compare_json(framework, old, new))
    assert shown["comparison"]["valid"] is True


@pytest.mark.parametrize("old", ['{"format": "gmi-assessment"', "[]", '{"format": "gmi-assessment"}'])
def test_a_file_that_cannot_be_scored_gives_its_problems_and_no_chart(framework: Framework, old: str) -> None:
    new = pilot_text("hk-food-bakery.json")
    shown = reply(framework, old, new)
    assert shown["comparison"] == json.loads(calculator.compare_json(framework, old, new))
    assert shown["comparison"]["valid"] is False and shown["chart"] is None
    assert [m["code"] for m in shown["text"]["messages"]] == ["compare_invalid_file"]
    assert shown["text"]["files"]["old"] and "new" not in shown["text"]["files"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_browsers_language_bundle_compares_alike(framework: Framework, language: str) -> None:
    """The worker loads one language's bundle (load_for_language): the same comparison and the same words."""
    bundle, issues = read_bundle()
    assert issues == []
    browser_framework = load_for_language(json.loads(json.dumps(bundle)), language)
    old, new = case_texts("gd-electronics-dongguan-as-2022-2023")
    assert reply(browser_framework, old, new, language) == reply(framework, old, new, language)


# --- Its words: the lines of the CLI's text report ------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "case_id", ["hk-food-bakery-2024-2025", "gd-electronics-dongguan-2024-2025", "gd-electronics-dongguan-as-2022-2023"]
)
def test_the_words_are_the_cli_reports_lines(framework: Framework, case_id: str, language: str) -> None:
    old, new = case_texts(case_id)
    shown = reply(framework, old, new, language)
    report = calculator.render_comparison_text(shown["comparison"], framework, language).splitlines()
    words = shown["text"]
    stripped = [line.strip() for line in report]
    assert f"{words['total']}    {words['rating']}" in report
    for line in [
        *words["sides"].values(),
        *(d["text"] for d in words["dimensions"]),
        *(i["text"] for g in words["changes"] for i in g["items"]),
        *(c["text"] for c in words["carbon"]),
        words["completeness"],
        *(m["text"] for m in words["messages"]),
    ]:
        assert line.strip() in stripped or any(s.endswith(" " + line) for s in stripped), line
    # The hand figures of the case: the total change and the grid factor's part apart from the factory's own.
    expected = COMPARE_CASES[case_id]["expected"]
    assert words["total"].endswith(f"({expected['total']['change']:+.2f})")
    parts = {line["key"]: line for line in words["carbon"]}
    assert parts["grid_factor_t"]["level"] == parts["own_t"]["level"] == 2
    assert parts["grid_factor_t"]["text"].split(": ")[-1].startswith(f"{expected['carbon']['grid_factor_t']:+,.3f} ")
    assert parts["own_t"]["text"].split(": ")[-1].startswith(f"{expected['carbon']['own_t']:+,.3f} ")


def test_a_grid_factor_change_is_shown_apart(framework: Framework) -> None:
    """GD-1 read as 2022 → 2023: the grid factor moved (0.4403 → 0.4419), so its part is not zero."""
    expected = COMPARE_CASES["gd-electronics-dongguan-as-2022-2023"]["expected"]["carbon"]
    assert expected["grid_factor_t"] != 0
    words = reply(framework, *case_texts("gd-electronics-dongguan-as-2022-2023"))["text"]
    shown = {line["key"]: line["text"] for line in words["carbon"]}
    assert shown["grid_factor_t"] == f"of which due to the grid factor: {expected['grid_factor_t']:+,.3f} tCO₂e"


# --- The chart: one pair of bars per dimension --------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_the_chart_has_one_pair_of_bars_per_dimension(framework: Framework, pair: str, language: str) -> None:
    old, new = PAIRS[pair]
    shown = reply(framework, pilot_text(old), pilot_text(new), language)
    svg = ET.fromstring(shown["chart"])
    assert svg.get("viewBox", "").split()[2] == str(CHART_WIDTH)
    assert svg.get("role") == "img" and svg.find(f"{SVG}title") is not None
    groups = svg.findall(f".//{SVG}g[@data-dimension]")
    dimensions = shown["comparison"]["dimensions"]
    assert (
        [g.get("data-dimension") for g in groups]
        == [d["id"] for d in dimensions]
        == [
            "energy",
            "resources",
            "clean",
            "products",
            "land",
        ]
    )
    for group, dimension in zip(groups, dimensions, strict=True):
        bars = group.findall(f"{SVG}rect")
        assert [bar.get("class") for bar in bars] == ["gmi-bar-old", "gmi-bar-new"]
        for bar, side in zip(bars, ("old", "new"), strict=True):
            # points / max of the dimension, drawn on BAR_WIDTH user units
            width = BAR_WIDTH * dimension[side] / dimension["max"]
            assert float(bar.get("width", "nan")) == pytest.approx(width, abs=0.2)
    # Legible on a 320 px phone: the chart is 320 units wide, so every text is at least 11 px.
    sizes = [float(g.get("font-size", "0")) for g in svg.iter(f"{SVG}g") if g.get("font-size")]
    assert sizes and min(sizes) >= 11
    for text in svg.iter(f"{SVG}text"):
        assert text.text and text.text.strip()


def test_the_chart_names_both_years(framework: Framework) -> None:
    svg = ET.fromstring(reply(framework, *(pilot_text(name) for name in PAIRS["hk"]))["chart"])
    legend = [t.text for t in svg.iter(f"{SVG}text")][:2]
    assert legend == ["Earlier assessment (2024)", "Later assessment (2025)"]


# --- Beside the pilots ----------------------------------------------------------------------------------------------


def minimal_result(framework: Framework, values: dict[str, Any]) -> dict[str, Any]:
    """A result that holds only what the positions read: each indicator's status and value."""
    if values.get("valid") is False:
        return {"valid": False, "messages": []}
    indicators = []
    for indicator in framework.indicators:
        value = values.get(indicator.id)
        indicators.append(
            {
                "id": indicator.id,
                "number": indicator.number,
                "dimension": indicator.dimension,
                "type": indicator.type,
                "unit": indicator.unit,
                "max": indicator.points,
                "status": "unanswered" if value is None else "scored",
                "value": value,
                "points": 0.0,
            }
        )
    return {
        "valid": True,
        "assessment": {"organisation": "", "region": "GD", "benchmark_set": "general"},
        "total": 0.0,
        "rating": {"rated": False, "band": "starting"},
        "indicators": indicators,
    }


@pytest.mark.parametrize("case", PEERS_CASES, ids=[case["id"] for case in PEERS_CASES])
def test_positions_among_the_pilots_as_worked_out_by_hand(framework: Framework, case: dict[str, Any]) -> None:
    pilots = {name: minimal_result(framework, values) for name, values in case["pilots"].items()}
    peers = peer_positions(framework, minimal_result(framework, case["reader"]), pilots)
    assert [pilot["name"] for pilot in peers["pilots"]] == [
        n for n, v in case["pilots"].items() if v.get("valid", True)
    ]
    rows = {row["id"]: row for row in peers["indicators"]}
    assert sorted(rows) == sorted(case["expected"])  # only what the reader scored
    for indicator_id, expected in case["expected"].items():
        row = rows[indicator_id]
        assert [entry["name"] for entry in row["pilots"]] == expected["order"], indicator_id
        counts = {key: row[key] for key in ("better_than", "equal", "worse_than", "total")}
        assert counts == {key: expected[key] for key in ("better_than", "equal", "worse_than", "total")}, indicator_id


def test_an_invalid_reader_has_no_rows(framework: Framework) -> None:
    pilots = {"p": minimal_result(framework, {"energy-intensity": 0.1})}
    assert peer_positions(framework, {"valid": False}, pilots)["indicators"] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pilots_values_are_those_of_gmi_score(framework: Framework, language: str) -> None:
    """peers_reply scores the pilot files with the engine: each value is that of the pilot's own result."""
    pilots_text = "{" + ",".join(f'"{path.stem}": {path.read_text(encoding="utf-8")}' for path in LATEST) + "}"
    reader = pilot_text("hk-food-bakery-2024.json")
    shown = json.loads(peers_reply(framework, reader, pilots_text, language))
    results = {path.stem: calculator.score(framework, json.loads(path.read_text("utf-8"))) for path in LATEST}
    assert len(results) == 5 and all(result["valid"] for result in results.values())
    assert [pilot["name"] for pilot in shown["peers"]["pilots"]] == [path.stem for path in LATEST]
    mine = calculator.score(framework, json.loads(reader))
    scored = [item for item in mine["indicators"] if item["status"] == "scored"]
    assert [row["id"] for row in shown["peers"]["indicators"]] == [item["id"] for item in scored]
    for row in shown["peers"]["indicators"]:
        by_name = {
            name: next(item for item in result["indicators"] if item["id"] == row["id"])
            for name, result in results.items()
        }
        assert {entry["name"]: entry["value"] for entry in row["pilots"]} == {
            name: item["value"] for name, item in by_name.items() if item["status"] == "scored"
        }
        assert set(shown["text"]["indicators"][row["id"]]["pilots"]) == {entry["name"] for entry in row["pilots"]}
    assert set(shown["text"]["pilots"]) == set(results)


def test_a_pilot_beside_itself_is_equal_to_one(framework: Framework) -> None:
    path = next(path for path in LATEST if path.stem == "gd-electronics-dongguan")
    pilots_text = json.dumps({path.stem: json.loads(path.read_text("utf-8"))})
    shown = json.loads(peers_reply(framework, path.read_text("utf-8"), pilots_text, "en"))
    assert shown["peers"]["indicators"]
    for row in shown["peers"]["indicators"]:
        assert (row["better_than"], row["equal"], row["worse_than"], row["total"]) == (0, 1, 0, 1)
