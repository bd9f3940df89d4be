"""The comparison object of two hand-built pairs, field by field (mutants of calculator/compare.py).

Every expected figure is worked out by hand from ``indicators/`` (factors.yaml, the general and food benchmarks of
dimensions/*.yaml, GB/T 2589 0.1229 kgce/kWh) and the rules of compare.py's docstring; the arithmetic is written
next to it.  The pairs themselves are in ``tests/data/engine/mutants_compare.json``.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

import calculator
from calculator import Framework
from tests.engine.engine_support import load_cases

PAIRS: dict[str, dict[str, Any]] = load_cases("mutants_compare.json")["pairs"]
STARTING = {"band": "starting", "rated": True, "reason": None}
UNANSWERED = {"status": "unanswered", "value": None, "points": 0.0}


def pair(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    return copy.deepcopy(PAIRS[name]["old"]), copy.deepcopy(PAIRS[name]["new"])


def state(status: str, value: float | None, points: float, benchmark_set: str | None = "general") -> dict[str, Any]:
    entry: dict[str, Any] = {"status": status, "value": value, "points": points}
    if benchmark_set is not None:
        entry["benchmark_set"] = benchmark_set
    return entry


def item(
    head: tuple[str, int, str, str, str, float],
    old: dict[str, Any],
    new: dict[str, Any],
    changes: tuple[float | None, float | None, bool, str],
) -> dict[str, Any]:
    """One entry of ``indicators``: (id, number, dimension, type, unit, max), both states, and (value_change,
    points_change, comparable, change)."""
    indicator_id, number, dimension, kind, unit, most = head
    value_change, points_change, comparable, change = changes
    return {
        "id": indicator_id,
        "number": number,
        "dimension": dimension,
        "type": kind,
        "unit": unit,
        "max": most,
        "old": old,
        "new": new,
        "value_change": value_change,
        "points_change": points_change,
        "comparable": comparable,
        "change": change,
    }


def unanswered(head: tuple[str, int, str, str, str, float], benchmark_set: str | None = "general") -> dict[str, Any]:
    blank = state("unanswered", None, 0.0, benchmark_set)
    return item(head, blank, dict(blank), (None, 0.0, True, "unanswered"))


def pair_of(old: float | None, new: float | None, change: float | None, percent: float | None) -> dict[str, Any]:
    return {"old": old, "new": new, "change": change, "percent": percent}


HEADS = {
    "energy-intensity": ("energy-intensity", 1, "energy", "quantitative", "tce_per_10k_rmb", 8.0),
    "carbon-intensity": ("carbon-intensity", 2, "energy", "quantitative", "tco2e_per_10k_rmb", 8.0),
    "renewable-share": ("renewable-share", 3, "energy", "quantitative", "percent", 8.0),
    "energy-carbon-platform": ("energy-carbon-platform", 4, "energy", "count", "functions", 6.0),
    "material-intensity": ("material-intensity", 5, "resources", "quantitative", "t_per_10k_rmb", 8.0),
    "water-intensity": ("water-intensity", 6, "resources", "quantitative", "m3_per_10k_rmb", 8.0),
    "water-reuse": ("water-reuse", 7, "resources", "quantitative", "percent", 8.0),
    "solid-waste-utilisation": ("solid-waste-utilisation", 8, "resources", "quantitative", "percent", 6.0),
    "process-equipment": ("process-equipment", 9, "clean", "qualitative", "level", 6.0),
    "retrofit-investment": ("retrofit-investment", 10, "clean", "quantitative", "percent", 4.0),
    "pollutant-intensity": ("pollutant-intensity", 11, "clean", "quantitative", "kg_per_10k_rmb", 6.0),
    "green-design": ("green-design", 12, "products", "qualitative", "level", 8.0),
    "product-carbon-footprint": ("product-carbon-footprint", 13, "products", "qualitative", "level", 8.0),
    "land-output": ("land-output", 14, "land", "quantitative", "rmb10k_per_m2", 8.0),
}


def side(**fields: Any) -> dict[str, Any]:
    """A side of a valid comparison: the file as saved and as scored (defaults: a version-2 RMB file of GD)."""
    base: dict[str, Any] = {
        "valid": True,
        "format_version": 2,
        "framework_edition": "2026",
        "messages": [],
        "organisation": "Plant A",
        "sector": None,
        "region": "GD",
        "benchmark_set": "general",
        "period_start_month": 1,
        "money_unit": "rmb",
        "exchange_rate": None,
        "rating": STARTING,
        "currency": "RMB",
        "rmb_per_unit": 1.0,
    }
    base.update(fields)
    return base


def warning(code: str, field: str, params: dict[str, Any]) -> dict[str, Any]:
    return {"code": code, "field": field, "params": params, "severity": "warning"}


def test_the_simple_pair_field_by_field(framework: Framework) -> None:
    """GD, 2022 -> 2023.  Output 10 000 000 -> 12 500 000 RMB = 1 000 -> 1 250 (RMB 10k).

    Electricity 100 000 -> 90 000 kWh: energy 12.29 -> 11.061 tce (x 0.1229 / 1000); CO2 at the grid factor of the
    year, 0.4403 (2022) -> 0.4419 (2023): 44.03 -> 39.771 t.  Later activity at the earlier factor: 90 000 x 0.4403
    / 1000 = 39.627 t, so grid = 39.771 - 39.627 = 0.144 and own = 39.627 - 44.03 = -4.403.
    Per RMB 10k: 0.04403 -> 0.0318168 (at the earlier factor 0.0317016): grid 0.0001152 -> 0.0001, own -0.0123284.
    Points (general set): energy 0.01229 / 0.0088488 <= 0.05 and carbon 0.04403 / 0.0318168 <= 0.18: 8 both years,
    so "improved" by the value (lower is better); water 2000 / 1000 = 2.0 (= leading: 8) -> 5000 / 1250 = 4.0:
    (7.3 - 4) / (7.3 - 2) x 8 = 4.98113 -> 4.98; platform 4 of 8 functions: 3 both; process equipment level 2 of 3:
    4 -> unanswered; green design level 1 -> 2: 2.67 -> 5.33 (change of the shown figures 2.66); land output
    1250 / 1000 = 1.25: (1.25 - 0.3) / (1.5 - 0.3) x 8 = 6.3333 (newly answered).
    Totals 8 + 8 + 3 + 8 + 4 + 2.67 = 33.67 -> 8 + 8 + 3 + 4.98 + 5.33 + 6.33 = 35.65 (+1.98); both below 40.
    """
    old, new = pair("simple")
    comparison = calculator.compare(framework, old, new)
    indicators = [
        item(
            HEADS["energy-intensity"],
            state("scored", 0.0123, 8.0),
            state("scored", 0.0088, 8.0),
            (-0.0035, 0.0, True, "improved"),
        ),
        item(
            HEADS["carbon-intensity"],
            state("scored", 0.044, 8.0),
            state("scored", 0.0318, 8.0),
            (-0.0122, 0.0, True, "improved"),
        ),
        unanswered(HEADS["renewable-share"]),
        item(
            HEADS["energy-carbon-platform"],
            state("scored", 4, 3.0),
            state("scored", 4, 3.0),
            (0.0, 0.0, True, "unchanged"),
        ),
        unanswered(HEADS["material-intensity"]),
        item(
            HEADS["water-intensity"],
            state("scored", 2.0, 8.0),
            state("scored", 4.0, 4.98),
            (2.0, -3.02, True, "worsened"),
        ),
        unanswered(HEADS["water-reuse"]),
        unanswered(HEADS["solid-waste-utilisation"]),
        item(
            HEADS["process-equipment"],
            state("scored", 2, 4.0, None),
            dict(UNANSWERED),
            (None, -4.0, True, "no_longer_answered"),
        ),
        unanswered(HEADS["retrofit-investment"]),
        unanswered(HEADS["pollutant-intensity"]),
        item(
            HEADS["green-design"],
            state("scored", 1, 2.67, None),
            state("scored", 2, 5.33, None),
            (1, 2.66, True, "improved"),
        ),
        unanswered(HEADS["product-carbon-footprint"], None),
        item(
            HEADS["land-output"],
            state("unanswered", None, 0.0),
            state("scored", 1.25, 6.33),
            (None, 6.33, True, "newly_answered"),
        ),
    ]
    expected: dict[str, Any] = {
        "format": "gmi-comparison",
        "format_version": 1,
        "framework_edition": "2026",
        "valid": True,
        "messages": [warning("compare_grid_factor", "factor_year", {"old": [2022], "new": [2023]})],
        "old": side(reporting_year=2022, total=33.67, factor_year=2022),
        "new": side(reporting_year=2023, total=35.65, factor_year=2023),
        "total": {"max": 100.0, "old": 33.67, "new": 35.65, "change": 1.98, "comparable": True},
        "rating": {"old": STARTING, "new": STARTING},
        "dimensions": [
            # percent of the dimension's points, one decimal: 19/30, 8/30 and 4.98/30, 4/16, 2.67/16 and 5.33/16
            {"id": "energy", "max": 30.0, "old": 19.0, "new": 19.0, "change": 0.0},
            {"id": "resources", "max": 30.0, "old": 8.0, "new": 4.98, "change": -3.02},
            {"id": "clean", "max": 16.0, "old": 4.0, "new": 0.0, "change": -4.0},
            {"id": "products", "max": 16.0, "old": 2.67, "new": 5.33, "change": 2.66},
            {"id": "land", "max": 8.0, "old": 0.0, "new": 6.33, "change": 6.33},
        ],
        "indicators": indicators,
        "changes": {
            "improved": ["energy-intensity", "carbon-intensity", "green-design"],
            "worsened": ["water-intensity"],
            "unchanged": ["energy-carbon-platform"],
            "newly_answered": ["land-output"],
            "no_longer_answered": ["process-equipment"],
            "unanswered": [
                "renewable-share",
                "material-intensity",
                "water-reuse",
                "solid-waste-utilisation",
                "retrofit-investment",
                "pollutant-intensity",
                "product-carbon-footprint",
            ],
            "not_comparable": [],
        },
        "carbon": {
            "comparable": True,
            # -4.259 / 44.03 = -9.67 %; scope 1 is 0 in both years, so no percent (a change from zero has none)
            "total_t": pair_of(44.03, 39.771, -4.259, -9.7),
            "scope1_t": pair_of(0.0, 0.0, 0.0, None),
            "scope2_t": pair_of(44.03, 39.771, -4.259, -9.7),
            # 0.0318168 - 0.04403 = -0.0122132, / 0.04403 = -27.74 %
            "per_10k_rmb": pair_of(0.044, 0.0318, -0.0122, -27.7),
            "factors": [
                {
                    "factor": "elec_gd",
                    "old_year": 2022,
                    "old_published": 2022,
                    "old_value": 0.4403,
                    "new_year": 2023,
                    "new_published": 2023,
                    "new_value": 0.4419,
                }
            ],
            "grid_factor_t": 0.144,
            "own_t": -4.403,
            "grid_factor_per_10k_rmb": 0.0001,
            "own_per_10k_rmb": -0.0123,
        },
        # 11.061 - 12.29 = -1.229 (-10 %); 0.0088488 - 0.01229 = -0.0034412 (-28.0 %)
        "energy": {
            "tce": pair_of(12.29, 11.061, -1.229, -10.0),
            "per_10k_rmb": pair_of(0.0123, 0.0088, -0.0034, -28.0),
        },
        # 2000 -> 5000 m3 (+150 %); 2.0 -> 4.0 per RMB 10k (+100 %)
        "water": {"m3": pair_of(2000.0, 5000.0, 3000.0, 150.0), "per_10k_rmb": pair_of(2.0, 4.0, 2.0, 100.0)},
        "output": {"rmb10k": pair_of(1000.0, 1250.0, 250.0, 25.0)},
        # six answered of 14 in both years (6 / 14 = 42.857 %); the gate's four answers in both
        "completeness": {
            "total": 14,
            "answered": pair_of(6, 6, 0, 0.0),
            "percent": pair_of(42.9, 42.9, 0.0, 0.0),
            "gate_answered": pair_of(4, 4, 0, 0.0),
            "gate_total": 4,
        },
    }
    percents = {"energy": (63.3, 63.3), "resources": (26.7, 16.6), "clean": (25.0, 0.0)}
    percents |= {"products": (16.7, 33.3), "land": (0.0, 79.2)}
    for dimension in expected["dimensions"]:
        dimension["old_percent"], dimension["new_percent"] = percents[dimension["id"]]
        dimension["comparable"] = True
    assert comparison == expected


def test_every_qualification_at_once(framework: Framework) -> None:
    """HK 2025 (version 1, no edition, HKD at 0.92, food set) against GD 2024 (USD at 7.1, general set, April start).

    Output 1 000 000 HK$ x 0.92 / 10 000 = 92 and 200 000 US$ x 7.1 / 10 000 = 142 (RMB 10k).  Energy 50 000 kWh x
    0.1229 / 1000 = 6.145 tce both: 0.066793 -> 0.043275 per RMB 10k (-0.023518, -35.2 %).  The food set has its own
    energy and water intensity values (0.15 -> 0.06: (0.15 - 0.066793) / 0.09 x 8 = 7.396 -> 7.40; water 30 -> 10),
    so those two indicators are not compared by points, nor energy and resources, nor the total; their values are.
    Carbon: 50 000 x 0.39 (CLP 2023, for 2025) / 1000 = 19.5 t and 50 000 x 0.4419 (Guangdong 2023: April 2023 -
    March 2024 holds 9 months of 2023) / 1000 = 22.095 t; different regions, so not compared at all.
    Water 100 m3 both: 100 / 92 = 1.08696 -> 100 / 142 = 0.704225 (-0.382734, -35.2 %).
    """
    old, new = pair("across")
    comparison = calculator.compare(framework, old, new)
    assert comparison["valid"] is True
    assert comparison["messages"] == [
        {"code": "compare_format_differs", "field": "compare_old", "params": {"found": 1, "expected": 2}}
        | {"severity": "warning"},
        warning("compare_edition_differs", "framework_edition", {"old": "–", "new": "2026", "expected": "2026"}),
        warning("compare_year_order", "reporting_year", {"old": 2025, "new": 2024}),
        warning("compare_organisation_differs", "organisation", {"old": "Old name", "new": "New name"}),
        warning("compare_period_differs", "period_start_month", {"old": 1, "new": 4}),
        warning("compare_region_differs", "region", {"old_region": "HK", "new_region": "GD"}),
        warning("compare_money_differs", "money_unit", {"old_money": "hkd", "new_money": "usd"}),
        warning("compare_exchange_rate", "exchange_rate", {"old": "0.9200", "new": "7.1000"}),
        warning(
            "compare_benchmarks_differ",
            "benchmark_set",
            {
                "old_set": "food",
                "new_set": "general",
                "indicators": ["indicators.energy-intensity", "indicators.water-intensity"],
            },
        ),
    ]
    old_side = comparison["old"]
    assert old_side == side(
        format_version=1,
        framework_edition=None,
        organisation="Old name",
        region="HK",
        reporting_year=2025,
        benchmark_set="food",
        money_unit="hkd",
        exchange_rate=0.92,
        total=30.18,  # 7.40 + 6.78 (carbon 19.5 / 92 = 0.211957: (0.39 - 0.211957) / 0.21 x 8) + 8 + 8
        factor_year=2025,
        currency="HKD",
        rmb_per_unit=0.92,
        messages=calculator.score(framework, old)["messages"],  # the file's own, as scored
    )
    assert comparison["new"] == side(
        organisation="New name",
        reporting_year=2024,
        period_start_month=4,
        money_unit="usd",
        exchange_rate=7.1,
        total=32.0,
        factor_year=2023,
        currency="USD",
        rmb_per_unit=7.1,
    )
    assert comparison["total"] == {"max": 100.0, "old": 30.18, "new": 32.0, "change": None, "comparable": False}
    assert [(d["id"], d["old"], d["new"], d["change"], d["comparable"]) for d in comparison["dimensions"]] == [
        ("energy", 14.18, 16.0, None, False),
        ("resources", 8.0, 8.0, None, False),
        ("clean", 0.0, 0.0, 0.0, True),
        ("products", 8.0, 8.0, 0.0, True),
        ("land", 0.0, 0.0, 0.0, True),
    ]
    items = {entry["id"]: entry for entry in comparison["indicators"]}
    assert items["energy-intensity"] == item(
        HEADS["energy-intensity"],
        state("scored", 0.0668, 7.4, "food"),
        state("scored", 0.0433, 8.0),
        (-0.0235, None, False, "improved"),
    )
    # the food set gives carbon intensity the general values: same benchmark, but another region's gases
    assert items["carbon-intensity"] == item(
        HEADS["carbon-intensity"],
        state("scored", 0.212, 6.78),
        state("scored", 0.1556, 8.0),
        (None, None, False, "not_comparable"),
    )
    assert items["water-intensity"] == item(
        HEADS["water-intensity"],
        state("scored", 1.087, 8.0, "food"),
        state("scored", 0.7042, 8.0),
        (-0.3828, None, False, "improved"),
    )
    assert items["green-design"] == item(
        HEADS["green-design"],
        state("scored", 3, 8.0, None),
        state("scored", 3, 8.0, None),
        (0, 0.0, True, "unchanged"),
    )
    assert comparison["changes"]["not_comparable"] == ["carbon-intensity"]
    assert comparison["carbon"] == {
        "comparable": False,
        "total_t": pair_of(19.5, 22.095, None, None),
        "scope1_t": pair_of(0.0, 0.0, None, None),
        "scope2_t": pair_of(19.5, 22.095, None, None),
        "per_10k_rmb": pair_of(0.212, 0.1556, None, None),
        "factors": [],
        "grid_factor_t": None,
        "own_t": None,
        "grid_factor_per_10k_rmb": None,
        "own_per_10k_rmb": None,
    }
    assert comparison["energy"] == {
        "tce": pair_of(6.145, 6.145, 0.0, 0.0),
        "per_10k_rmb": pair_of(0.0668, 0.0433, -0.0235, -35.2),
    }
    assert comparison["water"] == {
        "m3": pair_of(100.0, 100.0, 0.0, 0.0),
        "per_10k_rmb": pair_of(1.087, 0.7042, -0.3827, -35.2),
    }
    assert comparison["output"] == {"rmb10k": pair_of(92.0, 142.0, 50.0, 54.3)}  # 50 / 92 = 54.35 %


def test_values_decide_when_points_stay(framework: Framework) -> None:
    """GD 2024 -> 2025 (both take the 2023 grid factor 0.4419), general -> electronics (no values of its own).

    Output 1 000 both.  Electricity + on-site PV 60 000 + 40 000 -> 100 000 + 100 000 kWh: energy 12.29 -> 24.58
    tce, 0.01229 -> 0.02458 per RMB 10k (still <= 0.05: 8 points) - worse, lower is better; renewable share 40 % ->
    50 % (>= 30: 8 points) - better, higher is better; CO2 60 000 -> 100 000 kWh x 0.4419 / 1000 = 26.514 -> 44.19
    t (0.026514 -> 0.04419 <= 0.18: 8 points) - worse.  Same factor both years: no grid part (0), the whole change
    is the factory's own.
    """
    old, new = pair("simple")
    old.update(
        reporting_year=2024, data={"output_value": 10_000_000, "electricity_csg": 60_000, "onsite_renewable": 40_000}
    )
    new.update(reporting_year=2025, benchmark_set="electronics")
    new["data"] = {"output_value": 10_000_000, "electricity_csg": 100_000, "onsite_renewable": 100_000}
    comparison = calculator.compare(framework, old, new)
    assert comparison["messages"] == [
        warning("compare_sets_differ", "benchmark_set", {"old_set": "general", "new_set": "electronics"}),
        warning("compare_same_factor", "factor_year", {"published": [2023], "old": 2024, "new": 2025}),
    ]
    items = {entry["id"]: entry for entry in comparison["indicators"]}
    moves = {key: (items[key]["value_change"], items[key]["points_change"], items[key]["change"]) for key in items}
    assert moves["energy-intensity"] == (0.0123, 0.0, "worsened")  # 0.0246 - 0.0123
    assert moves["renewable-share"] == (10.0, 0.0, "improved")
    assert moves["carbon-intensity"] == (0.0177, 0.0, "worsened")  # 0.0442 - 0.0265
    # the electronics set has no values of its own: the general values were used, and named
    assert items["renewable-share"]["new"] == state("scored", 50.0, 8.0, "general")
    carbon = comparison["carbon"]
    assert carbon["factors"] == [
        {
            "factor": "elec_gd",
            "old_year": 2024,
            "old_published": 2023,
            "old_value": 0.4419,
            "new_year": 2025,
            "new_published": 2023,
            "new_value": 0.4419,
        }
    ]
    assert carbon["total_t"] == pair_of(26.514, 44.19, 17.676, 66.7)  # 17.676 / 26.514 = 66.67 %
    assert (carbon["grid_factor_t"], carbon["own_t"]) == (0.0, 17.676)
    assert (carbon["grid_factor_per_10k_rmb"], carbon["own_per_10k_rmb"]) == (0.0, 0.0177)
    # energy 8 + 8 + 8 + 3 (platform) both years; levels as in the simple pair: + 4 + 2.67 -> + 5.33
    assert comparison["total"] == {"max": 100.0, "old": 33.67, "new": 32.33, "change": -1.34, "comparable": True}


def test_without_output_no_intensity_but_the_split_stays(framework: Framework) -> None:
    """No output value in the later year: no figure per RMB 10k, so neither part of that change; the tonnes split
    still (2022 -> 2023 as in the simple pair: grid 0.144, own -4.403)."""
    old, new = pair("simple")
    del new["data"]["output_value"]
    comparison = calculator.compare(framework, old, new)
    carbon = comparison["carbon"]
    assert (carbon["grid_factor_t"], carbon["own_t"]) == (0.144, -4.403)
    assert (carbon["grid_factor_per_10k_rmb"], carbon["own_per_10k_rmb"]) == (None, None)
    assert carbon["per_10k_rmb"] == pair_of(0.044, None, None, None)
    assert comparison["output"] == {"rmb10k": pair_of(1000.0, None, None, None)}
    assert comparison["water"]["per_10k_rmb"] == pair_of(2.0, None, None, None)


def test_a_supplier_factor_is_the_factorys_own_change(framework: Framework) -> None:
    """The simple pair with 10 000 kWh more in the later year at the supplier's own 0.3 kgCO2e/kWh (+3.0 t): that
    factor is not published by year, so the grid part stays 90 000 x (0.4419 - 0.4403) / 1000 = 0.144 t and the own
    part is 39.771 + 3.0 - 0.144 - 44.03 = -1.403 t."""
    old, new = pair("simple")
    new["data"] |= {"custom_electricity_factor": 0.3, "electricity_custom": 10_000}
    carbon = calculator.compare(framework, old, new)["carbon"]
    assert carbon["total_t"]["new"] == 42.771
    assert (carbon["grid_factor_t"], carbon["own_t"]) == (0.144, -1.403)
    assert [entry["factor"] for entry in carbon["factors"]] == ["elec_gd"]


def test_two_files_that_cannot_be_scored(framework: Framework) -> None:
    """Neither file can be scored: both are named, each with its own problems, and nothing is compared."""
    _, new = pair("simple")
    new["data"]["water_withdrawal_m3"] = -1
    comparison = calculator.compare(framework, ["not", "an", "assessment"], new)
    assert comparison == {
        "format": "gmi-comparison",
        "format_version": 1,
        "framework_edition": "2026",
        "valid": False,
        "messages": [
            {"code": "compare_invalid_file", "field": "compare_old", "params": {}, "severity": "error"},
            {"code": "compare_invalid_file", "field": "compare_new", "params": {}, "severity": "error"},
        ],
        "old": {
            "valid": False,
            "format_version": None,
            "framework_edition": None,
            "messages": calculator.score(framework, ["not", "an", "assessment"])["messages"],
        },
        "new": {
            "valid": False,
            "format_version": 2,
            "framework_edition": "2026",
            "messages": calculator.score(framework, new)["messages"],
        },
    }
    assert comparison["new"]["messages"]  # the negative water withdrawal


@pytest.mark.parametrize("which", ["old", "new"])
def test_one_file_that_cannot_be_scored(framework: Framework, which: str) -> None:
    raws = dict(zip(("old", "new"), pair("simple"), strict=True))
    raws[which]["data"]["water_withdrawal_m3"] = -1
    comparison = calculator.compare(framework, raws["old"], raws["new"])
    field = {"old": "compare_old", "new": "compare_new"}[which]
    assert comparison["messages"] == [
        {"code": "compare_invalid_file", "field": field, "params": {}, "severity": "error"}
    ]
    assert comparison["valid"] is False and "total" not in comparison


def rounded_pair(old: float, new: float, digits: int) -> dict[str, Any]:
    """``{old, new, change, percent}`` of two hand figures, rounded as the comparison shows them."""
    change = new - old
    return pair_of(round(old, digits), round(new, digits), round(change, digits), round(100 * change / abs(old), 1))


def test_uneven_figures_keep_their_decimals(framework: Framework) -> None:
    """GD 2022 -> 2023 with figures that do not round off: two grid lines (Guangdong 0.4403 -> 0.4419 and the
    national average 0.5366 -> 0.5306, both by year), diesel (2.6006 kgCO2 and 1.2240 kgce per litre, fixed), an
    output and a water withdrawal with decimals.  Tonnes keep three decimals, energy three, water one, output two.
    """
    old, new = pair("simple")
    old["data"] = {
        "output_value": 12_345_678,
        "electricity_csg": 123_456,
        "electricity_cn": 54_321,
        "diesel_stationary": 1_234.5,
        "water_withdrawal_m3": 1_234.56,
    }
    new["data"] = {
        "output_value": 13_579_246,
        "electricity_csg": 111_111,
        "electricity_cn": 65_432,
        "diesel_stationary": 987.6,
        "water_withdrawal_m3": 1_111.11,
    }
    comparison = calculator.compare(framework, old, new)
    scope1 = (1_234.5 * 2.6006 / 1000, 987.6 * 2.6006 / 1000)
    scope2 = ((123_456 * 0.4403 + 54_321 * 0.5366) / 1000, (111_111 * 0.4419 + 65_432 * 0.5306) / 1000)
    totals = (scope1[0] + scope2[0], scope1[1] + scope2[1])
    grid = (111_111 * (0.4419 - 0.4403) + 65_432 * (0.5306 - 0.5366)) / 1000  # the later kWh at both years' factors
    outputs = (1_234.5678, 1_357.9246)
    carbon = comparison["carbon"]
    assert carbon["scope1_t"] == rounded_pair(*scope1, 3)
    assert carbon["scope2_t"] == rounded_pair(*scope2, 3)
    assert carbon["total_t"] == rounded_pair(*totals, 3)
    assert (carbon["grid_factor_t"], carbon["own_t"]) == (round(grid, 3), round(totals[1] - grid - totals[0], 3))
    assert carbon["grid_factor_per_10k_rmb"] == round(grid / outputs[1], 4)
    assert carbon["own_per_10k_rmb"] == round((totals[1] - grid) / outputs[1] - totals[0] / outputs[0], 4)
    assert [entry["factor"] for entry in carbon["factors"]] == ["elec_cn", "elec_gd"]
    energy = (
        ((123_456 + 54_321) * 0.1229 + 1_234.5 * 1.2240) / 1000,
        ((111_111 + 65_432) * 0.1229 + 987.6 * 1.2240) / 1000,
    )
    assert comparison["energy"]["tce"] == rounded_pair(*energy, 3)
    assert comparison["water"]["m3"] == rounded_pair(1_234.56, 1_111.11, 1)
    assert comparison["output"]["rmb10k"] == rounded_pair(*outputs, 2)
    assert comparison["messages"] == [warning("compare_grid_factor", "factor_year", {"old": [2022], "new": [2023]})]


def test_the_same_factor_in_the_same_year_needs_no_word(framework: Framework) -> None:
    """Both files for 2023: the same published factor, the same year - only the year order is worth a word."""
    old, new = pair("simple")
    old["reporting_year"] = 2023
    comparison = calculator.compare(framework, old, new)
    assert [message["code"] for message in comparison["messages"]] == ["compare_year_order"]
    assert comparison["carbon"]["grid_factor_t"] == 0.0


def test_no_factor_by_year_needs_no_word(framework: Framework) -> None:
    """Diesel only (a fixed factor), 2024 -> 2025: nothing published by year, so no factor is listed or named."""
    old, new = pair("simple")
    old.update(reporting_year=2024, data={"output_value": 10_000_000, "diesel_stationary": 1_000})
    new.update(reporting_year=2025, data={"output_value": 10_000_000, "diesel_stationary": 500})
    comparison = calculator.compare(framework, old, new)
    assert comparison["messages"] == []
    carbon = comparison["carbon"]
    assert carbon["factors"] == []
    # 1000 and 500 L x 2.6006 / 1000: 2.6006 -> 1.3003 t, all of it the factory's own change
    assert carbon["scope1_t"] == pair_of(2.601, 1.300, -1.300, -50.0)
    assert (carbon["grid_factor_t"], carbon["own_t"]) == (0.0, -1.3)


def test_a_year_without_a_footprint_splits_nothing(framework: Framework) -> None:
    """The earlier file has no energy or emission input (no footprint at all): no change, no split."""
    old, new = pair("simple")
    old["data"] = {"output_value": 10_000_000, "water_withdrawal_m3": 2_000}
    carbon = calculator.compare(framework, old, new)["carbon"]
    assert carbon["total_t"] == pair_of(None, 39.771, None, None)
    assert carbon["per_10k_rmb"] == pair_of(None, 0.0318, None, None)
    assert [carbon[key] for key in ("grid_factor_t", "own_t", "grid_factor_per_10k_rmb", "own_per_10k_rmb")] == [
        None
    ] * 4
    # the later year alone: (the footprint is one-sided either way)
    old, new = pair("simple")
    new["data"] = {"output_value": 12_500_000, "water_withdrawal_m3": 5_000}
    carbon = calculator.compare(framework, old, new)["carbon"]
    assert carbon["total_t"] == pair_of(44.03, None, None, None)
    assert (carbon["grid_factor_t"], carbon["own_t"]) == (None, None)


def test_an_earlier_year_without_output_splits_only_tonnes(framework: Framework) -> None:
    """No output value in the earlier year: tonnes split (grid 0.144, own -4.403), the figures per RMB 10k do not."""
    old, new = pair("simple")
    del old["data"]["output_value"]
    carbon = calculator.compare(framework, old, new)["carbon"]
    assert (carbon["grid_factor_t"], carbon["own_t"]) == (0.144, -4.403)
    assert (carbon["grid_factor_per_10k_rmb"], carbon["own_per_10k_rmb"]) == (None, None)


def test_a_later_file_of_an_older_format_is_named(framework: Framework) -> None:
    """The 'across' pair the other way round: the later file is the version-1 one without an edition."""
    old, new = pair("across")
    comparison = calculator.compare(framework, new, old)
    by_code = {message["code"]: message for message in comparison["messages"]}
    assert by_code["compare_format_differs"] == warning(
        "compare_format_differs", "compare_new", {"found": 1, "expected": 2}
    )
    assert by_code["compare_edition_differs"]["params"] == {"old": "2026", "new": "–", "expected": "2026"}
    assert "compare_year_order" not in by_code  # 2024 -> 2025


def test_points_decide_before_the_shown_value(framework: Framework) -> None:
    """Energy 407 250 -> 408 047 kWh x 0.1229 / 1000 = 50.0510 -> 50.1490 tce over 1 000 RMB 10k: 0.050051 and
    0.050149 both show as 0.0501, but the points (general 0.12 -> 0.05) are (0.12 - v) / 0.07 x 8 = 7.9942 -> 7.99
    and 7.9830 -> 7.98: a drop of 0.01 point is a worsening even though the shown value did not move."""
    old, new = pair("simple")
    old["data"] = {"output_value": 10_000_000, "electricity_csg": 407_250}
    new["data"] = {"output_value": 10_000_000, "electricity_csg": 408_047}
    items = {entry["id"]: entry for entry in calculator.compare(framework, old, new)["indicators"]}
    energy = items["energy-intensity"]
    assert (energy["old"]["value"], energy["new"]["value"]) == (0.0501, 0.0501)
    assert (energy["old"]["points"], energy["new"]["points"]) == (7.99, 7.98)
    assert (energy["value_change"], energy["points_change"], energy["change"]) == (0.0, -0.01, "worsened")
