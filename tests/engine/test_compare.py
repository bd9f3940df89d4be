"""``gmi compare``: the two-year pilots give the differences worked out by hand; what differs beyond the factory's
own numbers (benchmarks, edition, format version, region, money) is refused or qualified with a message."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

import calculator
from calculator import Framework
from calculator.cli import main
from tests.engine import compare_hand
from tests.engine.engine_support import DATA, LANGUAGES, REPO, load_cases

CASES: list[dict[str, Any]] = load_cases("compare_cases.json")["cases"]
CASE_IDS = [case["id"] for case in CASES]
CJK = re.compile(r"[\u4e00-\u9fff]")
HK_OLD, HK_NEW = (REPO / "indicators" / "pilots" / name for name in ("hk-food-bakery-2024.json", "hk-food-bakery.json"))
GD_OLD, GD_NEW = (
    REPO / "indicators" / "pilots" / name
    for name in ("gd-electronics-dongguan-2024.json", "gd-electronics-dongguan.json")
)


def read(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


def case_raw(case: dict[str, Any], side: str) -> dict[str, Any]:
    raw = read(REPO / case[side])
    raw.update(copy.deepcopy(case["set"][side]))
    return raw


def compare_valid(framework: Framework, old: object, new: object) -> dict[str, Any]:
    comparison = calculator.compare(framework, old, new)
    assert comparison["valid"], comparison["messages"]
    return comparison


def codes(comparison: dict[str, Any]) -> set[str]:
    return {message["code"] for message in comparison["messages"]}


def by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


# --- the hand figures ---------------------------------------------------------------------------------------------


def test_on_paper() -> None:
    """The headline figures of the two pilots, written out as on paper (the case file must say the same)."""
    hk = by_id(CASES)
    # HK-1 2024 -> 2025: CLP 2023 factor (0.39) in both years.  Scope 1 = Towngas + diesel + R-404A; scope 2 = CLP +
    # Towngas indirect.
    old = (430_000 * 2.5529 + 22_000 * 2.6167 + 40 * 3943 + 3_400_000 * 0.39 + 430_000 * 0.592) / 1000
    new = (400_000 * 2.5529 + 20_000 * 2.6167 + 25 * 3943 + 3_200_000 * 0.39 + 400_000 * 0.592) / 1000
    carbon = hk["hk-food-bakery-2024-2025"]["expected"]["carbon"]
    assert (carbon["old_t"], carbon["new_t"], carbon["change_t"]) == pytest.approx((old, new, new - old), abs=1e-3)
    assert (round(old, 3), round(new, 3)) == (2893.594, 2656.869)
    assert carbon["grid_factor_t"] == 0
    old_output, new_output = 170_000_000 * 0.92 / 10_000, 180_000_000 * 0.92 / 10_000  # 15 640 and 16 560
    assert carbon["new_per_10k_rmb"] - carbon["old_per_10k_rmb"] == pytest.approx(
        new / new_output - old / old_output, abs=2e-4
    )
    water = hk["hk-food-bakery-2024-2025"]["expected"]["water"]
    assert (water["old_per_10k_rmb"], water["new_per_10k_rmb"]) == (
        round(62_000 / 15_640, 4),
        round(60_000 / 16_560, 4),
    )
    # The same files as 2019 -> 2020: CLP 0.49 -> 0.37.  Grid part = later kWh x (0.37 - 0.49).
    split = hk["hk-food-bakery-as-2019-2020"]["expected"]["carbon"]
    assert split["grid_factor_t"] == pytest.approx(3_200_000 * (0.37 - 0.49) / 1000)  # -384.0
    new_at_2019 = new + 3_200_000 * (0.49 - 0.39) / 1000  # the later activity with the earlier year's factor
    old_at_2019 = old + 3_400_000 * (0.49 - 0.39) / 1000
    assert split["own_t"] == pytest.approx(new_at_2019 - old_at_2019, abs=1e-3)  # -256.725
    # GD-1 2024 -> 2025: Guangdong grid 2023 (0.4419) in both; as 2022 -> 2023: 0.4403 -> 0.4419.
    gd_old = (18_000 * 2.6006 + 80 * 1924 + 18_600_000 * 0.4419) / 1000
    gd_new = (15_000 * 2.6006 + 60 * 1924 + 18_000_000 * 0.4419) / 1000
    carbon = hk["gd-electronics-dongguan-2024-2025"]["expected"]["carbon"]
    assert (carbon["old_t"], carbon["new_t"]) == pytest.approx((gd_old, gd_new), abs=1e-3)
    split = hk["gd-electronics-dongguan-as-2022-2023"]["expected"]["carbon"]
    assert split["grid_factor_t"] == pytest.approx(18_000_000 * (0.4419 - 0.4403) / 1000)  # 28.8
    assert split["grid_factor_t"] + split["own_t"] == pytest.approx(split["change_t"], abs=1e-3)
    # Totals: the hand totals of each year (test_engine_pilots.py has 45.13 and 61.93 for 2025).
    assert hk["hk-food-bakery-2024-2025"]["expected"]["total"] == {"old": 37.98, "new": 45.13, "change": 7.15}
    assert hk["gd-electronics-dongguan-2024-2025"]["expected"]["total"] == {"old": 47.18, "new": 61.93, "change": 14.75}


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_case_file_is_the_hand_arithmetic(case: dict[str, Any]) -> None:
    year = compare_hand.hk_year if case["id"].startswith("hk-") else compare_hand.gd_year
    factors = case["grid_factor"]
    old, new = year(case_raw(case, "old"), factors["old"]), year(case_raw(case, "new"), factors["new"])
    hand = compare_hand.comparison(old, new, factors["old"], factors["new"])
    expected = case["expected"]
    assert expected["total"] == {key: pytest.approx(value, abs=0.005) for key, value in hand["total"].items()}
    for dimension, change in hand["dimensions"].items():
        assert expected["dimensions"][dimension] == pytest.approx(change, abs=0.005), dimension
    for indicator_id, change in hand["points"].items():
        assert expected["points_change"][indicator_id] == pytest.approx(change, abs=0.005), indicator_id
    for block in ("carbon", "energy", "water"):
        for key, value in hand[block].items():
            assert expected[block][key] == pytest.approx(value, abs=6e-4 if key.endswith("_t") else 6e-5), (block, key)
    assert expected["completeness"] == hand["answered"]


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_compare_gives_the_hand_figures(framework: Framework, case: dict[str, Any]) -> None:
    comparison = compare_valid(framework, case_raw(case, "old"), case_raw(case, "new"))
    expected = case["expected"]
    assert set(case["messages"]) <= codes(comparison)
    total = comparison["total"]
    assert {key: total[key] for key in ("old", "new", "change")} == pytest.approx(expected["total"], abs=0.005)
    assert total["comparable"] is True
    assert {side: comparison["rating"][side]["band"] for side in ("old", "new")} == expected["rating"]
    for dimension in comparison["dimensions"]:
        assert dimension["change"] == pytest.approx(expected["dimensions"][dimension["id"]], abs=0.005)
    for item in comparison["indicators"]:
        if item["old"]["status"] == item["new"]["status"] == "scored":
            assert item["points_change"] == pytest.approx(expected["points_change"][item["id"]], abs=0.005)
    assert comparison["changes"] == expected["changes"]
    carbon, hand = comparison["carbon"], expected["carbon"]
    assert (carbon["total_t"]["old"], carbon["total_t"]["new"], carbon["total_t"]["change"]) == pytest.approx(
        (hand["old_t"], hand["new_t"], hand["change_t"]), abs=1e-3
    )
    assert (carbon["grid_factor_t"], carbon["own_t"]) == pytest.approx((hand["grid_factor_t"], hand["own_t"]), abs=1e-3)
    assert (carbon["per_10k_rmb"]["old"], carbon["per_10k_rmb"]["new"]) == pytest.approx(
        (hand["old_per_10k_rmb"], hand["new_per_10k_rmb"]), abs=1e-4
    )
    assert (carbon["grid_factor_per_10k_rmb"], carbon["own_per_10k_rmb"]) == pytest.approx(
        (hand["grid_factor_per_10k_rmb"], hand["own_per_10k_rmb"]), abs=1e-4
    )
    energy = comparison["energy"]
    assert (energy["tce"]["old"], energy["tce"]["new"]) == pytest.approx(
        (expected["energy"]["old_tce"], expected["energy"]["new_tce"]), abs=1e-3
    )
    assert (energy["per_10k_rmb"]["old"], energy["per_10k_rmb"]["new"]) == pytest.approx(
        (expected["energy"]["old_per_10k_rmb"], expected["energy"]["new_per_10k_rmb"]), abs=1e-4
    )
    water = comparison["water"]["per_10k_rmb"]
    assert (water["old"], water["new"]) == pytest.approx(
        (expected["water"]["old_per_10k_rmb"], expected["water"]["new_per_10k_rmb"]), abs=1e-4
    )
    answered = comparison["completeness"]["answered"]
    assert (answered["old"], answered["new"]) == (expected["completeness"]["old"], expected["completeness"]["new"])


def test_status_changes_of_the_bakery(framework: Framework) -> None:
    """The platform was unanswered in 2024 and has three functions in 2025; retrofit is unanswered in both."""
    comparison = compare_valid(framework, read(HK_OLD), read(HK_NEW))
    items = by_id(comparison["indicators"])
    platform = items["energy-carbon-platform"]
    assert (platform["old"]["status"], platform["new"]["status"], platform["change"]) == (
        "unanswered",
        "scored",
        "newly_answered",
    )
    assert platform["value_change"] is None  # a blank is not a zero
    assert platform["points_change"] == pytest.approx(3 / 8 * 6, abs=0.005)
    assert items["retrofit-investment"]["change"] == "unanswered"
    footprint = items["product-carbon-footprint"]
    assert (footprint["old"]["value"], footprint["new"]["value"], footprint["value_change"]) == (1, 2, 1)


def test_a_file_against_itself_changes_nothing(framework: Framework, pilots: dict[str, dict[str, Any]]) -> None:
    for name, raw in pilots.items():
        comparison = compare_valid(framework, raw, raw)
        assert comparison["total"]["change"] == 0, name
        assert all(dimension["change"] == 0 for dimension in comparison["dimensions"]), name
        assert {item["change"] for item in comparison["indicators"]} <= {"unchanged", "unanswered"}, name
        assert comparison["carbon"]["total_t"]["change"] == 0
        assert comparison["carbon"]["grid_factor_t"] == 0
        assert "compare_year_order" in codes(comparison)  # the same year twice is worth a word


# --- what is not comparable ---------------------------------------------------------------------------------------


def test_different_benchmark_values_withhold_points(framework: Framework) -> None:
    """The bakery's 2024 file in the general set: the food set has its own energy and water intensity values."""
    old = read(HK_OLD)
    old["benchmark_set"] = "general"
    comparison = compare_valid(framework, old, read(HK_NEW))
    message = next(m for m in comparison["messages"] if m["code"] == "compare_benchmarks_differ")
    assert message["params"]["indicators"] == ["indicators.energy-intensity", "indicators.water-intensity"]
    assert (message["params"]["old_set"], message["params"]["new_set"]) == ("general", "food")
    assert comparison["total"]["change"] is None and comparison["total"]["comparable"] is False
    dimensions = by_id(comparison["dimensions"])
    assert dimensions["energy"]["change"] is None and dimensions["resources"]["change"] is None
    assert dimensions["products"]["change"] == pytest.approx(8 * 2 / 3 - 8 / 3, abs=0.01)  # footprint level 1 -> 2
    items = by_id(comparison["indicators"])
    energy = items["energy-intensity"]
    assert energy["points_change"] is None and energy["comparable"] is False
    assert energy["value_change"] == pytest.approx(
        1_080.254 / 16_560 - 1_149.042 / 15_640, abs=1e-4
    )  # the values still compare
    text = calculator.render_comparison_text(comparison, framework, "en")
    assert "not comparable" in text and "Food and beverage" in text


def test_differently_named_sets_with_the_same_values_compare(framework: Framework) -> None:
    """The electronics set has no values of its own: naming it or the general set gives the same points."""
    old = read(GD_OLD)
    old["benchmark_set"] = "general"
    comparison = compare_valid(framework, old, read(GD_NEW))
    assert "compare_sets_differ" in codes(comparison)
    assert "compare_benchmarks_differ" not in codes(comparison)
    assert comparison["total"]["change"] == pytest.approx(14.75)


def test_an_invalid_file_is_refused(framework: Framework) -> None:
    old = read(HK_OLD)
    old["data"]["water_withdrawal_m3"] = -5
    comparison = calculator.compare(framework, old, read(HK_NEW))
    assert comparison["valid"] is False
    assert [(m["code"], m["field"], m["severity"]) for m in comparison["messages"]] == [
        ("compare_invalid_file", "compare_old", "error")
    ]
    assert ("negative", "data.water_withdrawal_m3") in {(m["code"], m["field"]) for m in comparison["old"]["messages"]}
    assert "total" not in comparison and "indicators" not in comparison
    for language in LANGUAGES:
        text = calculator.render_comparison_text(comparison, framework, language)
        assert text.count("!") == 2, text  # the refusal and the file's own error


def test_edition_and_format_version_are_named(framework: Framework) -> None:
    """A version-1 file of 2024 (prepared for another edition) is opened as version 2; the figures are the same."""
    old = read(DATA / "v1" / "hk-food-bakery-2024.json")
    reference = compare_valid(framework, read(HK_OLD), read(HK_NEW))
    comparison = compare_valid(framework, old, read(HK_NEW))
    format_message = next(m for m in comparison["messages"] if m["code"] == "compare_format_differs")
    assert (format_message["field"], format_message["params"]) == ("compare_old", {"found": 1, "expected": 2})
    for key in ("total", "dimensions", "indicators", "changes", "carbon", "energy", "water", "completeness"):
        assert comparison[key] == reference[key], key
    old["framework_edition"] = "2025"
    comparison = compare_valid(framework, old, read(HK_NEW))
    edition = next(m for m in comparison["messages"] if m["code"] == "compare_edition_differs")
    assert edition["params"] == {"old": "2025", "new": "2026", "expected": "2026"}
    assert comparison["total"] == reference["total"]
    assert "edition 2025" in calculator.render(edition, framework, "en")


def test_another_region_withholds_the_carbon_comparison(framework: Framework) -> None:
    old = read(GD_OLD)
    old["region"] = "HK"
    old["data"]["electricity_clp"] = old["data"].pop("electricity_csg")
    comparison = compare_valid(framework, old, read(GD_NEW))
    assert "compare_region_differs" in codes(comparison)
    carbon = comparison["carbon"]
    assert carbon["comparable"] is False and carbon["total_t"]["change"] is None and carbon["own_t"] is None
    items = by_id(comparison["indicators"])
    assert items["carbon-intensity"]["change"] == "not_comparable"
    assert comparison["changes"]["not_comparable"] == ["carbon-intensity"]
    assert comparison["total"]["change"] is None
    assert by_id(comparison["dimensions"])["energy"]["change"] is None
    assert by_id(comparison["dimensions"])["resources"]["change"] == pytest.approx(15.43 - 12.66, abs=0.01)


def test_money_unit_and_exchange_rate_are_named(framework: Framework) -> None:
    reference = compare_valid(framework, read(HK_OLD), read(HK_NEW))
    old = read(HK_OLD)
    old["money_unit"] = "hkd_thousand"
    old["data"]["output_value"] = 170_000  # HK$'000, as an annual report prints it
    comparison = compare_valid(framework, old, read(HK_NEW))
    assert "compare_money_differs" in codes(comparison) and "compare_exchange_rate" not in codes(comparison)
    assert comparison["carbon"] == reference["carbon"] and comparison["total"] == reference["total"]
    old = read(HK_OLD)
    del old["exchange_rate"], old["exchange_rate_source"]  # the official average for 2024 instead of 0.92
    comparison = compare_valid(framework, old, read(HK_NEW))
    rate = next(m for m in comparison["messages"] if m["code"] == "compare_exchange_rate")
    assert rate["params"]["new"] == "0.9200" and rate["params"]["old"] != "0.9200"


def test_order_organisation_and_period_are_named(framework: Framework) -> None:
    old, new = read(GD_OLD), read(GD_NEW)
    new["organisation"] = "Another plant (illustrative)"
    new["period_start_month"] = 4
    comparison = compare_valid(framework, new, old)  # the later year given first
    assert {"compare_year_order", "compare_organisation_differs", "compare_period_differs"} <= codes(comparison)
    assert comparison["total"]["change"] == pytest.approx(-14.75)  # still compared, with the warnings


# --- the three outputs and three languages --------------------------------------------------------------------------


@pytest.mark.usefixtures("session_framework")
def test_cli_json_is_the_comparison(framework: Framework, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(HK_OLD), str(HK_NEW), "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(calculator.compare(framework, read(HK_OLD), read(HK_NEW))))
    assert printed["format"] == "gmi-comparison"
    assert (
        json.loads(calculator.compare_json(framework, HK_OLD.read_text("utf-8"), HK_NEW.read_text("utf-8"))) == printed
    )


@pytest.mark.usefixtures("session_framework")
@pytest.mark.parametrize("language", LANGUAGES)
def test_cli_csv(capsys: pytest.CaptureFixture[str], language: str) -> None:
    assert main(["compare", str(GD_OLD), str(GD_NEW), "--format", "csv", "--lang", language]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["section", "id", "name", "old", "new", "change", "unit", "note"]
    table = {(row[0], row[1]): row for row in rows[1:]}
    assert table[("total", "total")][3:6] == ["47.18", "61.93", "14.75"]
    assert table[("carbon", "total_t")][3:6] == ["8420.071", "8108.649", "-311.422"]
    assert table[("carbon", "grid_factor_t")][5] == "0.000"
    assert table[("indicator_points", "green-design")][7] == "improved"
    assert table[("message", "compare_same_factor")][7] == "warning"
    if language != "en":
        assert CJK.search(table[("total", "total")][2])


@pytest.mark.usefixtures("session_framework")
@pytest.mark.parametrize("language", LANGUAGES)
def test_cli_text_in_three_languages(capsys: pytest.CaptureFixture[str], language: str) -> None:
    assert main(["compare", str(HK_OLD), str(HK_NEW), "--lang", language]) == 0
    out = capsys.readouterr().out
    words = {
        "en": ("Year-on-year comparison", "Newly answered", "of which due to the grid factor", "37.98 → 45.13"),
        "zh-hant": ("按年比較", "新增作答", "其中因電網排放因子變化", "37.98 → 45.13"),
        "zh-hans": ("年度对比", "新增作答", "其中由电网排放因子变化引起", "37.98 → 45.13"),
    }[language]
    for word in words:
        assert word in out, (language, word)
    assert "{" not in out and "compare_" not in out
    assert "-236.725" in out  # the carbon change, by hand in test_on_paper


@pytest.mark.usefixtures("session_framework")
def test_cli_refuses_an_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["compare", str(broken), str(HK_NEW), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["valid"] is False
    assert "broken.json" in captured.err and "Traceback" not in captured.err
    assert main(["compare", str(HK_OLD), str(tmp_path / "missing.json")]) == 1
    assert "Later assessment" in capsys.readouterr().out


def test_compare_json_never_raises(framework: Framework) -> None:
    result = json.loads(calculator.compare_json(framework, "{", "[1, NaN]"))
    assert result["valid"] is False
    assert [m["field"] for m in result["messages"]] == ["compare_old", "compare_new"]
    assert result["old"]["messages"][0]["code"] == "file_not_json"


@pytest.mark.parametrize("pair", [(HK_OLD, HK_NEW), (GD_OLD, GD_NEW)], ids=["hk", "gd"])
def test_grid_factor_and_own_change_add_up_for_any_years(framework: Framework, pair: tuple[Path, Path]) -> None:
    """For every pair of reporting years 2018-2026, the two parts make the whole change, and the grid part is zero
    exactly when both years take the same published factor (then the comparison says so)."""
    old, new = read(pair[0]), read(pair[1])
    for old_year in range(2018, 2027):
        for new_year in range(old_year + 1, 2027):
            old["reporting_year"], new["reporting_year"] = old_year, new_year
            comparison = compare_valid(framework, old, new)
            carbon = comparison["carbon"]
            assert carbon["grid_factor_t"] + carbon["own_t"] == pytest.approx(carbon["total_t"]["change"], abs=2e-3)
            per_output = carbon["grid_factor_per_10k_rmb"] + carbon["own_per_10k_rmb"]
            assert per_output == pytest.approx(carbon["per_10k_rmb"]["change"], abs=2e-4)
            (factor,) = carbon["factors"]
            same = factor["old_value"] == factor["new_value"]
            assert (carbon["grid_factor_t"] == 0) is same, (old_year, new_year)
            assert ("compare_same_factor" in codes(comparison)) is same
            assert ("compare_grid_factor" in codes(comparison)) is not same
