"""The calculator page shows the figures worked out by hand (tests/data/engine/pilots_hand.json), read from the DOM.

A pilot is loaded with ``window.gmi.load`` (the input side is tested elsewhere by typing); everything checked here is
what the reader sees: the total, rating, gate status, completeness (with the count of basic requirements answered),
each dimension's points and percentage and each indicator's value, points and illustrative / general-set labels, in
three languages.  Names and labels come from the YAML (texts, not numbers); every number comes from the hand module.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page

from .conftest import LANGUAGE_PREFIX, ROOT, Session, load_json, wait_until

pytestmark = pytest.mark.browser

READY_TIMEOUT_MS = 120_000
HAND: dict[str, Any] = load_json(ROOT / "tests" / "data" / "engine" / "pilots_hand.json")
#: One Hong Kong and one Guangdong pilot: HKD at an own rate, Towngas and CLP; an unanswered indicator and a missing
#: gate answer (3 of 4), sector values and general-set fallbacks, illustrative and sourced benchmarks.
SHOWN_PILOTS = ("hk-food-bakery", "gd-printing-guangzhou")
LANGUAGES = tuple(LANGUAGE_PREFIX)
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")

_FRAMEWORK = yaml.safe_load((ROOT / "indicators" / "framework.yaml").read_text(encoding="utf-8"))
LABELS: dict[str, dict[str, str]] = yaml.safe_load((ROOT / "indicators" / "messages.yaml").read_text("utf-8"))["labels"]
BANDS = {band["id"]: band["name"] for band in _FRAMEWORK["rating_bands"]}
DIMENSION_NAMES = {dimension["id"]: dimension["name"] for dimension in _FRAMEWORK["dimensions"]}
INPUT_NAMES: dict[str, dict[str, str]] = {}
for _path in sorted((ROOT / "indicators" / "dimensions").glob("*.yaml")):
    for _entry in yaml.safe_load(_path.read_text(encoding="utf-8"))["indicators"]:
        for _input in _entry.get("inputs", []):
            INPUT_NAMES[_input["id"]] = _input["name"]

READ_PAGE = """() => {
    const byId = (id) => document.getElementById(id);
    const rows = (selector, key) => [...document.querySelectorAll(selector)].map((row) => ({
        id: row.dataset[key], cells: [...row.cells].map((cell) => cell.textContent.trim()),
    }));
    return {
        total: byId("gmi-total").textContent.trim(),
        rating: byId("gmi-rating").textContent.trim(),
        band: byId("gmi-rating").dataset.band || null,
        gate: byId("gmi-gate-status").textContent.trim(),
        gateStatus: byId("gmi-gate-status").dataset.status || null,
        completeness: byId("gmi-completeness").textContent.trim(),
        dimensions: rows("#gmi-dimension-rows tr[data-dimension]", "dimension"),
        indicators: rows("#gmi-indicator-rows tr[data-indicator]", "indicator"),
        live: {
            total: byId("gmi-live-total").textContent.trim(),
            band: byId("gmi-live-rating").dataset.band || null,
            completeness: byId("gmi-live-completeness").textContent.trim(),
            dimensions: [...document.querySelectorAll("#gmi-live-dimensions li[data-dimension]")].map((item) => ({
                id: item.dataset.dimension,
                percent: item.querySelector(".gmi-live-percent").textContent.trim(),
                width: item.querySelector(".gmi-bar-fill").style.width,
            })),
        },
    };
}"""


def numbers_in(text: str) -> list[float]:
    return [float(found.replace(",", "")) for found in NUMBER.findall(text)]


def open_calculator(session: Session, site_url: str, language: str) -> Page:
    page = session.page
    page.goto(f"{site_url}{LANGUAGE_PREFIX[language]}calculator/")
    wait_until(page, "() => window.gmi !== undefined", timeout_ms=READY_TIMEOUT_MS)
    page.evaluate("async () => { await window.gmi.ready; }")
    return page


def show(page: Page, assessment: dict[str, Any], indicators: int = 14) -> dict[str, Any]:
    """Load an assessment, wait until the results are drawn for it and stay put, then read the page."""
    page.evaluate("() => { document.getElementById('gmi-total').textContent = ''; }")
    page.evaluate("a => window.gmi.load(a)", assessment)
    wait_until(
        page,
        "n => document.getElementById('gmi-total').textContent.trim() !== ''"
        " && document.querySelectorAll('#gmi-indicator-rows tr[data-indicator]').length === n",
        indicators,
        timeout_ms=60_000,
    )
    shown: dict[str, Any] = page.evaluate(READ_PAGE)
    for _ in range(20):  # a later (debounced) rescore would change what is shown: read until two reads agree
        page.wait_for_timeout(250)
        again: dict[str, Any] = page.evaluate(READ_PAGE)
        if again == shown:
            return shown
        shown = again
    raise AssertionError("the results kept changing")


def close_to(shown: str, hand: float) -> bool:
    """A figure shown with its unit's rounding (3 significant figures, or fixed decimals) equals the hand figure."""
    found = NUMBER.search(shown)
    assert found, shown
    text = found.group().replace(",", "")
    decimals = len(text.split(".")[1]) if "." in text else 0
    tolerance = 0.5 * 10**-decimals
    if decimals == 0 and abs(hand) >= 1000:
        tolerance = max(tolerance, 0.005 * abs(hand))
    return bool(abs(float(text) - hand) <= tolerance + 1e-9)


def check_page(shown: dict[str, Any], hand: dict[str, Any], language: str) -> None:
    """Every figure and flag on the results against the hand figures of one pilot."""
    label = {key: value[language] for key, value in LABELS.items()}
    assert numbers_in(shown["total"]) == [hand["total"], 100], shown["total"]
    rating = hand["rating"]
    if rating["rated"]:
        assert shown["band"] == rating["band"]
        assert shown["rating"] == BANDS[rating["band"]][language]
    else:
        assert shown["band"] == "not-rated"
        assert shown["rating"].startswith(label["not_rated"]), shown["rating"]
        assert label[rating["reason"]] in shown["rating"], shown["rating"]
    gate = hand["gate"]
    assert shown["gateStatus"] == gate["status"]
    assert shown["gate"].startswith(label[f"gate_{gate['status']}"]), shown["gate"]
    completeness = hand["completeness"]
    assert numbers_in(shown["completeness"])[:3] == [
        completeness["answered"],
        completeness["total"],
        completeness["percent"],
    ], shown["completeness"]
    counts = re.sub(r"\s+", "", shown["completeness"] + " " + shown["gate"])
    assert f"{gate['answered']}/{gate['total']}" in counts, (shown["completeness"], shown["gate"])
    # Dimensions: name, "points / max", "percent %" (one decimal where the hand percentage has one).
    assert [row["id"] for row in shown["dimensions"]] == list(hand["dimensions"])
    for row in shown["dimensions"]:
        expected = hand["dimensions"][row["id"]]
        name, points, percent = row["cells"]
        assert name == DIMENSION_NAMES[row["id"]][language]
        assert numbers_in(points) == [expected["points"], expected["max"]], (row["id"], points)
        assert numbers_in(percent) == [expected["percent"]], (row["id"], percent)
        assert percent.endswith("%"), percent
    # The live summary beside the form: total, band, completeness, each dimension's percentage and bar.
    live = shown["live"]
    assert numbers_in(live["total"]) == [hand["total"], 100], live["total"]
    assert live["band"] == (rating["band"] if rating["rated"] else "not-rated")
    assert numbers_in(live["completeness"])[:3] == numbers_in(shown["completeness"])[:3], live["completeness"]
    assert [item["id"] for item in live["dimensions"]] == list(hand["dimensions"])
    for item in live["dimensions"]:
        percent = hand["dimensions"][item["id"]]["percent"]
        assert numbers_in(item["percent"]) == [percent], item
        assert float(item["width"].removesuffix("%")) == pytest.approx(percent), item
    # Indicators: value (with the unit's rounding), "points / max", and the status with its labels.
    assert [row["id"] for row in shown["indicators"]] == list(hand["indicators"])
    for row in shown["indicators"]:
        expected = hand["indicators"][row["id"]]
        _, value, points, status = row["cells"]
        assert numbers_in(points) == [expected["points"], expected["max"]], (row["id"], points)
        assert label[f"status_{expected['status']}"] in status, (row["id"], status)
        benchmark = expected.get("benchmark", {"illustrative": False, "fallback": False})
        assert (label["illustrative"] in status) == benchmark["illustrative"], (row["id"], status)
        assert (label["benchmark_fallback"] in status) == benchmark["fallback"], (row["id"], status)
        if expected["status"] == "unanswered":
            assert value == "–", (row["id"], value)
            for field in expected["missing"]:
                key = field.removeprefix("data.")
                if key in INPUT_NAMES:
                    assert INPUT_NAMES[key][language] in status, (row["id"], field, status)
        else:
            assert close_to(value, expected["value"]), (row["id"], value, expected["value"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_results_show_the_hand_figures(session: Session, site_url: str, language: str) -> None:
    page = open_calculator(session, site_url, language)
    for name in SHOWN_PILOTS:
        assessment = load_json(ROOT / "indicators" / "pilots" / f"{name}.json")
        shown = show(page, assessment)
        try:
            check_page(shown, HAND[name], language)
        except AssertionError as error:
            raise AssertionError(f"{name} ({language}): {error}\n{json.dumps(shown, ensure_ascii=False)}") from error
    assert session.errors == []


def test_nothing_entered_shows_a_dash_and_one_gate_answer_counts_one(session: Session, site_url: str) -> None:
    """Output value alone: carbon intensity shows "–" (not 0); one basic requirement answered shows 1 / 4."""
    page = open_calculator(session, site_url, "en")
    assessment = {
        "format": "gmi-assessment",
        "format_version": 2,
        "framework_edition": "2026",
        "region": "GD",
        "reporting_year": 2025,
        "benchmark_set": "general",
        "money_unit": "rmb",
        "gate": {"no_violations": True},
        "data": {"output_value": 1_000_000},
        "levels": {},
        "selections": {},
    }
    shown = show(page, assessment)
    rows = {row["id"]: row["cells"] for row in shown["indicators"]}
    for indicator_id in ("energy-intensity", "carbon-intensity", "renewable-share"):
        assert rows[indicator_id][1] == "–", (indicator_id, rows[indicator_id])
        assert LABELS["status_unanswered"]["en"] in rows[indicator_id][3]
    assert numbers_in(shown["total"]) == [0, 100]
    assert shown["gateStatus"] == "incomplete"
    counts = re.sub(r"\s+", "", shown["completeness"] + " " + shown["gate"])
    assert "1/4" in counts and "4/4" not in counts, (shown["completeness"], shown["gate"])
    assert numbers_in(shown["completeness"])[:3] == [0, 14, 0]
    for row in shown["dimensions"]:
        assert numbers_in(row["cells"][2]) == [0], row
    assert session.errors == []


#: The names of the activity inputs (framework.yaml), which head the rows of the factor table.
ACTIVITY_NAMES = {entry["id"]: entry["name"] for entry in _FRAMEWORK["activity_inputs"]}
INDICATOR_NAMES: dict[str, dict[str, str]] = {}
for _path in sorted((ROOT / "indicators" / "dimensions").glob("*.yaml")):
    for _entry in yaml.safe_load(_path.read_text(encoding="utf-8"))["indicators"]:
        INDICATOR_NAMES[_entry["id"]] = _entry["name"]

READ_FACTORS = """() => [...document.querySelectorAll("#gmi-carbon table tbody tr")].map(
    (row) => [...row.cells].map((cell) => cell.textContent.trim()))"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_own_values_show_the_typed_note_or_the_own_value_label(session: Session, site_url: str, language: str) -> None:
    """The other fuel's typed note spells a source id ("gbt2589_2020") and is still shown as typed, not as the
    GB/T 2589 title; the own electricity factor has no note and shows the own-value label, not the custom benchmark
    set's. An own benchmark refused ("x") leaves the platform indicator unanswered with nothing missing: its row
    names the refused field (indicator – leading value) under the refused label."""
    page = open_calculator(session, site_url, language)
    assessment = {
        "format": "gmi-assessment",
        "format_version": 2,
        "framework_edition": "2026",
        "region": "GD",
        "reporting_year": 2025,
        "benchmark_set": "custom",
        "money_unit": "rmb",
        "gate": {"no_violations": True},
        "data": {
            "output_value": 1_000_000,
            "custom_electricity_factor": 0.5,
            "electricity_custom": 10_000,
            "other_fuel_kgce_per_unit": 25,
            "other_fuel_kgco2_per_unit": 50,
            "other_fuel_quantity": 40,
        },
        "other_fuel": {"name": "wood pellets", "unit": "bag", "source": "gbt2589_2020"},
        "custom_benchmarks": {"energy-carbon-platform": {"baseline": 0, "leading": "x"}},
        "levels": {},
        "selections": {"energy-carbon-platform": ["energy_query", "energy_flow"]},
    }
    shown = show(page, assessment)
    factors = page.evaluate(READ_FACTORS)
    by_input = {row[0]: row for row in factors}
    electricity = by_input[ACTIVITY_NAMES["electricity_custom"][language]]
    assert electricity[4] == LABELS["own_value"][language], electricity
    fuel = [row for row in factors if row[0] != electricity[0]]
    assert len(fuel) == 1 and fuel[0][4] == "gbt2589_2020", factors
    assert all(LABELS["custom"][language] not in cell for row in factors for cell in row), factors
    [platform] = [row["cells"] for row in shown["indicators"] if row["id"] == "energy-carbon-platform"]
    name = INDICATOR_NAMES["energy-carbon-platform"][language]
    assert f"{LABELS['refused'][language]}" in platform[3], platform
    assert f"{name} – {LABELS['leading'][language]}" in platform[3], platform
    assert "custom_benchmarks" not in platform[3], platform
    assert session.errors == []
